//! The saving core (`model::sync::Core`) in the app: a signal the pages
//! read and change, the core, and the port it works through, carried out
//! here over the storage adapter (`storage.rs`), the lock's key
//! (`lock.rs`), timers and the code that arrives later. Every decision
//! about saving is the core's, and host-tested there; this only does what
//! it asks.

use crate::lock;
use crate::model::sync::{Code, Core, Document, Input, Job, LockState, Note, Notice, Port};
use crate::model::sync::{SaveStatus, Stored};
use crate::storage::{request_persistence, Persistence, Slot, StorageError, Store};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// How long the reader's changes to their progress may pause before a
/// save, as in Excalidraw: saving on every keystroke would write the whole
/// store dozens of times a second.
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

/// How long code the core asked for may take before the reader is told
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

pub struct Saver<D: 'static> {
    doc: RwSignal<D>,
    core: StoredValue<Option<Core<D>>, LocalStorage>,
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
    /// Inputs raised while the core was at work, taken in right after.
    queue: StoredValue<Vec<Input<D>>, LocalStorage>,
}

impl<D> Clone for Saver<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D> Copy for Saver<D> {}

impl<D: Document + Send + Sync + 'static> Saver<D> {
    /// Starts from what storage holds. When `taking_over` a page rendered
    /// at build time, the signal starts blank, as the page was rendered,
    /// and what the core said waits for [`Saver::take_over`].
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
            core: StoredValue::new_local(None),
            timer: StoredValue::new_local(None),
            store: StoredValue::new_local(store.clone()),
            slot,
            delay,
            report,
            lock,
            waiting: StoredValue::new_local(Some(Vec::new())),
            queue: StoredValue::new_local(Vec::new()),
        };
        let core = Core::start(&mut saver.port(), report.is_some());
        let ours = core.ours().clone();
        saver.core.set_value(Some(core));
        if !taking_over {
            saver.doc.set(ours);
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

    /// Shows the reader's document in the page just taken over, and does
    /// what the core asked at the start.
    pub fn take_over(self) {
        let Some(notes) = self.waiting.try_update_value(Option::take).flatten() else {
            return;
        };
        if let Some(ours) = self
            .core
            .with_value(|c| c.as_ref().map(|c| c.ours().clone()))
        {
            self.doc.set(ours);
        }
        let mut port = self.port();
        for note in notes {
            port.notify(note);
        }
        self.drain();
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
            .with_value(|c| c.as_ref().is_some_and(Core::holds_edits))
    }

    /// Takes the signal's value in (an effect may not have run since it
    /// changed) and saves now if anything is unsaved.
    pub fn flush(self) {
        self.feed(Input::Changed(self.doc.get_untracked()));
        self.feed(Input::Save);
    }

    /// Hands `input` to the core. An input raised while the core is at work
    /// (a port call that answers at once) waits its turn.
    pub fn feed(self, input: Input<D>) {
        let Some(mut core) = self.core.try_update_value(Option::take).flatten() else {
            self.queue.update_value(|q| q.push(input));
            return;
        };
        core.handle(&mut self.port(), input);
        self.core.set_value(Some(core));
        self.drain();
    }

    fn drain(self) {
        while let Some(next) = self
            .queue
            .try_update_value(|q| (!q.is_empty()).then(|| q.remove(0)))
            .flatten()
        {
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
        let saver = self.0;
        let done = Rc::new(Cell::new(false));
        let answered = done.clone();
        leptos::task::spawn_local(async move {
            let here = match code {
                Code::Reader => crate::reader::load().await.is_ok(),
                Code::Writer => crate::reader::load_writer().await.is_ok(),
            };
            answered.set(true);
            saver.feed(Input::Arrived { code, here });
        });
        // A load that hangs is told to the reader as one that failed; if it
        // arrives after all, it is taken in then.
        set_timeout(
            move || {
                if !done.get() {
                    saver.feed(Input::Arrived { code, here: false });
                }
            },
            CODE_WAIT,
        );
    }

    fn seal(&mut self, job: Job, text: String) {
        let saver = self.0;
        let started = lock::seal(
            text,
            Box::new(move |sealed| saver.feed(Input::Sealed { job, sealed })),
        );
        if !started {
            self.0.queue.update_value(|q| {
                q.push(Input::Sealed {
                    job,
                    sealed: Err(StorageError::Locked.to_string()),
                })
            });
        }
    }

    fn open(&mut self, job: Job, sealed: String) {
        let saver = self.0;
        let started = lock::open(
            sealed,
            Box::new(move |opened| saver.feed(Input::Opened { job, opened })),
        );
        if !started {
            self.0.queue.update_value(|q| {
                q.push(Input::Opened {
                    job,
                    opened: Err(StorageError::Locked.to_string()),
                })
            });
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
