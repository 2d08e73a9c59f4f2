//! The lock's part of the app state (`crate::lock`): unlocking, locking
//! this tab and the others, turning the lock on, changing it, turning it
//! off. What each means for saving is the saving core's
//! (`model::sync::Core`); these hand it the reader's word.

use super::AppState;
use crate::lock::{self, Key, LockState};
use crate::model::sync::Input;
use leptos::prelude::*;
use std::rc::Rc;

impl AppState {
    /// The reader unlocked with `key`: their saved progress is opened and
    /// shown, with what this tab held from before it locked.
    pub fn unlock(&self, key: Rc<Key>) {
        lock::set_key(Some(key));
        self.reading_locked.set(false);
        self.progress_saver.feed(Input::Unlocked);
    }

    /// Locks this tab and the others: what is unsaved is saved first (at
    /// once, sealed as it was typed), then the key and the reader's copy
    /// are forgotten.
    pub fn lock_now(&self) {
        lock::announce_locked(&self.store().channel());
        self.lock_here();
    }

    /// "Exit this page" (`components::quick_exit`), just before the page is
    /// left: what is unsaved is saved, and when a lock is set, this tab and
    /// the others lock, as with "Lock now".
    pub fn exit_now(&self) {
        self.flush();
        if self.lock.get_untracked() != LockState::Off {
            self.lock_now();
        }
    }

    /// Locks this tab once what it has not saved is saved (see
    /// `Input::LockHere`).
    pub(super) fn lock_here(self) {
        self.progress_saver
            .feed(Input::Changed(self.progress.get_untracked()));
        self.progress_saver.feed(Input::LockHere);
    }

    /// Turns the lock on with a new passphrase's `key`, or changes it: the
    /// progress is written again, sealed with it.
    pub fn seal_with(&self, key: Rc<Key>) {
        lock::set_key(Some(key));
        self.progress_saver.feed(Input::LockOn);
    }

    /// Turns the lock off: the progress is written again as plain text.
    pub fn unseal(&self) {
        self.progress_saver.feed(Input::LockOff);
    }
}
