//! The workbook's two ways out: the printable page, and "Download it as a
//! text file", the workbook as Markdown. The course's words come from every
//! lesson's text file. They start loading as the page opens, so the click
//! itself makes the file (Safari ignores a download started after a wait);
//! if they have not all arrived, the click loads them first. If any cannot
//! be had, nothing is downloaded and the reader is told why, with a way to
//! try again, so no file ever goes out with text missing.

use crate::components::lesson_text::{all_cached, load_all};
use crate::components::link::Link;
use crate::components::share_file::{ShareButton, ShareOffer, TextFile};
use crate::components::today::read_zone;
use crate::content::{lessons, Lesson, LessonText, TextError};
use crate::model::dates::iso_day;
use crate::model::routes::WORKBOOK_PATH;
use crate::model::workbook::workbook_markdown;
use crate::state::{use_app_state, AppState};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// A download being prepared, so a second click does not make a second file.
static PREPARING: AtomicBool = AtomicBool::new(false);

#[component]
pub fn WorkbookActions() -> impl IntoView {
    let state = use_app_state();
    let failed = RwSignal::new(None::<TextError>);
    // Shared instead of downloaded where downloads fail (share_file.rs).
    let share = ShareOffer::new();
    // Warm the texts (from the offline copy, usually at once); a failure
    // here is reported only if the reader asks for the file.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let all: Vec<_> = lessons().iter().collect();
            let _ = load_all(&all).await;
        });
    });
    let download = move || {
        let all: Vec<_> = lessons().iter().collect();
        if let Some(texts) = all_cached(&all) {
            failed.set(None);
            save(state, share, all, texts);
            return;
        }
        if PREPARING.swap(true, Ordering::Relaxed) {
            return;
        }
        leptos::task::spawn_local(async move {
            let loaded = load_all(&all).await;
            PREPARING.store(false, Ordering::Relaxed);
            let texts = match loaded {
                Ok(texts) => texts,
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                    return;
                }
            };
            let _ = failed.try_set(None);
            save(state, share, all, texts);
        });
    };
    let message = move || {
        failed.get().map(|error| {
            view! {
                <p class="error">
                    <span aria-hidden="true">"⚠ "</span>
                    "Nothing was downloaded: the workbook's text did not load. "
                    {error.message()}
                </p>
                <div class="actions">
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| download()
                    >
                        "Try again"
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="actions">
            <Link href=WORKBOOK_PATH class="button button-secondary">
                "Open the printable workbook"
            </Link>
            <button type="button" class="button button-secondary" on:click=move |_| download()>
                {move || {
                    if share.prefers_share() {
                        "Share it as a text file"
                    } else {
                        "Download it as a text file"
                    }
                }}
            </button>
        </div>
        <div class="workbook-download" role="status">
            {message}
        </div>
        <ShareButton offer=share />
    }
}

/// Makes the Markdown file from the loaded texts and hands it to the reader.
fn save(state: AppState, share: ShareOffer, lessons: Vec<&'static Lesson>, texts: Vec<LessonText>) {
    let (now, zone) = (js_sys::Date::now(), read_zone());
    let pairs: Vec<_> = lessons.into_iter().zip(texts).collect();
    let text = state
        .progress
        .try_with_untracked(|p| workbook_markdown(&pairs, p, now, &zone));
    if let Some(text) = text {
        let _ = share.hand_over(TextFile {
            name: format!("attune-workbook-{}.md", iso_day(now, &zone)),
            mime: "text/markdown",
            text,
        });
    }
}
