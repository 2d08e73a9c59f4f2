//! Review: what is due today, one item at a time. Recall first (a key
//! idea's recall question, or a knowledge check with its options in a new
//! order), then the reader says how it went and the item's next date is
//! set (`model::review`). Review answers are never recorded as the lesson's
//! answers. Below, on a day with one, a reflection written at least a week
//! earlier comes back (`then_now`).

use crate::components::check::{explanation, partial_note};
use crate::components::check_help::{came_back_from_passage, HelpBeforeAnswer};
use crate::components::choice::{Choice, ChoiceKind};
use crate::components::course_text::{Content, WithTexts};
use crate::components::focus::{focus_later, on_page_shown};
use crate::components::link::Link;
use crate::components::then_now::ThenAndNow;
use crate::components::today::{read_clock, use_today, Now};
use crate::content::{CheckKind, Lesson, LessonText};
use crate::model::dates::format_local_day;
use crate::model::grading::grade;
use crate::model::review::{
    due_today, next_due_after, next_interval, next_interval_after_help, shuffled, waiting, Card,
    Item, Rating,
};
use crate::model::routes::{lesson_anchor_path, section_anchor, REVIEW_PATH, WHERE_I_STAND_PATH};
use crate::model::then_now::comes_back;
use crate::state::use_app_state;
use leptos::html::{Div, H1};
use leptos::prelude::*;

const TITLE: &str = super::meta::REVIEW;

/// Where the course's practice for the moment itself is: the lesson and
/// its section (`tests/content.rs` checks that both exist).
pub const PRACTICE: (&str, &str) = ("anxious-attachment-and-intimacy", "in-the-moment");

#[component]
pub fn ReviewPage() -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    let today = use_today();
    view! {
        <div class="page review">
            <h1 tabindex="-1" node_ref=heading>
                {TITLE}
            </h1>
            <p class="lead">
                "A few ideas from the lessons you finished, brought back so they stay with you. There is no rush: a day you skip only moves things to a later day."
            </p>
            <p class="review-hard">
                <strong>"When it is hard: "</strong>
                "if a feeling rises fast, here or in your day, "
                <Link href=lesson_anchor_path(
                    PRACTICE.0,
                    &section_anchor(PRACTICE.1),
                )>"a short practice for the moment itself"</Link>
                " can help you settle before you choose what to do."
            </p>
            {move || today.get().map(|now| view! { <Session now=now heading=heading /> })}
        </div>
    }
}

/// Today's items and the reflection that comes back, decided once as the
/// page opens (so nothing moves while the reader works), with the texts of
/// their lessons.
#[component]
fn Session(now: Now, heading: NodeRef<H1>) -> impl IntoView {
    let state = use_app_state();
    let (queue, back) = state.progress.with_untracked(|p| {
        let queue: Vec<(String, Item)> = due_today(p, now.day)
            .into_iter()
            .filter_map(|id| Item::find(&id).map(|item| (id, item)))
            .collect();
        (queue, comes_back(p, now.ms, now.day))
    });
    let mut needed: Vec<&'static Lesson> = Vec::new();
    for lesson in queue
        .iter()
        .map(|(_, item)| item.lesson())
        .chain(back.map(|(l, _)| l))
    {
        if !needed.iter().any(|l| l.slug == lesson.slug) {
            needed.push(lesson);
        }
    }
    let lessons = needed.clone();
    let content: Content = Box::new(move |texts: Vec<LessonText>| {
        let text_of = {
            let lessons = lessons.clone();
            move |lesson: &Lesson| {
                lessons
                    .iter()
                    .position(|l| l.slug == lesson.slug)
                    .map(|i| texts[i])
            }
        };
        let items: Vec<(String, Item, LessonText)> = queue
            .iter()
            .filter_map(|(id, item)| Some((id.clone(), *item, text_of(item.lesson())?)))
            .collect();
        let back = back.and_then(|(l, r)| Some((l, r, text_of(l)?)));
        view! { <Queue now=now items=items back=back heading=heading /> }.into_any()
    });
    view! {
        <WithTexts
            lessons=needed
            title=TITLE
            heading=heading
            loading="Loading your review\u{2026}"
            failed="Your review did not load"
            content=content
        />
    }
}

#[component]
fn Queue(
    now: Now,
    items: Vec<(String, Item, LessonText)>,
    back: Option<(
        &'static Lesson,
        &'static crate::content::Reflection,
        LessonText,
    )>,
    heading: NodeRef<H1>,
) -> impl IntoView {
    on_page_shown(TITLE, heading);
    let state = use_app_state();
    let total = items.len();
    let at = RwSignal::new(0usize);
    let said = RwSignal::new(String::new());
    let card_ref = NodeRef::<Div>::new();
    let items = StoredValue::new(items);
    let on_rated = Callback::new(move |(id, rating, helped): (String, Rating, bool)| {
        let day = read_clock().day;
        let mut next = 0;
        state.progress.update(|p| {
            if helped {
                p.rate_helped(&id, rating, day);
            } else {
                p.rate(&id, rating, day);
            }
            next = p.review.get(&id).map_or(0, |c| c.interval);
        });
        at.update(|n| *n += 1);
        let left = total.saturating_sub(at.get_untracked());
        said.set(format!(
            "Saved: {}. It comes back {}. {}",
            rating.label(),
            in_days(next),
            match left {
                0 => "That was the last one for today.".to_string(),
                1 => "One more today.".to_string(),
                n => format!("{n} more today."),
            }
        ));
        focus_later(card_ref, Some("h2"));
    });
    let current = move || {
        let i = at.get();
        let item = items.with_value(|all| all.get(i).cloned());
        match item {
            Some((id, item, text)) => view! {
                <p class="review-count">{format!("{} of {total} today", i + 1)}</p>
                <ReviewItem id=id item=item text=text day=now.day on_rated=on_rated />
            }
            .into_any(),
            None => view! { <AllDone total=total day=now.day /> }.into_any(),
        }
    };
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || said.get()}
        </p>
        <div class="review-card" node_ref=card_ref>
            {current}
        </div>
        {back
            .map(|(lesson, reflection, text)| {
                view! { <ThenAndNow lesson=lesson reflection=reflection text=text now=now /> }
            })}
        <section aria-labelledby="stand-h" class="review-more">
            <h2 id="stand-h">"Where I stand"</h2>
            <p>
                "A short snapshot of how some things in your relationships feel right now, just for you. "
                <Link href=WHERE_I_STAND_PATH>
                    "Take the snapshot or look back at earlier ones"
                </Link> "."
            </p>
        </section>
    }
}

/// "tomorrow", "in 3 days".
fn in_days(n: u32) -> String {
    match n {
        0 | 1 => "tomorrow".to_string(),
        n => format!("in {n} days"),
    }
}

/// Nothing (more) due today: when the next ones come, in words, no count
/// of anything missed.
#[component]
fn AllDone(total: usize, day: u32) -> impl IntoView {
    let state = use_app_state();
    let next = state.progress.with_untracked(|p| next_due_after(p, day));
    let rest_waits = state.progress.with_untracked(|p| waiting(p, day));
    let has_items = state.progress.with_untracked(|p| !p.review.is_empty());
    view! {
        <h2 tabindex="-1">
            {if total > 0 { "That is all for today" } else { "Nothing to review today" }}
        </h2>
        <p>
            {match (next, has_items) {
                _ if rest_waits => {
                    "That is plenty for one day. The rest will wait for the coming days, a few at a time."
                        .to_string()
                }
                (Some(d), _) if d == day + 1 => "The next ideas come back tomorrow.".to_string(),
                (Some(d), _) => format!("The next ideas come back on {}.", format_local_day(d)),
                (None, true) => "Everything is reviewed for now.".to_string(),
                (None, false) => {
                    "When you finish a lesson, its key ideas and questions come back here from the next day, a few at a time."
                        .to_string()
                }
            }}
        </p>
        {(!has_items)
            .then(|| {
                view! {
                    <p>
                        <Link href="/" class="button">
                            "Go to the lessons"
                        </Link>
                    </p>
                }
            })}
    }
}

/// One item: recall, then the answer, then how it went.
#[component]
fn ReviewItem(
    id: String,
    item: Item,
    text: LessonText,
    day: u32,
    on_rated: Callback<(String, Rating, bool)>,
) -> impl IntoView {
    let state = use_app_state();
    let (card, lesson_help) = state.progress.with_untracked(|p| {
        let card = p.review.get(&id).cloned().unwrap_or_else(|| Card::new(day));
        (card, p.lesson_help_counts(&id))
    });
    let answered = RwSignal::new(false);
    // Help opened in this review before answering (or the passage, if the
    // reader went to it and came back): the check comes back sooner.
    let helped = RwSignal::new(match item {
        Item::Check(_, check) => came_back_from_passage(check.id),
        Item::Idea(..) => false,
    });
    let lesson = item.lesson();
    let number = crate::content::lesson_by_slug(lesson.slug).map_or(0, |(i, _)| i + 1);
    let from = format!("From lesson {number}: {}", lesson.title);
    let recall = match item {
        Item::Idea(_, idea) => {
            view! { <IdeaRecall idea=idea text=text answered=answered /> }.into_any()
        }
        Item::Check(_, check) => view! {
            <CheckRecall
                check=check
                text=text
                day=day
                id=id.clone()
                answered=answered
                helped=helped
            />
        }
        .into_any(),
    };
    let buttons = move || {
        Rating::ALL
            .iter()
            .map(|rating| {
                let rating = *rating;
                let id = id.clone();
                let after_help = helped.get_untracked();
                let when = in_days(if after_help || lesson_help {
                    next_interval_after_help(&card, rating, day)
                } else {
                    next_interval(&card, rating, day)
                });
                view! {
                    <button
                        type="button"
                        class="button button-secondary rate"
                        on:click=move |_| on_rated.run((id.clone(), rating, after_help))
                    >
                        <strong>{rating.label()}</strong>
                        <span class="rate-hint">
                            {format!("{}; back {when}", rating.meaning())}
                        </span>
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <article class="activity review-item">
            <p class="eyebrow">{from}</p>
            {recall}
            <Show when=move || answered.get()>
                <div class="rating" role="group" aria-labelledby="rate-h">
                    <h3 id="rate-h">"How did it go?"</h3>
                    <div class="rate-buttons">{buttons()}</div>
                </div>
            </Show>
        </article>
    }
}

/// A key idea: its recall question, a box for the reader's recall (not
/// saved: they may just think it), then the idea.
#[component]
fn IdeaRecall(
    idea: &'static crate::content::KeyIdea,
    text: LessonText,
    answered: RwSignal<bool>,
) -> impl IntoView {
    let shown_ref = NodeRef::<Div>::new();
    let show = move |_| {
        answered.set(true);
        focus_later(shown_ref, None);
    };
    view! {
        <h2 tabindex="-1" id="recall-h">
            {text.get(idea.recall)}
        </h2>
        <label for="recall-box">"What comes to mind? (optional)"</label>
        <p class="hint" id="recall-hint">
            "Type it, or just think it through. This box is not saved."
        </p>
        <textarea id="recall-box" rows="3" aria-describedby="recall-hint"></textarea>
        <Show when=move || !answered.get()>
            <div class="actions">
                <button type="button" class="button" on:click=show>
                    "Show the idea"
                </button>
            </div>
        </Show>
        <div class="feedback" role="status" aria-live="polite" tabindex="-1" node_ref=shown_ref>
            <Show when=move || answered.get()>
                <p class="verdict">"The key idea:"</p>
                <p class="key-idea">{text.get(idea.text)}</p>
            </Show>
        </div>
    }
}

/// A knowledge check asked again, options in a new order; the choice is
/// this review's alone (the lesson's recorded answer is untouched).
#[component]
fn CheckRecall(
    check: &'static crate::content::Check,
    text: LessonText,
    day: u32,
    id: String,
    answered: RwSignal<bool>,
    helped: RwSignal<bool>,
) -> impl IntoView {
    let chosen = RwSignal::new(Vec::<String>::new());
    let result = RwSignal::new(None::<Option<bool>>);
    let error = RwSignal::new(None::<&'static str>);
    let feedback_ref = NodeRef::<Div>::new();
    let single = check.kind == CheckKind::Single;
    let kind = if single {
        ChoiceKind::Radio
    } else {
        ChoiceKind::Checkbox
    };
    let options = shuffled(check.options.len(), &id, day)
        .into_iter()
        .map(|i| {
            let option = &check.options[i];
            view! {
                <Choice
                    kind=kind
                    id=format!("review-{}", option.id)
                    name="review-options".to_string()
                    value=option.id.to_string()
                    label=text.get(option.text).to_string()
                    checked=Signal::derive(move || {
                        chosen.with(|c| c.iter().any(|s| s == option.id))
                    })
                    on_change=Callback::new(move |on| {
                        error.set(None);
                        chosen
                            .update(|c| {
                                if single {
                                    c.clear();
                                }
                                c.retain(|s| s != option.id);
                                if on {
                                    c.push(option.id.to_string());
                                }
                            });
                    })
                />
            }
        })
        .collect_view();
    let finish = move |verdict: Option<bool>| {
        result.set(Some(verdict));
        answered.set(true);
        focus_later(feedback_ref, None);
    };
    let on_check = move |_| match grade(check, &chosen.get_untracked()) {
        Ok(g) => finish(Some(g.correct)),
        Err(e) => error.set(Some(e.message())),
    };
    let feedback = move || {
        let verdict = result.get()?;
        let picked = chosen.get_untracked();
        let words = match verdict {
            Some(true) => "Right.".to_string(),
            Some(false) => format!(
                "Not quite.{}",
                partial_note(check, &picked).unwrap_or_default()
            ),
            None => "The answer:".to_string(),
        };
        Some(view! {
            <p class="verdict">{words}</p>
            // The right answers, and why each option the reader chose is
            // right or not.
            <ul class="explanations">
                {check
                    .options
                    .iter()
                    .filter(|o| o.correct || picked.iter().any(|p| p == o.id))
                    .map(|o| explanation(o, text))
                    .collect_view()}
            </ul>
        })
    };
    view! {
        <h2 tabindex="-1" id="recall-h">
            {if check.scenario.is_some() { "A scenario again" } else { "A question again" }}
        </h2>
        {check.scenario.map(|s| view! { <p class="scenario">{text.get(s)}</p> })}
        <fieldset aria-describedby="review-error">
            <legend>{text.get(check.prompt)}</legend>
            <p class="hint">
                {if single { "Choose one answer." } else { "Choose all that apply." }}
            </p>
            <div class="options">{options}</div>
        </fieldset>
        <p class="error" id="review-error">
            {move || error.get()}
        </p>
        <HelpBeforeAnswer
            check=check
            text=text
            id_base="review".to_string()
            back=REVIEW_PATH.to_string()
            on_use=Callback::new(move |_| {
                if result.get_untracked().is_none() {
                    helped.set(true);
                }
            })
        />
        <Show when=move || result.get().is_none()>
            <div class="actions">
                <button type="button" class="button" on:click=on_check>
                    "Check"
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| finish(None)
                >
                    "Show the answer"
                </button>
            </div>
        </Show>
        <div class="feedback" role="status" aria-live="polite" tabindex="-1" node_ref=feedback_ref>
            {feedback}
        </div>
        <p class="hint">
            "Your answer here is for review only: your lesson results stay as they were."
        </p>
    }
}
