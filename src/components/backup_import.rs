//! "Bring back a backup": choosing a file, opening it with its passphrase
//! when it is protected, checking it, showing what it holds, and only then
//! adding it in or replacing, on the reader's word. Until then nothing
//! changes: a wrong passphrase can be tried again as often as needed.

use crate::components::confirm::ConfirmAction;
use crate::components::focus::focus_later;
use crate::components::passphrase::{focus_soon, peek, take, PassphraseField, ShowPassphrase};
use crate::components::today::use_zone;
use crate::crypto::open_with_passphrase;
use crate::model::backup::{check_backup, ImportError, Preview};
use crate::model::dates::format_day;
use crate::model::sealed::{is_protected, CryptoError, Sealed, MAX_SEALED_BYTES};
use crate::state::use_app_state;
use leptos::html::{Div, Input};
use leptos::prelude::*;

#[component]
pub fn ImportBackup() -> impl IntoView {
    let state = use_app_state();
    let checked = RwSignal::new(None::<Result<Preview, ImportError>>);
    let done = RwSignal::new(None::<&'static str>);
    // A protected file waiting for its passphrase, or why it cannot be opened.
    let locked = RwSignal::new(None::<Sealed>);
    let refused = RwSignal::new(None::<CryptoError>);
    let wrong = RwSignal::new(None::<String>);
    let opening = RwSignal::new(false);
    let field = NodeRef::<Input>::new();
    let result_area = NodeRef::<Div>::new();
    // Which file is current: an answer about an earlier one is dropped.
    let generation = StoredValue::new(0u32);

    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        generation.update_value(|n| *n += 1);
        let chosen = generation.get_value();
        done.set(None);
        checked.set(None);
        locked.set(None);
        refused.set(None);
        wrong.set(None);
        take(field);
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else { return };
        if file.size() > MAX_SEALED_BYTES as f64 {
            checked.set(Some(Err(ImportError::TooLarge(file.size() as usize))));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
            if generation.try_get_value() != Some(chosen) {
                return;
            }
            if !is_protected(&text) {
                checked.set(Some(check_backup(&text)));
                return;
            }
            match Sealed::parse(&text) {
                Ok(sealed) => {
                    locked.set(Some(sealed));
                    focus_soon(field);
                }
                Err(e) => refused.set(Some(e)),
            }
        });
    };

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sealed) = locked.get_untracked() else {
            return;
        };
        if opening.get_untracked() {
            return;
        }
        // Kept in the box until it works, so a typo can be mended.
        let words = peek(field);
        if words.is_empty() {
            wrong.set(Some(
                "Type the passphrase this backup was protected with.".into(),
            ));
            focus_soon(field);
            return;
        }
        // Cleared first, so the same message said again is spoken again.
        wrong.set(None);
        opening.set(true);
        let chosen = generation.get_value();
        leptos::task::spawn_local(async move {
            let opened = open_with_passphrase(&sealed, &words).await;
            opening.set(false);
            if generation.try_get_value() != Some(chosen) {
                return;
            }
            match opened {
                Ok(plain) => {
                    locked.set(None);
                    take(field);
                    checked.set(Some(check_backup(&plain)));
                    focus_later(result_area, Some(".notice, .error"));
                }
                Err(e) => {
                    wrong.set(Some(format!("{e} Nothing was changed.")));
                    focus_soon(field);
                }
            }
        });
    };
    let cancel = move |_| {
        generation.update_value(|n| *n += 1);
        locked.set(None);
        take(field);
        wrong.set(None);
    };

    let apply = move |replace: bool| {
        if let Some(Ok(preview)) = checked.get_untracked() {
            state.import(preview.progress, replace);
            checked.set(None);
            done.set(Some(if replace {
                "Done: your data is now what the backup held."
            } else {
                "Done: the backup was added to what was here."
            }));
        }
    };
    let result = move || {
        checked.get().map(|r| match r {
            Err(e) => view! {
                <p class="error" tabindex="-1">
                    <span aria-hidden="true">"⚠ "</span>
                    {format!("Nothing was changed: {e}.")}
                </p>
            }
            .into_any(),
            Ok(p) => view! {
                <div class="notice" tabindex="-1">
                    <p>
                        {format!(
                            "This backup is from {}. It holds {} answers, {} reflections and {} finished lessons.",
                            format_day(p.exported, &use_zone().get_untracked()),
                            p.answers,
                            p.reflections,
                            p.completed,
                        )}
                    </p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| apply(false)>
                            "Add it to what is here"
                        </button>
                        <button
                            type="button"
                            class="button button-secondary"
                            on:click=move |_| checked.set(None)
                        >
                            "Cancel"
                        </button>
                    </div>
                    <ConfirmAction
                        label="Replace what is here with it"
                        question="This replaces everything saved in this browser with the backup. Are you sure?"
                        confirm="Yes, replace it"
                        cancel="No, keep what is here"
                        on_confirm=Callback::new(move |_| apply(true))
                    />
                </div>
            }
            .into_any(),
        })
    };
    let refusal = move || {
        refused.get().map(|e| {
            view! {
                <p class="error">
                    <span aria-hidden="true">"⚠ "</span>
                    {format!("Nothing was changed. {e}")}
                </p>
            }
        })
    };
    view! {
        <h3>"Bring back a backup"</h3>
        <label class="prompt" for="backup-file">
            "Choose a backup file (.json)"
        </label>
        <input id="backup-file" type="file" accept=".json,application/json" on:change=on_file />
        <form class="passphrase-fields" hidden=move || locked.with(Option::is_none) on:submit=open>
            <p id="open-passphrase-hint">
                "This backup is protected. Type the passphrase it was saved with."
            </p>
            <PassphraseField
                id="open-passphrase"
                label="Passphrase"
                autocomplete="current-password"
                error=wrong
                hint="open-passphrase-hint"
                node_ref=field
            />
            <ShowPassphrase id="open-show" fields=vec![field] />
            <div class="actions">
                <button
                    type="submit"
                    class="button"
                    aria-disabled=move || opening.get().then_some("true")
                >
                    "Open the backup"
                </button>
                <button type="button" class="button button-secondary" on:click=cancel>
                    "Cancel"
                </button>
            </div>
        </form>
        <div role="status" id="import-status" node_ref=result_area>
            {move || opening.get().then_some(view! { <p>"Opening the backup\u{2026}"</p> })}
            {refusal}
            {result}
            {move || done.get().map(|m| view! { <p>{m}</p> })}
        </div>
    }
}
