//! Attune: an interactive course on attunement in relationships that runs
//! entirely in the reader's browser.
//!
//! Data flows one way, and imports with it (`scripts/circles.mjs` checks,
//! in `make test`, that no file's imports come back to it):
//! `content` (static data generated from the lesson files) →
//! `model` (pure Rust, host-tested; every decision about saving is
//! `model::sync::Core`'s) →
//! `storage` (the only code that touches localStorage), `crypto` (the only
//! code that encrypts) and `saving`, `saver`, `lock`, `session_key` (the
//! saving core's port: storage, the lock's key, code fetched later) →
//! `state` (app state in context) →
//! `pages` and `components` (thin views).
//! `split` (a chunk of code that did not arrive) is below all of them.
//!
//! Every page is rendered to HTML at build time from these same components
//! (`src/bin/prerender.rs`); in the browser the app takes that page over
//! (`takeover`) instead of building it again.

pub mod app;
pub mod boot;
pub mod components;
pub mod content;
pub mod crypto;
pub mod dom_focus;
pub mod lock;
pub mod model;
pub mod pages;
pub mod router;
pub mod saver;
pub mod saving;
pub mod service_worker;
pub mod session_key;
pub mod split;
pub mod start_failed;
pub mod state;
pub mod storage;
#[cfg(feature = "hydrate")]
pub mod takeover;
#[cfg(feature = "hydrate")]
pub mod yielding;

/// Reads what the page needs from the browser, then takes over the page
/// rendered at build time (or, from the development server, renders it).
/// Kept out of the components so rendering never calls a browser API.
pub fn start() {
    // Before anything else: a panic from here on is said in words.
    start_failed::install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        let boot = boot::Boot::read();
        // A read that failed (its code could not be fetched) is tried again
        // once the app is running.
        let read = match boot.read_saved().await {
            Ok(true) => pages::chunks::Module::Lock.load().await.map(|_| ()),
            Ok(false) => Ok(()),
            Err(not_here) => Err(not_here),
        };
        #[cfg(feature = "hydrate")]
        if let Some(rendered) = boot::rendered_for() {
            takeover::take_over(boot, rendered, read.is_ok()).await;
            return;
        }
        // The development server: nothing to take over. Saved progress that
        // could not be read yet is read once it can be (`saver.rs`).
        let _ = read;
        let updates = service_worker::UpdateReady::default();
        let state = state::AppState::new(&boot, false);
        let (base, path) = (boot.base.clone(), boot.path);
        start_failed::say_taking_over();
        leptos::mount::mount_to_body(move || {
            leptos::prelude::view! { <app::App state=state base=base path=path updates=updates /> }
        });
        service_worker::register(&boot.base, updates);
    });
}
