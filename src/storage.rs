//! The storage adapter: the only code that touches `localStorage`.
//!
//! Browsers block storage (privacy modes, policies), fill it up, and share it
//! with every other site on the same origin (all project sites of one
//! github.io account). So every access is guarded, errors come back as a
//! [`StorageError`] for the caller to show, every key carries [`PREFIX`],
//! and nothing here ever clears keys that are not ours.

use crate::model::codec::{self, DecodeError};
use crate::model::progress::Progress;
use crate::model::settings::{self, Settings};

/// Every key this app writes starts with this.
pub const PREFIX: &str = "attune:";
/// The reader's progress (answers, reflections, position).
pub const PROGRESS_KEY: &str = "attune:progress";
/// Where unreadable progress is copied before the app starts afresh.
pub const BACKUP_KEY: &str = "attune:backup";
/// Display settings (theme, text size); also read by index.html's pre-paint
/// script, which must use the same key.
pub const SETTINGS_KEY: &str = "attune:settings";

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

/// What the app found in storage at start-up.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadOutcome {
    /// Nothing stored yet: a new reader.
    Fresh,
    Loaded(Progress),
    /// Stored data could not be read. The raw text was copied to
    /// [`BACKUP_KEY`] (when it fit) and is kept here so the reader can
    /// download it; the app starts afresh.
    Unreadable {
        raw: String,
        error: DecodeError,
    },
    /// Written by a newer Attune. The app shows it read-only and never saves
    /// over it.
    Newer {
        progress: Progress,
        version: u64,
    },
}

/// A handle on localStorage, or on nothing when the browser blocks it.
#[derive(Clone)]
pub struct Store {
    storage: Option<web_sys::Storage>,
    unavailable: Option<String>,
}

impl Store {
    /// Opens localStorage, never panicking: reading `window.localStorage`
    /// itself throws `SecurityError` when storage is blocked, and gloo's
    /// `LocalStorage::raw()` would panic on that, so we ask web-sys first.
    pub fn open() -> Self {
        let result = web_sys::window()
            .ok_or_else(|| "no window".to_string())
            .and_then(|w| w.local_storage().map_err(js_error_text))
            .and_then(|s| s.ok_or_else(|| "localStorage is null".to_string()));
        match result {
            // The guard above proved access works, so gloo's handle cannot
            // panic now; it is the same Storage object.
            Ok(_) => Self {
                storage: Some(<gloo_storage::LocalStorage as gloo_storage::Storage>::raw()),
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

    /// Loads the reader's progress, keeping anything unreadable safe.
    pub fn load_progress(&self) -> Result<LoadOutcome, StorageError> {
        let Some(raw) = self.read(PROGRESS_KEY)? else {
            return Ok(LoadOutcome::Fresh);
        };
        Ok(match codec::decode(&raw) {
            Ok(decoded) => {
                if decoded.migrated_from.is_some() {
                    // Write the migrated form once; a failure here is not
                    // fatal, the next save tries again.
                    if let Ok(text) = codec::encode(&decoded.progress) {
                        let _ = self.write(PROGRESS_KEY, &text);
                    }
                }
                LoadOutcome::Loaded(decoded.progress)
            }
            Err(DecodeError::NewerSchema(version)) => LoadOutcome::Newer {
                progress: codec::decode_newer_best_effort(&raw),
                version,
            },
            Err(error) => {
                // Keep the first backup: a second bad load must not replace
                // the reader's real data with later garbage.
                if matches!(self.read(BACKUP_KEY), Ok(None)) {
                    let _ = self.write(BACKUP_KEY, &raw);
                }
                web_sys::console::warn_1(&format!("Attune: {error}").into());
                LoadOutcome::Unreadable { raw, error }
            }
        })
    }

    pub fn save_progress(&self, progress: &Progress) -> Result<(), StorageError> {
        let text = codec::encode(progress)
            .map_err(|e| StorageError::Failed(format!("Attune could not write it: {e}")))?;
        self.write(PROGRESS_KEY, &text)
    }

    /// The display settings; defaults when none are stored or storage is
    /// blocked (a look is never worth an error).
    pub fn load_settings(&self) -> Settings {
        match self.read(SETTINGS_KEY) {
            Ok(Some(raw)) => settings::decode(&raw),
            _ => Settings::default(),
        }
    }

    pub fn save_settings(&self, s: &Settings) -> Result<(), StorageError> {
        self.write(SETTINGS_KEY, &settings::encode(s))
    }
}

/// What another tab (or another site on this origin) did to storage, as
/// told by a `storage` event.
#[derive(Debug, Clone, PartialEq)]
pub enum ExternalChange {
    /// Another tab of ours saved progress.
    ProgressWritten(String),
    /// Our progress key was removed, or all storage was cleared.
    ProgressRemoved,
}

/// Sorts a `storage` event by its key and new value. Keys that are not our
/// progress (other sites', our backup) are none of this tab's business.
pub fn classify_storage_event(
    key: Option<&str>,
    new_value: Option<String>,
) -> Option<ExternalChange> {
    match (key, new_value) {
        // `localStorage.clear()` anywhere on the origin: key is null.
        (None, _) => Some(ExternalChange::ProgressRemoved),
        (Some(PROGRESS_KEY), Some(value)) => Some(ExternalChange::ProgressWritten(value)),
        (Some(PROGRESS_KEY), None) => Some(ExternalChange::ProgressRemoved),
        _ => None,
    }
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
        assert_eq!(
            classify_storage_event(None, None),
            Some(ExternalChange::ProgressRemoved)
        );
        assert_eq!(
            classify_storage_event(Some(PROGRESS_KEY), Some("{}".into())),
            Some(ExternalChange::ProgressWritten("{}".into()))
        );
        assert_eq!(
            classify_storage_event(Some(PROGRESS_KEY), None),
            Some(ExternalChange::ProgressRemoved)
        );
        assert_eq!(
            classify_storage_event(Some("other-site:x"), Some("1".into())),
            None
        );
        assert_eq!(
            classify_storage_event(Some(BACKUP_KEY), Some("x".into())),
            None
        );
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
