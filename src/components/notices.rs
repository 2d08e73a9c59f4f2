//! Banners about the reader's saved data and new versions. They sit in the
//! page flow (never over content) inside a live region that exists from the
//! start.

use crate::components::update_prompt::UpdatePrompt;
use crate::state::{use_app_state, DataNotice, SaveStatus};
use crate::storage::StorageError;
use leptos::prelude::*;

/// Offers text as a file download. Runs only from a click handler.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "url")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("document")?;
    let link = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or("link")?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

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
        match state.save_status.get() {
        SaveStatus::Failed(StorageError::QuotaExceeded) => Some(view! {
            <div class="notice notice-error">
                <p>
                    <strong>"Your latest changes could not be saved."</strong>
                    " This browser's storage for the site is full. Your work is still here while this tab stays open."
                </p>
            </div>
        }.into_any()),
        SaveStatus::Failed(e) => Some(view! {
            <div class="notice notice-error">
                <p>
                    <strong>"Your latest changes could not be saved."</strong>
                    {format!(
                        " The browser said: {e}. Your work is still here while this tab stays open.",
                    )}
                </p>
            </div>
        }.into_any()),
        _ => None,
    }
    };
    view! {
        <div class="notices" role="status" aria-live="polite">
            {notice}
            {save_problem}
            <UpdatePrompt />
        </div>
    }
}
