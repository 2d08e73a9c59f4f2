//! Taking over a page in tasks short enough that a slow phone can answer
//! the reader between them (Lighthouse's Total Blocking Time counts every
//! task over 50 ms there). Compiling and starting the wasm, hydrating the
//! page, and the first run of its effects were one task; each is its own.
//!
//! Leptos runs an effect's first run as a future on its executor, in the
//! same task as the hydration that made it. This module gives Leptos that
//! executor, with one difference: while held, futures wait in a list and
//! start in the next task instead. Nothing an effect does is lost by
//! waiting: each first run reads the state as it is then.

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

/// From now until [`release_next_task`], what is spawned waits.
pub fn hold() {
    HELD.set(Some(Vec::new()));
}

/// In the next task (after the browser has handled what waited: input, a
/// frame), starts what waited since [`hold`], then `then`, once each of
/// those has run up to its first wait.
pub fn release_next_task(then: impl FnOnce() + 'static) {
    let held = HELD.take().unwrap_or_default();
    leptos::prelude::set_timeout(
        move || {
            for future in held {
                wasm_bindgen_futures::spawn_local(future);
            }
            // Queued after them.
            wasm_bindgen_futures::spawn_local(async move { then() });
        },
        std::time::Duration::ZERO,
    );
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
