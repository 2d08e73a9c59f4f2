//! App state in context: the reader's progress and display settings as
//! signals, each saved by its own sync machine (`model::sync`, through
//! `saver.rs`). This file creates them and, in an effect (never during
//! render), starts the listeners that feed the machines: the page hiding,
//! another tab's write, "deleted everything" from another tab.

use crate::boot::Boot;
use crate::model::merge::merge_backup;
use crate::model::progress::Progress;
use crate::model::settings::Settings;
use crate::model::sync::{Event, Notice};
pub use crate::saver::SaveStatus;
use crate::saver::{apply_settings, Saver, SAVE_DELAY};
use crate::storage::{
    announce_deleted, storage_event_concerns, Persistence, StorageError, DATA_CHANNEL,
    DELETED_MESSAGE, PROGRESS, SETTINGS,
};
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct AppState {
    pub progress: RwSignal<Progress>,
    pub settings: RwSignal<Settings>,
    /// Something the reader must know about their saved data.
    pub notice: RwSignal<Option<Notice>>,
    pub save_status: RwSignal<SaveStatus>,
    /// Set when saving would overwrite data we cannot fully read.
    pub read_only: RwSignal<bool>,
    /// The browser's answer to `navigator.storage.persist()`, once asked.
    pub persistence: RwSignal<Option<Persistence>>,
    progress_saver: Saver<Progress>,
    settings_saver: Saver<Settings>,
}

impl AppState {
    /// Writes what is unsaved now (Finish, Reload, the page hiding), without
    /// waiting for the delay after a change.
    pub fn flush(&self) {
        self.progress_saver.flush();
        self.settings_saver.flush();
    }

    /// Removes everything Attune saved in this browser (our keys only) and
    /// starts afresh. Other sites' data on the same origin is untouched.
    pub fn delete_everything(&self) -> Result<(), StorageError> {
        // Other tabs first, so they drop their copy instead of offering to
        // restore it.
        announce_deleted();
        self.progress_saver.store().remove_all_ours()?;
        self.forget_everything();
        Ok(())
    }

    fn forget_everything(&self) {
        self.progress_saver.feed(Event::Forgotten);
        self.settings_saver.feed(Event::Forgotten);
    }

    /// Writes this tab's copy back after storage lost it elsewhere.
    pub fn restore_from_memory(&self) {
        self.progress_saver.feed(Event::Restore);
    }

    /// Replaces everything with an imported backup (after the reader
    /// confirmed: written at once, over what is stored), or adds it in.
    pub fn import(&self, imported: Progress, replace: bool) {
        if replace {
            self.progress_saver.feed(Event::Replaced(imported));
        } else {
            self.progress.update(|p| *p = merge_backup(p, &imported));
        }
    }
}

/// Creates the state from what `start()` read, provides it, and starts
/// saving and listening (in an effect, so never while rendering).
pub fn provide_app_state(boot: &Boot) -> AppState {
    let notice = RwSignal::new(None);
    let save_status = RwSignal::new(SaveStatus::Saved);
    let read_only = RwSignal::new(false);
    let persistence = RwSignal::new(None);
    let progress_saver = Saver::new(
        &PROGRESS,
        &boot.store,
        boot.progress.clone(),
        SAVE_DELAY,
        Some((notice, save_status, read_only, persistence)),
    );
    let settings = boot.settings.clone();
    let settings_saver = Saver::new(&SETTINGS, &boot.store, settings, Duration::ZERO, None);
    let state = AppState {
        progress: progress_saver.doc(),
        settings: settings_saver.doc(),
        notice,
        save_status,
        read_only,
        persistence,
        progress_saver,
        settings_saver,
    };
    provide_context(state);
    Effect::new(move |_| apply_settings(&state.settings.get()));
    Effect::new(move |_| listen(state));
    state
}

/// Saves are flushed when the page is hidden or closed; other tabs' saves
/// arrive as `storage` events (never in the tab that wrote), and "deleted
/// everything" on our BroadcastChannel.
fn listen(state: AppState) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let hide = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| state.flush());
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
            if ev.data().as_string().as_deref() == Some(DELETED_MESSAGE) {
                state.forget_everything();
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
        storage.remove();
        kept.with_value(|(channel, _)| channel.as_ref().map(web_sys::BroadcastChannel::close));
    });
}

pub fn use_app_state() -> AppState {
    // `App` provides it before any page renders: its absence is a bug, not a
    // condition to handle. A fixed message rather than `expect_context`,
    // whose message formats the caller's location (~150 B of wasm).
    use_context::<AppState>().unwrap_or_else(|| panic!("AppState is provided by App"))
}
