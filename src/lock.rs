//! The lock, as this tab knows it: whether the reader's saved progress is
//! encrypted, and the key that opens it for this tab while it is unlocked.
//!
//! With the lock on, storage holds the progress only as ciphertext, in the
//! protected backup's envelope (`model::sealed`), under a key derived from
//! the reader's passphrase. The key is derived once when the reader unlocks
//! and is held here, in memory, as a non-extractable WebCrypto key: never
//! stored, gone when the tab closes, when the reader locks, or when the
//! page is left by "Exit this page".
//!
//! The code that derives keys, encrypts and decrypts travels in the `lock`
//! chunk (`crate::session_key`, the unlock page, the lock's controls on Your
//! data): a first visit carries none of it. This file is what the first
//! load needs to recognise sealed data and to hand text to the key.

use crate::model::sealed::KdfParams;
use std::cell::RefCell;
use std::rc::Rc;

/// Where the lock stands in this tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    /// Progress is stored as plain text.
    Off,
    /// Progress is stored encrypted and this tab has no key: the reader's
    /// answers and reflections are not shown until they unlock.
    Locked,
    /// Progress is stored encrypted and this tab holds the key.
    Unlocked,
}

/// The session's key: a non-extractable WebCrypto key (the browser never
/// hands its bytes to any script) and the settings it was derived with.
pub struct Key {
    pub key: web_sys::CryptoKey,
    pub kdf: KdfParams,
}

/// What to do with the outcome of a seal or an open: the text, or why not
/// in words.
pub type Done = Box<dyn FnOnce(Result<String, String>)>;

thread_local! {
    static KEY: RefCell<Option<Rc<Key>>> = const { RefCell::new(None) };
}

/// Whether this tab holds a key.
pub fn has_key() -> bool {
    KEY.with(|k| k.borrow().is_some())
}

/// This tab's key, while it is unlocked.
pub fn key() -> Option<Rc<Key>> {
    KEY.with(|k| k.borrow().clone())
}

/// Holds `key` for this tab, or forgets it (`None`).
pub fn set_key(key: Option<Rc<Key>>) {
    KEY.with(|k| *k.borrow_mut() = key);
}

/// Seals `text` with this tab's key, then calls `done`. False (and `done`
/// is not called) without a key.
pub fn seal(text: String, done: Done) -> bool {
    with_key(|key| crate::session_key::sealing(key, text), done)
}

/// Opens sealed `stored` text with this tab's key, then calls `done`.
/// False (and `done` is not called) without a key.
pub fn open(stored: String, done: Done) -> bool {
    with_key(|key| crate::session_key::opening(key, stored), done)
}

/// Runs `work` (a call into the `lock` chunk) with this tab's key and
/// hands its outcome to `done`.
fn with_key<W>(work: impl FnOnce(Rc<Key>) -> W + 'static, done: Done) -> bool
where
    W: std::future::Future<Output = crate::session_key::InChunk> + 'static,
{
    let Some(key) = key() else {
        return false;
    };
    leptos::task::spawn_local(async move {
        done(match work(key).await {
            Ok(work) => work.await,
            Err(_) => Err(NOT_LOADED.into()),
        })
    });
    true
}

/// Why sealing or opening failed when the lock's code could not be fetched
/// (it always has been by then: the key comes from that code).
const NOT_LOADED: &str = "part of Attune could not be downloaded";

/// How every sealed text begins (`Sealed::to_json` writes its fields in
/// this order). Anything else is read as plain stored data, so a changed
/// envelope is refused and kept aside like any unreadable value.
const SEALED_START: &str = r#"{"app":"attune","encrypted":"#;

/// Whether stored text is the lock's ciphertext.
pub fn is_sealed(raw: &str) -> bool {
    raw.starts_with(SEALED_START)
}

/// The message on our channel (`storage::DATA_CHANNEL`) that tells the
/// other tabs to lock too.
pub const LOCKED_MESSAGE: &str = "locked";

/// Tells our other tabs to lock (best effort: without BroadcastChannel they
/// lock when they next read storage with a key it no longer opens, or on
/// their next visit).
pub fn announce_locked() {
    if let Ok(channel) = web_sys::BroadcastChannel::new(crate::storage::DATA_CHANNEL) {
        let _ = channel.post_message(&LOCKED_MESSAGE.into());
        channel.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sealed::{KdfParams, Sealed};

    #[test]
    fn what_the_lock_writes_is_recognised_and_nothing_else() {
        let sealed = Sealed {
            kdf: KdfParams::new([7; 16]),
            iv: [9; 12],
            data: vec![1; 40],
        }
        .to_json();
        assert!(is_sealed(&sealed));
        assert!(!is_sealed(r#"{"schema":2,"progress":{}}"#));
        assert!(!is_sealed(r#" {"app":"attune","encrypted":1}"#));
        assert!(!is_sealed(""));
    }
}
