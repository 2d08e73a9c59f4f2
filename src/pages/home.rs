//! Home: what the course is, the credit, and the course map.

use crate::components::focus::on_page_shown;
use crate::components::link::Link;
use crate::components::today::use_today;
use crate::content::{lessons, Lesson, ATTRIBUTION};
use crate::model::first_screen::{self, id};
use crate::model::routes::{lesson_path, WHERE_I_STAND_PATH};
use crate::router::use_location;
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let location = use_location();
    let heading = NodeRef::new();
    on_page_shown("", heading);
    // The same structure for every reader, only its words and links
    // changing: the page is rendered at build time for a new reader, and a
    // returning reader's values are painted into it before the app arrives
    // (`model::first_screen`).
    let start = Memo::new(move |_| state.progress.with(|p| first_screen::start(p, lessons())));
    // Known once the clock has been read (after the first render), and
    // painted before that from the app's summary when it was made today.
    let today = use_today();
    let due = Memo::new(move |_| {
        let day = today.get().map(|now| now.day);
        state.progress.with(|p| first_screen::due_today(p, day))
    });
    view! {
        <div class="home">
            <section class="hero">
                <h1 tabindex="-1" node_ref=heading>
                    "Attunement in relationships"
                </h1>
                // The promise and the way in first, within a phone's first
                // screen; the rest after.
                <p class="lead">
                    "A short, gentle course on how we tune in to the people we love."
                </p>
                <div class="actions">
                    <p
                        class="finished"
                        id=id::START_FINISHED
                        data-reader=""
                        hidden=move || !start.with(|s| s.finished)
                    >
                        <span aria-hidden="true">"✓ "</span>
                        "You have finished all seven lessons. Thank you for taking this time. Your answers and reflections are still here whenever you want to look back."
                    </p>
                    <a
                        id=id::START_LINK
                        data-reader=""
                        href=move || start.with(|s| location.href(&s.path))
                        class=move || start.with(|s| s.class)
                    >
                        {move || start.with(|s| s.label)}
                    </a>
                    <a
                        id=id::START_AGAIN
                        data-reader=""
                        href=location.href(&first_screen::first_lesson_path(lessons()))
                        class="button button-secondary"
                        hidden=move || !start.with(|s| s.finished)
                    >
                        "Read the course again"
                    </a>
                    <p
                        class="hint"
                        id=id::START_HINT
                        data-reader=""
                        hidden=move || start.with(|s| s.hint.is_empty())
                    >
                        {move || start.with(|s| s.hint.clone())}
                    </p>
                    <p
                        class="hint"
                        id=id::START_OFFER
                        data-reader=""
                        hidden=move || !start.with(|s| s.new_reader)
                    >
                        "Before you start, if you like: "
                        <Link href=WHERE_I_STAND_PATH>"Where I stand"</Link>
                        ", a two-minute snapshot just for you, to look back on at the end."
                    </p>
                </div>
                <p class="review-due">
                    <a
                        id=id::HOME_DUE
                        data-reader=""
                        href=location.href(crate::model::routes::REVIEW_PATH)
                        hidden=move || due.with(|d| d.is_empty())
                    >
                        {move || due.get()}
                    </a>
                </p>
                <p>
                    "Where our ways of relating come from, why some of us keep our distance and some of us hold on tight, and how real closeness can grow. Seven lessons, each with questions to check your understanding and space to reflect."
                </p>
                <p class="attribution">{ATTRIBUTION}</p>
                <p class="hint">
                    "This is education, not therapy. Your answers and reflections stay in this browser: no account, nothing sent anywhere."
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
    let card = Memo::new(move |_| state.progress.with(|p| first_screen::card(p, lesson)));
    let part = |name| id::card(lesson.slug, name);
    view! {
        <li
            id=part("")
            data-reader=""
            class=move || first_screen::card_class(card.with(|c| c.complete))
        >
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
                        <span aria-hidden="true" id=part("-mark") data-reader="">
                            {move || card.with(|c| c.mark)}
                        </span>
                        <span id=part("-status") data-reader="">
                            {move || card.with(|c| c.status.clone())}
                        </span>
                    </span>
                </p>
                <div class="bar" aria-hidden="true">
                    <div
                        class="bar-fill"
                        id=part("-bar")
                        data-reader=""
                        // Through the CSS object model, never a style
                        // attribute, which the page's policy refuses; none
                        // at all for 0%, so the page as built has none.
                        style:width=move || {
                            card.with(|c| (c.percent > 0).then(|| format!("{}%", c.percent)))
                        }
                    ></div>
                </div>
            </div>
        </li>
    }
}
