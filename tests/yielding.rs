//! The takeover's tasks (src/yielding.rs): what Leptos spawns while held
//! (an effect's first run) starts only in a later task, after the browser
//! had a turn, and then runs before what follows it.
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
async fn what_is_spawned_while_held_starts_in_a_later_task() {
    yielding::install();
    let log = Log::default();

    // Not held: Leptos's spawn runs in this task (a microtask), before any
    // timer queued meanwhile.
    leptos::prelude::set_timeout(note(&log, "a timer"), Duration::ZERO);
    let now = note(&log, "spawned");
    leptos::task::spawn_local(async move { now() });
    yielding::next_task().await;
    assert_eq!(*log.borrow(), ["spawned", "a timer"]);
    log.borrow_mut().clear();

    // Held: it waits; a task queued during the step runs first, and what
    // is given to release runs after it.
    yielding::hold();
    let effect = note(&log, "effect");
    leptos::task::spawn_local(async move { effect() });
    leptos::prelude::set_timeout(note(&log, "a timer"), Duration::ZERO);
    note(&log, "step")();
    yielding::release_next_task(note(&log, "then"));
    yielding::next_task().await;
    yielding::next_task().await;
    assert_eq!(*log.borrow(), ["step", "a timer", "effect", "then"]);
}
