//! The panic hook's work, in the browser (wasm-bindgen-test): a panic asks
//! the page for its "did not load, or stopped" notice (shown by the script
//! in index.html, tested end to end in tests/e2e/failed-start.spec.mjs) and
//! touches nothing stored. The hook itself cannot run here: a panic ends
//! the test.
#![cfg(target_arch = "wasm32")]

use attune::start_failed::{report_panic, say_taking_over};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How many times `event` reaches the window while `f` runs.
fn heard(event: &str, f: impl FnOnce()) -> u32 {
    let window = web_sys::window().unwrap();
    let count = Rc::new(Cell::new(0));
    let counter = count.clone();
    let listener = Closure::<dyn FnMut()>::new(move || counter.set(counter.get() + 1));
    window
        .add_event_listener_with_callback(event, listener.as_ref().unchecked_ref())
        .unwrap();
    f();
    window
        .remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref())
        .unwrap();
    count.get()
}

/// Every key and value in localStorage, in order.
fn everything_stored() -> Vec<(String, String)> {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let mut all: Vec<_> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .map(|key| {
            let value = storage.get_item(&key).unwrap().unwrap_or_default();
            (key, value)
        })
        .collect();
    all.sort();
    all
}

#[wasm_bindgen_test]
fn a_panic_asks_for_the_notice_at_once_and_touches_nothing_stored() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item("attune:progress", r#"{"schema":2,"progress":{}}"#)
        .unwrap();
    let before = everything_stored();
    // Heard before report_panic returns: the hook's work is done by then,
    // as it must be in a build that aborts on a panic.
    assert_eq!(heard("attune:start-failed", || report_panic("a test")), 1);
    assert_eq!(everything_stored(), before);
    storage.remove_item("attune:progress").unwrap();
}

#[wasm_bindgen_test]
fn taking_over_is_said_apart_from_failing() {
    assert_eq!(heard("attune:taking-over", say_taking_over), 1);
    assert_eq!(heard("attune:start-failed", say_taking_over), 0);
}
