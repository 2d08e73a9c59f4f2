//! Taking over a page in tasks short enough that a slow phone can answer
//! the reader between them (Lighthouse's Total Blocking Time counts every
//! task over 50 ms there): `crate::takeover` hydrates the frame around the
//! page in one task and the page in the next.
//!
//! Leptos spawns futures on its executor while it hydrates: each effect's
//! first run, and each render effect's listener, which updates the DOM
//! when a signal changes. Those of the frame must not start in the frame's
//! task: the router would follow a click into a page not hydrated yet,
//! and the listeners that save when the page hides would save a blank
//! reader. This module gives Leptos that executor, with one difference:
//! while held, futures wait in a list, and start when released, at the end
//! of the page's task, so that every one of them is running before the
//! browser handles any input on the page.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use std::cell::RefCell;

thread_local! {
    /// Futures spawned while held; `None` when not held.
    static HELD: RefCell<Option<Vec<PinnedLocalFuture<()>>>> = const { RefCell::new(None) };
}

/// wasm-bindgen's spawner (as Leptos's own), unless held.
struct Spawner;

impl CustomExecutor for Spawner {
    fn spawn(&self, future: PinnedFuture<()>) {
        self.spawn_local(future);
    }

    fn spawn_local(&self, future: PinnedLocalFuture<()>) {
        let now = HELD.with_borrow_mut(|held| match held {
            Some(held) => {
                held.push(future);
                None
            }
            None => Some(future),
        });
        if let Some(future) = now {
            wasm_bindgen_futures::spawn_local(future);
        }
    }

    fn poll_local(&self) {}
}

/// Makes this Leptos's executor; before anything is mounted, which would
/// install wasm-bindgen's.
pub fn install() {
    let _ = Executor::init_custom_executor(Spawner);
}

/// From now until [`release`], what is spawned waits.
pub fn hold() {
    HELD.set(Some(Vec::new()));
}

/// Starts what waited since [`hold`], in order, as soon as the code now
/// running is done (in this task), and spawns normally again.
pub fn release() {
    for future in HELD.take().unwrap_or_default() {
        wasm_bindgen_futures::spawn_local(future);
    }
}

/// Resolves in a task of its own (a zero timeout), after the browser has
/// handled what waited: input, and a frame if one was due.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window()
            .and_then(|w| w.set_timeout_with_callback(&resolve).ok())
            .is_some();
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
