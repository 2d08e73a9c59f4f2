//! Then and now, on the Review page: a reflection written at least a week
//! earlier comes back with its date, and the reader can say whether it
//! still feels true and add a few words. What they add is kept beside the
//! earlier words with today's date, never over them; "Not now" rests it.

use crate::components::choice::{Choice, ChoiceKind};
use crate::components::focus::focus_later;
use crate::components::link::Link;
use crate::components::today::use_zone;
use crate::components::today::{read_clock, Now};
use crate::content::{Lesson, LessonText, Reflection, ReflectionKind};
use crate::model::dates::{format_day, format_local_day};
use crate::model::routes::JOURNAL_PATH;
use crate::model::then_now::{Feel, FollowUp};
use crate::model::workbook::describe_reflection;
use crate::state::use_app_state;
use leptos::html::Div;
use leptos::prelude::*;

/// What happened to the reflection brought back.
#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Open,
    Kept,
    Rested,
}

#[component]
pub fn ThenAndNow(
    lesson: &'static Lesson,
    reflection: &'static Reflection,
    text: LessonText,
    now: Now,
) -> impl IntoView {
    let state = use_app_state();
    let (words, edited) = state
        .progress
        .with_untracked(|p| {
            p.reflection(reflection.id)
                .map(|e| (describe_reflection(reflection, &e.value, text), e.edited))
        })
        .unwrap_or_default();
    let feel = RwSignal::new(None::<Feel>);
    let added = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::Open);
    let done_ref = NodeRef::<Div>::new();
    let verb = match reflection.kind {
        ReflectionKind::Text { .. } => "wrote",
        _ => "answered",
    };
    let keep = move |_| {
        let clock = read_clock();
        let follow_up = FollowUp {
            written: clock.ms,
            feel: feel.get_untracked(),
            text: added.get_untracked(),
        };
        let empty = follow_up.is_empty();
        state
            .progress
            .update(|p| p.add_follow_up(reflection.id, follow_up, clock.day));
        outcome.set(if empty {
            Outcome::Rested
        } else {
            Outcome::Kept
        });
        focus_later(done_ref, None);
    };
    let rest = move |_| {
        state
            .progress
            .update(|p| p.set_aside(reflection.id, read_clock().day));
        outcome.set(Outcome::Rested);
        focus_later(done_ref, None);
    };
    let feelings = move || {
        Feel::ALL
            .iter()
            .map(|f| {
                let f = *f;
                view! {
                    <Choice
                        kind=ChoiceKind::Radio
                        id=format!("feel-{}", f.key())
                        name="feel".to_string()
                        value=f.key().to_string()
                        label=f.label().to_string()
                        checked=Signal::derive(move || feel.get() == Some(f))
                        on_change=Callback::new(move |_| feel.set(Some(f)))
                    />
                }
            })
            .collect_view()
    };
    view! {
        <section class="activity then-now" aria-labelledby="then-now-h">
            <h2 id="then-now-h">"Then and now"</h2>
            <p>{format!("In lesson \u{201c}{}\u{201d}, you were asked:", lesson.title)}</p>
            <p class="prompt">{text.get(reflection.prompt)}</p>
            <p>{format!("On {} you {verb}:", format_day(edited, &use_zone().get()))}</p>
            <blockquote class="reader-text">{words}</blockquote>
            <Show when=move || outcome.get() == Outcome::Open>
                <fieldset>
                    <legend>"Does this still feel true?"</legend>
                    <div class="options">{feelings()}</div>
                </fieldset>
                <label for="then-now-text">"Anything you would add now? (optional)"</label>
                <p class="hint" id="then-now-hint">
                    {format!(
                        "Your earlier words stay as they are. This is kept beside them, dated {}.",
                        format_local_day(now.day),
                    )}
                </p>
                <textarea
                    id="then-now-text"
                    rows="4"
                    aria-describedby="then-now-hint"
                    prop:value=move || added.get()
                    on:input=move |ev| added.set(event_target_value(&ev))
                ></textarea>
                <div class="actions">
                    <button type="button" class="button" on:click=keep>
                        "Keep this beside it"
                    </button>
                    <button type="button" class="button button-secondary" on:click=rest>
                        "Not now"
                    </button>
                </div>
            </Show>
            <div role="status" aria-live="polite" tabindex="-1" node_ref=done_ref>
                {move || match outcome.get() {
                    Outcome::Open => None,
                    Outcome::Kept => {
                        Some(
                            view! {
                                <p>
                                    "Kept beside your earlier words, with today\u{2019}s date. "
                                    <Link href=JOURNAL_PATH>"See both in your journal"</Link> "."
                                </p>
                            }
                                .into_any(),
                        )
                    }
                    Outcome::Rested => {
                        Some(
                            view! { <p>"Set aside for now. It may come back another time."</p> }
                                .into_any(),
                        )
                    }
                }}
            </div>
        </section>
    }
}
