//! Keyboard shortcuts, as in mdBook: `?` opens a list of them in a native
//! modal `<dialog>` (which traps focus, closes on Esc and hands focus back
//! by itself), and a "Keyboard shortcuts" button in the footer opens it for
//! readers who do not know to press `?`. ← and → (lesson page) share
//! [`not_a_shortcut`]. Shift pressed three times ("Exit this page",
//! `quick_exit.rs`) is listened for in `index.html`, and listed here.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether a key press belongs to someone else: the reader is typing or
/// using a form control (radio groups move with the arrow keys), holds a
/// modifier (browser and screen-reader commands), is inside a dialog, or
/// the page already handled it. Shortcuts ignore such presses.
pub fn not_a_shortcut(ev: &web_sys::KeyboardEvent) -> bool {
    if ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.default_prevented() {
        return true;
    }
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
                || el.closest("dialog").ok().flatten().is_some()
        })
}

/// The "Keyboard shortcuts" button and dialog; `?` opens the dialog from
/// anywhere. (← and → are the lesson page's own.)
#[component]
pub fn ShortcutsHelp() -> impl IntoView {
    // In an effect: never while rendering (pages are also rendered at
    // build time, where there is no window).
    Effect::new(move |_| {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "?" && !not_a_shortcut(&ev) {
                ev.prevent_default();
                open_help();
            }
        });
        on_cleanup(move || handle.remove());
    });
    view! {
        <button type="button" class="link-button" on:click=|_| open_help()>
            "Keyboard shortcuts"
        </button>
        <dialog
            id="shortcuts"
            class="shortcuts"
            aria-labelledby="shortcuts-title"
            inner_html=HELP
        ></dialog>
    }
}

fn open_help() {
    let dialog = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shortcuts"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlDialogElement>().ok());
    if let Some(d) = dialog {
        // Throws only when it is already open: nothing to do then.
        let _ = d.show_modal();
    }
}

/// The dialog's content: fixed text of ours, never reader data, so it is
/// set as HTML in one go (each element written in `view!` would add its own
/// wasm code; this adds only the string). `method="dialog"` closes it
/// without script.
const HELP: &str = r#"<h2 id="shortcuts-title">Keyboard shortcuts</h2>
<dl class="keys">
<dt><kbd>←</kbd></dt><dd>Previous lesson</dd>
<dt><kbd>→</kbd></dt><dd>Next lesson</dd>
<dt><kbd>Shift</kbd> <kbd>Shift</kbd> <kbd>Shift</kbd></dt><dd>Exit this page at once, to a plain page called Notes (press Shift three times, also while you type)</dd>
<dt><kbd>?</kbd></dt><dd>Show these shortcuts</dd>
<dt><kbd>Esc</kbd></dt><dd>Close this list</dd>
<dt><kbd>Tab</kbd></dt><dd>Go to the next link, button or answer (<kbd>Shift</kbd>+<kbd>Tab</kbd> goes back)</dd>
<dt><kbd>Space</kbd></dt><dd>Choose the answer that has focus</dd>
</dl>
<p class="hint">The arrow keys and <kbd>?</kbd> do nothing while you type in a box or use a form control.</p>
<form method="dialog"><button class="button">Close</button></form>"#;
