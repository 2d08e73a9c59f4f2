//! What a tab's copy of one stored document is, as a pure state machine:
//! merging what storage holds, what is unsaved, what the reader is told.
//! When and over what it is read and written is the core's (`super::core`),
//! which feeds this machine and carries out its commands through the port.
//!
//! The machine keeps two copies: `base`, the document as storage held it
//! when this tab last read or wrote it, and `ours`, what the reader sees.
//! "Unsaved" is never a flag: it is `ours != base`. Events go in (the
//! reader changed something, a save is due, another tab wrote, storage was
//! emptied, a backup replaced everything, the reader deleted everything);
//! commands come out (show this, write this, arm the timer, tell the
//! reader). Every path here is tested on the host (`tests/sync.rs`),
//! without a browser or a clock.
//!
//! Three rules keep the reader's work safe:
//! - a save first merges what storage holds now (another tab may have
//!   saved other items since): what this tab changed since `base` wins,
//!   the rest is theirs, so neither tab loses an edit and a deletion is
//!   not undone;
//! - what this version cannot read, or another site wrote, is never merged
//!   in: it is kept aside before anything is written over it, and the
//!   reader is told;
//! - what a newer version wrote is never written over: the tab turns
//!   read-only.

/// A stored document: a value with a three-way merge.
pub trait Document: Clone + PartialEq + Default {
    /// What this tab changed since `base` (in `ours`) wins; everything else
    /// comes from `theirs`, including deletions.
    fn merge(base: &Self, ours: &Self, theirs: &Self) -> Self;

    /// Whether the reader's lock (`crate::lock`) encrypts this document
    /// (progress; never display settings). A constant, so the code that
    /// seals and opens is not built into the savers of the others.
    const LOCKABLE: bool = false;

    /// Holds nothing of the reader's (nothing to lose if it goes).
    fn is_blank(&self) -> bool {
        *self == Self::default()
    }
}

/// What storage holds under a document's key, as the adapter read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored<D> {
    /// No value: a new reader, or it was removed.
    Nothing,
    /// A value this version reads, checked.
    Readable(D),
    /// The same, in an older format: written back in this version's once.
    Migrated(D),
    /// A value this version cannot read, or does not trust (another site on
    /// the same origin may have written it): never merged in.
    Unreadable { raw: String, why: String },
    /// Written by a newer version: shown, never written over.
    Newer { version: u64, readable_part: D },
    /// Something is stored, but this tab cannot read it yet: the code that
    /// reads saved data is still on its way (a first visit's page loads it
    /// after taking over). Nothing is merged or written until it is read.
    NotReadYet,
    /// The very text this tab last wrote: storage holds `base`. The adapter
    /// can say so without reading it, so a page that has not loaded the
    /// reading code yet can still save at once (Finish, a closing page).
    Unchanged,
}

/// Whether this tab may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// A newer version's data is stored: writing would lose its fields.
    ReadOnly,
    /// The browser blocks storage: everything stays in this tab.
    MemoryOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event<D> {
    /// The reader changed something: this tab's document is now this.
    Changed(D),
    /// Save now if anything is unsaved (the delay after a change is over,
    /// the page is hiding, or a step such as Finish wants it written), given
    /// what storage holds now.
    Save(Stored<D>),
    /// The write asked for by the last [`Command::Write`] is done.
    Written,
    /// It was refused (storage full or blocked): retried with the next save.
    WriteFailed,
    /// Another tab, or another site on the origin, wrote or removed our key.
    StoredElsewhere(Stored<D>),
    /// The reader deleted everything, here or in another tab: storage holds
    /// nothing of ours, so start afresh and write nothing.
    Forgotten,
    /// A backup replaces everything: written as it is, over what is stored.
    Replaced(D),
    /// The reader asked to save this tab's copy again after storage lost it.
    Restore,
    /// The write asked for was not made: storage changed while it was being
    /// prepared (encrypting takes a moment), so it would have written over
    /// another tab's save. What storage holds is read again
    /// ([`Event::StoredElsewhere`]), and the next save merges it.
    Overtaken,
    /// The reader locked their saved data (here or in another tab): this tab
    /// forgets its copy, which storage holds encrypted, until it is unlocked
    /// and read again ([`Event::StoredElsewhere`]). The core holds what was
    /// not saved yet, and gives it back ([`Machine::adopt`]) once unlocked.
    Locked,
    /// The write asked for will not be made, and nothing needs reading
    /// again: the lock was switched meanwhile, and what storage holds is
    /// about to come in anyway. Saved with the next save.
    Dropped,
}

/// Something the reader must be told about their saved data.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Stored data could not be read at start: kept aside, started afresh.
    Unreadable { raw: String, why: String },
    /// Stored data was replaced, while this tab was open, by something this
    /// version cannot read or trust: kept aside, never used.
    Replaced { raw: String, why: String },
    /// The same, but it could not be kept aside (an earlier copy is kept
    /// there, or storage refused): nothing is written over it until the
    /// reader says so ([`Event::Restore`]), after downloading it if they wish.
    NotKept { raw: String, why: String },
    /// Our stored data vanished while this tab was open; the tab still holds it.
    Removed,
    /// A newer version saved: shown read-only.
    Newer { version: u64 },
    /// Storage is blocked: nothing outlives the tab.
    MemoryOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command<D> {
    /// Put this in front of the reader (it is this tab's document now).
    Show(D),
    /// Save after the usual delay (restarting it if it runs).
    ArmTimer,
    CancelTimer,
    /// Write this document, then report [`Event::Written`] or
    /// [`Event::WriteFailed`].
    Write(D),
    /// Copy this stored text somewhere safe before it is written over.
    KeepAside(String),
    Tell(Notice),
    /// The notice that our data was removed no longer holds.
    ClearNotice,
    /// Read what storage holds now and report it as
    /// [`Event::StoredElsewhere`]: another tab wrote while this tab's write
    /// was on its way, or the write was overtaken.
    Reread,
}

/// Where saving stands, for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Changed, and the save is on its way.
    Pending,
    /// The last write was refused; the work is still in this tab.
    Failed,
}

/// One tab's saving of one document.
#[derive(Debug, Clone)]
pub struct Machine<D> {
    base: D,
    ours: D,
    access: Access,
    /// The document the last `Write` asked for, until it is reported.
    writing: Option<D>,
    failed: bool,
    /// Our stored data vanished and the reader has been told: nothing is
    /// written until they say so, and the notice goes once a write succeeds.
    lost: bool,
    /// Another tab wrote while this tab's write was on its way: read again
    /// once it is done. Taken in meanwhile, it would be merged against a
    /// `base` the landing write is about to replace, and an item it brought
    /// that a later save deleted would look like this tab's own.
    reread: bool,
    /// What storage held was replaced by something this version cannot
    /// read: this tab's copy is written back (once kept aside) even with
    /// nothing changed since.
    gone: bool,
    /// Written again at the next save, even if storage holds the same
    /// document: in another form (the lock was switched).
    rewrite: bool,
}

impl<D: Document> Machine<D> {
    /// Starts from what storage held when the page opened (`None`: storage
    /// is blocked). Returns the commands to carry out at once.
    pub fn start(stored: Option<Stored<D>>) -> (Self, Vec<Command<D>>) {
        let mut sync = Machine {
            base: D::default(),
            ours: D::default(),
            access: Access::ReadWrite,
            writing: None,
            failed: false,
            lost: false,
            reread: false,
            gone: false,
            rewrite: false,
        };
        let commands = match stored {
            None => {
                sync.access = Access::MemoryOnly;
                vec![Command::Tell(Notice::MemoryOnly)]
            }
            // Not read yet: taken in when it is (`Event::StoredElsewhere`).
            Some(Stored::Nothing | Stored::NotReadYet | Stored::Unchanged) => Vec::new(),
            Some(Stored::Readable(doc)) => {
                sync.base = doc.clone();
                sync.ours = doc;
                Vec::new()
            }
            // A failed write here is no loss: the next save tries again.
            Some(Stored::Migrated(doc)) => {
                sync.ours = doc;
                sync.write_ours()
            }
            // Started afresh; the first save writes over the unreadable
            // value, which is kept aside first.
            Some(Stored::Unreadable { raw, why }) => vec![
                Command::KeepAside(raw.clone()),
                Command::Tell(Notice::Unreadable { raw, why }),
            ],
            Some(Stored::Newer {
                version,
                readable_part,
            }) => {
                sync.access = Access::ReadOnly;
                sync.base = readable_part.clone();
                sync.ours = readable_part;
                vec![Command::Tell(Notice::Newer { version })]
            }
        };
        (sync, commands)
    }

    /// Puts back a copy the core held while the tab was locked: `base` as
    /// storage held it then, `ours` with what was not saved yet. What storage
    /// holds now is then taken in as usual, and merged against that base.
    pub fn adopt(&mut self, base: D, ours: D) -> Vec<Command<D>> {
        self.base = base;
        self.ours = ours.clone();
        self.writing = None;
        self.reread = false;
        vec![Command::Show(ours)]
    }

    /// Whether a write asked for has not been reported yet.
    pub fn writing(&self) -> bool {
        self.writing.is_some()
    }

    /// This tab's document.
    pub fn ours(&self) -> &D {
        &self.ours
    }

    /// The document as storage held it when this tab last read or wrote it.
    pub fn base(&self) -> &D {
        &self.base
    }

    pub fn access(&self) -> Access {
        self.access
    }

    /// Has this tab changed anything storage does not hold yet?
    pub fn unsaved(&self) -> bool {
        self.ours != self.base || self.gone || self.rewrite
    }

    /// Has the next save write this tab's copy even if storage holds the
    /// same document (see `rewrite`).
    pub fn write_again(&mut self) {
        self.rewrite = true;
    }

    pub fn save_state(&self) -> SaveState {
        match (
            self.unsaved() && self.access == Access::ReadWrite,
            self.failed,
        ) {
            (false, _) => SaveState::Saved,
            (true, true) => SaveState::Failed,
            (true, false) => SaveState::Pending,
        }
    }

    /// Takes one event in and says what to do.
    pub fn handle(&mut self, event: Event<D>) -> Vec<Command<D>> {
        match event {
            Event::Changed(doc) => self.changed(doc),
            Event::Save(stored) => self.save(stored),
            Event::Written => self.written(),
            Event::WriteFailed => {
                self.writing = None;
                self.failed = true;
                if std::mem::take(&mut self.reread) {
                    vec![Command::Reread]
                } else {
                    Vec::new()
                }
            }
            Event::StoredElsewhere(stored) => self.stored_elsewhere(stored),
            Event::Forgotten => {
                self.base = D::default();
                self.ours = D::default();
                self.writing = None;
                self.reread = false;
                self.failed = false;
                self.lost = false;
                self.gone = false;
                self.rewrite = false;
                // Nothing newer is stored any more: this tab may write again.
                if self.access == Access::ReadOnly {
                    self.access = Access::ReadWrite;
                }
                vec![
                    Command::CancelTimer,
                    Command::Show(D::default()),
                    Command::ClearNotice,
                ]
            }
            Event::Replaced(doc) => {
                // Written over whatever is stored, a write on its way too
                // (the app drops that one).
                self.writing = None;
                self.ours = doc.clone();
                let mut out = vec![Command::CancelTimer, Command::Show(doc)];
                out.extend(self.write_ours());
                out
            }
            Event::Overtaken => {
                self.writing = None;
                self.reread = false;
                vec![Command::Reread]
            }
            Event::Locked => {
                self.base = D::default();
                self.ours = D::default();
                self.writing = None;
                self.reread = false;
                self.failed = false;
                self.gone = false;
                self.rewrite = false;
                let mut out = vec![Command::CancelTimer, Command::Show(D::default())];
                // Told again, if it still holds, once the tab is unlocked.
                if std::mem::take(&mut self.lost) {
                    out.push(Command::ClearNotice);
                }
                out
            }
            Event::Dropped => {
                self.writing = None;
                self.reread = false;
                Vec::new()
            }
            // Storage lost our data: the notice goes once this is written.
            Event::Restore => {
                self.lost = true;
                self.write_ours()
            }
        }
    }

    fn changed(&mut self, doc: D) -> Vec<Command<D>> {
        // The signal echoing what this machine showed it: nothing new.
        if doc == self.ours {
            return Vec::new();
        }
        self.ours = doc;
        if self.access != Access::ReadWrite {
            return Vec::new();
        }
        vec![if self.unsaved() {
            Command::ArmTimer
        } else {
            Command::CancelTimer
        }]
    }

    fn save(&mut self, stored: Stored<D>) -> Vec<Command<D>> {
        // A page that is closing must not write back what it never changed:
        // it may be stale, or unreadable data the reader was told about.
        if !self.unsaved() || self.access != Access::ReadWrite {
            return vec![Command::CancelTimer];
        }
        // One write at a time: the one on its way re-arms the timer when it
        // is done if there is more to save (an encrypted write takes a
        // moment, and a second one could land before it).
        if self.writing.is_some() {
            return Vec::new();
        }
        let mut out = vec![Command::CancelTimer];
        match self.known(stored) {
            Stored::Readable(theirs) | Stored::Migrated(theirs) => {
                let merged = D::merge(&self.base, &self.ours, &theirs);
                if merged != self.ours {
                    self.ours = merged.clone();
                    out.push(Command::Show(merged));
                }
                // What storage holds is now taken in: should the write
                // below fail or be overtaken, what this tab adds is still
                // told from what it took, and a later deletion of theirs
                // is not undone.
                self.base = theirs;
                self.gone = false;
                // Storage already holds the merge (our change was undone
                // by theirs): nothing to write.
                if self.ours == self.base && !self.rewrite {
                    return out;
                }
            }
            // Nothing was ever stored: the first save.
            Stored::Nothing if self.base.is_blank() => {}
            // What this tab synced has gone without a word from our own
            // tabs: another site, the browser, or the reader deleting
            // everything in a tab whose message has not arrived yet.
            // Writing it back could undo that deletion, so the reader
            // decides ("Save it again from this tab"); the tab keeps it all.
            Stored::Nothing => {
                if !std::mem::replace(&mut self.lost, true) {
                    out.push(Command::Tell(Notice::Removed));
                }
                return out;
            }
            // Told, as when a storage event brings it: the event may not have
            // arrived yet.
            Stored::Unreadable { raw, why } => {
                out.push(Command::KeepAside(raw.clone()));
                out.push(Command::Tell(Notice::Replaced { raw, why }));
            }
            Stored::Newer { version, .. } => {
                self.access = Access::ReadOnly;
                out.push(Command::Tell(Notice::Newer { version }));
                return out;
            }
            // Written once it can be read: the adapter brings what is
            // stored in then (`Event::StoredElsewhere`), which saves again.
            Stored::NotReadYet | Stored::Unchanged => return out,
        }
        out.extend(self.write_ours());
        out
    }

    fn write_ours(&mut self) -> Vec<Command<D>> {
        // With a write on its way, this one follows it (see `save`).
        if self.access != Access::ReadWrite || self.writing.is_some() {
            return Vec::new();
        }
        self.writing = Some(self.ours.clone());
        vec![Command::Write(self.ours.clone())]
    }

    fn written(&mut self) -> Vec<Command<D>> {
        let Some(doc) = self.writing.take() else {
            return Vec::new();
        };
        self.base = doc;
        self.failed = false;
        self.gone = false;
        self.rewrite = false;
        let mut out = Vec::new();
        if std::mem::take(&mut self.lost) {
            out.push(Command::ClearNotice);
        }
        // Changed again while the write was on its way.
        if self.unsaved() {
            out.push(Command::ArmTimer);
        }
        if std::mem::take(&mut self.reread) {
            out.push(Command::Reread);
        }
        out
    }

    /// What storage holds, with "what this tab wrote last" spelled out.
    fn known(&self, stored: Stored<D>) -> Stored<D> {
        match stored {
            Stored::Unchanged => Stored::Readable(self.base.clone()),
            other => other,
        }
    }

    fn stored_elsewhere(&mut self, stored: Stored<D>) -> Vec<Command<D>> {
        if self.writing.is_some() {
            self.reread = true;
            return Vec::new();
        }
        // Nothing newer is stored any more: this tab may write again.
        let mut out = Vec::new();
        let newer_gone = matches!(
            stored,
            Stored::Readable(_) | Stored::Migrated(_) | Stored::Nothing
        );
        if newer_gone && self.access == Access::ReadOnly {
            self.access = Access::ReadWrite;
            out.push(Command::ClearNotice);
        }
        match self.known(stored) {
            Stored::Readable(theirs) | Stored::Migrated(theirs) => {
                let merged = D::merge(&self.base, &self.ours, &theirs);
                self.base = theirs;
                self.gone = false;
                if merged != self.ours {
                    self.ours = merged.clone();
                    out.push(Command::Show(merged));
                }
                if std::mem::take(&mut self.lost) {
                    out.push(Command::ClearNotice);
                }
                if self.access == Access::ReadWrite {
                    // Save only if this tab adds to what storage holds.
                    out.push(if self.unsaved() {
                        Command::ArmTimer
                    } else {
                        Command::CancelTimer
                    });
                }
                out
            }
            // Only what storage held can be lost: with nothing of ours
            // saved yet, an unsaved change is simply saved as usual.
            Stored::Nothing => {
                if !self.base.is_blank() {
                    self.lost = true;
                    out.push(Command::Tell(Notice::Removed));
                }
                out
            }
            // Written over, once kept aside, by this tab's copy: soon, as
            // the reader's saved work is not in storage any more.
            Stored::Unreadable { raw, why } => {
                out.push(Command::KeepAside(raw.clone()));
                out.push(Command::Tell(Notice::Replaced { raw, why }));
                if !self.base.is_blank() && self.access == Access::ReadWrite {
                    self.gone = true;
                    out.push(Command::ArmTimer);
                }
                out
            }
            Stored::Newer { version, .. } => {
                self.access = Access::ReadOnly;
                vec![
                    Command::CancelTimer,
                    Command::Tell(Notice::Newer { version }),
                ]
            }
            // Taken in when it can be read: the adapter brings it again.
            Stored::NotReadYet | Stored::Unchanged => Vec::new(),
        }
    }
}
