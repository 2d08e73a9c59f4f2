//! Attune: an interactive course on attunement in relationships that runs
//! entirely in the reader's browser.
//!
//! Data flows one way:
//! `content` (static data generated from the lesson files) →
//! `model` (pure Rust, host-tested) →
//! `storage` (the only code that touches localStorage) →
//! `state` (app state in context) →
//! `pages` and `components` (thin views).
//!
//! Every page is rendered to HTML at build time from these same components
//! (`src/bin/prerender.rs`); in the browser the app takes that page over
//! (`takeover`) instead of building it again.

pub mod app;
pub mod boot;
pub mod components;
pub mod content;
pub mod dom_focus;
pub mod model;
pub mod pages;
pub mod router;
pub mod saver;
pub mod service_worker;
pub mod state;
pub mod storage;
#[cfg(feature = "hydrate")]
pub mod takeover;

/// Reads what the page needs from the browser, then takes over the page
/// rendered at build time (or, from the development server, renders it).
/// Kept out of the components so rendering never calls a browser API.
pub fn start() {
    let boot = boot::Boot::read();
    #[cfg(feature = "hydrate")]
    if let Some(rendered) = boot::rendered_for() {
        wasm_bindgen_futures::spawn_local(takeover::take_over(boot, rendered));
        return;
    }
    let updates = service_worker::UpdateReady::default();
    let state = state::AppState::new(&boot, false);
    let (base, path) = (boot.base.clone(), boot.path);
    leptos::mount::mount_to_body(move || {
        leptos::prelude::view! { <app::App state=state base=base path=path updates=updates /> }
    });
    // After the first render: installing the offline copy downloads the
    // whole build, which must not delay the page.
    service_worker::register(&boot.base, updates);
}
