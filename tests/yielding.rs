//! The takeover's tasks (src/yielding.rs): what Leptos spawns while held
//! (effects, render effects' listeners) waits, across tasks, until it is
//! released, and then starts before anything queued meanwhile.
#![cfg(all(target_arch = "wasm32", feature = "hydrate"))]

use attune::yielding;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Log = Rc<RefCell<Vec<&'static str>>>;

fn note(log: &Log, what: &'static str) -> impl FnOnce() + 'static {
    let log = log.clone();
    move || log.borrow_mut().push(what)
}

#[wasm_bindgen_test]
async fn what_is_spawned_while_held_waits_until_released() {
    yielding::install();
    let log = Log::default();

    // Not held: Leptos's spawn runs at once (a microtask of this task).
    let now = note(&log, "spawned");
    leptos::task::spawn_local(async move { now() });
    yielding::next_task().await;
    assert_eq!(*log.borrow(), ["spawned"]);
    log.borrow_mut().clear();

    // Held: a whole task passes without it.
    yielding::hold();
    let effect = note(&log, "effect");
    leptos::task::spawn_local(async move { effect() });
    yielding::next_task().await;
    note(&log, "a task later")();
    // Released: it runs before this task ends, ahead of a timer queued now.
    leptos::prelude::set_timeout(note(&log, "a timer"), Duration::ZERO);
    yielding::release();
    yielding::next_task().await;
    assert_eq!(*log.borrow(), ["a task later", "effect", "a timer"]);
}
