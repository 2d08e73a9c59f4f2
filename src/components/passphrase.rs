//! A passphrase box and its "show" checkbox, for protected backups (and
//! the lock). The box is a password field that can show what is typed, so
//! a reader can check a long passphrase; it never spell-checks (some
//! browsers send spell-checked words to a server) and it lets password
//! managers fill it. Its error is linked with `aria-describedby` and spoken
//! when it appears.
//!
//! What is typed stays in the box, not in a signal: it is read once, when
//! the reader asks for it to be used ([`take`]), and the box is emptied
//! after. (Also smaller: no reactive binding per keystroke.)

use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn PassphraseField(
    id: &'static str,
    label: &'static str,
    /// `new-password` when choosing one, `current-password` when asked.
    autocomplete: &'static str,
    /// What is wrong, in words; linked to the box and spoken when it appears.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The id of a hint above the box, read with it.
    #[prop(optional)]
    hint: Option<&'static str>,
    node_ref: NodeRef<Input>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = match hint {
        Some(hint) => format!("{hint} {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <label class="prompt" for=id>
            {label}
        </label>
        <input
            id=id
            class="passphrase"
            type="password"
            autocomplete=autocomplete
            spellcheck="false"
            autocapitalize="none"
            aria-describedby=described
            aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
            node_ref=node_ref
        />
        <p id=error_id class="error" aria-live="polite">
            {move || error.get()}
        </p>
    }
}

/// "Show the passphrase": one checkbox for the boxes of one form.
#[component]
pub fn ShowPassphrase(id: &'static str, fields: Vec<NodeRef<Input>>) -> impl IntoView {
    let toggle = move |ev: leptos::ev::Event| {
        let kind = if event_target_checked(&ev) {
            "text"
        } else {
            "password"
        };
        for field in &fields {
            if let Some(input) = box_of(*field) {
                input.set_type(kind);
            }
        }
    };
    view! {
        <div class="option">
            <input type="checkbox" id=id on:change=toggle />
            <label for=id>"Show the passphrase"</label>
        </div>
    }
}

/// What the box holds, emptying it: a passphrase is used once and not kept
/// on the page.
pub fn take(field: NodeRef<Input>) -> String {
    box_of(field)
        .map(|input| {
            let words = input.value();
            input.set_value("");
            words
        })
        .unwrap_or_default()
}

/// What the box holds, left in it (to check a new passphrase before use).
pub fn peek(field: NodeRef<Input>) -> String {
    box_of(field).map(|input| input.value()).unwrap_or_default()
}

/// Moves focus to the box after the next frame, once a change that shows
/// it (or its error) is on the page.
pub fn focus_soon(field: NodeRef<Input>) {
    request_animation_frame(move || {
        if let Some(input) = box_of(field) {
            let _ = input.focus();
        }
    });
}

/// The box, if it is still on the page: these run after an await or a
/// frame, when the reader may have left it, and reading a node that is gone
/// would panic.
fn box_of(field: NodeRef<Input>) -> Option<web_sys::HtmlInputElement> {
    field.try_get_untracked().flatten()
}
