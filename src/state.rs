//! App state in context: the reader's progress as a signal, persisted by one
//! debounced effect through the storage adapter.

use crate::model::codec::DecodeError;
use crate::model::progress::Progress;
use crate::storage::{LoadOutcome, StorageError, Store};
use leptos::prelude::*;
use std::time::Duration;

/// How long typing may pause before a save, as in Excalidraw: saving on
/// every keystroke would write the whole store dozens of times a second.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// What `start()` read from the browser before mounting.
pub struct Boot {
    pub base: String,
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
    store: StoredValue<Store, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
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
        Self {
            progress: RwSignal::new(progress),
            notice: RwSignal::new(notice),
            save_status: RwSignal::new(SaveStatus::Saved),
            read_only: RwSignal::new(read_only),
            store: StoredValue::new_local(store),
            timer: StoredValue::new_local(None),
            dirty: StoredValue::new(false),
            skip_next_save: StoredValue::new(false),
        }
    }

    /// Writes the progress now, cancelling a pending delayed save.
    pub fn flush(&self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if !self.dirty.get_value() || self.read_only.get_untracked() {
            return;
        }
        if self.store.with_value(|s| s.unavailable().is_some()) {
            return;
        }
        let result = self
            .progress
            .with_untracked(|p| self.store.with_value(|s| s.save_progress(p)));
        // A failed write stays dirty, so the next change or flush retries.
        self.dirty.set_value(result.is_err());
        self.save_status.set(match result {
            Ok(()) => SaveStatus::Saved,
            Err(e) => SaveStatus::Failed(e),
        });
    }

    /// Removes everything Attune saved in this browser (our keys only) and
    /// starts afresh. Other sites' data on the same origin is untouched.
    pub fn delete_everything(&self) -> Result<(), StorageError> {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        self.store.with_value(|s| s.remove_all_ours())?;
        self.dirty.set_value(false);
        self.skip_next_save.set_value(true);
        self.progress.set(Progress::default());
        self.notice.set(None);
        self.read_only.set(false);
        self.save_status.set(SaveStatus::Saved);
        Ok(())
    }

    /// Saves after [`SAVE_DELAY`] of quiet.
    fn schedule_save(self) {
        if self.skip_next_save.get_value() {
            self.skip_next_save.set_value(false);
            return;
        }
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
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
    let hide = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| state.flush());
    on_cleanup(move || {
        hide.remove();
        visibility.remove();
    });
    state
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
