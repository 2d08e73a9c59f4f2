//! A start that fails is said in words. The notice is part of every page
//! (`<template id="start-failed">` in `index.html`), and the script there
//! shows it: when it is told to, or when the app has not begun to take the
//! page over ten seconds after the page's scripts ran. One notice, one
//! wording, for every way the page's interactive parts can fail: the app's
//! files did not load or threw while starting (the module script written by
//! `scripts/prerender.mjs`), a page's code or texts did not arrive
//! (`takeover`), or the running app stopped on a panic (the hook below).
//! Nothing stored is touched: the page stays readable as it came.
//!
//! The release build aborts on a panic (`panic = "abort"`): the hook runs
//! first, and does all its work before it returns, with web-sys alone (the
//! app, Leptos included, may be in any state then).

/// Asks the page to show the notice (once, however often it is asked).
pub fn say_it_failed() {
    dispatch("attune:start-failed");
}

/// Tells the page the app has begun taking it over: a notice shown only
/// because the start was slow goes again.
pub fn say_taking_over() {
    dispatch("attune:taking-over");
}

/// From now on a panic shows the notice, after writing what went wrong to
/// the console for whoever looks into it.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| report_panic(&info.to_string())));
}

/// What the panic hook does with the panic's message.
pub fn report_panic(message: &str) {
    web_sys::console::error_1(&format!("Attune stopped: {message}").into());
    say_it_failed();
}

fn dispatch(name: &str) {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(name)) {
        let _ = window.dispatch_event(&event);
    }
}
