//! A lesson: sections of prose with the questions and reflections in place,
//! then the lesson's end. ← and → move between lessons.

use crate::components::check::CheckCard;
use crate::components::course_text::{Content, WithTexts};
use crate::components::focus::on_page_shown;
use crate::components::prose::prose_block;
use crate::components::reflection::ReflectionCard;
use crate::components::shortcuts::not_a_shortcut;
use crate::content::{lesson_by_slug, lessons, Block, Lesson, LessonText};
use crate::model::progress::{lesson_percent, minutes_left};
use crate::model::routes::{lesson_path, section_anchor};
use crate::pages::lesson_end::LessonEnd;
use crate::pages::not_found::NotFound;
use crate::router::use_location;
use crate::state::{use_app_state, AppState};
use leptos::html::H1;
use leptos::prelude::*;

#[component]
pub fn LessonPage(slug: String) -> impl IntoView {
    match lesson_by_slug(&slug) {
        Some((index, lesson)) => view! { <LessonView lesson=lesson index=index /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
fn LessonView(lesson: &'static Lesson, index: usize) -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::new();
    arrow_key_navigation(index);
    // Text already here (a lesson opened before in this visit) renders at
    // once; otherwise it is fetched after the first render.
    let body: Content = Box::new(move |texts: Vec<LessonText>| match texts.first() {
        Some(&text) => {
            view! { <LessonBody lesson=lesson index=index text=text heading=heading /> }.into_any()
        }
        None => ().into_any(),
    });
    let percent = move || state.progress.with(|p| lesson_percent(p, lesson));
    let minutes = move || state.progress.with(|p| minutes_left(p, lesson));
    view! {
        <article class="lesson">
            <header class="lesson-header">
                <p class="eyebrow">{format!("Lesson {} of {}", index + 1, lessons().len())}</p>
                <h1 tabindex="-1" node_ref=heading>
                    {lesson.title}
                </h1>
                <p class="lesson-meta">
                    {move || match minutes() {
                        0 => "Finished".to_string(),
                        1 => "About 1 minute left".to_string(),
                        n => format!("About {n} minutes left"),
                    }}
                </p>
                <label class="progress-label">
                    <span>{move || format!("Lesson progress: {}%", percent())}</span>
                    <progress max="100" value=percent></progress>
                </label>
            </header>
            <WithTexts
                lessons=vec![lesson]
                title=lesson.title
                heading=heading
                loading="Loading the lesson\u{2026}"
                failed="This lesson did not load"
                content=body
            />
        </article>
    }
}

/// The lesson's sections with their activities, then the lesson's end.
#[component]
fn LessonBody(
    lesson: &'static Lesson,
    index: usize,
    text: LessonText,
    heading: NodeRef<H1>,
) -> impl IntoView {
    let state = use_app_state();
    // Now that the sections are in the page, a #hash can find its target.
    on_page_shown(lesson.title, heading);
    follow_reading_position(state, lesson);
    let mut check_number = 0;
    let sections = lesson
        .sections
        .iter()
        .map(|section| {
            let blocks = section
                .blocks
                .iter()
                .map(|block| match block {
                    Block::Check(i) => {
                        check_number += 1;
                        view! { <CheckCard check=&lesson.checks[*i] number=check_number text=text /> }
                            .into_any()
                    }
                    Block::Reflection(i) => {
                        view! { <ReflectionCard reflection=&lesson.reflections[*i] text=text /> }
                            .into_any()
                    }
                    other => prose_block(other, text).unwrap_or_else(|| ().into_any()),
                })
                .collect_view();
            let anchor = section_anchor(section.id);
            view! {
                <section
                    class="lesson-section"
                    id=anchor.clone()
                    aria-labelledby=format!("{anchor}-h")
                >
                    <h2 id=format!("{anchor}-h") tabindex="-1">
                        {text.get(section.heading)}
                    </h2>
                    {blocks}
                </section>
            }
        })
        .collect_view();
    view! {
        {sections}
        <LessonEnd lesson=lesson index=index text=text />
    }
}

/// Remembers the last section whose top has scrolled into the upper part of
/// the window, so "Continue" can bring the reader back to it.
fn follow_reading_position(state: AppState, lesson: &'static Lesson) {
    let update = move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        let line = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0)
            * 0.4;
        let reached = lesson
            .sections
            .iter()
            .take_while(|s| {
                document
                    .get_element_by_id(&section_anchor(s.id))
                    .is_some_and(|el| el.get_bounding_client_rect().top() < line)
            })
            .last()
            .or_else(|| lesson.sections.first());
        if let Some(section) = reached {
            let known = state.progress.with_untracked(|p| {
                p.positions.get(lesson.slug).map(String::as_str) == Some(section.id)
            });
            if !known && !state.read_only.get_untracked() {
                state
                    .progress
                    .update(|p| p.set_position(lesson.slug, section.id));
            }
        }
    };
    // Record the first section on opening, then follow scrolling.
    Effect::new(move |_| update());
    let handle = window_event_listener(leptos::ev::scroll, move |_| update());
    on_cleanup(move || handle.remove());
}

/// ← and → go to the previous and next lesson, unless the key belongs to
/// someone else (see [`not_a_shortcut`]).
fn arrow_key_navigation(index: usize) {
    let location = use_location();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        // Shift+arrows extend a text selection.
        if ev.shift_key() || not_a_shortcut(&ev) {
            return;
        }
        let target = match ev.key().as_str() {
            "ArrowRight" => lessons().get(index + 1),
            "ArrowLeft" => index.checked_sub(1).and_then(|i| lessons().get(i)),
            _ => None,
        };
        if let Some(lesson) = target {
            ev.prevent_default();
            location.navigate(&lesson_path(lesson.slug));
        }
    });
    on_cleanup(move || handle.remove());
}
