//! "How sure was I?": first tries grouped by the confidence the reader gave,
//! against how often they were right. A small bar chart (SVG, hidden from
//! screen readers) beside a table with the same numbers, and one gentle
//! sentence. Confidence never changes any result: this only sets the two
//! side by side. Used at a lesson's end (that lesson) and at the course's
//! end (every lesson).

use crate::components::link::Link;
use crate::content::{Check, Lesson, LessonText};
use crate::model::routes::{activity_anchor, lesson_anchor_path};
use crate::model::summary::{calibration_note, percent, Results};
use leptos::prelude::*;

const ROW: usize = 34;
const LABEL_W: usize = 96;
const BAR_W: usize = 150;

/// The chart, the table and the sentence for `results`; nothing more than
/// an invitation when the reader gave no confidence.
#[component]
pub fn Calibration(results: Results) -> impl IntoView {
    if results.by_confidence.is_empty() {
        return view! {
            <p class="hint">
                "When you say how sure you are before you check an answer, you can see here how your confidence matched your first tries. It is optional, and it never changes a result."
            </p>
        }
        .into_any();
    }
    let rows = results.by_confidence.clone();
    let height = rows.len() * ROW + 4;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (level, right, wrong))| {
            let y = i * ROW + 4;
            let share = percent(*right, *wrong);
            view! {
                <text x="0" y=y + 19 class="chart-label">
                    {level.label()}
                </text>
                <rect x=LABEL_W y=y + 4 width=BAR_W height="20" rx="4" class="chart-track"></rect>
                <rect
                    x=LABEL_W
                    y=y + 4
                    width=BAR_W * share / 100
                    height="20"
                    rx="4"
                    class="chart-bar"
                ></rect>
                <text x=LABEL_W + BAR_W + 8 y=y + 19 class="chart-value">
                    {format!("{share}%")}
                </text>
            }
        })
        .collect_view();
    let table_rows = rows
        .iter()
        .map(|(level, right, wrong)| {
            view! {
                <tr>
                    <th scope="row">{level.label()}</th>
                    <td>{right + wrong}</td>
                    <td>{*right}</td>
                    <td>{format!("{}%", percent(*right, *wrong))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="calibration">
            <svg
                class="chart"
                viewBox=format!("0 0 {} {height}", LABEL_W + BAR_W + 48)
                width=LABEL_W + BAR_W + 48
                aria-hidden="true"
                focusable="false"
            >
                {bars}
            </svg>
            <table class="confidence-table">
                <caption>"How sure you were, and your first tries"</caption>
                <thead>
                    <tr>
                        <th scope="col">"You said"</th>
                        <th scope="col">"First tries"</th>
                        <th scope="col">"Right"</th>
                        <th scope="col">"Share right"</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </div>
        {calibration_note(&results).map(|note| view! { <p>{note}</p> })}
        <p class="hint">"How sure you felt never changes a result. It is here only for you."</p>
    }
    .into_any()
}

/// The questions the reader was certain of but missed on the first try,
/// each with a link back to it. `missed` pairs each with its lesson's text.
#[component]
pub fn SureButMissed(missed: Vec<(&'static Lesson, &'static Check, LessonText)>) -> impl IntoView {
    if missed.is_empty() {
        return ().into_any();
    }
    view! {
        <h3>"Worth a second look"</h3>
        <p>
            "You felt certain about these, and the first answer turned out differently. That is common: these ideas can be surprising. They come first in your review."
        </p>
        <ul class="look-again">
            {missed
                .into_iter()
                .map(|(lesson, check, text)| {
                    let href = lesson_anchor_path(lesson.slug, &activity_anchor(check.id));
                    view! {
                        <li>
                            <Link href=href>{text.get(check.prompt)}</Link>
                            <span class="hint">{format!(" (lesson: {})", lesson.title)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
