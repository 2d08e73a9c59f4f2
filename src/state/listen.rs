//! The listeners that feed the savers: the page hiding, "Exit this page",
//! another tab's write, our channel's messages (deleted everything, locked).

use super::AppState;
use crate::components::quick_exit::EXIT_EVENT;
use crate::lock::{self, LockState};
use crate::storage::{storage_event_concerns, DATA_CHANNEL, DELETED_MESSAGE, PROGRESS, SETTINGS};
use leptos::prelude::*;

/// Saves are flushed when the page is hidden or closed, and when the reader
/// leaves by "Exit this page" (`components::quick_exit`), which also locks
/// when a lock is set (`AppState::exit_now`); other tabs' saves arrive as
/// `storage` events (never in the tab that wrote), and "deleted everything"
/// on our BroadcastChannel.
pub(super) fn listen(state: AppState) {
    use wasm_bindgen::{closure::Closure, JsCast};
    // One closure for both: one copy of the listener's code in the wasm.
    let flush = move |_| state.flush();
    let hide = window_event_listener_untyped("pagehide", flush);
    let hidden = window_event_listener_untyped("visibilitychange", flush);
    let exit = window_event_listener_untyped(EXIT_EVENT, move |_| state.exit_now());
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if storage_event_concerns(&PROGRESS, key.as_deref()) {
            state.progress_saver.stored_elsewhere();
        }
        if storage_event_concerns(&SETTINGS, key.as_deref()) {
            state.settings_saver.stored_elsewhere();
        }
    });
    let channel = web_sys::BroadcastChannel::new(DATA_CHANNEL).ok();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            match ev.data().as_string().as_deref() {
                Some(DELETED_MESSAGE) => state.forget_everything(),
                // What this tab has not saved yet is saved first.
                Some(lock::LOCKED_MESSAGE) if state.lock.get_untracked() == LockState::Unlocked => {
                    state.lock_here()
                }
                _ => {}
            }
        });
    if let Some(channel) = &channel {
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    }
    // The closure lives as long as the channel listens.
    let kept = StoredValue::new_local((channel, on_message));
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
        exit.remove();
        storage.remove();
        kept.with_value(|(channel, _)| channel.as_ref().map(web_sys::BroadcastChannel::close));
    });
}
