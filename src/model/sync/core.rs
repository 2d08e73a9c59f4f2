//! The saving core of one stored document in one tab: when it is read and
//! written, and over what. Pure: it works only through its port
//! ([`Port`]), which the app's storage adapter carries out (`crate::saver`)
//! and the property test fakes for several tabs (`tests/sync.rs`).
//!
//! The [`Machine`] decides what the tab's copy is (merging, what is
//! unsaved, what the reader is told). The core feeds it and carries out its
//! commands, deciding:
//! - **reading**: storage holding the very text this tab last read or
//!   wrote needs no reading; sealed text is opened with the lock's key
//!   first; the code that reads is fetched if it is not here yet, and
//!   nothing is merged or written over what has not been read;
//! - **writing**: one write at a time; sealed when the lock is on, at once
//!   if the change was sealed ahead as it was made (so the page's last
//!   moments can save), else later, and then only over what storage held
//!   when the write was decided; never plain text over sealed text but for
//!   the reader's own "turn the lock off";
//! - **keeping aside**: what cannot be read is kept aside as stored, so
//!   sealed if it was, before anything is written over it; if it cannot be
//!   kept, nothing is written over it until the reader says so;
//! - **the lock**: following a switch made in another tab without losing
//!   this tab's unsaved edits (held in memory, and merged back once the
//!   reader unlocks); the reader's own switch in this tab winning over a
//!   save another tab makes meanwhile; the copy kept aside following it;
//! - **"deleted everything"** from another tab: believed only when storage
//!   agrees (the deleting tab's token is stored, and our data is gone).

use super::machine::{Access, Command, Document, Event, Machine, Notice, Stored};
use super::port::{Code, Job, LockState, Note, Port, SaveStatus, StorageError};
use crate::model::sealed::is_sealed;

/// What the app tells the core.
#[derive(Debug, Clone, PartialEq)]
pub enum Input<D> {
    /// The reader changed the document: this is the tab's copy now.
    Changed(D),
    /// Save now if anything is unsaved: the delay after a change is over,
    /// the page is hiding, or a step such as Finish wants it written.
    Save,
    /// Another tab, or another site on the origin, changed our key.
    StorageChanged,
    /// Answers to the port's `seal` and `open`.
    Sealed {
        job: Job,
        sealed: Result<String, String>,
    },
    Opened {
        job: Job,
        opened: Result<String, String>,
    },
    /// Answers the port's `fetch`: the code is here, or did not arrive.
    Arrived { code: Code, here: bool },
    /// This tab deleted everything (our keys are gone): start afresh.
    Forget,
    /// Another tab says it deleted everything: `token` as its message
    /// carried it, `tombstone` as storage holds it.
    DeletedElsewhere {
        token: String,
        tombstone: Option<String>,
    },
    /// A backup replaces everything.
    Replace(D),
    /// The reader asked to save this tab's copy again, over whatever is
    /// stored (after storage lost it, or held something that could not be
    /// kept aside).
    Restore,
    /// The reader unlocked in this tab: the port's key opens storage.
    Unlocked,
    /// The reader turned the lock on in this tab, or chose a new
    /// passphrase: the port seals with the new key from now on.
    LockOn,
    /// The reader turned the lock off in this tab.
    LockOff,
    /// Lock this tab ("Lock now" here or in another tab, "Exit this
    /// page"): what is unsaved is saved first.
    LockHere,
}

/// A core as the app holds it, behind a pointer: so that the app can start
/// one with code that arrives in a chunk of its own (`crate::saving`), and
/// call it without that code in its own first load.
pub trait Drive<D> {
    fn handle(&mut self, port: &mut dyn Port<D>, input: Input<D>);
    /// This tab's document.
    fn ours(&self) -> &D;
    /// Whether edits made before the tab locked wait for the reader.
    fn holds_edits(&self) -> bool;
}

impl<D: Document> Drive<D> for Core<D> {
    fn handle(&mut self, port: &mut dyn Port<D>, input: Input<D>) {
        Core::handle(self, port, input)
    }

    fn ours(&self) -> &D {
        Core::ours(self)
    }

    fn holds_edits(&self) -> bool {
        Core::holds_edits(self)
    }
}

/// What may happen to what storage holds when a write is about to go over it.
enum Guard<D> {
    Over,
    Not(StorageError),
    /// Read it first.
    Unread,
    Newer(Stored<D>),
}

/// What a read is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Then {
    Save,
    Elsewhere,
}

impl Then {
    /// A read for a save also brings in what another tab wrote.
    fn and(self, other: Then) -> Then {
        if self == Then::Save || other == Then::Save {
            Then::Save
        } else {
            Then::Elsewhere
        }
    }

    fn event<D>(self, stored: Stored<D>) -> Event<D> {
        match self {
            Then::Save => Event::Save(stored),
            Then::Elsewhere => Event::StoredElsewhere(stored),
        }
    }
}

/// The reader's own switch of the lock in this tab, until its write lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Switch {
    On,
    Off,
}

/// A write that waits: for the code that writes (`text` is `None`; then it
/// is made afresh once that arrives), or for its text to be sealed.
#[derive(Debug, Clone)]
struct Flight {
    job: Job,
    text: Option<String>,
    /// What storage held when the write was decided: it lands only over that.
    before: Option<String>,
}

/// Sealed text being opened before it is read.
#[derive(Debug, Clone)]
struct Opening {
    job: Job,
    stored: String,
    then: Then,
}

/// The copy kept aside, following the lock's switch: opened with the key
/// it was sealed with, then sealed with the new one (or left open when the
/// lock goes off). `kept` is the copy as it was found: it is rewritten only
/// if it is still there.
#[derive(Debug, Clone)]
enum Rekey {
    Opening { job: Job, kept: String },
    Sealing { job: Job, kept: String },
}

/// One tab's saving of one document (see the module comment).
#[derive(Debug, Clone)]
pub struct Core<D> {
    machine: Machine<D>,
    /// The reader is told what happens to this document (progress); a
    /// display setting lost elsewhere is simply written back.
    tells: bool,
    lock: LockState,
    switching: Option<Switch>,
    /// A switch made here, until the port is told it is done.
    switched: Option<Switch>,
    rekey: Option<Rekey>,
    /// Lock this tab once the save asked for is done (or refused).
    lock_after_save: bool,
    /// What this tab had not saved when it locked: `(base, ours)`, given
    /// back to the machine once the reader unlocks and storage is read.
    held: Option<(D, D)>,
    /// The stored text of the machine's base, while the base is that.
    base_text: Option<(String, D)>,
    /// Changes sealed ahead, as they were made: `(plain, sealed)`.
    ahead: Option<(String, String)>,
    ahead_jobs: Vec<(Job, String)>,
    flight: Option<Flight>,
    opening: Option<Opening>,
    /// A read waiting for the code that reads.
    waiting_to_read: Option<Then>,
    fetching: [bool; 2],
    /// Code this tab waits for did not arrive: the reader is told.
    missing: bool,
    /// The stored text the machine is being fed, for keeping it aside as
    /// stored (sealed if it was).
    from: Option<String>,
    /// Why the last write was refused.
    refusal: Option<StorageError>,
    /// The reader asked to save this tab's copy again: done once storage is read.
    restoring: bool,
    /// ... and it is being written, over whatever is stored.
    allow_over: bool,
    /// Storage has not been read since this tab locked (the machine's base
    /// is blank, not what is stored).
    unread: bool,
    /// A backup replaces everything, once that read is done.
    replacing: bool,
    /// The reader is told that something could not be kept aside and is
    /// not written over: true until storage holds something readable again.
    not_kept: bool,
    status: Option<SaveStatus>,
    access: Access,
    next_job: Job,
}

impl<D: Document> Core<D> {
    /// Starts from what storage holds when the page opens.
    pub fn start(port: &mut dyn Port<D>, tells: bool) -> Self {
        Self::start_after(port, tells, D::default())
    }

    /// Starts once its code has arrived, when the reader may have changed
    /// the blank document they were shown meanwhile into `early`: that is
    /// their change, on top of what storage holds (another tab may have
    /// saved since the page opened).
    pub fn start_after(port: &mut dyn Port<D>, tells: bool, early: D) -> Self {
        let mut core = Self::start_blank(port, tells);
        if early != D::default() {
            let ours = D::merge(&D::default(), &early, core.ours());
            port.notify(Note::Show(ours.clone()));
            core.handle(port, Input::Changed(ours));
        }
        core
    }

    fn start_blank(port: &mut dyn Port<D>, tells: bool) -> Self {
        let mut core = Core {
            machine: Machine::start(Some(Stored::Nothing)).0,
            tells,
            lock: LockState::Off,
            switching: None,
            switched: None,
            rekey: None,
            lock_after_save: false,
            held: None,
            base_text: None,
            ahead: None,
            ahead_jobs: Vec::new(),
            flight: None,
            opening: None,
            waiting_to_read: None,
            fetching: [false; 2],
            missing: false,
            from: None,
            refusal: None,
            restoring: false,
            allow_over: false,
            unread: false,
            replacing: false,
            not_kept: false,
            status: None,
            access: Access::ReadWrite,
            next_job: 0,
        };
        let stored = match port.read() {
            Err(_) => None,
            Ok(raw) => Some(core.first_reading(port, raw)),
        };
        let (machine, commands) = Machine::start(stored);
        core.machine = machine;
        core.run(port, commands);
        core.from = None;
        core.after(port);
        core
    }

    fn first_reading(&mut self, port: &mut dyn Port<D>, raw: Option<String>) -> Stored<D> {
        let Some(raw) = raw else {
            return Stored::Nothing;
        };
        if D::LOCKABLE && is_sealed(&raw) {
            // Nothing of it until the reader unlocks.
            self.set_lock(port, LockState::Locked);
            self.unread = true;
            return Stored::Nothing;
        }
        match port.decode(&raw) {
            Some(stored) => {
                if let Stored::Readable(doc) = &stored {
                    self.base_text = Some((raw.clone(), doc.clone()));
                }
                self.from = Some(raw);
                stored
            }
            None => {
                self.waiting_to_read = Some(Then::Elsewhere);
                self.fetch(port, Code::Reader);
                Stored::NotReadYet
            }
        }
    }

    /// This tab's document.
    pub fn ours(&self) -> &D {
        self.machine.ours()
    }

    pub fn machine(&self) -> &Machine<D> {
        &self.machine
    }

    pub fn lock(&self) -> LockState {
        self.lock
    }

    /// Whether edits made before the tab locked wait for the reader to unlock.
    pub fn holds_edits(&self) -> bool {
        self.held.is_some()
    }

    /// Takes one input in; what it leads to is done through `port`.
    pub fn handle(&mut self, port: &mut dyn Port<D>, input: Input<D>) {
        match input {
            Input::Changed(doc) => {
                let commands = self.machine.handle(Event::Changed(doc));
                self.run(port, commands);
                self.seal_ahead(port);
            }
            Input::Save => self.save(port),
            Input::StorageChanged => self.read_then(port, Then::Elsewhere),
            Input::Sealed { job, sealed } => self.sealed(port, job, sealed),
            Input::Opened { job, opened } => self.opened(port, job, opened),
            Input::Arrived { code, here } => self.arrived(port, code, here),
            Input::Forget => self.forget(port),
            Input::DeletedElsewhere { token, tombstone } => {
                // A message alone is not enough: storage must agree that our
                // own tab deleted everything. Nothing still stored is dropped.
                if tombstone.as_deref() == Some(token.as_str()) && port.read() == Ok(None) {
                    self.forget(port);
                }
            }
            // Until storage is read after unlocking, the tab's base is
            // blank: "replace everything" waits for the read, so that it
            // replaces what is really stored.
            Input::Replace(doc) if self.unread => {
                port.notify(Note::Show(doc.clone()));
                let commands = self.machine.handle(Event::Changed(doc));
                self.run(port, commands);
                self.replacing = true;
                self.read_then(port, Then::Elsewhere);
            }
            Input::Replace(doc) => {
                let commands = self.machine.handle(Event::Replaced(doc));
                self.run(port, commands);
            }
            Input::Restore => {
                // Over what storage holds now: merged if it can be read
                // (another tab may have saved meanwhile), written over if
                // not (see `take_in`).
                self.restoring = true;
                self.read_then(port, Then::Elsewhere);
            }
            Input::Unlocked if D::LOCKABLE => {
                self.set_lock(port, LockState::Unlocked);
                self.unhold(port);
                self.read_then(port, Then::Elsewhere);
            }
            Input::LockOn if D::LOCKABLE => self.switch(port, Switch::On),
            Input::LockOff if D::LOCKABLE => self.switch(port, Switch::Off),
            Input::LockHere if D::LOCKABLE && self.lock == LockState::Unlocked => {
                self.lock_after_save = true;
                self.save(port);
            }
            Input::Unlocked | Input::LockOn | Input::LockOff | Input::LockHere => {}
        }
        self.after(port);
    }

    fn next_job(&mut self) -> Job {
        self.next_job = self.next_job.wrapping_add(1);
        self.next_job
    }

    fn save(&mut self, port: &mut dyn Port<D>) {
        // A read that waits for code that did not arrive: asked for again.
        if self.waiting_to_read.is_some() {
            self.fetch(port, Code::Reader);
        }
        // Nothing can be written while locked: held until unlocked. With a
        // write on its way, the next one follows it (its landing re-arms the
        // timer if there is more).
        if self.lock == LockState::Locked || self.machine.writing() {
            return;
        }
        // Nothing to save, or nothing may be (a newer version's data is
        // stored, or storage is blocked).
        if !self.machine.unsaved() || self.machine.access() != Access::ReadWrite {
            return port.notify(Note::Timer(false));
        }
        self.read_then(port, Then::Save);
    }

    /// Reads what storage holds, then goes on with it (see the module
    /// comment, "reading").
    fn read_then(&mut self, port: &mut dyn Port<D>, then: Then) {
        if let Some(opening) = &mut self.opening {
            opening.then = opening.then.and(then);
            return;
        }
        let Ok(raw) = port.read() else {
            return;
        };
        if let (Some(raw), Some((text, _))) = (&raw, &self.base_text) {
            if raw == text {
                return self.take_in(port, then, Stored::Unchanged);
            }
        }
        if D::LOCKABLE {
            let sealed = raw.as_deref().is_some_and(is_sealed);
            // Turning the lock off, this tab still holds the key.
            let lock = match self.switching {
                Some(Switch::Off) => LockState::Unlocked,
                _ => self.lock,
            };
            match (sealed, lock) {
                (true, LockState::Unlocked) => {
                    let (job, stored) = (self.next_job(), raw.unwrap_or_default());
                    self.opening = Some(Opening {
                        job,
                        stored: stored.clone(),
                        then,
                    });
                    return port.open(job, stored);
                }
                // Nothing of it can be read until the reader unlocks.
                (true, LockState::Locked) => return,
                // Turned on in another tab.
                (true, LockState::Off) => return self.engage_lock(port),
                (false, LockState::Off) => {}
                // This tab's own switch is on its way: what another tab
                // wrote meanwhile is merged in, and sealed with it.
                (false, _) if self.switching == Some(Switch::On) => {}
                // Plain where sealed was. A document says the lock was turned
                // off in another tab. Anything else (nothing, or what cannot
                // be read: another site's, or damaged) leaves nothing to
                // unlock for a locked tab; an unlocked one keeps its key,
                // keeps that aside, and writes its copy back sealed.
                (false, lock) => match raw.as_deref().map(|raw| port.decode(raw)) {
                    // Which it is can be told once the code that reads is here.
                    Some(None) => return self.wait_to_read(port, then),
                    Some(Some(
                        Stored::Readable(_) | Stored::Migrated(_) | Stored::Newer { .. },
                    )) => self.lock_turned_off(port),
                    _ if lock == LockState::Locked => self.lock_turned_off(port),
                    _ => {}
                },
            }
        }
        self.decode_then(port, then, raw.clone(), raw);
    }

    /// Reads `plain`, the text stored as `stored` (the same, or what it
    /// opened to), and goes on with it.
    fn decode_then(
        &mut self,
        port: &mut dyn Port<D>,
        then: Then,
        stored: Option<String>,
        plain: Option<String>,
    ) {
        let Some(plain) = plain else {
            return self.take_in(port, then, Stored::Nothing);
        };
        let Some(read) = port.decode(&plain) else {
            self.wait_to_read(port, then);
            return self.take_in(port, then, Stored::NotReadYet);
        };
        let known = match (&read, &stored) {
            (Stored::Readable(doc), Some(text)) => Some((text.clone(), doc.clone())),
            _ => None,
        };
        self.from = stored;
        self.take_in(port, then, read);
        self.from = None;
        if let Some((text, doc)) = known {
            if self.machine.base() == &doc {
                self.base_text = Some((text, doc));
            }
        }
    }

    /// Unlocked again (or there is nothing left to unlock): what was not
    /// saved before the lock comes back at once, with what was typed while
    /// locked on top, so that what the reader does next acts on it; it is
    /// merged with what storage holds against the base it had then.
    fn unhold(&mut self, port: &mut dyn Port<D>) {
        if let Some((base, ours)) = self.held.take() {
            let ours = D::merge(&D::default(), self.machine.ours(), &ours);
            let commands = self.machine.adopt(base, ours);
            self.run(port, commands);
        }
    }

    /// Reads again once the code that reads has arrived.
    fn wait_to_read(&mut self, port: &mut dyn Port<D>, then: Then) {
        self.waiting_to_read = Some(self.waiting_to_read.map_or(then, |w| w.and(then)));
        self.fetch(port, Code::Reader);
    }

    fn take_in(&mut self, port: &mut dyn Port<D>, then: Then, read: Stored<D>) {
        if read == Stored::NotReadYet {
            let commands = self.machine.handle(then.event(read));
            return self.run(port, commands);
        }
        self.unread = false;
        // The backup, and what the reader did since, over what is stored.
        let replacing = std::mem::take(&mut self.replacing).then(|| self.machine.ours().clone());
        let over = matches!(read, Stored::Nothing | Stored::Unreadable { .. });
        if !over && std::mem::take(&mut self.not_kept) {
            port.notify(Note::Notice(None));
        }
        // A read for a save that has nothing left to save still brings in
        // what storage holds.
        let then = match then {
            Then::Save if !self.machine.unsaved() => Then::Elsewhere,
            then => then,
        };
        let commands = self.machine.handle(then.event(read));
        self.run(port, commands);
        if let Some(doc) = replacing {
            let commands = self.machine.handle(Event::Replaced(doc));
            self.run(port, commands);
        }
        if std::mem::take(&mut self.restoring) && over {
            // The reader's word: written over what could not be kept.
            self.allow_over = true;
            let commands = self.machine.handle(Event::Restore);
            self.run(port, commands);
            self.allow_over = false;
        }
    }

    fn write(&mut self, port: &mut dyn Port<D>, doc: D) {
        let before = port.read().ok().flatten();
        match self.guard(port, before.as_deref()) {
            Guard::Over => {}
            Guard::Not(why) => return self.refused(port, why),
            Guard::Unread => {
                let commands = self.machine.handle(Event::Overtaken);
                return self.run(port, commands);
            }
            // Never written over: the tab turns read-only, and says why.
            Guard::Newer(stored) => {
                let commands = self.machine.handle(Event::Dropped);
                self.run(port, commands);
                let commands = self.machine.handle(Event::StoredElsewhere(stored));
                return self.run(port, commands);
            }
        }
        match port.encode(&doc) {
            None => {
                let job = self.next_job();
                self.flight = Some(Flight {
                    job,
                    text: None,
                    before,
                });
                self.fetch(port, Code::Writer);
            }
            Some(Err(e)) => self.refused(
                port,
                StorageError::Failed(format!("Attune could not write it: {e}")),
            ),
            Some(Ok(text)) => self.write_text(port, doc, text, before),
        }
    }

    /// Whether a write may go over `before`, what storage holds: what this
    /// tab last read or wrote, the lock's sealed text, or a document that
    /// can be read may be written over (a write that merged it, or the
    /// reader's own "replace everything"); what cannot be read only once it
    /// is kept aside, or on the reader's word; a newer version's, never.
    fn guard(&mut self, port: &mut dyn Port<D>, before: Option<&str>) -> Guard<D> {
        let Some(before) = before else {
            return Guard::Over;
        };
        let known = self
            .base_text
            .as_ref()
            .is_some_and(|(text, _)| text == before);
        if known {
            return Guard::Over;
        }
        // Sealed text this tab has not opened: read (and opened) first,
        // then written over merged, or this tab locks if its key does not
        // open it.
        if D::LOCKABLE && is_sealed(before) {
            return Guard::Unread;
        }
        match port.decode(before) {
            None => {
                self.fetch(port, Code::Reader);
                Guard::Not(StorageError::NotLoaded)
            }
            Some(Stored::Unreadable { raw, why }) => {
                if port.keep_aside(before) || self.allow_over {
                    return Guard::Over;
                }
                if self.tells {
                    self.not_kept = true;
                    port.notify(Note::Notice(Some(Notice::NotKept { raw, why })));
                }
                Guard::Not(StorageError::WouldOverwrite)
            }
            Some(newer @ Stored::Newer { .. }) => Guard::Newer(newer),
            Some(_) => Guard::Over,
        }
    }

    fn write_text(&mut self, port: &mut dyn Port<D>, doc: D, text: String, before: Option<String>) {
        if !D::LOCKABLE {
            return self.put(port, text, Some(&doc));
        }
        match self.lock {
            LockState::Locked => self.refused(port, StorageError::Locked),
            LockState::Off => {
                // Sealed since this tab last read: locked in another tab. Only
                // the reader's own "turn the lock off" here writes plain text
                // over sealed, and only over what this tab opened.
                let known = self.base_text.as_ref().map(|(t, _)| t) == before.as_ref();
                let switching_off = self.switching == Some(Switch::Off) && known;
                if before.as_deref().is_some_and(is_sealed) && !switching_off {
                    self.refused(port, StorageError::Locked);
                    return self.engage_lock(port);
                }
                self.put(port, text, Some(&doc));
            }
            LockState::Unlocked => {
                let ready = self.ahead.as_ref().filter(|(plain, _)| *plain == text);
                if let Some((_, sealed)) = ready {
                    let sealed = sealed.clone();
                    return self.put(port, sealed, None);
                }
                let job = self.next_job();
                self.flight = Some(Flight {
                    job,
                    text: Some(text.clone()),
                    before,
                });
                port.seal(job, text);
            }
        }
    }

    /// Writes `text` now.
    fn put(&mut self, port: &mut dyn Port<D>, text: String, plain: Option<&D>) {
        self.flight = None;
        match port.write(&text, plain) {
            Ok(()) => {
                // This tab's switch is in storage now.
                self.switching = None;
                self.refusal = None;
                if std::mem::take(&mut self.not_kept) {
                    port.notify(Note::Notice(None));
                }
                let commands = self.machine.handle(Event::Written);
                self.base_text = Some((text, self.machine.base().clone()));
                self.run(port, commands);
            }
            Err(e) => self.refused(port, e),
        }
    }

    fn refused(&mut self, port: &mut dyn Port<D>, why: StorageError) {
        self.flight = None;
        self.refusal = Some(why);
        let commands = self.machine.handle(Event::WriteFailed);
        self.run(port, commands);
    }

    /// A write that waited may land only over what storage held when it was
    /// decided; otherwise storage is read again and merged.
    fn moved_on(&mut self, port: &mut dyn Port<D>, before: &Option<String>) -> bool {
        if port.read().ok().flatten() == *before {
            return false;
        }
        let commands = self.machine.handle(Event::Overtaken);
        self.run(port, commands);
        true
    }

    fn sealed(&mut self, port: &mut dyn Port<D>, job: Job, sealed: Result<String, String>) {
        if let Some(at) = self.ahead_jobs.iter().position(|(j, _)| *j == job) {
            let (_, plain) = self.ahead_jobs.swap_remove(at);
            if let Ok(sealed) = sealed {
                self.ahead = Some((plain, sealed));
            }
            return;
        }
        if let Some(Rekey::Sealing { job: j, kept }) = &self.rekey {
            if *j == job {
                if let Ok(sealed) = &sealed {
                    if port.kept_aside().as_ref() == Some(kept) {
                        port.rewrite_kept_aside(sealed);
                    }
                }
                self.rekey = None;
                return;
            }
        }
        let Some(flight) = self.flight.take_if(|f| f.job == job && f.text.is_some()) else {
            return;
        };
        match sealed {
            Err(e) => self.refused(
                port,
                StorageError::Failed(format!("Attune could not encrypt it: {e}")),
            ),
            Ok(sealed) => {
                if !self.moved_on(port, &flight.before) {
                    self.put(port, sealed, None);
                }
            }
        }
    }

    fn opened(&mut self, port: &mut dyn Port<D>, job: Job, opened: Result<String, String>) {
        if let Some(Rekey::Opening { job: j, kept }) = &self.rekey {
            if *j == job {
                let kept = kept.clone();
                self.rekey = None;
                let Ok(plain) = opened else {
                    // Sealed under a key this tab never had: it stays as it is.
                    return;
                };
                if self.lock == LockState::Unlocked {
                    let job = self.next_job();
                    self.rekey = Some(Rekey::Sealing { job, kept });
                    port.seal(job, plain);
                } else if port.kept_aside().as_ref() == Some(&kept) {
                    port.rewrite_kept_aside(&plain);
                }
                return;
            }
        }
        let Some(opening) = self.opening.take_if(|o| o.job == job) else {
            return;
        };
        // Storage moved on meanwhile: read what it holds now.
        if port.read().ok().flatten().as_ref() != Some(&opening.stored) {
            return self.read_then(port, opening.then);
        }
        match opened {
            Ok(plain) => self.decode_then(port, opening.then, Some(opening.stored), Some(plain)),
            // Not with this tab's key: another tab chose a new passphrase.
            Err(_) => self.engage_lock(port),
        }
    }

    fn arrived(&mut self, port: &mut dyn Port<D>, code: Code, here: bool) {
        self.fetching[code as usize] = false;
        let waiting = self.flight.as_ref().is_some_and(|f| f.text.is_none());
        if !here {
            // Told in words; asked for again with the next save.
            self.missing = true;
            if code == Code::Writer && waiting {
                self.refused(port, StorageError::NotLoaded);
            }
            return;
        }
        self.missing = false;
        match code {
            // Saved now, over what storage holds now, read and merged again:
            // however long the code took, another tab may have written
            // meanwhile, even the very same text as before (A, B, A again).
            Code::Writer if waiting => {
                self.flight = None;
                let commands = self.machine.handle(Event::Dropped);
                self.run(port, commands);
                self.read_then(port, Then::Save);
            }
            Code::Writer => {}
            Code::Reader => {
                if let Some(then) = self.waiting_to_read.take() {
                    self.read_then(port, then);
                }
            }
        }
    }

    fn fetch(&mut self, port: &mut dyn Port<D>, code: Code) {
        if !std::mem::replace(&mut self.fetching[code as usize], true) {
            port.fetch(code);
        }
    }

    /// With the lock on, seals the tab's copy as it is now, so that the save
    /// that follows (or the page's last one) finds it ready.
    fn seal_ahead(&mut self, port: &mut dyn Port<D>) {
        if !D::LOCKABLE || self.lock != LockState::Unlocked || !self.machine.unsaved() {
            return;
        }
        let Some(Ok(text)) = port.encode(self.machine.ours()) else {
            return;
        };
        let known = self.ahead.iter().map(|(t, _)| t);
        if known
            .chain(self.ahead_jobs.iter().map(|(_, t)| t))
            .any(|t| *t == text)
        {
            return;
        }
        let job = self.next_job();
        self.ahead_jobs.push((job, text.clone()));
        port.seal(job, text);
    }

    fn set_lock(&mut self, port: &mut dyn Port<D>, lock: LockState) {
        if self.lock != lock {
            self.lock = lock;
            port.notify(Note::Lock(lock));
        }
    }

    /// What waits on the lock's key is dropped: no write sealed with it
    /// lands, and nothing opened with it is read.
    fn drop_keyed_work(&mut self) {
        self.flight = None;
        self.opening = None;
        self.ahead = None;
        self.ahead_jobs.clear();
        self.lock_after_save = false;
    }

    /// This tab locks: its copy is hidden until the reader unlocks, and
    /// what it had not saved is held (see [`Core::take_in`]).
    fn engage_lock(&mut self, port: &mut dyn Port<D>) {
        if !D::LOCKABLE || self.lock == LockState::Locked {
            return;
        }
        if self.machine.unsaved() {
            let ours = self.machine.ours().clone();
            self.held = Some(match self.held.take() {
                // Locked again before it was read: what was typed since
                // joins what was held.
                Some((base, held)) => (base, D::merge(&D::default(), &ours, &held)),
                None => (self.machine.base().clone(), ours),
            });
        }
        self.set_lock(port, LockState::Locked);
        port.notify(Note::ForgetKey);
        self.drop_keyed_work();
        self.base_text = None;
        self.switching = None;
        self.switched = None;
        self.restoring = false;
        // A backup that waits to replace everything still does, once the
        // reader unlocks (its document is held with the rest).
        self.unread = true;
        let commands = self.machine.handle(Event::Locked);
        self.run(port, commands);
    }

    /// The lock was turned off in another tab (or everything was deleted).
    fn lock_turned_off(&mut self, port: &mut dyn Port<D>) {
        self.set_lock(port, LockState::Off);
        port.notify(Note::ForgetKey);
        self.drop_keyed_work();
        if self.machine.writing() {
            let commands = self.machine.handle(Event::Dropped);
            self.run(port, commands);
        }
        self.unhold(port);
    }

    /// The reader switches the lock in this tab: the copy is written again,
    /// sealed or plain, over what is stored.
    fn switch(&mut self, port: &mut dyn Port<D>, to: Switch) {
        self.switching = Some(to);
        self.switched = Some(to);
        let lock = match to {
            Switch::On => LockState::Unlocked,
            Switch::Off => LockState::Off,
        };
        self.set_lock(port, lock);
        self.drop_keyed_work();
        if self.machine.writing() {
            let commands = self.machine.handle(Event::Dropped);
            self.run(port, commands);
        }
        self.rekey_kept_aside(port, to);
        // Read, merged and written again in the new form; a write that
        // cannot be made now is made with a later save.
        self.machine.write_again();
        self.read_then(port, Then::Save);
    }

    fn rekey_kept_aside(&mut self, port: &mut dyn Port<D>, to: Switch) {
        self.rekey = None;
        let Some(kept) = port.kept_aside() else {
            return;
        };
        let job = self.next_job();
        if is_sealed(&kept) {
            self.rekey = Some(Rekey::Opening {
                job,
                kept: kept.clone(),
            });
            port.open(job, kept);
        } else if to == Switch::On {
            self.rekey = Some(Rekey::Sealing {
                job,
                kept: kept.clone(),
            });
            port.seal(job, kept);
        }
    }

    fn forget(&mut self, port: &mut dyn Port<D>) {
        self.held = None;
        self.drop_keyed_work();
        self.base_text = None;
        self.switching = None;
        self.switched = None;
        self.rekey = None;
        self.waiting_to_read = None;
        self.missing = false;
        self.refusal = None;
        self.restoring = false;
        self.unread = false;
        self.replacing = false;
        self.set_lock(port, LockState::Off);
        if D::LOCKABLE {
            port.notify(Note::ForgetKey);
        }
        let commands = self.machine.handle(Event::Forgotten);
        self.run(port, commands);
    }

    fn run(&mut self, port: &mut dyn Port<D>, commands: Vec<Command<D>>) {
        // Whether what is about to be written over was kept aside.
        let mut kept = true;
        for command in commands {
            match command {
                Command::Show(doc) => port.notify(Note::Show(doc)),
                Command::ArmTimer => port.notify(Note::Timer(true)),
                Command::CancelTimer => port.notify(Note::Timer(false)),
                Command::KeepAside(raw) => kept = self.keep_aside(port, raw),
                Command::Write(_) if !kept => self.refused(port, StorageError::WouldOverwrite),
                Command::Write(doc) => self.write(port, doc),
                Command::Tell(notice) => self.tell(port, notice, kept),
                Command::ClearNotice if self.tells => port.notify(Note::Notice(None)),
                Command::ClearNotice => {}
                Command::Reread => self.read_then(port, Then::Elsewhere),
            }
        }
    }

    /// Keeps what storage holds aside, as stored: sealed if it was.
    fn keep_aside(&mut self, port: &mut dyn Port<D>, raw: String) -> bool {
        let stored = match self.from.clone() {
            Some(stored) => stored,
            // Only plain text can stand for itself.
            None if self.lock == LockState::Off => raw,
            None => return false,
        };
        port.keep_aside(&stored)
    }

    fn tell(&mut self, port: &mut dyn Port<D>, notice: Notice, kept: bool) {
        if !self.tells {
            // A look is never worth a banner: written back at once.
            if notice == Notice::Removed {
                let commands = self.machine.handle(Event::Restore);
                self.run(port, commands);
            }
            return;
        }
        let notice = match notice {
            Notice::Unreadable { raw, why } | Notice::Replaced { raw, why } if !kept => {
                self.not_kept = true;
                Notice::NotKept { raw, why }
            }
            other => other,
        };
        port.notify(Note::Notice(Some(notice)));
    }

    /// Settles what follows from the input: locking once the save before it
    /// is done, what the reader sees of saving, and the end of a switch.
    fn after(&mut self, port: &mut dyn Port<D>) {
        let stale = self
            .base_text
            .as_ref()
            .is_some_and(|(_, doc)| doc != self.machine.base());
        if stale {
            self.base_text = None;
        }
        let busy = self.flight.is_some() || self.opening.is_some();
        if self.lock_after_save && !busy {
            self.lock_after_save = false;
            self.engage_lock(port);
        }
        if self.switching.is_none() && self.rekey.is_none() {
            match self.switched.take() {
                Some(Switch::On) => port.notify(Note::Switched),
                Some(Switch::Off) => port.notify(Note::ForgetKey),
                None => {}
            }
        }
        let status = self.status_now();
        if self.status.as_ref() != Some(&status) {
            self.status = Some(status.clone());
            port.notify(Note::Status(status));
        }
        let access = self.machine.access();
        if access != self.access {
            self.access = access;
            port.notify(Note::ReadOnly(access == Access::ReadOnly));
        }
    }

    fn status_now(&self) -> SaveStatus {
        if self.lock == LockState::Locked {
            return match self.held {
                Some(_) => SaveStatus::Failed(StorageError::Locked),
                None => SaveStatus::Saved,
            };
        }
        if self.missing && (self.machine.unsaved() || self.waiting_to_read.is_some()) {
            return SaveStatus::Failed(StorageError::NotLoaded);
        }
        SaveStatus::from(self.machine.save_state(), self.refusal.as_ref())
    }
}
