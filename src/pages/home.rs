//! Home: what the course is, the credit, and the course map.

use crate::components::focus::on_page_shown;
use crate::components::link::Link;
use crate::components::today::use_today;
use crate::content::{lessons, Lesson, ATTRIBUTION};
use crate::model::progress::{lesson_percent, lesson_state, resume_point, LessonState};
use crate::model::review::due_count;
use crate::model::routes::{
    lesson_anchor_path, lesson_path, section_anchor, COURSE_END_PATH, REVIEW_PATH,
    WHERE_I_STAND_PATH,
};
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::new();
    on_page_shown("", heading);
    let today = use_today();
    // Known once the clock has been read (after the first render).
    let due_today = move || {
        let day = today.get()?.day;
        Some(state.progress.with(|p| due_count(p, day))).filter(|n| *n > 0)
    };
    let start = move || {
        let resume = state.progress.with(|p| resume_point(p, lessons()));
        let finished = state
            .progress
            .with(|p| lessons().iter().all(|l| p.is_complete(l.slug)));
        if finished {
            let first = lessons()
                .first()
                .map(|l| lesson_path(l.slug))
                .unwrap_or_default();
            return view! {
                <p class="finished">
                    <span aria-hidden="true">"✓ "</span>
                    "You have finished all seven lessons. Thank you for taking this time. Your answers and reflections are still here whenever you want to look back."
                </p>
                <Link href=COURSE_END_PATH class="button">
                    "Look back over your journey"
                </Link>
                <Link href=first class="button button-secondary">
                    "Read the course again"
                </Link>
            }
            .into_any();
        }
        match resume {
            Some((lesson, section)) => {
                let href = match section {
                    Some(s) => lesson_anchor_path(lesson.slug, &section_anchor(&s)),
                    None => lesson_path(lesson.slug),
                };
                view! {
                    <Link href=href class="button button-large">
                        "Continue where you left off"
                    </Link>
                    <p class="hint">{format!("Lesson: {}", lesson.title)}</p>
                }
                .into_any()
            }
            None => {
                let first = lessons()
                    .first()
                    .map(|l| lesson_path(l.slug))
                    .unwrap_or_default();
                view! {
                    <Link href=first class="button button-large">
                        "Start the course"
                    </Link>
                    <p class="hint">
                        "Before you start, if you like: "
                        <Link href=WHERE_I_STAND_PATH>"Where I stand"</Link>
                        ", a two-minute snapshot just for you, to look back on at the end."
                    </p>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="home">
            <section class="hero">
                <h1 tabindex="-1" node_ref=heading>
                    "Attunement in relationships"
                </h1>
                <p class="lead">
                    "A short, gentle course about how we tune in to the people we love: where our ways of relating come from, why some of us keep our distance and some of us hold on tight, and how real closeness can grow. Seven lessons, each with questions to check your understanding and space to reflect."
                </p>
                <p class="attribution">{ATTRIBUTION}</p>
                <p class="hint">
                    "This is education, not therapy. Your answers and reflections stay in this browser: no account, nothing sent anywhere."
                </p>
                <div class="actions">{start}</div>
                <p class="review-due" role="status">
                    {move || {
                        let n = due_today()?;
                        Some(
                            view! {
                                <Link href=REVIEW_PATH>
                                    {match n {
                                        1 => "1 thing to review today".to_string(),
                                        n => format!("{n} things to review today"),
                                    }}
                                </Link>
                            },
                        )
                    }}
                </p>
            </section>
            <section aria-labelledby="course-map-title">
                <h2 id="course-map-title">"The lessons"</h2>
                <ol class="course-map">
                    {lessons()
                        .iter()
                        .enumerate()
                        .map(|(i, lesson)| view! { <LessonCard lesson=lesson number=i + 1 /> })
                        .collect_view()}
                </ol>
            </section>
        </div>
    }
}

#[component]
fn LessonCard(lesson: &'static Lesson, number: usize) -> impl IntoView {
    let state = use_app_state();
    let status = move || state.progress.with(|p| lesson_state(p, lesson));
    let percent = move || state.progress.with(|p| lesson_percent(p, lesson));
    let status_text = move || match status() {
        LessonState::NotStarted => "Not started".to_string(),
        LessonState::InProgress => match percent() {
            0 => "Started".to_string(),
            n => format!("In progress, {n}% done"),
        },
        LessonState::Complete => "Finished".to_string(),
    };
    view! {
        <li class="lesson-card" class:complete=move || status() == LessonState::Complete>
            <span class="lesson-number" aria-hidden="true">
                {number}
            </span>
            <div class="lesson-card-body">
                <h3>
                    <Link href=lesson_path(
                        lesson.slug,
                    )>{format!("Lesson {number}: {}", lesson.title)}</Link>
                </h3>
                <p>{lesson.summary}</p>
                <p class="lesson-meta">
                    <span>{format!("About {} minutes", lesson.minutes)}</span>
                    <span class="lesson-status">
                        <span aria-hidden="true">
                            {move || match status() {
                                LessonState::Complete => "✓ ",
                                LessonState::InProgress => "◐ ",
                                LessonState::NotStarted => "○ ",
                            }}
                        </span>
                        {status_text}
                    </span>
                </p>
                <div class="bar" aria-hidden="true">
                    <div class="bar-fill" style:width=move || format!("{}%", percent())></div>
                </div>
            </div>
        </li>
    }
}
