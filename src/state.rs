//! App state in context: the reader's progress as a signal, persisted by one
//! debounced effect through the storage adapter.

use crate::model::codec::{self, DecodeError};
use crate::model::merge::{merge_backup, merge_tabs};
use crate::model::progress::Progress;
use crate::storage::{
    announce_deleted, request_persistence, ExternalChange, LoadOutcome, Persistence, StorageError,
    Store,
};
use leptos::prelude::*;
use std::time::Duration;

/// How long typing may pause before a save, as in Excalidraw: saving on
/// every keystroke would write the whole store dozens of times a second.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// What `start()` read from the browser before mounting.
pub struct Boot {
    pub base: String,
    /// The app path to show first (after the base), e.g. `/about`.
    pub path: String,
    pub store: Store,
    pub loaded: Result<LoadOutcome, StorageError>,
}

/// Something the reader must know about their saved data.
#[derive(Debug, Clone, PartialEq)]
pub enum DataNotice {
    /// Saved data could not be read; `raw` is offered as a download.
    Unreadable { raw: String, error: DecodeError },
    /// Saved by a newer Attune: shown, never overwritten.
    Newer { version: u64 },
    /// Storage is blocked: progress lives only in this tab.
    MemoryOnly,
    /// Our saved data vanished from storage while this tab was open (another
    /// site on the origin cleared it, or the browser did). This tab still
    /// holds it and can write it back.
    Removed,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    Pending,
    Failed(StorageError),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub progress: RwSignal<Progress>,
    pub notice: RwSignal<Option<DataNotice>>,
    pub save_status: RwSignal<SaveStatus>,
    /// Set when saving would overwrite data we cannot fully read.
    pub read_only: RwSignal<bool>,
    /// The browser's answer to `navigator.storage.persist()`, once asked.
    pub persistence: RwSignal<Option<Persistence>>,
    store: StoredValue<Store, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The progress as this tab last read or wrote it in storage: the base
    /// of the three-way merge with other tabs' saves.
    synced: StoredValue<Progress>,
    /// Unsaved changes exist. Flushing writes only then: a page that is
    /// closing must not write back data it never changed (it may be stale,
    /// or unreadable data we were told to keep).
    dirty: StoredValue<bool>,
    /// The next change is a deletion already done in storage: do not save it.
    skip_next_save: StoredValue<bool>,
}

impl AppState {
    pub fn new(store: Store, loaded: Result<LoadOutcome, StorageError>) -> Self {
        let (progress, notice, read_only) = match loaded {
            Ok(LoadOutcome::Fresh) => (Progress::default(), None, false),
            Ok(LoadOutcome::Loaded(p)) => (p, None, false),
            Ok(LoadOutcome::Unreadable { raw, error }) => (
                Progress::default(),
                Some(DataNotice::Unreadable { raw, error }),
                false,
            ),
            Ok(LoadOutcome::Newer { progress, version }) => {
                (progress, Some(DataNotice::Newer { version }), true)
            }
            Err(_) => (Progress::default(), Some(DataNotice::MemoryOnly), false),
        };
        let synced = if read_only {
            Progress::default()
        } else {
            progress.clone()
        };
        Self {
            synced: StoredValue::new(synced),
            progress: RwSignal::new(progress),
            notice: RwSignal::new(notice),
            save_status: RwSignal::new(SaveStatus::Saved),
            read_only: RwSignal::new(read_only),
            persistence: RwSignal::new(None),
            store: StoredValue::new_local(store),
            timer: StoredValue::new_local(None),
            dirty: StoredValue::new(false),
            skip_next_save: StoredValue::new(false),
        }
    }

    /// Writes the progress now, cancelling a pending delayed save.
    pub fn flush(&self) {
        self.cancel_pending_save();
        if !self.dirty.get_value() || self.read_only.get_untracked() {
            return;
        }
        if self.store.with_value(|s| s.unavailable().is_some()) {
            return;
        }
        // Read, merge, write: another tab may have saved other items since
        // we last looked, and those must not be lost by our write.
        let ours = self.progress.get_untracked();
        let merged = match self.store.with_value(Store::load_progress) {
            Ok(LoadOutcome::Loaded(stored)) => self
                .synced
                .with_value(|base| merge_tabs(base, &ours, &stored)),
            _ => ours.clone(),
        };
        if self.write_now(&merged) {
            if merged != ours {
                // What is stored already equals the merge: show it, no re-save.
                self.skip_next_save.set_value(true);
                self.progress.set(merged);
            }
            if self.persistence.get_untracked().is_none() {
                self.ask_to_persist();
            }
        }
    }

    /// Writes `progress` as this tab's stored copy and says how it went:
    /// the save status, the merge base, and whether a retry is owed (a
    /// failed write stays dirty, so the next change or flush tries again).
    fn write_now(&self, progress: &Progress) -> bool {
        let result = self.store.with_value(|s| s.save_progress(progress));
        let saved = result.is_ok();
        if saved {
            self.synced.set_value(progress.clone());
        }
        self.dirty.set_value(!saved);
        self.save_status.set(match result {
            Ok(()) => SaveStatus::Saved,
            Err(e) => SaveStatus::Failed(e),
        });
        saved
    }

    fn cancel_pending_save(&self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    /// Drops this tab's copy without saving the change: storage already
    /// holds nothing of ours.
    fn forget_everything(&self) {
        self.cancel_pending_save();
        self.dirty.set_value(false);
        self.skip_next_save.set_value(true);
        self.progress.set(Progress::default());
        self.synced.set_value(Progress::default());
        self.notice.set(None);
    }

    /// Removes everything Attune saved in this browser (our keys only) and
    /// starts afresh. Other sites' data on the same origin is untouched.
    pub fn delete_everything(&self) -> Result<(), StorageError> {
        // Tell other tabs first, so they drop their copy instead of
        // offering to restore it.
        announce_deleted();
        self.store.with_value(|s| s.remove_all_ours())?;
        self.forget_everything();
        self.read_only.set(false);
        self.save_status.set(SaveStatus::Saved);
        Ok(())
    }

    /// Another tab deleted everything: forget this tab's copy too.
    pub fn deleted_elsewhere(&self) {
        self.forget_everything();
    }

    /// Takes in what another tab (or another site) did to our storage.
    pub fn external_change(&self, change: ExternalChange) {
        match change {
            ExternalChange::ProgressWritten(raw) => {
                let Ok(decoded) = codec::decode(&raw) else {
                    return;
                };
                let theirs = decoded.progress;
                let ours = self.progress.get_untracked();
                let merged = self
                    .synced
                    .with_value(|base| merge_tabs(base, &ours, &theirs));
                let unsaved_here = merged != theirs;
                self.synced.set_value(theirs);
                if merged != ours {
                    // Storage already holds theirs: save only if we add to it.
                    self.skip_next_save.set_value(!unsaved_here);
                    self.progress.set(merged);
                }
            }
            ExternalChange::ProgressRemoved => {
                if !self.progress.with_untracked(Progress::is_blank) {
                    self.notice.set(Some(DataNotice::Removed));
                }
            }
        }
    }

    /// Writes this tab's copy back after storage was cleared elsewhere.
    pub fn restore_from_memory(&self) {
        self.dirty.set_value(true);
        self.flush();
        if matches!(self.save_status.get_untracked(), SaveStatus::Saved) {
            self.notice.set(None);
        }
    }

    /// Replaces everything with an imported backup (after the reader
    /// confirmed), or merges it in.
    pub fn import(&self, imported: Progress, replace: bool) {
        let next = if replace {
            imported
        } else {
            merge_backup(&self.progress.get_untracked(), &imported)
        };
        self.progress.set(next);
        // Replacing must win over what is stored, so no merge on this save.
        if replace {
            self.cancel_pending_save();
            self.skip_next_save.set_value(true);
            self.write_now(&self.progress.get_untracked());
        }
    }

    /// Asks once, after the reader's first saved change, that the browser
    /// keep our storage. The answer is shown on the Data page only.
    fn ask_to_persist(&self) {
        let persistence = self.persistence;
        persistence.set(Some(Persistence::Unsupported));
        leptos::task::spawn_local(async move {
            persistence.set(Some(request_persistence().await));
        });
    }

    /// Saves after [`SAVE_DELAY`] of quiet.
    fn schedule_save(self) {
        if self.skip_next_save.get_value() {
            self.skip_next_save.set_value(false);
            return;
        }
        self.cancel_pending_save();
        self.dirty.set_value(true);
        self.save_status.set(SaveStatus::Pending);
        let handle = set_timeout_with_handle(move || self.flush(), SAVE_DELAY).ok();
        if handle.is_none() {
            // No timers (should not happen in a browser): save at once.
            self.flush();
        }
        self.timer.set_value(handle);
    }
}

/// Creates the state, provides it, and starts the one effect that persists
/// it. Saves are flushed when the page is hidden or closed.
pub fn provide_app_state(boot_store: Store, loaded: Result<LoadOutcome, StorageError>) -> AppState {
    let state = AppState::new(boot_store, loaded);
    provide_context(state);
    Effect::new(move |first: Option<()>| {
        state.progress.track();
        // The first run is the loaded value: nothing new to save.
        if first.is_some() && !state.read_only.get_untracked() {
            state.schedule_save();
        }
    });
    listen_to_other_tabs(state);
    let hide = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| state.flush());
    on_cleanup(move || {
        hide.remove();
        visibility.remove();
    });
    state
}

/// Other tabs' saves arrive as `storage` events (never in the tab that
/// wrote); "deleted everything" arrives on our BroadcastChannel.
fn listen_to_other_tabs(state: AppState) {
    use crate::storage::{classify_storage_event, DATA_CHANNEL, DELETED_MESSAGE};
    use wasm_bindgen::{closure::Closure, JsCast};
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(change) = classify_storage_event(ev.key().as_deref(), ev.new_value()) {
            state.external_change(change);
        }
    });
    let channel = web_sys::BroadcastChannel::new(DATA_CHANNEL).ok();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if ev.data().as_string().as_deref() == Some(DELETED_MESSAGE) {
                state.deleted_elsewhere();
            }
        });
    if let Some(channel) = &channel {
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    }
    // Keep the closure alive as long as the channel listens.
    let kept = StoredValue::new_local((channel, on_message));
    on_cleanup(move || {
        storage.remove();
        kept.with_value(|(channel, _)| {
            if let Some(channel) = channel {
                channel.close();
            }
        });
    });
}

pub fn use_app_state() -> AppState {
    // `App` provides it before any page renders: its absence is a bug, not a
    // condition to handle. A fixed message rather than `expect_context`,
    // whose message formats the caller's location (~150 B of wasm).
    use_context::<AppState>().unwrap_or_else(|| panic!("AppState is provided by App"))
}
