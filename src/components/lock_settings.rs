//! "Lock my answers" on Your data: turn the lock on with a passphrase, lock
//! now, change the passphrase, turn it off. The lock encrypts what is saved
//! (`crate::lock`, `crate::session_key`); this is only its controls.

use crate::components::confirm::ConfirmAction;
use crate::components::passphrase::{focus_soon, peek, take, PassphraseField, ShowPassphrase};
use crate::lock::LockState;
use crate::model::sealed::{check_new_passphrase, PassphraseProblem};
use crate::session_key;
use crate::state::use_app_state;
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn LockSettings() -> impl IntoView {
    let state = use_app_state();
    let status = RwSignal::new(None::<String>);
    let lock_now = move |_| {
        state.lock_now();
    };
    let turn_off = Callback::new(move |_| {
        state.unseal();
        status.set(Some(
            "The lock is off. Your answers are saved as plain text in this browser again.".into(),
        ));
    });
    // Whether this browser lets Attune save: known only in the browser, so
    // read in an effect (the page rendered at build time assumes it can,
    // and the browser takes that page over as it is).
    let can_save = RwSignal::new(true);
    Effect::new(move |_| can_save.set(state.store().unavailable().is_none()));
    view! {
        <h2 id="lock">"Lock my answers"</h2>
        <p>
            "You can lock your answers, reflections and progress with a passphrase. Then they are saved only in a scrambled form that nobody can read without the passphrase. Each time you open Attune, it asks for the passphrase before it shows anything of yours. The lessons stay open to read."
        </p>
        {move || match state.lock.get() {
            LockState::Off if state.read_only.get() || !can_save.get() => {
                view! {
                    <p>"The lock needs this browser to save data, and it cannot here just now."</p>
                }
                    .into_any()
            }
            LockState::Off => view! { <ChoosePassphrase status=status /> }.into_any(),
            LockState::Locked => {
                view! { <p>"Your answers are locked. Unlock them to change the lock."</p> }
                    .into_any()
            }
            LockState::Unlocked => {
                view! {
                    <p>
                        <strong>"The lock is on."</strong>
                        " Your answers are open in this tab until you close it or lock them."
                    </p>
                    <div class="actions">
                        <button type="button" class="button" on:click=lock_now>
                            "Lock now"
                        </button>
                    </div>
                    <ChoosePassphrase status=status changing=true />
                    <ConfirmAction
                        label="Turn the lock off"
                        question="Turn the lock off? Your answers will be saved as plain text in this browser again."
                        confirm="Yes, turn it off"
                        cancel="No, keep the lock"
                        on_confirm=turn_off
                    />
                }
                    .into_any()
            }
        }}
        <p role="status" id="lock-status">
            {move || status.get()}
        </p>
        <h3>"What the lock protects, and what it does not"</h3>
        <ul>
            <li>
                "It protects your words from anyone who opens this browser or reads its saved data while Attune is locked. That includes other websites at the same address that read what is saved."
            </li>
            <li>
                "It cannot fully protect you from a website at the same address that acts against Attune. Such a site could change the copy of Attune your browser keeps, or open Attune in a window it controls. Then it could catch your passphrase the next time you type it. Only an address of Attune's own closes this gap: its own domain, or a GitHub account that publishes nothing else."
            </li>
            <li>
                "It does not protect against someone who knows or guesses your passphrase, or who sees your screen while your answers are open. Nor against a harmful browser extension or a program that records what you type."
            </li>
            <li>
                "It does not hide that you used Attune: your browser's history still lists it, and your display settings are not locked."
            </li>
        </ul>
    }
}

/// The passphrase boxes and the button that turns the lock on, or changes
/// its passphrase (`changing`).
#[component]
fn ChoosePassphrase(
    status: RwSignal<Option<String>>,
    #[prop(optional)] changing: bool,
) -> impl IntoView {
    let state = use_app_state();
    let first = NodeRef::<Input>::new();
    let second = NodeRef::<Input>::new();
    let problem = RwSignal::new(None::<PassphraseProblem>);
    let busy = RwSignal::new(false);
    let (id, again_id, show_id) = if changing {
        ("lock-new", "lock-new-again", "lock-new-show")
    } else {
        ("lock-passphrase", "lock-passphrase-again", "lock-show")
    };
    let choose = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let checked = check_new_passphrase(&peek(first), &peek(second));
        problem.set(checked.err());
        if let Err(p) = checked {
            return focus_soon(if p == PassphraseProblem::Mismatch {
                second
            } else {
                first
            });
        }
        let words = take(first);
        take(second);
        busy.set(true);
        status.set(Some("Making the key from your passphrase\u{2026}".into()));
        leptos::task::spawn_local(async move {
            // The saver seals with the `lock` chunk's code.
            let made = match session_key::here().await {
                Ok(_) => session_key::choose(&words).await.map_err(|e| e.to_string()),
                Err(_) => {
                    Err("part of Attune could not be downloaded. Connect and try again.".into())
                }
            };
            let _ = busy.try_set(false);
            match made {
                Ok(key) => {
                    state.seal_with(key);
                    let _ = status.try_set(Some(if changing {
                        "Your passphrase is changed. Use the new one from now on.".into()
                    } else {
                        "The lock is on. Your answers are saved locked from now on. Keep your passphrase safe: without it they cannot be opened.".into()
                    }));
                }
                Err(e) => {
                    let _ = status.try_set(Some(format!("The lock was not changed: {e}")));
                }
            }
        });
    };
    let error_for = move |which: PassphraseProblem| {
        Signal::derive(move || problem.get().filter(|p| *p == which).map(|p| p.to_string()))
    };
    view! {
        <form class="lock-form" on:submit=choose>
            {changing.then(|| view! { <h3>"Change the passphrase"</h3> })}
            <p id="lock-warning">
                <strong>
                    "If you forget the passphrase, nobody can open your answers again, not even Attune."
                </strong>
                " There is no reset. The only way on would be to delete everything and start afresh. Use at least 8 characters. A few words that do not belong together are easy to remember and hard to guess."
            </p>
            <PassphraseField
                id=id
                label=if changing { "New passphrase" } else { "Passphrase" }
                autocomplete="new-password"
                error=error_for(PassphraseProblem::TooShort)
                hint="lock-warning"
                node_ref=first
            />
            <PassphraseField
                id=again_id
                label="The same passphrase again"
                autocomplete="new-password"
                error=error_for(PassphraseProblem::Mismatch)
                node_ref=second
            />
            <ShowPassphrase id=show_id fields=vec![first, second] />
            <div class="actions">
                <button
                    type="submit"
                    class=if changing { "button button-secondary" } else { "button" }
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {if changing { "Change the passphrase" } else { "Turn the lock on" }}
                </button>
            </div>
        </form>
    }
}
