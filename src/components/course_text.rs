//! For pages that show lessons' texts (a lesson, the journal, the printable
//! workbook): loads them after the first render through the shared loader
//! (`components::lesson_text`), says what is happening meanwhile and when
//! it fails, with a way to try again, and shows the page's content once
//! they are here. One component for every such page, so the wasm carries
//! this logic once.

use crate::components::focus::{on_page_shown, title_page};
use crate::components::lesson_text::{all_cached, load_all};
use crate::components::loading::LoadingLine;
use crate::content::{Lesson, LessonText, TextError};
use leptos::html::H1;
use leptos::prelude::*;

/// Where the texts of a page's lessons are.
#[derive(Debug, Clone, PartialEq)]
enum Texts {
    Loading,
    /// In the order the lessons were asked for.
    Ready(Vec<LessonText>),
    Failed(TextError),
}

/// What a page shows once its texts are here, given them in the order its
/// lessons were named. It calls [`on_page_shown`] itself.
pub type Content = Box<dyn Fn(Vec<LessonText>) -> AnyView + Send + Sync>;

/// The texts of `lessons`, then `content`: at once if all arrived earlier
/// in this visit, else fetched in an effect (never during render), and
/// again on "Try again". Names the tab at once.
#[component]
pub fn WithTexts(
    lessons: Vec<&'static Lesson>,
    /// The page's title, for the tab.
    title: &'static str,
    /// The page's heading, which takes focus when the failure is shown.
    heading: NodeRef<H1>,
    /// "Loading …" while waiting, e.g. "Loading your journal…".
    loading: &'static str,
    /// "… did not load" on failure, e.g. "Your journal did not load".
    failed: &'static str,
    content: Content,
) -> impl IntoView {
    title_page(title);
    let texts = RwSignal::new(all_cached(&lessons).map_or(Texts::Loading, Texts::Ready));
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        attempt.track();
        if texts.with_untracked(|t| matches!(t, Texts::Ready(_))) {
            return;
        }
        texts.set(Texts::Loading);
        let lessons = lessons.clone();
        leptos::task::spawn_local(async move {
            let arrived = match load_all(&lessons).await {
                Ok(t) => Texts::Ready(t),
                Err(e) => Texts::Failed(e),
            };
            // The reader may have left the page meanwhile.
            let _ = texts.try_set(arrived);
        });
    });
    let retry = move |_| attempt.update(|n| *n += 1);
    move || match texts.get() {
        Texts::Ready(loaded) => content(loaded),
        Texts::Loading => view! { <LoadingLine text=loading /> }.into_any(),
        // What happened, that nothing saved is lost, and a way to try
        // again. Focus goes to the heading, as when the content arrives.
        Texts::Failed(error) => {
            on_page_shown(title, heading);
            let reload = error.needs_reload();
            let again = move |ev| {
                if reload {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                } else {
                    retry(ev);
                }
            };
            view! {
                <div class="lesson-loading lesson-failed" role="alert">
                    <h2>{failed}</h2>
                    <p>{error.message()}</p>
                    <p>"Your answers and reflections are safe: they stay saved in this browser."</p>
                    <div class="actions">
                        <button type="button" class="button" on:click=again>
                            {if reload { "Reload the page" } else { "Try again" }}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
    }
}
