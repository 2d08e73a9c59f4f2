//! Banners about the reader's saved data and new versions. They sit in the
//! page flow (never over content) inside a live region that exists from the
//! start.

use crate::components::download::download_text;
use crate::components::update_prompt::UpdatePrompt;
use crate::state::{use_app_state, DataNotice, SaveStatus};
use crate::storage::StorageError;
use leptos::prelude::*;

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    let notice = move || {
        state.notice.get().map(|n| match n {
            DataNotice::Unreadable { raw, error } => {
                let download = move |_| {
                    let _ = download_text("attune-unreadable-data.txt", "text/plain", &raw);
                };
                view! {
                    <div class="notice notice-warning">
                        <p>
                            <strong>"We could not read your saved progress."</strong>
                            " Attune has started afresh, and kept a copy of the old data in this browser. You can download it to keep it safe."
                        </p>
                        <p class="hint">{format!("Details: {error}.")}</p>
                        <button type="button" class="button button-secondary" on:click=download>
                            "Download the old data"
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
            DataNotice::Newer { version } => view! {
                <div class="notice notice-warning">
                    <p>
                        <strong>"Your progress was saved by a newer version of Attune."</strong>
                        {format!(
                            " This page is older (it reads format 1, the data is format {version}), so it shows your progress without saving changes, to keep your data safe. Reload the page to get the newest version.",
                        )}
                    </p>
                </div>
            }
            .into_any(),
            DataNotice::Removed => view! {
                <div class="notice notice-warning">
                    <p>
                        <strong>"Your saved progress was removed from this browser."</strong>
                        " Another website on this address, or the browser itself, cleared it. This tab still has everything you did."
                    </p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| state.restore_from_memory()
                    >
                        "Save it again from this tab"
                    </button>
                </div>
            }
            .into_any(),
            DataNotice::MemoryOnly => view! {
                <div class="notice notice-warning">
                    <p>
                        <strong>"This browser is not letting Attune save."</strong>
                        " You can still read and answer everything, but your progress will be gone when you close this tab. Private browsing or strict privacy settings often cause this."
                    </p>
                </div>
            }
            .into_any(),
        })
    };
    let save_problem = move || {
        let SaveStatus::Failed(error) = state.save_status.get() else {
            return None;
        };
        let why = match error {
            StorageError::QuotaExceeded => {
                " This browser's storage for the site is full.".to_string()
            }
            other => format!(" The browser said: {other}."),
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
