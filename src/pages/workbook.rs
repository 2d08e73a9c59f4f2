//! The printable workbook: each lesson's key ideas with the reader's own
//! reflections and answers. The reader's words are text nodes, never HTML.

use crate::components::focus::on_page_shown;
use crate::content::{lessons, Lesson};
use crate::model::workbook::describe_reflection;
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Workbook() -> impl IntoView {
    let heading = NodeRef::new();
    on_page_shown("My workbook", heading);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="page workbook">
            <h1 tabindex="-1" node_ref=heading>
                "My workbook"
            </h1>
            <p class="no-print">
                "The key ideas of each lesson, with what you wrote and chose. Use Print to keep a paper copy or save it as a PDF."
            </p>
            <div class="actions no-print">
                <button type="button" class="button" on:click=print>
                    "Print"
                </button>
            </div>
            {lessons()
                .iter()
                .enumerate()
                .map(|(i, l)| view! { <WorkbookLesson lesson=l number=i + 1 /> })
                .collect_view()}
        </div>
    }
}

#[component]
fn WorkbookLesson(lesson: &'static Lesson, number: usize) -> impl IntoView {
    let state = use_app_state();
    let mine = move || {
        state.progress.with(|p| {
            p.written_reflections(lesson)
                .map(|(r, e)| (r.prompt, describe_reflection(r, &e.value)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="workbook-lesson">
            <h2>{format!("Lesson {number}: {}", lesson.title)}</h2>
            <h3>"Key ideas"</h3>
            <ul>{lesson.key_ideas.iter().map(|k| view! { <li>{*k}</li> }).collect_view()}</ul>
            <h3>"My reflections"</h3>
            {move || {
                let entries = mine();
                if entries.is_empty() {
                    view! { <p class="hint">"None written for this lesson."</p> }.into_any()
                } else {
                    entries
                        .into_iter()
                        .map(|(prompt, text)| {
                            view! {
                                <p class="workbook-prompt">{prompt}</p>
                                <p class="reader-text">{text}</p>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
        </section>
    }
}
