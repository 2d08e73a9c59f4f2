//! The storage adapter: the only code that touches `localStorage`.
//!
//! Browsers block storage (privacy modes, policies), fill it up, and share it
//! with every other site on the same origin (all project sites of one
//! github.io account). So every access is guarded, errors come back as a
//! [`StorageError`] for the caller to show, every key carries [`PREFIX`],
//! and nothing here ever clears keys that are not ours.

use crate::content::lessons;
use crate::model::first_screen;
use crate::model::progress::Progress;
use crate::model::settings::{self, Settings};
use crate::model::sync::Stored;
use crate::reader;

/// Every key this app writes starts with this.
pub const PREFIX: &str = "attune:";
/// The reader's progress (answers, reflections, position).
pub const PROGRESS_KEY: &str = "attune:progress";
/// Where unreadable progress is copied before the app starts afresh.
pub const BACKUP_KEY: &str = "attune:backup";
/// Display settings (theme, text size); also read by index.html's pre-paint
/// script, which must use the same key.
pub const SETTINGS_KEY: &str = "attune:settings";
/// What the first screens show of the reader's progress, kept beside it for
/// the script in index.html to paint before the app arrives
/// (`model::first_screen::glance`).
pub const GLANCE_KEY: &str = "attune:glance";

#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// `window.localStorage` threw or is missing: the app runs in memory.
    Unavailable(String),
    /// The browser refused the write because storage is full.
    QuotaExceeded,
    /// Any other refused write or read.
    Failed(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unavailable(why) => write!(f, "storage is not available in this browser ({why})"),
            Self::QuotaExceeded => write!(f, "this browser's storage for the site is full"),
            Self::Failed(why) => write!(f, "the browser refused to save ({why})"),
        }
    }
}

/// Tells a full storage from other write errors. Engines disagree on how to
/// say it: Chromium `QuotaExceededError`, Firefox
/// `NS_ERROR_DOM_QUOTA_REACHED`, old WebKit only the legacy code 22.
pub fn classify_write_error(name: &str, code: u16, message: &str) -> StorageError {
    if name == "QuotaExceededError"
        || name == "NS_ERROR_DOM_QUOTA_REACHED"
        || code == 22
        || code == 1014
    {
        StorageError::QuotaExceeded
    } else {
        StorageError::Failed(format!("{name}: {message}"))
    }
}

/// One stored document: its key and its stored form. Both documents
/// (progress, display settings) are read and written through a slot, so
/// the code that does it is written once.
pub struct Slot<D: 'static> {
    pub key: &'static str,
    /// The stored text (or its absence) as the sync machine takes it:
    /// decoded, migrated and checked (`model::codec::stored`).
    pub decode: fn(Option<&str>) -> Stored<D>,
    /// The stored text, or why it could not be made (then nothing is
    /// written: writing anything else would replace the reader's data).
    pub encode: fn(&D) -> Result<String, String>,
    /// A summary written under its own key after each save, if any.
    pub glance: Option<Glance<D>>,
}

/// The reader's local day now, for the summary's day-bound values.
fn today() -> crate::model::review::Day {
    crate::components::today::read_clock().day
}

/// A summary of a stored document, kept under its own key.
pub type Glance<D> = (&'static str, fn(&D) -> String);

pub static PROGRESS: Slot<Progress> = Slot {
    key: PROGRESS_KEY,
    // Through `reader`: the code that reads it may still be on its way.
    decode: reader::read_progress,
    encode: reader::write_progress,
    glance: Some((GLANCE_KEY, |p| {
        first_screen::glance(p, lessons(), Some(today()))
    })),
};

pub static SETTINGS: Slot<Settings> = Slot {
    key: SETTINGS_KEY,
    decode: settings::stored,
    encode: |s| Ok(settings::encode(s)),
    glance: None,
};

/// A handle on localStorage, or on nothing when the browser blocks it.
#[derive(Clone)]
pub struct Store {
    storage: Option<web_sys::Storage>,
    unavailable: Option<String>,
}

impl Store {
    /// Opens localStorage, never panicking: reading `window.localStorage`
    /// itself throws `SecurityError` when storage is blocked. The handle
    /// that passed that check is the one kept (gloo-storage's accessors
    /// would panic here, which in a release build stops the app).
    pub fn open() -> Self {
        let result = web_sys::window()
            .ok_or_else(|| "no window".to_string())
            .and_then(|w| w.local_storage().map_err(js_error_text))
            .and_then(|s| s.ok_or_else(|| "localStorage is null".to_string()));
        match result {
            Ok(storage) => Self {
                storage: Some(storage),
                unavailable: None,
            },
            Err(why) => Self::memory_only(why),
        }
    }

    /// A store that keeps nothing (storage blocked).
    pub fn memory_only(why: String) -> Self {
        Self {
            storage: None,
            unavailable: Some(why),
        }
    }

    /// Why storage cannot be used, if it cannot.
    pub fn unavailable(&self) -> Option<StorageError> {
        self.unavailable.clone().map(StorageError::Unavailable)
    }

    fn storage(&self) -> Result<&web_sys::Storage, StorageError> {
        self.storage
            .as_ref()
            .ok_or_else(|| StorageError::Unavailable(self.unavailable.clone().unwrap_or_default()))
    }

    pub fn read(&self, key: &str) -> Result<Option<String>, StorageError> {
        debug_assert!(key.starts_with(PREFIX));
        self.storage()?
            .get_item(key)
            .map_err(|e| StorageError::Failed(js_error_text(e)))
    }

    pub fn write(&self, key: &str, value: &str) -> Result<(), StorageError> {
        debug_assert!(key.starts_with(PREFIX));
        self.storage()?.set_item(key, value).map_err(write_error)
    }

    pub fn remove(&self, key: &str) -> Result<(), StorageError> {
        debug_assert!(key.starts_with(PREFIX));
        self.storage()?
            .remove_item(key)
            .map_err(|e| StorageError::Failed(js_error_text(e)))
    }

    /// Every key of ours (with [`PREFIX`]); other sites' keys are not listed.
    pub fn our_keys(&self) -> Vec<String> {
        let Ok(storage) = self.storage() else {
            return Vec::new();
        };
        let len = storage.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .collect()
    }

    /// Removes every key of ours and no other (never `clear()`: other sites
    /// on the same origin keep their data).
    pub fn remove_all_ours(&self) -> Result<(), StorageError> {
        for key in self.our_keys() {
            self.remove(&key)?;
        }
        Ok(())
    }

    /// What `slot` holds now, or `None` when storage is blocked. A value
    /// that cannot be read is `Stored::Unreadable`, never an error. When it
    /// is exactly `written`, the text this tab wrote last, it is
    /// `Stored::Unchanged` and not decoded at all.
    pub fn load<D>(&self, slot: &Slot<D>, written: Option<&str>) -> Option<Stored<D>> {
        let raw = self.read(slot.key).ok()?;
        if raw.is_some() && raw.as_deref() == written {
            return Some(Stored::Unchanged);
        }
        Some((slot.decode)(raw.as_deref()))
    }

    /// Writes `doc` as `slot`'s stored text, then its summary. A summary
    /// that does not fit is no loss: the first screen then waits for the
    /// app instead. Returns the text written.
    pub fn save<D>(&self, slot: &Slot<D>, doc: &D) -> Result<String, StorageError> {
        let text = (slot.encode)(doc)
            .map_err(|e| StorageError::Failed(format!("Attune could not write it: {e}")))?;
        self.save_text(slot, doc, &text)?;
        Ok(text)
    }

    /// Writes `text`, the stored form of `doc`, then its summary.
    pub fn save_text<D>(&self, slot: &Slot<D>, doc: &D, text: &str) -> Result<(), StorageError> {
        self.write(slot.key, text)?;
        if let Some((key, summary)) = slot.glance {
            if self.write(key, &summary(doc)).is_err() {
                let _ = self.remove(key);
            }
        }
        Ok(())
    }

    /// Writes the sealed form of `slot`'s document (the lock is on). Its
    /// summary goes: what the first screen would show before the reader
    /// unlocks (where they are in the course, what is due) is theirs too.
    pub fn write_sealed<D>(&self, slot: &Slot<D>, sealed: &str) -> Result<(), StorageError> {
        self.write(slot.key, sealed)?;
        if let Some((key, _)) = slot.glance {
            let _ = self.remove(key);
        }
        Ok(())
    }

    /// The stored text kept aside, if any (the lock seals it too).
    pub fn kept_aside(&self) -> Option<String> {
        self.read(BACKUP_KEY).ok().flatten()
    }

    /// Replaces the copy kept aside with `text`, the same copy sealed or
    /// opened by the lock. Never a different copy: see `keep_aside`.
    pub fn rewrite_kept_aside(&self, text: &str) -> Result<(), StorageError> {
        self.write(BACKUP_KEY, text)
    }

    /// Copies stored text that could not be read to [`BACKUP_KEY`] before
    /// anything is written over it. The first copy is kept: a second bad
    /// value must not replace the reader's real data with later garbage.
    pub fn keep_aside(&self, raw: &str) {
        if matches!(self.read(BACKUP_KEY), Ok(None)) {
            let _ = self.write(BACKUP_KEY, raw);
        }
    }
}

/// Whether a `storage` event (another tab, or another site on this
/// origin, changed storage) concerns `slot`. A null key means
/// `localStorage.clear()` somewhere on the origin.
///
/// The event's own new value is not used: events arrive late, and by then
/// this tab may have merged that value into a write of its own, which the
/// stale value would undo. What storage holds when the event is handled is
/// read instead (`Store::load`).
pub fn storage_event_concerns<D>(slot: &Slot<D>, key: Option<&str>) -> bool {
    key.is_none_or(|key| key == slot.key)
}

/// The channel our tabs use to tell each other "the reader deleted
/// everything", so an open tab does not write the deleted data back.
pub const DATA_CHANNEL: &str = "attune:data";
pub const DELETED_MESSAGE: &str = "deleted";

/// Tells other tabs of ours that everything was deleted (best effort:
/// browsers without BroadcastChannel simply do not hear it).
pub fn announce_deleted() {
    if let Ok(channel) = web_sys::BroadcastChannel::new(DATA_CHANNEL) {
        let _ = channel.post_message(&DELETED_MESSAGE.into());
        channel.close();
    }
}

/// Whether the browser will keep our storage under pressure, once asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Granted,
    Refused,
    /// The browser has no `navigator.storage.persist()`, or it threw.
    Unsupported,
}

/// Asks the browser not to evict our storage (`navigator.storage.persist()`).
/// Any failure is an answer, never an error: nothing else depends on it.
pub async fn request_persistence() -> Persistence {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        return Persistence::Unsupported;
    };
    let Ok(promise) = manager.persist() else {
        return Persistence::Unsupported;
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(v) if v.as_bool() == Some(true) => Persistence::Granted,
        Ok(_) => Persistence::Refused,
        Err(_) => Persistence::Unsupported,
    }
}

fn write_error(e: wasm_bindgen::JsValue) -> StorageError {
    use wasm_bindgen::JsCast;
    match e.dyn_ref::<web_sys::DomException>() {
        Some(ex) => classify_write_error(&ex.name(), ex.code(), &ex.message()),
        None => StorageError::Failed(js_error_text(e)),
    }
}

fn js_error_text(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "unknown error".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_events_are_sorted_by_key() {
        assert!(storage_event_concerns(&PROGRESS, None), "clear()");
        assert!(storage_event_concerns(&PROGRESS, Some(PROGRESS_KEY)));
        assert!(!storage_event_concerns(&PROGRESS, Some("other-site:x")));
        assert!(!storage_event_concerns(&PROGRESS, Some(BACKUP_KEY)));
        assert!(!storage_event_concerns(&PROGRESS, Some(SETTINGS_KEY)));
        assert!(storage_event_concerns(&SETTINGS, Some(SETTINGS_KEY)));
    }

    #[test]
    fn quota_errors_of_every_engine_are_recognised() {
        assert_eq!(
            classify_write_error("QuotaExceededError", 22, ""),
            StorageError::QuotaExceeded
        );
        assert_eq!(
            classify_write_error("NS_ERROR_DOM_QUOTA_REACHED", 1014, ""),
            StorageError::QuotaExceeded
        );
        assert_eq!(
            classify_write_error("Error", 22, ""),
            StorageError::QuotaExceeded
        );
        assert!(matches!(
            classify_write_error("SecurityError", 18, "no"),
            StorageError::Failed(_)
        ));
    }
}
