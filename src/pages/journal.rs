//! The journal: every reflection the reader wrote, by lesson, with dates,
//! and the follow-ups added when it came back in review (then and now),
//! oldest first, below it. Each can be edited in place and links back to
//! where it was asked. The
//! prompts come from the text files of the lessons written in, loaded
//! after the first render; meanwhile the page says so.

use crate::components::course_text::{Content, WithTexts};
use crate::components::focus::on_page_shown;
use crate::components::follow_ups::FollowUpList;
use crate::components::link::Link;
use crate::components::reflection::ReflectionCard;
use crate::components::today::use_zone;
use crate::content::{lessons, Lesson, LessonText, Reflection};
use crate::model::dates::format_day;
use crate::model::progress::Progress;
use crate::model::routes::{activity_anchor, lesson_anchor_path, HOME_PATH};
use crate::state::use_app_state;
use leptos::html::H1;
use leptos::prelude::*;

#[component]
pub fn Journal() -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::new();
    let entries = move || {
        // Which reflections to show is decided once the reader's state is
        // here, and then not again, so a card does not vanish while the
        // reader empties it to rewrite it. (The page is rendered at build
        // time for a reader with nothing saved.)
        let written = if state.ready.get() {
            state.progress.with_untracked(written_by_lesson)
        } else {
            Vec::new()
        };
        let empty = written.is_empty();
        let needed = written.iter().map(|(l, _)| *l).collect();
        let entries: Content = Box::new(move |texts: Vec<LessonText>| {
            view! { <JournalLessons written=written.clone() texts=texts heading=heading /> }
                .into_any()
        });
        view! {
            {empty
                .then(|| {
                    view! {
                        // A returning reader never sees this before their
                        // own state arrives (see index.html).
                        <div data-new-reader="">
                            <p>
                                "Nothing here yet. The reflections in each lesson are optional; whatever you write will appear here."
                            </p>
                            <p>
                                <Link href=HOME_PATH class="button">
                                    "Go to the lessons"
                                </Link>
                            </p>
                        </div>
                    }
                })}
            <WithTexts
                lessons=needed
                title=TITLE
                heading=heading
                loading="Loading your journal\u{2026}"
                failed="Your journal did not load"
                content=entries
            />
        }
    };
    view! {
        <div class="page journal">
            <h1 tabindex="-1" node_ref=heading>
                "Your journal"
            </h1>
            <p class="lead">
                "Everything you have written or chosen in the reflection exercises, by lesson. You can change any of it here. It is saved only in this browser."
            </p>
            {entries}
        </div>
    }
}

/// The lessons the reader has written reflections in, each with those
/// reflections, in course order.
fn written_by_lesson(p: &Progress) -> Vec<(&'static Lesson, Vec<&'static Reflection>)> {
    lessons()
        .iter()
        .map(|l| {
            (
                l,
                p.written_reflections(l).map(|(r, _)| r).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, rs)| !rs.is_empty())
        .collect()
}

const TITLE: &str = super::meta::JOURNAL;

/// The reflections, by lesson, once their texts are here (`texts` is in
/// the order of `written`).
#[component]
fn JournalLessons(
    written: Vec<(&'static Lesson, Vec<&'static Reflection>)>,
    texts: Vec<LessonText>,
    heading: NodeRef<H1>,
) -> impl IntoView {
    on_page_shown(TITLE, heading);
    written
        .into_iter()
        .zip(texts)
        .map(|((lesson, reflections), text)| {
            view! {
                <section aria-labelledby=format!("j-{}", lesson.slug)>
                    <h2 id=format!("j-{}", lesson.slug)>{lesson.title}</h2>
                    {reflections
                        .into_iter()
                        .map(|r| view! { <JournalEntry lesson=lesson reflection=r text=text /> })
                        .collect_view()}
                </section>
            }
        })
        .collect_view()
}

#[component]
fn JournalEntry(
    lesson: &'static Lesson,
    reflection: &'static Reflection,
    text: LessonText,
) -> impl IntoView {
    let (state, zone) = (use_app_state(), use_zone());
    let dates = move || {
        let zone = zone.get();
        state.progress.with(|p| {
            p.reflection(reflection.id).map(|e| {
                let (created, edited) = (format_day(e.created, &zone), format_day(e.edited, &zone));
                if created == edited {
                    format!("Written {created}")
                } else {
                    format!("Written {created}, changed {edited}")
                }
            })
        })
    };
    view! {
        <ReflectionCard reflection=reflection text=text />
        <p class="journal-meta">
            <span>{dates}</span>
            " · "
            <Link href=lesson_anchor_path(
                lesson.slug,
                &activity_anchor(reflection.id),
            )>"See it in the lesson"</Link>
        </p>
        <FollowUpList reflection_id=reflection.id />
    }
}
