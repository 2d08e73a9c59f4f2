//! The closing page, shown after the last lesson (and open at any time):
//! the journey in brief, the reader's reflections with their then-and-now
//! follow-ups, the "Where I stand" snapshots side by side, how sure they
//! were against how right, what to try next, the workbook and a backup,
//! and review reminders for their own calendar. The reader's words are
//! text nodes, never HTML.

use crate::components::backup_export::ExportBackup;
use crate::components::calibration::{Calibration, SureButMissed};
use crate::components::check::CheckCard;
use crate::components::choice::{Choice, ChoiceKind};
use crate::components::course_text::{Content, WithTexts};
use crate::components::download::download_text;
use crate::components::focus::on_page_shown;
use crate::components::follow_ups::FollowUpList;
use crate::components::help::HELP_PATH;
use crate::components::link::Link;
use crate::components::prose::key_ideas;
use crate::components::stance_chart::StanceChart;
use crate::components::today::read_clock;
use crate::components::today::{read_zone, use_zone};
use crate::components::workbook_download::WorkbookActions;
use crate::content::{lessons, recap, LessonText};
use crate::model::dates::{format_day, iso_day};
use crate::model::ics::{reminders, Every};
use crate::model::routes::Route;
use crate::model::routes::{
    JOURNAL_PATH, OTHER_PATTERNS_PATH, REVIEW_PATH, THERAPIST_PATH, WHERE_I_STAND_PATH,
};
use crate::model::summary::{course_results, sure_but_missed};
use crate::model::workbook::describe_reflection;
use crate::pages::meta;
use crate::router::use_location;
use crate::state::use_app_state;
use leptos::html::H1;
use leptos::prelude::*;

const TITLE: &str = super::meta::COURSE_END;

#[component]
pub fn CourseEnd() -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::new();
    let finished = move || {
        state
            .progress
            .with(|p| lessons().iter().all(|l| p.is_complete(l.slug)))
    };
    // Built again once the reader's state is here: the page is rendered at
    // build time for a reader with nothing saved, and what it shows then
    // waits, unseen, for a returning reader's own (see index.html).
    let content: Content = Box::new(move |texts: Vec<LessonText>| {
        let looking_back = move || {
            state.ready.track();
            view! {
                <div data-new-reader="">
                    <LookingBack texts=texts.clone() heading=heading />
                </div>
            }
        };
        looking_back.into_any()
    });
    view! {
        <div class="page course-end">
            <h1 tabindex="-1" node_ref=heading>
                {TITLE}
            </h1>
            <p class="lead" data-new-reader="">
                {move || {
                    if finished() {
                        "You have finished all seven lessons. Thank you for giving this your time. Here is your journey in brief, with what you wrote and noticed along the way."
                    } else {
                        "Your journey so far, with what you wrote and noticed along the way. It fills in as you finish the lessons."
                    }
                }}
            </p>
            <p class="hint">"Everything on this page stays in this browser."</p>
            <WithTexts
                lessons=meta::texts_shown_first(&Route::CourseEnd)
                title=TITLE
                heading=heading
                loading="Loading your look back\u{2026}"
                failed="This page did not load"
                content=content
            />
        </div>
    }
}

/// Everything below the introduction, once every lesson's text is here
/// (`texts` is in reading order, then the recap's).
#[component]
fn LookingBack(texts: Vec<LessonText>, heading: NodeRef<H1>) -> impl IntoView {
    on_page_shown(TITLE, heading);
    let state = use_app_state();
    // The recap's questions, asked like a lesson's, with its own text.
    let recap_checks = texts.last().copied().map(|text| {
        recap()
            .checks
            .iter()
            .enumerate()
            .map(|(i, check)| view! { <CheckCard check=check number=i + 1 text=text /> })
            .collect_view()
    });
    let journey = lessons()
        .iter()
        .zip(texts.iter().copied())
        .enumerate()
        .map(|(i, (lesson, text))| {
            view! {
                <li>
                    <h3>{format!("Lesson {}: {}", i + 1, lesson.title)}</h3>
                    {key_ideas(lesson, text)}
                </li>
            }
        })
        .collect_view();
    let reflections = {
        let texts = texts.clone();
        move || {
            let written: Vec<_> = state.progress.with(|p| {
                lessons()
                    .iter()
                    .zip(texts.iter().copied())
                    .flat_map(|(lesson, text)| {
                        p.written_reflections(lesson)
                            .map(move |(r, e)| (lesson, r, text, e.clone()))
                            .collect::<Vec<_>>()
                    })
                    .collect()
            });
            if written.is_empty() {
                return view! {
                    <p>
                        "You did not write reflections this time. They stay open in every lesson, whenever you want them."
                    </p>
                }
                .into_any();
            }
            written
                .into_iter()
                .map(|(lesson, r, text, entry)| {
                    view! {
                        <div class="looking-back-reflection">
                            <p class="hint">{lesson.title}</p>
                            <h3 class="looking-back-prompt">{text.get(r.prompt)}</h3>
                            <p class="hint">
                                {format!("Written {}", format_day(entry.edited, &use_zone().get()))}
                            </p>
                            <p class="reader-text">{describe_reflection(r, &entry.value, text)}</p>
                            <FollowUpList reflection_id=r.id />
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    let results = state
        .progress
        .with_untracked(|p| course_results(p, lessons()));
    let missed = state.progress.with_untracked(|p| {
        sure_but_missed(p, lessons())
            .into_iter()
            .filter_map(|(lesson, check)| {
                let i = lessons().iter().position(|l| l.slug == lesson.slug)?;
                Some((lesson, check, texts[i]))
            })
            .collect::<Vec<_>>()
    });
    let has_takes = move || state.progress.with(|p| !p.takes.is_empty());
    view! {
        <section aria-labelledby="journey-h">
            <h2 id="journey-h">"The journey in brief"</h2>
            <ol class="journey">{journey}</ol>
        </section>
        <section aria-labelledby="reflections-h">
            <h2 id="reflections-h">"Your reflections, then and now"</h2>
            {reflections}
        </section>
        <section aria-labelledby="stand-h">
            <h2 id="stand-h">"Where you stand"</h2>
            <Show
                when=has_takes
                fallback=|| {
                    view! {
                        <p>
                            "You have not taken the \u{201c}Where I stand\u{201d} snapshot. It takes a couple of minutes, and it is just for you. "
                            <Link href=WHERE_I_STAND_PATH>"Take the snapshot"</Link>
                        </p>
                    }
                }
            >
                <StanceChart />
                <p>
                    <Link href=WHERE_I_STAND_PATH>
                        "Take the snapshot again, and see it beside the others"
                    </Link>
                </p>
            </Show>
        </section>
        <section aria-labelledby="how-sure-h" id="how-sure">
            <h2 id="how-sure-h">"How sure were you?"</h2>
            <p>"Your first tries across the course, grouped by how sure you said you were."</p>
            <Calibration results=results />
            <SureButMissed missed=missed />
        </section>
        <section aria-labelledby="recap-h" id="recap">
            <h2 id="recap-h">"Putting it together"</h2>
            <p>
                "Some everyday moments, each from a different part of the course. For each one, choose the idea that fits it best. There is no score: it is a chance to see how the ideas fit together."
            </p>
            {recap_checks}
        </section>
        <section aria-labelledby="next-h">
            <h2 id="next-h">"What to try next"</h2>
            <ul>
                <li>
                    "Notice one moment this week when someone close to you shows a feeling without words. Try naming what you think they feel, gently, and ask if you got it right."
                </li>
                <li>
                    "When you feel the pull to hold on tight or to step back, pause for a breath and name the feeling to yourself first."
                </li>
                <li>
                    "Keep the ideas fresh: a few minutes of " <Link href=REVIEW_PATH>"review"</Link>
                    " now and then brings them back just as they start to fade."
                </li>
                <li>
                    "Come back to your " <Link href=JOURNAL_PATH>"journal"</Link>
                    " in a few weeks and see what has changed."
                </li>
                <li>
                    "If you would like to keep going with someone alongside you, "
                    <Link href=THERAPIST_PATH>"finding a therapist"</Link>
                    " has ideas for where to start and what to ask. If neither pattern fitted you, see "
                    <Link href=OTHER_PATTERNS_PATH>"when neither pattern fits"</Link> "."
                </li>
                <li>
                    "If something here stirred up something heavy, you do not have to carry it alone. "
                    <Link href=HELP_PATH>"Where to find help"</Link>
                </li>
            </ul>
        </section>
        <section aria-labelledby="keep-h">
            <h2 id="keep-h">"Keep what you made"</h2>
            <p>"Your workbook holds the key ideas with your own answers and reflections."</p>
            <WorkbookActions />
            <p>"A backup file keeps all of it safe, and lets you move it to another browser."</p>
            <ExportBackup secondary=true />
        </section>
        <Reminders />
    }
}

/// "Add review reminders to my calendar": an .ics file made here, in the
/// click, holding only a link to the Review page and the times chosen.
#[component]
fn Reminders() -> impl IntoView {
    let location = use_location();
    let every = RwSignal::new(Every::ThreeDays);
    let time = RwSignal::new("19:00".to_string());
    let said = RwSignal::new(None::<String>);
    let add =
        move |_| {
            let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
                return;
            };
            let url = format!("{origin}{}", location.href(REVIEW_PATH));
            let now = read_clock();
            let (hour, minute) = time
                .get_untracked()
                .split_once(':')
                .and_then(|(h, m)| Some((h.parse().ok()?, m.parse().ok()?)))
                .unwrap_or((19, 0));
            let file = reminders(
                &url,
                now.day + 1,
                hour,
                minute,
                every.get_untracked(),
                now.ms,
            );
            said.set(Some(
            match download_text(
                &format!("attune-review-reminders-{}.ics", iso_day(now.ms, &read_zone())),
                "text/calendar",
                &file,
            ) {
                Ok(()) => {
                    "The file is downloading. Open it to add the reminders to your calendar app."
                        .to_string()
                }
                Err(e) => format!("The file could not be made ({e}). Nothing was changed."),
            },
        ));
        };
    let choices = Every::ALL
        .iter()
        .map(|e| {
            let e = *e;
            view! {
                <Choice
                    kind=ChoiceKind::Radio
                    id=format!("every-{}", e.key())
                    name="every".to_string()
                    value=e.key().to_string()
                    label=e.label().to_string()
                    checked=Signal::derive(move || every.get() == e)
                    on_change=Callback::new(move |_| every.set(e))
                />
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="remind-h">
            <h2 id="remind-h">"Review reminders"</h2>
            <p>
                "Your calendar can remind you to come back for a few minutes of review. The file holds a link to your Review page and the times you choose, and nothing you wrote. Skip a reminder whenever you like: nothing is lost."
            </p>
            <fieldset>
                <legend>"How often?"</legend>
                <div class="options">{choices}</div>
            </fieldset>
            <p>
                <label for="remind-time">"At what time? "</label>
                <input
                    type="time"
                    id="remind-time"
                    prop:value=move || time.get()
                    on:change=move |ev| time.set(event_target_value(&ev))
                />
            </p>
            <div class="actions">
                <button type="button" class="button" on:click=add>
                    "Add review reminders to my calendar"
                </button>
            </div>
            <p role="status">{move || said.get()}</p>
        </section>
    }
}
