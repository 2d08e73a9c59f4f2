//! Help before the answer, offered with every knowledge check (lessons,
//! recap and review), each part optional and in this order: a nudge
//! towards the idea to use, the idea told another way, and where it is (a
//! link to the passage the check rests on, which scrolls there and moves
//! focus to its heading, with "Back to the question" waiting there).
//!
//! The nudge and the other way are disclosures: native buttons with
//! `aria-expanded`, each revealing its text into its own live region, so a
//! screen reader reads the text once as it appears and focus stays on the
//! button. Nothing here is a judgement: the page only tells the caller
//! which help was opened (`on_use`), and the caller keeps it unshown.
//!
//! Renders the same on the host and in the browser: everything starts
//! closed, and the way back appears only after a jump made in this visit.

use crate::content::{lesson_by_slug, Check, LessonText, Passage};
use crate::model::progress::Help;
use crate::model::routes::{lesson_anchor_path, section_anchor};
use crate::router::use_location;
use leptos::prelude::*;

/// The way back from a passage the reader jumped to, in context (see
/// [`provide_passage_return`]): one at a time, the latest jump's.
#[derive(Clone, Copy)]
pub struct PassageReturn(RwSignal<Option<Return>>);

/// A jump from a check to its passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Return {
    /// The check the reader came from.
    pub check: &'static str,
    /// The passage: its lesson's slug and the section's id.
    pub lesson: &'static str,
    pub section: &'static str,
    /// The app path (with `#anchor`) that shows the check again.
    pub back: String,
}

/// Puts the (empty) way back in context, for the whole app.
pub fn provide_passage_return() {
    provide_context(PassageReturn(RwSignal::new(None)));
}

fn passage_return() -> Option<RwSignal<Option<Return>>> {
    use_context::<PassageReturn>().map(|r| r.0)
}

/// Did the reader come back to `check` from its passage in this visit?
pub fn came_back_from_passage(check: &str) -> bool {
    passage_return()
        .is_some_and(|r| r.with_untracked(|r| r.as_ref().is_some_and(|r| r.check == check)))
}

/// "Back to the question", shown at the top of a section when the reader
/// jumped there from a check's "Where it is".
#[component]
pub fn BackToQuestion(lesson: &'static str, section: &'static str) -> impl IntoView {
    let location = use_location();
    let waiting = passage_return();
    let back = move || {
        waiting?.with(|r| {
            r.as_ref()
                .filter(|r| r.lesson == lesson && r.section == section)
                .map(|r| r.back.clone())
        })
    };
    move || {
        back().map(|to| {
            view! {
                <p class="passage-back">
                    <a
                        href=location.href(&to)
                        on:click=move |_| {
                            if let Some(r) = waiting {
                                r.set(None);
                            }
                        }
                    >
                        <span aria-hidden="true">"\u{2191}"</span>
                        "Back to the question"
                    </a>
                </p>
            }
        })
    }
}

/// Is this the section a reader just jumped to from a check?
pub fn is_passage_shown(lesson: &'static str, section: &'static str) -> Signal<bool> {
    let waiting = passage_return();
    Signal::derive(move || {
        waiting.is_some_and(|r| {
            r.with(|r| {
                r.as_ref()
                    .is_some_and(|r| r.lesson == lesson && r.section == section)
            })
        })
    })
}

/// The help of one check. `id_base` makes the ids of its parts unique on
/// the page; `back` is the app path that shows the check again; `on_use`
/// hears which part the reader opened (each time they open it).
#[component]
pub fn HelpBeforeAnswer(
    check: &'static Check,
    text: LessonText,
    id_base: String,
    back: String,
    on_use: Callback<Help>,
) -> impl IntoView {
    let help = &check.help;
    let label_id = format!("{id_base}-help");
    let labelled_by = label_id.clone();
    let nudge = help.nudge.map(|t| {
        disclosure(
            format!("{id_base}-nudge"),
            "A nudge",
            text.get(t),
            Help::Nudge,
            on_use,
        )
    });
    let another_way = help.another_way.map(|t| {
        disclosure(
            format!("{id_base}-another-way"),
            "Another way to see it",
            text.get(t),
            Help::AnotherWay,
            on_use,
        )
    });
    let passage = help
        .passage
        .as_ref()
        .map(|p| passage_link(check.id, p, back, on_use));
    (!help.is_empty()).then(move || {
        view! {
            <div class="check-help" role="group" aria-labelledby=labelled_by>
                <p class="help-label" id=label_id>
                    "Stuck? Help before you answer, if you want it:"
                </p>
                {nudge}
                {another_way}
                {passage}
            </div>
        }
    })
}

/// A button that shows or hides `words` in a live region of its own.
fn disclosure(
    id: String,
    label: &'static str,
    words: &'static str,
    kind: Help,
    on_use: Callback<Help>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggle = move |_| {
        let now = !open.get_untracked();
        open.set(now);
        if now {
            on_use.run(kind);
        }
    };
    view! {
        <div class="help-part">
            <button
                type="button"
                class="help-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=id.clone()
                on:click=toggle
            >
                <span class="help-mark" aria-hidden="true"></span>
                {label}
            </button>
            // The text is set as the region's own text, not as an element
            // added to it: the same announcement, less code in the wasm.
            <p
                class="help-text"
                id=id
                role="status"
                prop:textContent=move || if open.get() { words } else { "" }
            ></p>
        </div>
    }
}

/// "Where it is": a link to the passage. Following it notes the way back.
fn passage_link(
    check: &'static str,
    passage: &'static Passage,
    back: String,
    on_use: Callback<Help>,
) -> impl IntoView {
    let location = use_location();
    let waiting = passage_return();
    let to = lesson_anchor_path(passage.lesson, &section_anchor(passage.section));
    let in_page = back.starts_with(&crate::model::routes::lesson_path(passage.lesson));
    let label = if in_page {
        "Where it is in the lesson".to_string()
    } else {
        let n = lesson_by_slug(passage.lesson).map_or(0, |(i, _)| i + 1);
        format!("Where it is, in lesson {n}")
    };
    let follow = move |_| {
        on_use.run(Help::Passage);
        if let Some(r) = waiting {
            r.set(Some(Return {
                check,
                lesson: passage.lesson,
                section: passage.section,
                back: back.clone(),
            }));
        }
    };
    view! {
        <p class="help-part help-passage">
            <a href=location.href(&to) on:click=follow>
                {label}
                <span aria-hidden="true">"\u{2192}"</span>
            </a>
        </p>
    }
}
