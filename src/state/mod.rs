//! App state in context: the reader's progress and display settings as
//! signals, each saved by its own sync machine (`model::sync`, through
//! `saver.rs`). This file creates them and, in an effect (never during
//! render), starts the listeners that feed the machines: the page hiding,
//! another tab's write, "deleted everything" from another tab
//! (`listen.rs`). The lock's part of the state is in `locking.rs`.

mod listen;
mod locking;

use crate::boot::Boot;
use crate::lock::{self, LockState};
use crate::model::merge::merge_backup;
use crate::model::progress::Progress;
use crate::model::settings::Settings;
use crate::model::sync::{Event, Notice};
pub use crate::saver::SaveStatus;
use crate::saver::{apply_settings, Saver, SAVE_DELAY};
use crate::storage::{announce_deleted, Persistence, StorageError, PROGRESS, SETTINGS};
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct AppState {
    pub progress: RwSignal<Progress>,
    pub settings: RwSignal<Settings>,
    /// The signals hold the reader's own state. False while a page rendered
    /// at build time (for a reader with nothing saved) is being taken over:
    /// a view that decides something once from the reader's state waits
    /// for this.
    pub ready: RwSignal<bool>,
    /// Something the reader must know about their saved data.
    pub notice: RwSignal<Option<Notice>>,
    pub save_status: RwSignal<SaveStatus>,
    /// Set when saving would overwrite data we cannot fully read.
    pub read_only: RwSignal<bool>,
    /// The browser's answer to `navigator.storage.persist()`, once asked.
    pub persistence: RwSignal<Option<Persistence>>,
    /// Whether the reader's saved progress is locked (`crate::lock`).
    pub lock: RwSignal<LockState>,
    /// The reader chose to read the course while their answers stay
    /// locked (this visit only).
    pub reading_locked: RwSignal<bool>,
    /// Where the lock stood when the page opened, applied on takeover.
    lock_at_start: LockState,
    progress_saver: Saver<Progress>,
    settings_saver: Saver<Settings>,
}

impl AppState {
    /// The state for what `start()` read. When `taking_over` the page
    /// rendered at build time, the signals start as that render had them (a
    /// reader with nothing saved), and the reader's own state is applied by
    /// [`AppState::take_over`] once the page is adopted: nothing is shown
    /// or saved before. The pages rendered at build time take over nothing.
    pub fn new(boot: &Boot, taking_over: bool) -> Self {
        let notice = RwSignal::new(None);
        let save_status = RwSignal::new(SaveStatus::Saved);
        let read_only = RwSignal::new(false);
        let persistence = RwSignal::new(None);
        let report = (notice, save_status, read_only, persistence);
        let (store, progress) = (&boot.store, boot.progress.clone());
        let lock_at_start = if boot.sealed {
            LockState::Locked
        } else {
            LockState::Off
        };
        // As the page was rendered (unlocked) until it is taken over.
        let lock = RwSignal::new(if taking_over {
            LockState::Off
        } else {
            lock_at_start
        });
        let progress_saver = Saver::new(
            &PROGRESS,
            store,
            progress,
            SAVE_DELAY,
            Some(report),
            Some(lock),
            taking_over,
        );
        let settings = boot.settings.clone();
        let settings_saver = Saver::new(
            &SETTINGS,
            store,
            settings,
            Duration::ZERO,
            None,
            None,
            taking_over,
        );
        AppState {
            progress: progress_saver.doc(),
            settings: settings_saver.doc(),
            ready: RwSignal::new(!taking_over),
            notice,
            save_status,
            read_only,
            persistence,
            lock,
            reading_locked: RwSignal::new(false),
            lock_at_start,
            progress_saver,
            settings_saver,
        }
    }

    /// Puts the state in context and starts saving and listening, in
    /// effects (never while rendering). `App` calls it.
    pub fn provide(self) {
        provide_context(self);
        self.progress_saver.follow();
        self.settings_saver.follow();
        Effect::new(move |_| apply_settings(&self.settings.get()));
        Effect::new(move |_| listen::listen(self));
    }

    /// Shows the reader's own saved state in the page just taken over.
    pub fn take_over(self) {
        self.lock.set(self.lock_at_start);
        self.progress_saver.take_over();
        self.settings_saver.take_over();
        self.ready.set(true);
    }

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

    /// Starts afresh after everything was deleted (here or in another tab).
    pub fn forget_everything(&self) {
        lock::set_key(None);
        self.lock.set(LockState::Off);
        self.progress_saver.feed(Event::Forgotten);
        self.settings_saver.feed(Event::Forgotten);
    }

    /// The handle on storage, for the copy kept aside (`Store::kept_aside`).
    pub fn store(&self) -> crate::storage::Store {
        self.progress_saver.store()
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

pub fn use_app_state() -> AppState {
    // `App` provides it before any page renders: its absence is a bug, not a
    // condition to handle. A fixed message rather than `expect_context`,
    // whose message formats the caller's location (~150 B of wasm).
    use_context::<AppState>().unwrap_or_else(|| panic!("AppState is provided by App"))
}
