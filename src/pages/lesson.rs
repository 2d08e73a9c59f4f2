//! A lesson: sections of prose with the questions and reflections in place,
//! then the lesson's end. ← and → move between lessons.

use crate::components::check::CheckCard;
use crate::components::check_help::{is_passage_shown, BackToQuestion};
use crate::components::course_text::{Content, WithTexts};
use crate::components::focus::on_page_shown;
use crate::components::prose::prose_block;
use crate::components::reflection::ReflectionCard;
use crate::components::shortcuts::not_a_shortcut;
use crate::content::{lesson_by_slug, lessons, Block, Lesson, LessonText, Section};
use crate::model::first_screen::{id, progress_text, time_left};
use crate::model::progress::lesson_percent;
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
    let percent = Memo::new(move |_| state.progress.with(|p| lesson_percent(p, lesson)));
    // Painted before the app arrives for a returning reader, like home's
    // first screen (`model::first_screen`).
    let part = |name| id::lesson(lesson.slug, name);
    view! {
        <article class="lesson">
            <header class="lesson-header">
                <p class="eyebrow">{format!("Lesson {} of {}", index + 1, lessons().len())}</p>
                <h1 tabindex="-1" node_ref=heading>
                    {lesson.title}
                </h1>
                <p class="lesson-meta" id=part("left") data-reader="">
                    {move || state.progress.with(|p| time_left(p, lesson))}
                </p>
                <label class="progress-label">
                    <span id=part("percent") data-reader="">
                        {move || progress_text(percent.get())}
                    </span>
                    <progress max="100" value=percent id=part("progress") data-reader=""></progress>
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
                    class:passage-shown=is_passage_shown(lesson.slug, section.id)
                    id=anchor.clone()
                    aria-labelledby=format!("{anchor}-h")
                >
                    <h2 id=format!("{anchor}-h") tabindex="-1">
                        {text.get(section.heading)}
                    </h2>
                    <BackToQuestion lesson=lesson.slug section=section.id />
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
///
/// An IntersectionObserver watches the band of the window above the
/// [`READING_LINE`]: the last section in that band is the one whose top
/// the reader has scrolled past. The browser tells when a section enters or
/// leaves the band, so nothing is measured on each scroll event.
fn follow_reading_position(state: AppState, lesson: &'static Lesson) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let record = move |reached: &'static Section| {
        let known = state.progress.with_untracked(|p| {
            p.positions.get(lesson.slug).map(String::as_str) == Some(reached.id)
        });
        if !known && !state.read_only.get_untracked() {
            state
                .progress
                .update(|p| p.set_position(lesson.slug, reached.id));
        }
    };
    Effect::new(move |_| {
        // Opening the lesson counts as reaching its first section.
        if let Some(first) = lesson.sections.first() {
            record(first);
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let mut in_band = vec![false; lesson.sections.len()];
        let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for entry in entries.iter() {
                let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                let id = entry.target().id();
                if let Some(i) = lesson
                    .sections
                    .iter()
                    .position(|s| section_anchor(s.id) == id)
                {
                    in_band[i] = entry.is_intersecting();
                }
            }
            if let Some(i) = in_band.iter().rposition(|&inside| inside) {
                record(&lesson.sections[i]);
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(READING_LINE);
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            seen.as_ref().unchecked_ref(),
            &options,
        ) else {
            return;
        };
        for section in lesson.sections {
            if let Some(el) = document.get_element_by_id(&section_anchor(section.id)) {
                observer.observe(&el);
            }
        }
        let kept = StoredValue::new_local((observer, seen));
        on_cleanup(move || kept.with_value(|(observer, _)| observer.disconnect()));
    });
}

/// The band of the window a section's top must reach to count as read:
/// the upper 40% (the bottom 60% is cut off the observer's root).
const READING_LINE: &str = "0px 0px -60% 0px";

/// ← and → go to the previous and next lesson, unless the key belongs to
/// someone else (see [`not_a_shortcut`]).
fn arrow_key_navigation(index: usize) {
    let location = use_location();
    // In an effect: never while rendering.
    Effect::new(move |_| {
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
    });
}
