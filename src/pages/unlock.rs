//! The unlock page: shown in place of any page but About while the reader's
//! saved progress is locked (`crate::lock`), before anything of theirs.
//! The passphrase opens the stored data in this tab only; a wrong one
//! changes nothing, however many times it is tried.

use crate::components::focus::on_page_shown;
use crate::components::link::Link;
use crate::components::passphrase::{focus_soon, take, PassphraseField, ShowPassphrase};
use crate::model::sealed::{is_sealed, CryptoError};
use crate::pages::data::DeleteEverything;
use crate::session_key;
use crate::state::use_app_state;
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn UnlockPage() -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::new();
    on_page_shown(super::meta::UNLOCK, heading);
    let field = NodeRef::<Input>::new();
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let words = take(field);
        if words.is_empty() {
            problem.set(Some("Type your passphrase first.".into()));
            return focus_soon(field);
        }
        // Nothing sealed is stored any more (deleted, or the lock turned off
        // in another tab): read again, which unlocks this tab with what it
        // held.
        let Some(stored) = state.stored_progress().filter(|s| is_sealed(s)) else {
            return state.reread();
        };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let opened = session_key::unlock(&words, &stored).await;
            let _ = busy.try_set(false);
            match opened {
                Ok(key) => state.unlock(key),
                Err(e) => {
                    let _ = problem.try_set(Some(why_not(&e)));
                    focus_soon(field);
                }
            }
        });
    };

    view! {
        <div class="page prose unlock">
            <h1 tabindex="-1" node_ref=heading>
                "Your answers are locked"
            </h1>
            <p id="unlock-hint">
                "Your answers and reflections in this browser are locked with a passphrase. Type it to open them in this tab. Attune keeps the passphrase only until you close the tab or lock again."
            </p>
            <form class="unlock-form" on:submit=unlock>
                <PassphraseField
                    id="unlock-passphrase"
                    label="Passphrase"
                    autocomplete="current-password"
                    error=problem
                    hint="unlock-hint"
                    node_ref=field
                />
                <ShowPassphrase id="unlock-show" fields=vec![field] />
                <div class="actions">
                    <button
                        type="submit"
                        class="button"
                        aria-disabled=move || busy.get().then_some("true")
                    >
                        "Unlock"
                    </button>
                </div>
                <p role="status">{move || busy.get().then_some("Opening your answers\u{2026}")}</p>
            </form>
            <h2>"Read the course without unlocking"</h2>
            <p>
                "The lessons are here for anyone to read. Your saved answers stay locked and out of sight. Anything you answer meanwhile stays in this tab, and is added to your saved answers when you unlock."
            </p>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| state.reading_locked.set(true)
                >
                    "Read without unlocking"
                </button>
            </div>
            <h2>"If you have forgotten the passphrase"</h2>
            <p>
                "Nobody can open your saved answers without it, not even Attune: that is what keeps them private. If you want to start again, you can delete what is saved in this browser."
            </p>
            <DeleteEverything />
            <p>
                "If something here is weighing on you, "
                <Link href=crate::components::help::HELP_PATH>"there is help"</Link> "."
            </p>
        </div>
    }
}

/// Why the passphrase did not open the data, in words.
fn why_not(e: &CryptoError) -> String {
    match e {
        CryptoError::WrongPassphraseOrDamaged => "That passphrase does not open your answers. Check it and try again: capital letters and spaces count. Nothing has changed.".into(),
        other => format!("Your answers could not be opened: {other} Nothing has changed."),
    }
}
