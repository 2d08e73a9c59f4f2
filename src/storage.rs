//! The storage adapter: the only code that touches `localStorage`, through
//! gloo-storage once the browser is known to let us reach it.
//!
//! Browsers block storage (privacy modes, policies), fill it up, and share it
//! with every other site on the same origin (all project sites of one
//! github.io account). So every access is guarded, errors come back as a
//! [`StorageError`] for the saving core to tell, every key carries this
//! site's prefix (`model::keys`), and nothing here ever clears keys that are
//! not ours. What to read, write or keep aside, and when, is decided in
//! `model::sync`; this carries it out.

use crate::model::keys::{self, is_legacy, legacy_moves, Prefix};
use crate::model::progress::Progress;
use crate::model::settings::{self, Settings};
pub use crate::model::sync::StorageError;
use crate::model::sync::{Core, Stored};
use crate::saving::{self, StartCore};
use gloo_storage::{LocalStorage, Storage as _};
use std::future::Future;
use std::pin::Pin;

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

/// One stored document: its name and its stored form. Both documents
/// (progress, display settings) are read and written through a slot, so
/// the code that does it is written once.
pub struct Slot<D: 'static> {
    /// Its name under this site's prefix (`model::keys`).
    pub name: &'static str,
    /// The stored text as the saving core takes it (decoded, migrated and
    /// checked: `model::stored`), or `None` while the code that
    /// reads it is still on its way.
    pub decode: fn(&str) -> Option<Stored<D>>,
    /// The stored text, or why it could not be made; `None` while the code
    /// that writes it is still on its way.
    pub encode: fn(&D) -> Option<Result<String, String>>,
    /// A summary written under its own name after each plain save, if any.
    pub glance: Option<Glance<D>>,
    /// Starts the document's saving core, if its code is here.
    pub core: fn() -> Option<StartCore<D>>,
    /// Fetches that code (progress's: the `saving` chunk); true once here.
    pub fetch_core: fn() -> Pin<Box<dyn Future<Output = bool>>>,
}

/// A summary of a stored document, kept under its own name.
pub type Glance<D> = (&'static str, fn(&D) -> String);

/// The reader's local day now, for the summary's day-bound values.
fn today() -> crate::model::review::Day {
    crate::components::today::read_clock().day
}

pub static PROGRESS: Slot<Progress> = Slot {
    name: keys::PROGRESS,
    // Through `saving`: the code that saves progress is a chunk of its own.
    decode: |raw| saving::loaded().map(|s| (s.read)(raw)),
    encode: |p| saving::loaded().map(|s| (s.write)(p)),
    glance: Some((keys::GLANCE, |p| {
        saving::loaded().map_or_else(String::new, |s| (s.glance)(p, today()))
    })),
    core: || saving::loaded().map(|s| s.start),
    fetch_core: || Box::pin(async { saving::load().await.is_ok() }),
};

pub static SETTINGS: Slot<Settings> = Slot {
    name: keys::SETTINGS,
    decode: |raw| Some(settings::stored(Some(raw))),
    encode: |s| Some(Ok(settings::encode(s))),
    glance: None,
    core: || Some(|port, tells, early| Box::new(Core::start_after(port, tells, early))),
    fetch_core: || Box::pin(async { true }),
};

/// localStorage for this site, or nothing when the browser blocks it.
#[derive(Clone)]
pub struct Store {
    prefix: Prefix,
    reach: Reach,
}

#[derive(Clone)]
enum Reach {
    /// The browser's localStorage, checked reachable.
    Browser,
    /// The browser blocks it, for this reason.
    Blocked(String),
    /// No browser: a page rendered at build time, for a reader with
    /// nothing saved. Holds nothing, and keeps nothing.
    Nowhere,
}

impl Store {
    /// Checks that localStorage can be reached, never panicking: reading
    /// `window.localStorage` itself throws `SecurityError` when storage is
    /// blocked, and gloo-storage's accessors would panic then (in a release
    /// build a panic stops the app), so they are used only once this check
    /// has passed. Then moves what builds before this one kept under the
    /// origin-wide names into this site's (`model::keys`).
    pub fn open(prefix: Prefix) -> Self {
        let reachable = web_sys::window()
            .ok_or_else(|| "no window".to_string())
            .and_then(|w| w.local_storage().map_err(js_error_text))
            .and_then(|s| {
                s.map(|_| ())
                    .ok_or_else(|| "localStorage is null".to_string())
            });
        let store = Self {
            prefix,
            reach: match reachable {
                Ok(()) => Reach::Browser,
                Err(why) => Reach::Blocked(why),
            },
        };
        store.move_legacy();
        // A deletion's token outlives its tab only if the tab closed within
        // seconds; the tabs it was for have heard by now.
        store.remove(keys::DELETED);
        store
    }

    /// A store that keeps nothing because the browser blocks storage.
    pub fn memory_only(prefix: Prefix, why: String) -> Self {
        Self {
            prefix,
            reach: Reach::Blocked(why),
        }
    }

    /// What a page rendered at build time reads: nothing saved.
    pub fn rendering(prefix: Prefix) -> Self {
        Self {
            prefix,
            reach: Reach::Nowhere,
        }
    }

    pub fn prefix(&self) -> &Prefix {
        &self.prefix
    }

    /// Why storage cannot be used, if it cannot.
    pub fn unavailable(&self) -> Option<StorageError> {
        match &self.reach {
            Reach::Blocked(why) => Some(StorageError::Unavailable(why.clone())),
            Reach::Browser | Reach::Nowhere => None,
        }
    }

    /// localStorage, once checked reachable (gloo-storage's handle on it).
    fn storage(&self) -> Result<Option<web_sys::Storage>, StorageError> {
        match &self.reach {
            Reach::Browser => Ok(Some(LocalStorage::raw())),
            Reach::Blocked(why) => Err(StorageError::Unavailable(why.clone())),
            Reach::Nowhere => Ok(None),
        }
    }

    /// What is stored under `name` (`model::keys`). Read as text: a value
    /// that is not JSON (another site's, or damaged) must be kept aside as
    /// it is, so gloo-storage's JSON reading is not used.
    pub fn read(&self, name: &str) -> Result<Option<String>, StorageError> {
        self.read_key(&self.prefix.key(name))
    }

    fn read_key(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self.storage()? {
            Some(storage) => storage
                .get_item(key)
                .map_err(|e| StorageError::Failed(js_error_text(e))),
            None => Ok(None),
        }
    }

    pub fn write(&self, name: &str, value: &str) -> Result<(), StorageError> {
        self.write_key(&self.prefix.key(name), value)
    }

    fn write_key(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match self.storage()? {
            Some(storage) => storage.set_item(key, value).map_err(write_error),
            None => Err(StorageError::Unavailable("no browser".into())),
        }
    }

    pub fn remove(&self, name: &str) {
        if let Ok(Some(_)) = self.storage() {
            LocalStorage::delete(self.prefix.key(name));
        }
    }

    /// Every key in storage, ours or not.
    fn all_keys(&self) -> Vec<String> {
        let Ok(Some(storage)) = self.storage() else {
            return Vec::new();
        };
        (0..LocalStorage::length())
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
    }

    /// Every key of this site, and those builds before kept for every site
    /// on the origin; other sites' keys are not listed.
    pub fn our_keys(&self) -> Vec<String> {
        self.all_keys()
            .into_iter()
            .filter(|k| self.prefix.owns(k) || is_legacy(k))
            .collect()
    }

    /// Removes every key of ours and no other (never `clear()`: other sites
    /// on the same origin keep their data).
    pub fn remove_all_ours(&self) -> Result<(), StorageError> {
        self.storage()?;
        for key in self.our_keys() {
            LocalStorage::delete(key);
        }
        Ok(())
    }

    /// Moves each value builds before kept under an origin-wide name to
    /// this site's own, when this site has none yet. A value that does not
    /// fit stays where it is, and is tried again on the next load.
    fn move_legacy(&self) {
        let moves = legacy_moves(&self.prefix, |key| {
            self.read_key(key).is_ok_and(|v| v.is_some())
        });
        for (old, new) in moves {
            let Ok(Some(value)) = self.read_key(&old) else {
                continue;
            };
            if self.write_key(&new, &value).is_ok() {
                LocalStorage::delete(old);
            }
        }
    }

    /// Writes `text` as `slot`'s stored text; `plain` is its document when
    /// the text is plain, whose summary is then written beside it. A summary
    /// that does not fit is no loss: the first screen then waits for the
    /// app. Sealed text removes the summary: what the first screen would
    /// show before the reader unlocks (where they are, what is due) is
    /// theirs too.
    pub fn save_text<D>(
        &self,
        slot: &Slot<D>,
        text: &str,
        plain: Option<&D>,
    ) -> Result<(), StorageError> {
        self.write(slot.name, text)?;
        if let Some((name, summary)) = slot.glance {
            match plain {
                Some(doc) if self.write(name, &summary(doc)).is_ok() => {}
                _ => self.remove(name),
            }
        }
        Ok(())
    }

    /// The stored text kept aside, if any (sealed if it was stored sealed).
    pub fn kept_aside(&self) -> Option<String> {
        self.read(keys::KEPT_ASIDE).ok().flatten()
    }

    /// Replaces the copy kept aside with `text`, the same copy sealed or
    /// opened as the lock is switched.
    pub fn rewrite_kept_aside(&self, text: &str) {
        let _ = self.write(keys::KEPT_ASIDE, text);
    }

    /// Keeps `stored` aside before it is written over. A different copy
    /// kept earlier is never replaced (it may be the reader's real data,
    /// and what came after only garbage): true only if `stored` is kept
    /// there now.
    pub fn keep_aside(&self, stored: &str) -> bool {
        match self.kept_aside() {
            Some(kept) => kept == stored,
            None => self.write(keys::KEPT_ASIDE, stored).is_ok(),
        }
    }

    /// The token a tab that deleted everything left (see
    /// `sync::Input::DeletedElsewhere`).
    pub fn tombstone(&self) -> Option<String> {
        self.read(keys::DELETED).ok().flatten()
    }

    pub fn leave_tombstone(&self, token: &str) {
        let _ = self.write(keys::DELETED, token);
    }

    /// Removes the token, unless another deletion has left its own since.
    pub fn remove_tombstone(&self, token: &str) {
        if self.tombstone().as_deref() == Some(token) {
            self.remove(keys::DELETED);
        }
    }

    /// The name of the channel our tabs talk on.
    pub fn channel(&self) -> String {
        self.prefix.key(keys::CHANNEL)
    }

    /// Whether a `storage` event for `key` (another tab, or another site
    /// on this origin, changed storage) concerns `slot`. A null key means
    /// `localStorage.clear()` somewhere on the origin.
    ///
    /// The event's own new value is not used: events arrive late, and by
    /// then this tab may have merged that value into a write of its own,
    /// which the stale value would undo. What storage holds when the event
    /// is handled is read instead.
    pub fn concerns<D>(&self, slot: &Slot<D>, key: Option<&str>) -> bool {
        key.is_none_or(|key| key == self.prefix.key(slot.name))
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
        let store = Store::rendering(Prefix::new("/attune/"));
        assert!(store.concerns(&PROGRESS, None), "clear()");
        assert!(store.concerns(&PROGRESS, Some("attune:/attune/progress")));
        assert!(!store.concerns(&PROGRESS, Some("attune:/attune-next/progress")));
        assert!(!store.concerns(&PROGRESS, Some("attune:progress")));
        assert!(!store.concerns(&PROGRESS, Some("attune:/attune/backup")));
        assert!(!store.concerns(&PROGRESS, Some("attune:/attune/settings")));
        assert!(store.concerns(&SETTINGS, Some("attune:/attune/settings")));
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
