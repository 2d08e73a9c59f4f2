//! App state in context: the reader's progress and display settings as
//! signals, each saved by its own saving core (`model::sync::Core`, run by
//! `saver.rs`). This file creates them and, in an effect (never during
//! render), starts the listeners that feed the cores: the page hiding,
//! another tab's write, our channel's messages (`listen.rs`). The lock's
//! part of the state is in `locking.rs`.

mod listen;
mod locking;

use crate::boot::Boot;
use crate::lock::LockState;
use crate::model::keys;
use crate::model::merge::merge_backup;
use crate::model::progress::Progress;
use crate::model::settings::Settings;
use crate::model::sync::{Input, Notice};
pub use crate::model::sync::{SaveStatus, StorageError};
use crate::saver::{Saver, SAVE_DELAY};
use crate::storage::{Persistence, Store, PROGRESS, SETTINGS};
use leptos::prelude::*;
use std::time::Duration;

/// How long the token of "deleted everything" stays for our other tabs.
const TOMBSTONE_KEPT: Duration = Duration::from_secs(3);

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
        // As the page was rendered (unlocked) until it is taken over.
        let lock = RwSignal::new(LockState::Off);
        let progress_saver = Saver::new(
            &PROGRESS,
            &boot.store,
            SAVE_DELAY,
            Some(report),
            Some(lock),
            taking_over,
        );
        let settings_saver = Saver::new(
            &SETTINGS,
            &boot.store,
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
        Effect::new(move |_| listen::listen(self));
    }

    /// Shows the reader's own saved state in the page just taken over.
    pub fn take_over(self) {
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
    /// Our other tabs are told, with a token left in storage that they
    /// check the message against, so that a message alone (another page on
    /// the origin can post on our channel) never makes a tab drop what is
    /// still stored.
    pub fn delete_everything(&self) -> Result<(), StorageError> {
        let store = self.store();
        store.remove_all_ours()?;
        let token = crate::crypto::random_bytes::<16>()
            .map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
            .unwrap_or_default();
        if !token.is_empty() {
            store.leave_tombstone(&token);
            listen::announce_deleted(&store, &token);
            // Gone once the other tabs have heard: nothing of Attune's is
            // left. A tab that hears later keeps its copy and asks.
            set_timeout(move || store.remove_tombstone(&token), TOMBSTONE_KEPT);
        }
        self.forget_everything();
        Ok(())
    }

    /// Starts afresh after everything was deleted in this tab.
    pub fn forget_everything(&self) {
        self.progress_saver.feed(Input::Forget);
        self.settings_saver.feed(Input::Forget);
    }

    /// The handle on this site's storage.
    pub fn store(&self) -> Store {
        self.progress_saver.store()
    }

    /// Whether edits made before this tab locked wait for the reader to
    /// unlock (they are saved then).
    pub fn holds_edits(&self) -> bool {
        self.progress_saver.holds_edits()
    }

    /// Reads what storage holds again, as another tab's write would be.
    pub fn reread(&self) {
        self.progress_saver.feed(Input::StorageChanged);
    }

    /// Writes this tab's copy back after storage lost it elsewhere, or held
    /// something that could not be kept aside.
    pub fn restore_from_memory(&self) {
        self.progress_saver.feed(Input::Restore);
    }

    /// Replaces everything with an imported backup (after the reader
    /// confirmed: written at once, over what is stored), or adds it in.
    pub fn import(&self, imported: Progress, replace: bool) {
        if replace {
            self.progress_saver.feed(Input::Replace(imported));
        } else {
            self.progress.update(|p| *p = merge_backup(p, &imported));
        }
    }

    /// What storage holds of the progress now (sealed, while locked), for
    /// the unlock page.
    pub fn stored_progress(&self) -> Option<String> {
        self.store().read(keys::PROGRESS).ok().flatten()
    }
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
