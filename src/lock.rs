//! The lock's key, as this tab holds it: derived when the reader unlocks
//! or chooses a passphrase, and kept here, in memory, as a non-extractable
//! WebCrypto key: never stored, gone when the tab closes, when it locks, or
//! when the page is left by "Exit this page". Whether and when it is used,
//! and when it goes, is the saving core's (`model::sync::Core`), through
//! the saver's port.
//!
//! The code that derives keys, encrypts and decrypts travels in the `lock`
//! chunk (`crate::session_key`, the unlock page, the lock's controls on Your
//! data): a first visit carries none of it. This file is what the first
//! load needs to hand text to the key.

pub use crate::model::sync::LockState;
use std::cell::RefCell;
use std::rc::Rc;

pub use crate::crypto::Key;

/// What to do with the outcome of a seal or an open: the text, or why not
/// in words.
pub type Done = Box<dyn FnOnce(Result<String, String>)>;

thread_local! {
    static KEY: RefCell<Option<Rc<Key>>> = const { RefCell::new(None) };
    /// While a new passphrase's write is on its way: the key before it, so
    /// that what another tab sealed with it meanwhile can still be opened
    /// and merged.
    static PREVIOUS: RefCell<Option<Rc<Key>>> = const { RefCell::new(None) };
}

/// Whether this tab holds a key.
pub fn has_key() -> bool {
    KEY.with(|k| k.borrow().is_some())
}

/// This tab's key, while it is unlocked.
pub fn key() -> Option<Rc<Key>> {
    KEY.with(|k| k.borrow().clone())
}

/// Holds `key` for this tab (a new passphrase keeps the key before it
/// until the core says the change is done), or forgets every key (`None`).
pub fn set_key(key: Option<Rc<Key>>) {
    let before = KEY.with(|k| std::mem::replace(&mut *k.borrow_mut(), key.clone()));
    PREVIOUS.with(|p| *p.borrow_mut() = key.and(before));
}

/// Forgets the key from before a new passphrase.
pub fn forget_previous() {
    PREVIOUS.with(|p| *p.borrow_mut() = None);
}

/// Seals `text` with this tab's key, then calls `done`. False (and `done`
/// is not called) without a key.
pub fn seal(text: String, done: Done) -> bool {
    let Some(key) = key() else {
        return false;
    };
    leptos::task::spawn_local(async move {
        done(in_chunk(crate::session_key::sealing(key, text).await).await)
    });
    true
}

/// Opens sealed `stored` text with this tab's key, or the one before a new
/// passphrase, then calls `done`. False (and `done` is not called) without
/// a key.
pub fn open(stored: String, done: Done) -> bool {
    let Some(key) = key() else {
        return false;
    };
    let previous = PREVIOUS.with(|p| p.borrow().clone());
    leptos::task::spawn_local(async move {
        let mut opened = in_chunk(crate::session_key::opening(key, stored.clone()).await).await;
        if let (Err(_), Some(previous)) = (&opened, previous) {
            opened = in_chunk(crate::session_key::opening(previous, stored).await).await;
        }
        done(opened)
    });
    true
}

/// The outcome of work handed back from the `lock` chunk.
async fn in_chunk(work: crate::session_key::InChunk) -> Result<String, String> {
    match work {
        Ok(work) => work.await,
        Err(_) => Err(NOT_LOADED.into()),
    }
}

/// Why sealing or opening failed when the lock's code could not be fetched
/// (it always has been by then: the key comes from that code).
const NOT_LOADED: &str = "part of Attune could not be downloaded";

/// The message on our channel (`storage::Store::channel`) that tells the
/// other tabs to lock too.
pub const LOCKED_MESSAGE: &str = "locked";

/// Tells our other tabs to lock (best effort: without BroadcastChannel they
/// lock when they next read storage with a key it no longer opens, or on
/// their next visit).
pub fn announce_locked(channel: &str) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(channel) {
        let _ = channel.post_message(&LOCKED_MESSAGE.into());
        channel.close();
    }
}

#[cfg(test)]
mod tests {
    use crate::model::sealed::{is_sealed, KdfParams, Sealed};

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
