//! The lock's part of the app state (`crate::lock`): unlocking, locking
//! this tab and the others, turning the lock on, changing it, turning it off.

use super::{AppState, SaveStatus};
use crate::lock::{self, Key, LockState};
use crate::model::sync::Event;
use leptos::prelude::*;
use std::rc::Rc;

impl AppState {
    /// The reader unlocked with `key`: their saved progress is opened and
    /// shown (read again, as another tab's save would be).
    pub fn unlock(&self, key: Rc<Key>) {
        lock::set_key(Some(key));
        self.lock.set(LockState::Unlocked);
        self.reading_locked.set(false);
        self.progress_saver.stored_elsewhere();
    }

    /// Locks this tab and the others: what is unsaved is saved first (at
    /// once, sealed as it was typed), then the key and the reader's copy
    /// are forgotten.
    pub fn lock_now(&self) {
        lock::announce_locked();
        self.lock_here();
    }

    /// "Exit this page" (`components::quick_exit`), just before the page is
    /// left: what is unsaved is saved, and when a lock is set, this tab and
    /// the others lock, as with "Lock now".
    pub fn exit_now(&self) {
        if self.lock.get_untracked() != LockState::Off {
            self.lock_now();
        } else {
            self.flush();
        }
    }

    /// Locks this tab once what it has not saved is saved. A change is
    /// sealed as it is made, so this is at once but for a change made a
    /// moment ago, whose write lands first.
    pub(super) fn lock_here(self) {
        self.flush();
        if self.save_status.get_untracked() != SaveStatus::Pending {
            return self.progress_saver.engage_lock();
        }
        Effect::new(move |locked: Option<bool>| {
            if locked == Some(true) || self.save_status.get() == SaveStatus::Pending {
                return locked.unwrap_or(false);
            }
            self.progress_saver.engage_lock();
            true
        });
    }

    /// Turns the lock on with a new passphrase's `key`, or changes it: the
    /// progress is written again, sealed with it.
    pub fn seal_with(&self, key: Rc<Key>) {
        lock::set_key(Some(key));
        self.lock.set(LockState::Unlocked);
        self.write_again();
    }

    /// Turns the lock off: the progress is written again as plain text.
    pub fn unseal(&self) {
        lock::set_key(None);
        self.lock.set(LockState::Off);
        self.write_again();
    }

    fn write_again(&self) {
        let ours = self.progress.get_untracked();
        self.progress_saver.feed(Event::Replaced(ours));
    }
}
