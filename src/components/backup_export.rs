//! "Download a backup", plain or protected with a passphrase. A protected
//! file is the plain backup encrypted in this browser (`crate::crypto`):
//! without the passphrase it is unreadable, and so is everything in it.

use crate::components::passphrase::{focus_soon, peek, take, PassphraseField, ShowPassphrase};
use crate::components::share_file::{HandedOver, ShareButton, ShareOffer, TextFile};
use crate::components::today::read_zone;
use crate::crypto::seal_with_passphrase;
use crate::model::backup::{export, file_name};
use crate::model::sealed::{check_new_passphrase, PassphraseProblem};
use crate::state::use_app_state;
use leptos::html::Input;
use leptos::prelude::*;

/// On Your data, and (`secondary`, beside the page's main step) on the
/// closing page.
#[component]
pub fn ExportBackup(#[prop(optional)] secondary: bool) -> impl IntoView {
    let state = use_app_state();
    let protect = RwSignal::new(false);
    let problem = RwSignal::new(None::<PassphraseProblem>);
    // Progress and outcome, in a live region; never an empty "backup".
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let first = NodeRef::<Input>::new();
    let second = NodeRef::<Input>::new();
    // Shared instead of downloaded where downloads fail (share_file.rs).
    let share = ShareOffer::new();

    let download = move |_| {
        if busy.get_untracked() {
            return;
        }
        let now = js_sys::Date::now();
        let text = match state.progress.with_untracked(|p| export(p, now)) {
            Ok(text) => text,
            Err(e) => {
                status.set(Some(format!(
                    "No backup was made ({e}). Nothing was changed."
                )));
                return;
            }
        };
        if !protect.get_untracked() {
            let made = share.hand_over(backup_file(file_name(now, &read_zone(), false), text));
            status.set(
                made.err()
                    .map(|e| format!("No backup was made ({e}). Nothing was changed.")),
            );
            return;
        }
        let checked = check_new_passphrase(&peek(first), &peek(second));
        problem.set(checked.err());
        if let Err(p) = checked {
            status.set(None);
            focus_soon(if p == PassphraseProblem::Mismatch {
                second
            } else {
                first
            });
            return;
        }
        // Used once, and gone from the page.
        let words = take(first);
        take(second);
        busy.set(true);
        status.set(Some(
            "Protecting the file with your passphrase\u{2026}".into(),
        ));
        leptos::task::spawn_local(async move {
            let name = file_name(now, &read_zone(), true);
            let made = seal_with_passphrase(&words, &text)
                .await
                .map_err(|e| e.to_string())
                .and_then(|file| share.hand_over(backup_file(name.clone(), file)));
            busy.set(false);
            status.set(Some(match made {
                Ok(HandedOver::Downloaded) => format!("Your protected backup was downloaded as {name}. Keep the passphrase safe: without it, the file cannot be opened."),
                Ok(HandedOver::Sharing) => format!("Your protected backup {name} is made. Keep the passphrase safe: without it, the file cannot be opened."),
                Err(e) => format!("No backup was made. {e} Nothing was changed."),
            }));
        });
    };

    let error_for = move |which: PassphraseProblem| {
        Signal::derive(move || problem.get().filter(|p| *p == which).map(|p| p.to_string()))
    };
    view! {
        <h3>
            {move || if share.prefers_share() { "Share a backup" } else { "Download a backup" }}
        </h3>
        <div class="option">
            <input
                type="checkbox"
                id="backup-protect"
                aria-describedby="backup-protect-hint"
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    protect.set(on);
                    problem.set(None);
                    if !on {
                        take(first);
                        take(second);
                    }
                }
            />
            <label for="backup-protect">"Protect the file with a passphrase"</label>
        </div>
        <p class="hint" id="backup-protect-hint">
            "Anyone who gets a plain backup file can read your reflections. A protected file opens only with its passphrase."
        </p>
        <div class="passphrase-fields" hidden=move || !protect.get()>
            <p id="backup-passphrase-hint">
                <strong>"If you forget the passphrase, the file cannot be opened."</strong>
                " Nobody can get it back for you, not even Attune. Use at least 8 characters. A few words that do not belong together are easy to remember and hard to guess."
            </p>
            <PassphraseField
                id="backup-passphrase"
                label="Passphrase"
                autocomplete="new-password"
                error=error_for(PassphraseProblem::TooShort)
                hint="backup-passphrase-hint"
                node_ref=first
            />
            <PassphraseField
                id="backup-passphrase-again"
                label="The same passphrase again"
                autocomplete="new-password"
                error=error_for(PassphraseProblem::Mismatch)
                node_ref=second
            />
            <ShowPassphrase id="backup-show" fields=vec![first, second] />
        </div>
        <div class="actions">
            <button
                type="button"
                class=if secondary { "button button-secondary" } else { "button" }
                aria-disabled=move || busy.get().then_some("true")
                on:click=download
            >
                {move || match (protect.get(), share.prefers_share()) {
                    (false, false) => "Download a backup",
                    (true, false) => "Download a protected backup",
                    (false, true) => "Share a backup",
                    (true, true) => "Share a protected backup",
                }}
            </button>
        </div>
        <p role="status" id="backup-status">
            {move || status.get()}
        </p>
        <ShareButton offer=share />
    }
}

fn backup_file(name: String, text: String) -> TextFile {
    TextFile {
        name,
        mime: "application/json",
        text,
    }
}
