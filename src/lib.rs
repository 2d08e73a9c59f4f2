//! Attune: an interactive course on attunement in relationships that runs
//! entirely in the reader's browser.
//!
//! Data flows one way:
//! `content` (static data generated from the lesson files) →
//! `model` (pure Rust, host-tested) →
//! `storage` (the only code that touches localStorage) →
//! `state` (app state in context) →
//! `pages` and `components` (thin views).

pub mod app;
pub mod components;
pub mod content;
pub mod crypto;
pub mod model;
pub mod pages;
pub mod router;
pub mod service_worker;
pub mod state;
pub mod storage;

/// Reads what the page needs from the browser, then mounts the app. Kept out
/// of the components so rendering never calls a browser API.
pub fn start() {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| model::routes::router_base(&url.pathname()))
        .unwrap_or_default();
    // The app path shown first: a deep link arrives through 404.html.
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .map(|pathname| model::routes::path_shown(pathname, &base))
        .unwrap_or_else(|| "/".to_string());
    let store = storage::Store::open();
    let loaded = store.load_progress();
    let updates = service_worker::UpdateReady::default();
    let settings = store.load_settings();
    // The static shell in index.html has done its job (an early paint);
    // the app draws the same header in its place.
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
    let boot = state::Boot {
        base: base.clone(),
        path,
        store,
        loaded,
    };
    leptos::mount::mount_to_body(
        move || leptos::prelude::view! { <app::App boot=boot updates=updates settings=settings /> },
    );
    // After the first render: installing the offline copy downloads the
    // whole build, which must not delay the page.
    service_worker::register(&base, updates);
}
