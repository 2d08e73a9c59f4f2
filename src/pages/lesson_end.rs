//! The end of a lesson: key ideas, the reader's results and confidence,
//! their reflections, and the way on.

use crate::components::confirm::ConfirmAction;
use crate::components::link::{InPageLink, Link};
use crate::content::{lessons, Lesson, LessonText};
use crate::model::routes::{activity_anchor, lesson_path};
use crate::model::summary::{calibration_note, lesson_results};
use crate::model::workbook::describe_reflection;
use crate::router::use_location;
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn LessonEnd(lesson: &'static Lesson, index: usize, text: LessonText) -> impl IntoView {
    let state = use_app_state();
    let location = use_location();
    let next = lessons().get(index + 1);
    let previous = index.checked_sub(1).and_then(|i| lessons().get(i));

    let results = move || {
        let r = state.progress.with(|p| lesson_results(p, lesson));
        let rows = r
            .by_confidence
            .iter()
            .map(|(c, right, wrong)| {
                view! {
                    <tr>
                        <th scope="row">{c.label()}</th>
                        <td>{*right}</td>
                        <td>{*wrong}</td>
                    </tr>
                }
            })
            .collect_view();
        let has_rows = !r.by_confidence.is_empty();
        view! {
            <p>{results_sentence(r.answered, r.total, r.first_try)}</p>
            {has_rows
                .then(|| {
                    view! {
                        <table class="confidence-table">
                            <caption>"How sure you were, first time"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"You said"</th>
                                    <th scope="col">"Right"</th>
                                    <th scope="col">"Not yet"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                })}
            {calibration_note(&r).map(|note| view! { <p>{note}</p> })}
        }
    };

    let reflections = move || {
        let entries: Vec<_> = state.progress.with(|p| {
            p.written_reflections(lesson)
                .map(|(r, e)| (r, e.value.clone()))
                .collect()
        });
        if entries.is_empty() {
            return view! {
                <p>
                    "You have not written any reflections in this lesson yet. They are optional, and here whenever you want them."
                </p>
            }.into_any();
        }
        view! {
            <ul class="my-reflections">
                {entries
                    .into_iter()
                    .map(|(r, value)| {
                        let shown = describe_reflection(r, &value, text);
                        view! {
                            <li>
                                <InPageLink target=activity_anchor(
                                    r.id,
                                )>{text.get(r.prompt)}</InPageLink>
                                <p class="reader-text">{shown}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    let finish = move |_| {
        state.progress.update(|p| p.complete(lesson.slug));
        state.flush();
        let to = next
            .map(|l| lesson_path(l.slug))
            .unwrap_or_else(|| "/".to_string());
        location.navigate(&to);
    };

    view! {
        <section class="lesson-end" aria-labelledby="key-ideas">
            <h2 id="key-ideas" tabindex="-1">
                "Key ideas"
            </h2>
            <ul class="key-ideas">
                {lesson
                    .key_ideas
                    .iter()
                    .map(|k| view! { <li>{text.get(k.text)}</li> })
                    .collect_view()}
            </ul>
            <h2>"Your results"</h2>
            {results}
            <h2>"Your reflections"</h2>
            {reflections}
            <p>
                <Link href="/journal">"All your reflections, in your journal"</Link>
            </p>
            <div class="actions lesson-nav">
                <button type="button" class="button button-large" on:click=finish>
                    {if next.is_some() {
                        "Finish and go to the next lesson"
                    } else {
                        "Finish the course"
                    }}
                </button>
            </div>
            <nav class="prev-next" aria-label="Lessons">
                {previous
                    .map(|l| {
                        view! {
                            <Link href=lesson_path(
                                l.slug,
                            )>{format!("← Previous: {}", l.title)}</Link>
                        }
                    })}
                {next
                    .map(|l| {
                        view! {
                            <Link href=lesson_path(l.slug)>{format!("Next: {} →", l.title)}</Link>
                        }
                    })}
            </nav>
            <p class="hint key-tip">"Tip: the ← and → keys move between lessons."</p>
            <ConfirmAction
                label="Start this lesson again"
                question="This clears your answers and reflections for this lesson. Are you sure?"
                confirm="Yes, clear this lesson"
                cancel="Keep my answers"
                on_confirm=Callback::new(move |_| state.progress.update(|p| p.reset_lesson(lesson)))
            />
        </section>
    }
}

/// A kind summary with no zero counts in it.
fn results_sentence(answered: usize, total: usize, first_try: usize) -> String {
    let worked = match answered {
        0 => {
            return format!(
                "There are {total} questions in this lesson, whenever you want to try them."
            )
        }
        n if n == total => format!("You worked through all {total} questions."),
        n => format!("You worked through {n} of {total} questions."),
    };
    match first_try {
        0 => worked,
        1 => format!("{worked} One you got right first time."),
        n => format!("{worked} {n} you got right first time."),
    }
}
