//! A saving core (`model::sync::Core`) in the app: a signal the pages read
//! and change, the core, and the port it works through, carried out here
//! over the storage adapter (`storage.rs`), the lock's key (`lock.rs`),
//! timers and the code that arrives later. Every decision about saving is
//! the core's, and host-tested there; this only does what it asks.
//!
//! Progress's core comes in a chunk of its own (`crate::saving`): until it
//! is here, what the reader does waits, in order, and is handed to the core
//! when it starts; if it does not come, the reader is told.

use crate::lock;
use crate::model::sync::{early, Code, Document, Drive, Input, Job, LockState, Note, Notice, Port};
use crate::model::sync::{SaveStatus, StorageError, Stored};
use crate::saving::StartCore;
use crate::storage::{request_persistence, Persistence, Slot, Store};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// How long the reader's changes to their progress may pause before a
/// save, as in Excalidraw: saving on every keystroke would write the whole
/// store dozens of times a second.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

/// How long code that is asked for may take before the reader is told
/// that it has not arrived (it is still taken in if it arrives later).
const CODE_WAIT: Duration = Duration::from_secs(8);

/// Where a saver tells the reader how saving goes (progress only; a look
/// is never worth a banner): notice, status, read-only, persistence.
pub type Report = (
    RwSignal<Option<Notice>>,
    RwSignal<SaveStatus>,
    RwSignal<bool>,
    RwSignal<Option<Persistence>>,
);

/// The core, once it has started.
enum Running<D> {
    /// Its code is not here yet (`fetching`: asked for; `overdue`: asked
    /// for longer ago than `CODE_WAIT`, or it did not arrive).
    NotYet {
        fetching: bool,
        overdue: bool,
    },
    /// At work: what comes in meanwhile waits its turn.
    Busy,
    Ready(Box<dyn Drive<D>>),
}

pub struct Saver<D: 'static> {
    doc: RwSignal<D>,
    core: StoredValue<Running<D>, LocalStorage>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    store: StoredValue<Store, LocalStorage>,
    slot: &'static Slot<D>,
    /// How long a change waits for more before it is saved; zero saves as
    /// soon as the change arrives (a choice, not typing).
    delay: Duration,
    report: Option<Report>,
    lock: Option<RwSignal<LockState>>,
    /// While a page rendered at build time is being taken over: what the
    /// core said at the start, held until the reader's state is shown.
    waiting: StoredValue<Option<Vec<Note<D>>>, LocalStorage>,
    /// Inputs that came while the core was at work, or before it started.
    queue: StoredValue<Vec<Input<D>>, LocalStorage>,
}

impl<D> Clone for Saver<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D> Copy for Saver<D> {}

impl<D: Document + Send + Sync + 'static> Saver<D> {
    /// Starts from what storage holds, if the core's code is here. When
    /// `taking_over` a page rendered at build time, the signal starts blank,
    /// as the page was rendered, and the core starts with
    /// [`Saver::take_over`]: nothing is read, shown or written before the
    /// app has the page (a start that fails touches nothing stored).
    pub fn new(
        slot: &'static Slot<D>,
        store: &Store,
        delay: Duration,
        report: Option<Report>,
        lock: Option<RwSignal<LockState>>,
        taking_over: bool,
    ) -> Self {
        let saver = Saver {
            doc: RwSignal::new(D::default()),
            core: StoredValue::new_local(Running::NotYet {
                fetching: false,
                overdue: false,
            }),
            timer: StoredValue::new_local(None),
            store: StoredValue::new_local(store.clone()),
            slot,
            delay,
            report,
            lock,
            waiting: StoredValue::new_local(Some(Vec::new())),
            queue: StoredValue::new_local(Vec::new()),
        };
        if !taking_over {
            saver.take_over();
        }
        saver
    }

    fn port(self) -> Adapter<D> {
        Adapter(self)
    }

    /// Follows the signal: every change the reader makes goes in. In an
    /// effect, so it starts once the app is in the page.
    pub fn follow(self) {
        Effect::new(move |_| {
            let doc = self.doc.get();
            // The blank document of a page being taken over is no change.
            if self.waiting.with_value(Option::is_none) {
                self.feed(Input::Changed(doc));
            }
        });
    }

    /// Starts the core, if its code is here, and shows the reader's
    /// document in the page just taken over.
    pub fn take_over(self) {
        if self.waiting.with_value(Option::is_none) {
            return;
        }
        if let Some(start) = (self.slot.core)() {
            self.start_core(start);
        }
        let notes = self.waiting.try_update_value(Option::take).flatten();
        let mut port = self.port();
        for note in notes.into_iter().flatten() {
            port.notify(note);
        }
        self.drain();
    }

    /// Starts the core from what storage holds, with what the reader did
    /// before (the blank document while a page is being taken over): shown
    /// from now on.
    fn start_core(self, start: StartCore<D>) {
        let early = self.doc.get_untracked();
        let core = start(&mut self.port(), self.report.is_some(), early);
        self.doc.set(core.ours().clone());
        self.core.set_value(Running::Ready(core));
    }

    /// Starts the core for what the reader did before it, fetching its code
    /// first if it is not here (the page's chunk asks for it beside its own,
    /// `pages::chunks`; elsewhere it comes at the reader's first change).
    fn start_soon(self) {
        // Here already: started at once, so nothing waits a task for it.
        let taken_over = self.waiting.with_value(Option::is_none);
        let not_yet = self
            .core
            .with_value(|c| matches!(c, Running::NotYet { .. }));
        if taken_over && not_yet && (self.slot.core)().is_some() {
            return self.core_arrived(true);
        }
        let fetch = self.core.try_update_value(|c| match c {
            Running::NotYet { fetching, .. } => !std::mem::replace(fetching, true),
            _ => false,
        });
        if fetch != Some(true) {
            return;
        }
        let done = Rc::new(Cell::new(false));
        let arrived = done.clone();
        leptos::task::spawn_local(async move {
            let here = (self.slot.fetch_core)().await;
            arrived.set(true);
            self.core_arrived(here);
        });
        set_timeout(
            move || {
                if !done.get() {
                    self.core.update_value(|c| {
                        if let Running::NotYet { overdue, .. } = c {
                            *overdue = true;
                        }
                    });
                    self.code_missing();
                }
            },
            CODE_WAIT,
        );
    }

    /// Starts the core, which takes in what the reader did meanwhile.
    fn core_arrived(self, here: bool) {
        let start = (self.slot.core)().filter(|_| here);
        let Some(start) = start else {
            self.core.set_value(Running::NotYet {
                fetching: false,
                overdue: true,
            });
            return self.code_missing();
        };
        self.start_core(start);
        self.queue.update_value(early::left_after_start);
        self.drain();
    }

    /// The reader is told, if they have done anything that waits for saving.
    fn code_missing(self) {
        let waits = self.queue.with_value(|q| early::tell_when_missing(q));
        if let (true, Some((_, status, ..))) = (waits, self.report) {
            status.set(SaveStatus::Failed(StorageError::NotLoaded));
        }
    }

    pub fn doc(&self) -> RwSignal<D> {
        self.doc
    }

    pub fn store(&self) -> Store {
        self.store.get_value()
    }

    /// Whether edits made before the tab locked wait for the reader.
    pub fn holds_edits(&self) -> bool {
        self.core
            .with_value(|c| matches!(c, Running::Ready(core) if core.holds_edits()))
    }

    /// Takes the signal's value in (an effect may not have run since it
    /// changed) and saves now if anything is unsaved.
    pub fn flush(self) {
        self.feed(Input::Changed(self.doc.get_untracked()));
        self.feed(Input::Save);
    }

    /// Hands `input` to the core. What comes while the core is at work (a
    /// port call that answers at once), or before it has started, waits its
    /// turn.
    pub fn feed(self, input: Input<D>) {
        let taken = self
            .core
            .try_update_value(|c| std::mem::replace(c, Running::Busy));
        match taken {
            Some(Running::Ready(mut core)) => {
                core.handle(&mut self.port(), input);
                self.core.set_value(Running::Ready(core));
                self.drain();
            }
            Some(not_yet @ Running::NotYet { .. }) => {
                self.core.set_value(not_yet);
                if self.queue.with_value(|q| early::needs_core(&input, q)) {
                    self.queue.update_value(|q| early::hold(q, input));
                    self.start_soon();
                    // Asked for long ago and still not here: said again, now
                    // that something of the reader's waits for it.
                    let overdue =
                        |c: &Running<D>| matches!(c, Running::NotYet { overdue: true, .. });
                    if self.core.with_value(overdue) {
                        self.code_missing();
                    }
                }
            }
            Some(Running::Busy) | None => self.queue.update_value(|q| q.push(input)),
        }
    }

    fn drain(self) {
        let ready = || self.core.with_value(|c| matches!(c, Running::Ready(_)));
        while ready() {
            let Some(next) = self
                .queue
                .try_update_value(|q| (!q.is_empty()).then(|| q.remove(0)))
                .flatten()
            else {
                return;
            };
            self.feed(next);
        }
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

    fn apply(self, note: Note<D>) {
        match note {
            Note::Show(doc) => self.doc.set(doc),
            Note::Timer(true) if self.delay.is_zero() => {
                self.queue.update_value(|q| q.push(Input::Save))
            }
            Note::Timer(true) => {
                self.cancel_timer();
                let handle = set_timeout_with_handle(move || self.feed(Input::Save), self.delay);
                self.timer.set_value(handle.ok());
            }
            Note::Timer(false) => self.cancel_timer(),
            Note::Notice(notice) => {
                if let Some((notices, ..)) = self.report {
                    notices.set(notice);
                }
            }
            Note::Status(status) => {
                if let Some((_, saving, ..)) = self.report {
                    saving.set(status);
                }
            }
            Note::ReadOnly(read_only) => {
                if let Some((_, _, flag, _)) = self.report {
                    flag.set(read_only);
                }
            }
            Note::Lock(state) => {
                if let Some(lock) = self.lock {
                    lock.set(state);
                }
            }
            Note::ForgetKey => lock::set_key(None),
            Note::Switched => lock::forget_previous(),
        }
    }
}

/// The port, over this saver's storage slot, the lock's key and the code
/// that arrives later.
struct Adapter<D: 'static>(Saver<D>);

impl<D: Document + Send + Sync + 'static> Adapter<D> {
    /// An answer that comes at once waits until the core is done.
    fn later(&self, input: Input<D>) {
        self.0.queue.update_value(|q| q.push(input));
    }
}

impl<D: Document + Send + Sync + 'static> Port<D> for Adapter<D> {
    fn read(&mut self) -> Result<Option<String>, StorageError> {
        let name = self.0.slot.name;
        self.0.store.with_value(|s| s.read(name))
    }

    fn write(&mut self, text: &str, plain: Option<&D>) -> Result<(), StorageError> {
        let written = self
            .0
            .store
            .with_value(|s| s.save_text(self.0.slot, text, plain));
        if written.is_ok() {
            self.0.ask_to_persist();
        }
        written
    }

    fn keep_aside(&mut self, stored: &str) -> bool {
        self.0.store.with_value(|s| s.keep_aside(stored))
    }

    fn kept_aside(&mut self) -> Option<String> {
        self.0.store.with_value(Store::kept_aside)
    }

    fn rewrite_kept_aside(&mut self, text: &str) {
        self.0.store.with_value(|s| s.rewrite_kept_aside(text));
    }

    fn decode(&mut self, raw: &str) -> Option<Stored<D>> {
        (self.0.slot.decode)(raw)
    }

    fn encode(&mut self, doc: &D) -> Option<Result<String, String>> {
        (self.0.slot.encode)(doc)
    }

    fn fetch(&mut self, code: Code) {
        // Both are in the core's own chunk, which is here if it runs.
        let saver = self.0;
        leptos::task::spawn_local(async move {
            let here = (saver.slot.fetch_core)().await;
            saver.feed(Input::Arrived { code, here });
        });
    }

    fn seal(&mut self, job: Job, text: String) {
        let saver = self.0;
        let done = Box::new(move |sealed| saver.feed(Input::Sealed { job, sealed }));
        if !lock::seal(text, done) {
            let sealed = Err(StorageError::Locked.to_string());
            self.later(Input::Sealed { job, sealed });
        }
    }

    fn open(&mut self, job: Job, sealed: String) {
        let saver = self.0;
        let done = Box::new(move |opened| saver.feed(Input::Opened { job, opened }));
        if !lock::open(sealed, done) {
            let opened = Err(StorageError::Locked.to_string());
            self.later(Input::Opened { job, opened });
        }
    }

    fn notify(&mut self, note: Note<D>) {
        let held = self.0.waiting.try_update_value(|w| match w {
            Some(notes) => {
                notes.push(note.clone());
                true
            }
            None => false,
        });
        if held != Some(true) {
            self.0.apply(note);
        }
    }
}
