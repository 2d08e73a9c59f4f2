//! Banners about the reader's saved data and new versions. They sit in the
//! page flow (never over content) inside a live region that exists from the
//! start.

use crate::components::download::download_text;
use crate::components::update_prompt::UpdatePrompt;
use crate::model::codec::SCHEMA_VERSION;
use crate::model::sync::{Notice, SaveStatus, StorageError};
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    let notice = move || {
        state.notice.get().map(|n| {
            let at_start = matches!(n, Notice::Unreadable { .. });
            match n {
            // Stored data this version cannot read or trust: kept aside,
            // never used. At start-up the app started afresh; while open,
            // this tab still has the reader's work and writes it back.
            Notice::Unreadable { raw, why } | Notice::Replaced { raw, why } => {
                let (headline, body, download_label) = if at_start {
                    (
                        "We could not read your saved progress.",
                        " Attune has started afresh, and kept a copy of the old data in this browser. You can download it to keep it safe.",
                        "Download the old data",
                    )
                } else {
                    (
                        "Something Attune cannot use was saved in place of your progress.",
                        " Another website on this address, or a damaged save, wrote it. Attune has not used it and kept a copy aside. This tab still has everything you did, and saves it again.",
                        "Download what was found",
                    )
                };
                let download = move |_| {
                    let _ = download_text("attune-unreadable-data.txt", "text/plain", &raw);
                };
                view! {
                    <div class="notice notice-warning">
                        <p>
                            <strong>{headline}</strong>
                            {body}
                        </p>
                        <p class="hint">{format!("Details: {why}.")}</p>
                        {(!at_start).then(|| restore_button("Save my work again now"))}
                        <button type="button" class="button button-secondary" on:click=download>
                            {download_label}
                        </button>
                        <button
                            type="button"
                            class="button button-secondary"
                            on:click=move |_| state.notice.set(None)
                        >
                            "Dismiss"
                        </button>
                    </div>
                }
                .into_any()
            }
            Notice::NotKept { raw, why } => {
                let download = move |_| {
                    let _ = download_text("attune-unreadable-data.txt", "text/plain", &raw);
                };
                view! {
                    <div class="notice notice-warning">
                        <p>
                            <strong>
                                "Something Attune cannot read is saved in place of your progress."
                            </strong>
                            " Attune could not keep a copy of it (it already keeps an earlier one), so it has not saved over it. This tab still has everything you did. Download what was found if you may want it, then save your work over it."
                        </p>
                        <p class="hint">{format!("Details: {why}.")}</p>
                        <button type="button" class="button button-secondary" on:click=download>
                            "Download what was found"
                        </button>
                        {restore_button("Save my work over it")}
                    </div>
                }
                .into_any()
            }
            Notice::Newer { version } => view! {
                <div class="notice notice-warning">
                    <p>
                        <strong>"Your progress was saved by a newer version of Attune."</strong>
                        {format!(
                            " This page is older (it reads format {SCHEMA_VERSION}, the data is format {version}), so it shows what it can read of your progress and saves no changes, to keep your data safe. Reload the page to get the newest version.",
                        )}
                    </p>
                </div>
            }
            .into_any(),
            Notice::Removed => view! {
                <div class="notice notice-warning">
                    <p>
                        <strong>"Your saved progress was removed from this browser."</strong>
                        " Another website on this address, or the browser itself, cleared it. This tab still has everything you did."
                    </p>
                    {restore_button("Save it again from this tab")}
                </div>
            }
            .into_any(),
            Notice::MemoryOnly => view! {
                <div class="notice notice-warning">
                    <p>
                        <strong>"This browser is not letting Attune save."</strong>
                        " You can still read and answer everything, but your progress will be gone when you close this tab. Private browsing or strict privacy settings often cause this."
                    </p>
                </div>
            }
            .into_any(),
        }})
    };
    let save_problem = move || {
        let SaveStatus::Failed(error) = state.save_status.get() else {
            return None;
        };
        let why = match error {
            StorageError::QuotaExceeded => {
                " This browser's storage for the site is full.".to_string()
            }
            StorageError::Unavailable(_) | StorageError::Failed(_) => {
                format!(" The browser said: {error}.")
            }
            // Attune's own reasons, in its own words.
            other => format!(" {}.", capitalised(&other.to_string())),
        };
        Some(view! {
            <div class="notice notice-error">
                <p>
                    <strong>"Your latest changes could not be saved."</strong>
                    {why}
                    " Your work is still here while this tab stays open."
                </p>
            </div>
        })
    };
    view! {
        <div class="notices" role="status" aria-live="polite">
            {notice}
            {save_problem}
            <UpdatePrompt />
        </div>
    }
}

/// Writes this tab's copy of the reader's work back to storage.
fn restore_button(label: &'static str) -> impl IntoView {
    let state = use_app_state();
    view! {
        <button type="button" class="button" on:click=move |_| state.restore_from_memory()>
            {label}
        </button>
    }
}

/// Our own messages begin with an ASCII letter. (`char::to_uppercase`
/// would bring Unicode's case tables, 12 KB, into the first load.)
fn capitalised(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}
