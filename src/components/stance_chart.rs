//! "Where I stand" snapshots side by side by date: a plain chart (SVG, one
//! line per statement from "hard" to "easy", a numbered mark per snapshot),
//! the same in words, and a table. A snapshot for the reader to look back
//! on, never a label, type or score.

use crate::model::dates::format_local_day;
use crate::model::stance::{Take, HIGH, LOW, STATEMENTS};
use crate::state::use_app_state;
use leptos::prelude::*;

/// Snapshots shown at once (the latest); older ones stay saved.
const SHOWN: usize = 4;
const ROW: usize = 56;
const LEFT: usize = 16;
const STEP: usize = 72;

#[component]
pub fn StanceChart() -> impl IntoView {
    let state = use_app_state();
    move || {
        let takes: Vec<Take> = state.progress.with(|p| {
            let skip = p.takes.len().saturating_sub(SHOWN);
            p.takes[skip..].to_vec()
        });
        if takes.is_empty() {
            return None;
        }
        let dates: Vec<String> = takes.iter().map(|t| format_local_day(t.day)).collect();
        let height = STATEMENTS.len() * ROW + 24;
        let width = LEFT * 2 + STEP * 4;
        let rows = STATEMENTS
            .iter()
            .enumerate()
            .map(|(row, s)| {
                let y = row * ROW + 18;
                let marks = takes
                    .iter()
                    .enumerate()
                    .filter_map(|(n, t)| {
                        let point = usize::from(t.point(s.id)?);
                        let x = LEFT + (point - 1) * STEP;
                        // Each snapshot a little lower than the one before,
                        // so equal points stay visible side by side.
                        let cy = y + 18 + n * 7 - (takes.len() - 1) * 7 / 2;
                        Some(view! {
                            <circle cx=x cy=cy r="9" class=format!("mark mark-{}", n % 4)></circle>
                            <text x=x y=cy + 4 text-anchor="middle" class="mark-number">
                                {n + 1}
                            </text>
                        })
                    })
                    .collect_view();
                view! {
                    <text x="0" y=y class="chart-label">
                        {s.short}
                    </text>
                    <line x1=LEFT y1=y + 18 x2=LEFT + STEP * 4 y2=y + 18 class="chart-axis"></line>
                    {(0..5)
                        .map(|i| {
                            view! {
                                <line
                                    x1=LEFT + i * STEP
                                    y1=y + 13
                                    x2=LEFT + i * STEP
                                    y2=y + 23
                                    class="chart-axis"
                                ></line>
                            }
                        })
                        .collect_view()}
                    {marks}
                }
            })
            .collect_view();
        let legend = dates
            .iter()
            .enumerate()
            .map(|(n, d)| {
                view! {
                    <li>
                        <span class=format!("legend-mark mark-{}", n % 4) aria-hidden="true">
                            {n + 1}
                        </span>
                        " "
                        {d.clone()}
                    </li>
                }
            })
            .collect_view();
        let words = STATEMENTS
            .iter()
            .map(|s| {
                let said: Vec<String> = takes
                    .iter()
                    .zip(&dates)
                    .filter_map(|(t, d)| t.point(s.id).map(|p| format!("{p} on {d}")))
                    .collect();
                let line = if said.is_empty() {
                    "not placed".to_string()
                } else {
                    said.join(", then ")
                };
                view! { <li>{format!("{}: {line}.", s.short)}</li> }
            })
            .collect_view();
        let head = dates
            .iter()
            .map(|d| view! { <th scope="col">{d.clone()}</th> })
            .collect_view();
        let body = STATEMENTS
            .iter()
            .map(|s| {
                let cells = takes
                    .iter()
                    .map(|t| match t.point(s.id) {
                        Some(p) => view! { <td>{p}</td> }.into_any(),
                        None => view! {
                            <td>
                                <span aria-hidden="true">"–"</span>
                                <span class="visually-hidden">"not placed"</span>
                            </td>
                        }
                        .into_any(),
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{s.short}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="stance-chart">
                <p class="chart-ends" aria-hidden="true">
                    <span>{format!("1: {LOW}")}</span>
                    <span>{format!("5: {HIGH}")}</span>
                </p>
                <svg
                    class="chart"
                    viewBox=format!("-12 0 {} {height}", width + 12)
                    aria-hidden="true"
                    focusable="false"
                >
                    {rows}
                </svg>
                <ul class="legend" aria-hidden="true">
                    {legend}
                </ul>
                <h3>"In words"</h3>
                <p class="hint">
                    {format!("1 means \u{201c}{LOW}\u{201d}, 5 means \u{201c}{HIGH}\u{201d}.")}
                </p>
                <ul>{words}</ul>
                <div
                    class="table-scroll"
                    tabindex="0"
                    role="region"
                    aria-label="Your snapshots, as a table"
                >
                    <table class="confidence-table">
                        <caption>"Your snapshots by date"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Statement"</th>
                                {head}
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                <p class="hint">
                    "These show how things felt to you on each day. They do not measure you, and a change in any direction is fine."
                </p>
            </div>
        })
    }
}
