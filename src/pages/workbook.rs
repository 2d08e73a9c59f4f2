//! The printable workbook: each lesson's key ideas with the reader's own
//! reflections and answers. The reader's words are text nodes, never HTML.
//! The course's words come from every lesson's text file, loaded after the
//! first render; meanwhile the page says so.

use crate::components::course_text::{Content, WithTexts};
use crate::components::focus::on_page_shown;
use crate::components::reflection::Steps;
use crate::content::{lessons, Lesson, LessonText};
use crate::model::workbook::{describe_reflection, practice_steps};
use crate::state::use_app_state;
use leptos::html::H1;
use leptos::prelude::*;

const TITLE: &str = super::meta::WORKBOOK;

#[component]
pub fn Workbook() -> impl IntoView {
    let heading = NodeRef::new();
    let content: Content = Box::new(move |texts: Vec<LessonText>| {
        view! { <WorkbookLessons texts=texts heading=heading /> }.into_any()
    });
    view! {
        <div class="page workbook">
            <h1 tabindex="-1" node_ref=heading>
                {TITLE}
            </h1>
            <p class="no-print">
                "The key ideas of each lesson, with what you wrote and chose. Use Print to keep a paper copy or save it as a PDF."
            </p>
            <WithTexts
                lessons=lessons().iter().collect()
                title=TITLE
                heading=heading
                loading="Loading your workbook\u{2026}"
                failed="Your workbook did not load"
                content=content
            />
        </div>
    }
}

/// Print, and every lesson, once their texts are here (`texts` is in
/// reading order).
#[component]
fn WorkbookLessons(texts: Vec<LessonText>, heading: NodeRef<H1>) -> impl IntoView {
    on_page_shown(TITLE, heading);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="actions no-print">
            <button type="button" class="button" on:click=print>
                "Print"
            </button>
        </div>
        {lessons()
            .iter()
            .zip(texts)
            .enumerate()
            .map(|(i, (l, text))| view! { <WorkbookLesson lesson=l number=i + 1 text=text /> })
            .collect_view()}
    }
}

#[component]
fn WorkbookLesson(lesson: &'static Lesson, number: usize, text: LessonText) -> impl IntoView {
    let state = use_app_state();
    let mine = move || {
        state.progress.with(|p| {
            p.written_reflections(lesson)
                .map(|(r, e)| {
                    (
                        text.get(r.prompt),
                        practice_steps(r, text),
                        describe_reflection(r, &e.value, text),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="workbook-lesson">
            <h2>{format!("Lesson {number}: {}", lesson.title)}</h2>
            <h3>"Key ideas"</h3>
            <ul>
                {lesson
                    .key_ideas
                    .iter()
                    .map(|k| view! { <li>{text.get(k.text)}</li> })
                    .collect_view()}
            </ul>
            <h3>"My reflections"</h3>
            {move || {
                let entries = mine();
                if entries.is_empty() {
                    view! { <p class="hint">"None written for this lesson."</p> }.into_any()
                } else {
                    entries
                        .into_iter()
                        .map(|(prompt, steps, text)| {
                            view! {
                                <p class="workbook-prompt">{prompt}</p>
                                <Steps steps=steps />
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
