//! The listeners that feed the savers: the page hiding, "Exit this page",
//! another tab's write, our channel's messages (deleted everything, locked).

use super::AppState;
use crate::components::quick_exit::EXIT_EVENT;
use crate::lock::LOCKED_MESSAGE;
use crate::model::sync::Input;
use crate::storage::{Store, PROGRESS, SETTINGS};
use leptos::prelude::*;

/// How the message "deleted everything" begins; the token follows.
const DELETED: &str = "deleted:";

/// Tells our other tabs that everything was deleted, with the token left
/// in storage (best effort: browsers without BroadcastChannel simply do
/// not hear it, and their tabs say that the data was removed).
pub(super) fn announce_deleted(store: &Store, token: &str) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(&store.channel()) {
        let _ = channel.post_message(&format!("{DELETED}{token}").into());
        channel.close();
    }
}

fn deleted<D>(token: &str, tombstone: &Option<String>) -> Input<D> {
    Input::DeletedElsewhere {
        token: token.to_string(),
        tombstone: tombstone.clone(),
    }
}

/// Saves are flushed when the page is hidden or closed, and when the reader
/// leaves by "Exit this page" (`components::quick_exit`), which also locks
/// when a lock is set (`AppState::exit_now`); other tabs' saves arrive as
/// `storage` events (never in the tab that wrote), and "deleted
/// everything" and "locked" on our BroadcastChannel.
pub(super) fn listen(state: AppState) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let store = state.store();
    // One closure for both: one copy of the listener's code in the wasm.
    let flush = move |_| state.flush();
    let hide = window_event_listener_untyped("pagehide", flush);
    let hidden = window_event_listener_untyped("visibilitychange", flush);
    let exit = window_event_listener_untyped(EXIT_EVENT, move |_| state.exit_now());
    let events = store.clone();
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if events.concerns(&PROGRESS, key.as_deref()) {
            state.progress_saver.feed(Input::StorageChanged);
        }
        if events.concerns(&SETTINGS, key.as_deref()) {
            state.settings_saver.feed(Input::StorageChanged);
        }
    });
    let channel = web_sys::BroadcastChannel::new(&store.channel()).ok();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(message) = ev.data().as_string() else {
                return;
            };
            if let Some(token) = message.strip_prefix(DELETED) {
                // Believed only if storage agrees (see `Input::DeletedElsewhere`).
                let tombstone = store.tombstone();
                state.progress_saver.feed(deleted(token, &tombstone));
                state.settings_saver.feed(deleted(token, &tombstone));
            } else if message == LOCKED_MESSAGE {
                // What this tab has not saved yet is saved first.
                state.lock_here();
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
