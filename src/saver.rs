//! Runs one stored document's sync machine (`model::sync`) in the app: a
//! signal the pages read and change, the machine, a timer, and the storage
//! slot. Events go in; the commands that come out are carried out here,
//! and nowhere else decides anything about saving.

use crate::components::discreet::show_discreet;
use crate::model::settings::{Settings, DISCREET};
use crate::model::sync::{Access, Command, Document, Event, Machine, Notice, SaveState, Stored};
use crate::storage::{request_persistence, Persistence, Slot, StorageError, Store};
use leptos::prelude::*;
use std::time::Duration;

/// How long the reader's changes to their progress may pause before a
/// save, as in Excalidraw: saving on every keystroke would write the whole
/// store dozens of times a second.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

/// Where saving stands, with the reason when a write was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    Pending,
    Failed(StorageError),
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
    /// The text this tab wrote last, while storage may still hold it: the
    /// machine's `base`. Storage found holding it needs no reading.
    written: StoredValue<Option<String>>,
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
            written: StoredValue::new(None),
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
                self.feed(Event::Changed(doc));
            }
        });
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
    /// yet (a first visit's page has not loaded the code that reads saved
    /// progress, `crate::reader`) is read once that code is here: the
    /// machine is told, and writes nothing over it meanwhile.
    fn with_stored(self, then: fn(Self, Stored<D>)) {
        let written = self.written.get_value();
        let Some(stored) = self
            .store
            .with_value(|s| s.load(self.slot, written.as_deref()))
        else {
            return;
        };
        // Anything else read may become the machine's base, which that text
        // no longer stands for.
        if stored != Stored::Unchanged {
            self.written.set_value(None);
        }
        if stored == Stored::NotReadYet {
            leptos::task::spawn_local(async move {
                if crate::reader::load().await.is_ok() {
                    self.with_stored(then);
                }
            });
        }
        then(self, stored);
    }

    pub fn feed(self, event: Event<D>) {
        if event == Event::Forgotten {
            self.written.set_value(None);
        }
        let Some(commands) = self.machine.try_update_value(|m| m.handle(event)) else {
            return;
        };
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
                Command::Write(doc) => match self.store.with_value(|s| s.save(self.slot, &doc)) {
                    Ok(text) => {
                        self.written.set_value(Some(text));
                        self.ask_to_persist();
                        self.feed(Event::Written);
                    }
                    Err(e) => {
                        // Storage may hold part of anything now.
                        self.written.set_value(None);
                        self.feed(Event::WriteFailed);
                        if let Some((_, status, ..)) = self.report {
                            status.set(SaveStatus::Failed(e));
                        }
                    }
                },
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
