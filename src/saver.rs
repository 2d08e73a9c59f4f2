//! Runs one stored document's sync machine (`model::sync`) in the app: a
//! signal the pages read and change, the machine, a timer, and the storage
//! slot. Events go in; the commands that come out are carried out here,
//! and nowhere else decides anything about saving.
//!
//! With the lock on (`crate::lock`), progress is encrypted before it is
//! written, which WebCrypto does asynchronously. So that a tab closed right
//! after typing still keeps the words, every change is encrypted as soon as
//! it is made, and a save that finds the ciphertext of exactly what it is to
//! write ready writes it at once, within the page's last moments. A write
//! that had to wait lands only if storage still holds what it held when the
//! write was decided; otherwise the machine is told, and reads again.

use crate::components::discreet::show_discreet;
use crate::lock::{self, LockState};
use crate::model::settings::{Settings, DISCREET};
use crate::model::sync::{Access, Command, Document, Event, Machine, Notice, SaveState, Stored};
use crate::storage::{request_persistence, Persistence, Slot, StorageError, Store};
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// How long the reader's changes to their progress may pause before a
/// save, as in Excalidraw: saving on every keystroke would write the whole
/// store dozens of times a second.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

/// Why nothing was written while the reader's saved data is locked.
const LOCKED: &str = "your saved data is locked";

/// Where saving stands, with the reason when a write was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    Pending,
    Failed(StorageError),
}

/// How a write that had to wait ([`Saver::hold_write`]) may end.
enum Landing {
    /// Something was written or reset meanwhile: the write is dropped.
    Dropped,
    /// Storage changed meanwhile: the machine reads it again and merges.
    Overtaken,
    /// Nothing changed: the write goes ahead.
    Clear,
}

/// Where a saver tells the reader how saving goes (progress only; a look
/// is never worth a banner): notice, status, read-only, persistence.
pub type Report = (
    RwSignal<Option<Notice>>,
    RwSignal<SaveStatus>,
    RwSignal<bool>,
    RwSignal<Option<Persistence>>,
);

pub struct Saver<D: 'static> {
    doc: RwSignal<D>,
    machine: StoredValue<Machine<D>>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    store: StoredValue<Store, LocalStorage>,
    slot: &'static Slot<D>,
    /// How long a change waits for more before it is saved; zero saves as
    /// soon as the change arrives (a choice, not typing).
    delay: Duration,
    report: Option<Report>,
    /// While a page rendered at build time is being taken over: the
    /// machine's first commands, held until the reader's state is shown.
    waiting: StoredValue<Option<Vec<Command<D>>>>,
    /// The stored text of the machine's `base`, while it is that: storage
    /// found holding it needs no reading (`Stored::Unchanged`), which lets a
    /// closing page save at once without the code that reads, or the key.
    base_text: StoredValue<Option<(String, D)>>,
    /// Whether this document can be locked (progress; not display
    /// settings), and where the lock stands.
    lock: Option<RwSignal<LockState>>,
    /// The latest change, as stored text and sealed (with the key that sealed
    /// it): ready for a save.
    sealed: StoredValue<Option<(String, String, Rc<lock::Key>)>, LocalStorage>,
    /// Counts writes and resets: an encrypted write that waited lands only
    /// if nothing was written or reset since it was asked for.
    writes: StoredValue<u32>,
}

impl<D> Clone for Saver<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D> Copy for Saver<D> {}

impl<D: Document + Send + Sync + 'static> Saver<D> {
    /// Starts from what storage held when the page opened (`None`: blocked).
    /// When `taking_over` a page rendered at build time, the signal starts
    /// blank, as the page was rendered, and the reader's document and the
    /// machine's first commands wait for [`Saver::take_over`].
    pub fn new(
        slot: &'static Slot<D>,
        store: &Store,
        stored: Option<Stored<D>>,
        delay: Duration,
        report: Option<Report>,
        lock: Option<RwSignal<LockState>>,
        taking_over: bool,
    ) -> Self {
        let (machine, commands) = Machine::start(stored);
        let shown = if taking_over {
            D::default()
        } else {
            machine.ours().clone()
        };
        let saver = Saver {
            doc: RwSignal::new(shown),
            machine: StoredValue::new(machine),
            timer: StoredValue::new_local(None),
            store: StoredValue::new_local(store.clone()),
            slot,
            delay,
            report,
            waiting: StoredValue::new(None),
            base_text: StoredValue::new(None),
            lock,
            sealed: StoredValue::new_local(None),
            writes: StoredValue::new(0),
        };
        if taking_over {
            saver.waiting.set_value(Some(commands));
        } else {
            saver.run(commands);
        }
        saver
    }

    /// Follows the signal: every change the reader makes goes in. In an
    /// effect, so it starts once the app is in the page.
    pub fn follow(self) {
        Effect::new(move |_| {
            let doc = self.doc.get();
            // The blank document of a page being taken over is no change.
            if self.waiting.with_value(Option::is_none) {
                self.seal_ahead(&doc);
                self.feed(Event::Changed(doc));
            }
        });
    }

    /// With the lock on, encrypts the document as it is now, so that the
    /// save that follows (or the page's last one) finds it ready.
    fn seal_ahead(self, doc: &D) {
        if !self.unlocked() {
            return;
        }
        let Ok(text) = (self.slot.encode)(doc) else {
            return;
        };
        if self.sealed_ready(&text).is_some() {
            return;
        }
        let (sealed, key) = (self.sealed, lock::key());
        lock::seal(
            text.clone(),
            Box::new(move |envelope| {
                // Kept unless a later change has been sealed meanwhile:
                // either is only used for the exact text and key it seals.
                if let (Ok(envelope), Some(key)) = (envelope, key) {
                    let _ = sealed.try_set_value(Some((text, envelope, key)));
                }
            }),
        );
    }

    /// The ciphertext of `text` under this tab's key, if it is sealed ahead.
    /// A changed passphrase makes what was sealed under the old one useless.
    fn sealed_ready(self, text: &str) -> Option<String> {
        let key = lock::key()?;
        self.sealed.with_value(|s| match s {
            Some((t, envelope, k)) if t == text && Rc::ptr_eq(k, &key) => Some(envelope.clone()),
            _ => None,
        })
    }

    /// Whether this document is locked and this tab holds the key.
    fn unlocked(self) -> bool {
        D::LOCKABLE
            && self
                .lock
                .is_some_and(|l| l.get_untracked() == LockState::Unlocked)
            && lock::has_key()
    }

    /// Shows the reader's document in the page just taken over, and carries
    /// out what the machine asked for at the start.
    pub fn take_over(self) {
        let Some(commands) = self.waiting.try_update_value(Option::take).flatten() else {
            return;
        };
        let ours = self.machine.with_value(|m| m.ours().clone());
        self.doc.set(ours);
        self.run(commands);
    }

    pub fn doc(&self) -> RwSignal<D> {
        self.doc
    }

    pub fn store(&self) -> Store {
        self.store.get_value()
    }

    /// Takes the signal's value in (an effect may not have run since it
    /// changed) and saves now if anything is unsaved.
    pub fn flush(self) {
        self.feed(Event::Changed(self.doc.get_untracked()));
        self.save_now();
    }

    /// Another tab or site changed our key: what storage holds now goes in.
    pub fn stored_elsewhere(self) {
        self.with_stored(|saver, stored| saver.feed(Event::StoredElsewhere(stored)));
    }

    fn save_now(self) {
        self.with_stored(|saver, stored| saver.feed(Event::Save(stored)));
    }

    /// Reads what storage holds and goes on with it. What cannot be read
    /// yet is read once it can: saved progress on a first visit's page, whose
    /// reading code (`crate::reader`) has not arrived, and sealed progress
    /// (`crate::lock`), which is opened with the key first. The machine
    /// writes nothing over what it has not read.
    fn with_stored(self, then: fn(Self, Stored<D>)) {
        let Some(raw) = self.stored_text() else {
            return;
        };
        let known = self.base_text.with_value(|b| {
            b.as_ref()
                .is_some_and(|(text, _)| Some(text) == raw.as_ref())
        });
        if known {
            return then(self, Stored::Unchanged);
        }
        if let Some(lock) = self.lock.filter(|_| D::LOCKABLE) {
            let sealed = raw.as_deref().is_some_and(lock::is_sealed);
            match (sealed, lock.get_untracked(), lock::has_key()) {
                (true, LockState::Unlocked, true) => {
                    return self.open_then(raw.unwrap_or_default(), then);
                }
                (true, LockState::Locked, _) => {}
                // Locked in another tab, which may also have chosen another
                // passphrase: nothing is shown until the reader unlocks.
                (true, ..) => self.engage_lock(),
                // Turned off in another tab, or everything was deleted.
                (false, LockState::Locked | LockState::Unlocked, _) => {
                    lock::set_key(None);
                    lock.set(LockState::Off);
                }
                (false, LockState::Off, _) => {}
            }
        }
        let stored = (self.slot.decode)(raw.as_deref());
        if stored == Stored::NotReadYet
            && !(D::LOCKABLE && raw.as_deref().is_some_and(lock::is_sealed))
        {
            leptos::task::spawn_local(async move {
                if crate::reader::load().await.is_ok() {
                    self.with_stored(then);
                }
            });
        }
        self.took_in(raw, stored, then);
    }

    /// Opens sealed progress with this tab's key, then goes on with what
    /// it holds. A key that does not open it (another tab changed the
    /// passphrase) locks this tab.
    fn open_then(self, raw: String, then: fn(Self, Stored<D>)) {
        let opening = raw.clone();
        lock::open(
            opening,
            Box::new(move |opened| {
                // Still unlocked, and storage still holds what was opened?
                let current = self
                    .store
                    .try_with_value(|s| s.read(self.slot.key).ok().flatten());
                if current != Some(Some(raw.clone())) || !lock::has_key() {
                    return self.with_stored(then);
                }
                match opened {
                    Ok(text) => self.took_in(Some(raw), (self.slot.decode)(Some(&text)), then),
                    Err(_) => self.engage_lock(),
                }
            }),
        );
    }

    /// Feeds what was read, and remembers the text when the machine's base
    /// is now what it holds.
    fn took_in(self, raw: Option<String>, stored: Stored<D>, then: fn(Self, Stored<D>)) {
        let read = match (&stored, raw) {
            (Stored::Readable(doc), Some(raw)) => Some((raw, doc.clone())),
            _ => None,
        };
        then(self, stored);
        if let Some((raw, doc)) = read {
            if self.machine.with_value(|m| *m.base() == doc) {
                self.base_text.set_value(Some((raw, doc)));
            }
        }
    }

    /// This tab locks: its copy is forgotten until the reader unlocks.
    pub fn engage_lock(self) {
        let Some(lock) = self.lock.filter(|_| D::LOCKABLE) else {
            return;
        };
        lock::set_key(None);
        self.sealed.set_value(None);
        lock.set(LockState::Locked);
        self.feed(Event::Locked);
    }

    pub fn feed(self, event: Event<D>) {
        if matches!(event, Event::Forgotten | Event::Locked | Event::Replaced(_)) {
            // A write still on its way must not land after this.
            self.writes.update_value(|n| *n += 1);
        }
        let Some(commands) = self.machine.try_update_value(|m| m.handle(event)) else {
            return;
        };
        // The text stands for the base only while the base is that.
        let base_moved = self.base_text.with_value(|b| {
            b.as_ref()
                .is_some_and(|(_, doc)| self.machine.with_value(|m| m.base() != doc))
        });
        if base_moved {
            self.base_text.set_value(None);
        }
        self.run(commands);
    }

    fn run(self, commands: Vec<Command<D>>) {
        for command in commands {
            match command {
                Command::Show(doc) => self.doc.set(doc),
                Command::ArmTimer if self.delay.is_zero() => self.save_now(),
                Command::ArmTimer => {
                    self.cancel_timer();
                    let handle = set_timeout_with_handle(move || self.save_now(), self.delay).ok();
                    self.timer.set_value(handle);
                }
                Command::CancelTimer => self.cancel_timer(),
                Command::Write(doc) => self.write(doc),
                Command::Reread => self.stored_elsewhere(),
                Command::KeepAside(raw) => self.store.with_value(|s| s.keep_aside(&raw)),
                Command::Tell(notice) => match self.report {
                    Some((notices, ..)) => notices.set(Some(notice)),
                    // Display settings lost elsewhere are simply written
                    // back: there is nothing to ask the reader.
                    None if notice == Notice::Removed => self.feed(Event::Restore),
                    None => {}
                },
                Command::ClearNotice => {
                    if let Some((notices, ..)) = self.report {
                        notices.set(None);
                    }
                }
            }
        }
        self.show_status();
    }

    /// Writes `doc`: as stored text with the lock off, sealed with it on.
    fn write(self, doc: D) {
        if D::LOCKABLE && crate::reader::writer().is_none() {
            return self.write_when_here(doc);
        }
        let text = match (self.slot.encode)(&doc) {
            Ok(text) => text,
            Err(e) => {
                return self.write_failed(StorageError::Failed(format!(
                    "Attune could not write it: {e}"
                )))
            }
        };
        self.writes.update_value(|n| *n += 1);
        let lock = match self.lock {
            Some(lock) if D::LOCKABLE => lock.get_untracked(),
            _ => LockState::Off,
        };
        match lock {
            LockState::Off => {
                // Sealed data this tab did not read or write itself.
                let stored = self.stored_text().flatten();
                let sealed_there = D::LOCKABLE
                    && stored.as_deref().is_some_and(lock::is_sealed)
                    && self
                        .base_text
                        .with_value(|b| b.as_ref().map(|(t, _)| t) != stored.as_ref());
                if sealed_there && self.lock.is_some() {
                    // Locked in another tab since this one last read.
                    self.engage_lock();
                    return self.write_failed(StorageError::Failed(LOCKED.into()));
                }
                let written = self
                    .store
                    .with_value(|s| s.save_text(self.slot, &doc, &text));
                self.landed(written.map(|()| text), doc);
            }
            // Nothing is written while locked (the machine has read
            // nothing to write): never plain text over the sealed.
            LockState::Locked => self.write_failed(StorageError::Failed(LOCKED.into())),
            LockState::Unlocked => {
                if let Some(envelope) = self.sealed_ready(&text) {
                    let written = self
                        .store
                        .with_value(|s| s.write_sealed(self.slot, &envelope));
                    return self.landed(written.map(|()| envelope), doc);
                }
                let landing = self.hold_write();
                let started = lock::seal(
                    text,
                    Box::new(move |sealed| match (landing(), sealed) {
                        (Landing::Dropped, _) => {}
                        (Landing::Overtaken, Ok(_)) => self.feed(Event::Overtaken),
                        (_, Ok(envelope)) => {
                            let written = self
                                .store
                                .with_value(|s| s.write_sealed(self.slot, &envelope));
                            self.landed(written.map(|()| envelope), doc);
                        }
                        (_, Err(e)) => self.write_failed(StorageError::Failed(format!(
                            "Attune could not encrypt it: {e}"
                        ))),
                    }),
                );
                if !started {
                    self.write_failed(StorageError::Failed(LOCKED.into()));
                }
            }
        }
    }

    /// Writes progress once the code that writes it has arrived (moments
    /// after the page is taken over), as a write that waits does
    /// ([`Saver::hold_write`]).
    fn write_when_here(self, doc: D) {
        let landing = self.hold_write();
        leptos::task::spawn_local(async move {
            let here = crate::reader::load_writer().await.is_ok();
            match (landing(), here) {
                (Landing::Dropped, _) => {}
                (Landing::Overtaken, true) => self.feed(Event::Overtaken),
                (_, true) => self.write(doc),
                (_, false) => self.write_failed(StorageError::Failed(
                    "part of Attune could not be downloaded. Connect and try again".into(),
                )),
            }
        });
    }

    /// For a write that has to wait (for encryption, or for the code that
    /// writes): what to do once the wait is over, asked then. The write
    /// lands only if nothing was written or reset meanwhile, and only over
    /// what storage held when it was decided.
    fn hold_write(self) -> impl Fn() -> Landing + 'static {
        let (this_write, before) = (self.writes.get_value(), self.stored_text());
        move || {
            if self.writes.try_get_value() != Some(this_write) {
                Landing::Dropped
            } else if self.stored_text() != before {
                Landing::Overtaken
            } else {
                Landing::Clear
            }
        }
    }

    /// What storage holds under our key now (`None`: it cannot be read).
    fn stored_text(self) -> Option<Option<String>> {
        self.store.with_value(|s| s.read(self.slot.key).ok())
    }

    /// A write is done: storage holds `text`, the stored form of `doc`.
    fn landed(self, written: Result<String, StorageError>, doc: D) {
        match written {
            Ok(text) => {
                self.base_text.set_value(Some((text, doc)));
                self.ask_to_persist();
                self.feed(Event::Written);
            }
            Err(e) => self.write_failed(e),
        }
    }

    fn write_failed(self, e: StorageError) {
        self.feed(Event::WriteFailed);
        if let Some((_, status, ..)) = self.report {
            status.set(SaveStatus::Failed(e));
        }
        self.show_status();
    }

    /// The save status and read-only flag, from the machine. A failure is
    /// set where the write failed, with its reason, and kept until then.
    fn show_status(self) {
        let Some((_, status, read_only, _)) = self.report else {
            return;
        };
        let (state, access) = self.machine.with_value(|m| (m.save_state(), m.access()));
        match state {
            SaveState::Saved => status.set(SaveStatus::Saved),
            SaveState::Pending if !matches!(status.get_untracked(), SaveStatus::Failed(_)) => {
                status.set(SaveStatus::Pending)
            }
            _ => {}
        }
        read_only.set(access == Access::ReadOnly);
    }

    fn cancel_timer(self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    /// Asks once, after the reader's first saved change, that the browser
    /// keep our storage. The answer is shown on the Data page only.
    fn ask_to_persist(self) {
        let Some((.., persistence)) = self.report else {
            return;
        };
        if persistence.get_untracked().is_some() {
            return;
        }
        persistence.set(Some(Persistence::Unsupported));
        leptos::task::spawn_local(async move {
            persistence.set(Some(request_persistence().await));
        });
    }
}

/// Sets or removes the attributes on `<html>` that the CSS reads for the
/// display settings (the pre-paint script in `index.html` sets the same),
/// and names the tab anew when discreet mode is switched. Runs in an effect
/// only.
pub fn apply_settings(s: &Settings) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.document_element() else {
        return;
    };
    // As the page shows it: as stored at load, or as last applied.
    let was_discreet = root.has_attribute(DISCREET.attribute);
    for (name, value) in s.attributes() {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
    if s.discreet() != was_discreet {
        show_discreet(&document, s.discreet());
    }
}
