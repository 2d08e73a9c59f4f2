//! "Download a backup": the reader's saved data as one versioned file, made
//! in the click (see `model::backup`). Said in words when no file could be
//! made, never an empty "backup". On the Data page and the closing page.

use crate::components::download::download_text;
use crate::model::backup::export;
use crate::model::dates::iso_day;
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn BackupDownload(#[prop(optional)] secondary: bool) -> impl IntoView {
    let state = use_app_state();
    let problem = RwSignal::new(None::<String>);
    let export_file = move |_| {
        let now = js_sys::Date::now();
        let made = state
            .progress
            .with_untracked(|p| export(p, now))
            .map_err(|e| e.to_string())
            .and_then(|text| {
                download_text(
                    &format!("attune-backup-{}.json", iso_day(now)),
                    "application/json",
                    &text,
                )
            });
        problem.set(
            made.err()
                .map(|e| format!("No backup was made ({e}). Nothing was changed.")),
        );
    };
    view! {
        <div class="actions">
            <button
                type="button"
                class=if secondary { "button button-secondary" } else { "button" }
                on:click=export_file
            >
                "Download a backup"
            </button>
        </div>
        <p role="status">{move || problem.get()}</p>
    }
}
