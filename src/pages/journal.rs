//! The journal: every reflection the reader wrote, by lesson, with dates.
//! Each can be edited in place and links back to where it was asked.

use crate::components::focus::on_page_shown;
use crate::components::link::Link;
use crate::components::reflection::ReflectionCard;
use crate::content::{lessons, Lesson, Reflection};
use crate::model::dates::format_day;
use crate::model::routes::{activity_anchor, lesson_anchor_path};
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Journal() -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::new();
    on_page_shown("Your journal", heading);
    // Which reflections to show is decided once, so a card does not vanish
    // while the reader empties it to rewrite it.
    let written: Vec<(&'static Lesson, Vec<&'static Reflection>)> =
        state.progress.with_untracked(|p| {
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
        });
    let empty = written.is_empty();
    view! {
        <div class="page journal">
            <h1 tabindex="-1" node_ref=heading>
                "Your journal"
            </h1>
            <p class="lead">
                "Everything you have written or chosen in the reflection exercises, by lesson. You can change any of it here. It is saved only in this browser."
            </p>
            {empty
                .then(|| {
                    view! {
                        <p>
                            "Nothing here yet. The reflections in each lesson are optional; whatever you write will appear here."
                        </p>
                        <p>
                            <Link href="/" class="button">
                                "Go to the lessons"
                            </Link>
                        </p>
                    }
                })}
            {written
                .into_iter()
                .map(|(lesson, reflections)| {
                    view! {
                        <section aria-labelledby=format!("j-{}", lesson.slug)>
                            <h2 id=format!("j-{}", lesson.slug)>{lesson.title}</h2>
                            {reflections
                                .into_iter()
                                .map(|r| view! { <JournalEntry lesson=lesson reflection=r /> })
                                .collect_view()}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn JournalEntry(lesson: &'static Lesson, reflection: &'static Reflection) -> impl IntoView {
    let state = use_app_state();
    let dates = move || {
        state.progress.with(|p| {
            p.reflection(reflection.id).map(|e| {
                if format_day(e.created) == format_day(e.edited) {
                    format!("Written {}", format_day(e.created))
                } else {
                    format!(
                        "Written {}, changed {}",
                        format_day(e.created),
                        format_day(e.edited)
                    )
                }
            })
        })
    };
    view! {
        <ReflectionCard reflection=reflection />
        <p class="journal-meta">
            <span>{dates}</span>
            " · "
            <Link href=lesson_anchor_path(
                lesson.slug,
                &activity_anchor(reflection.id),
            )>"See it in the lesson"</Link>
        </p>
    }
}
