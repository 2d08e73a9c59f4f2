//! Offline use and safe updates. Release builds register the service worker
//! (`sw.js`, made by scripts/post-build.mjs) under the router base. When a
//! new version has installed and waits, [`UpdateReady`] turns on and the
//! reader is asked; nothing reloads until they accept.

use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration};

/// A new version waits, or another tab has already switched to it.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

impl Default for UpdateReady {
    fn default() -> Self {
        Self(RwSignal::new(false))
    }
}

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}
/// The reader accepted: the next change of worker reloads the page.
static ACCEPTED: AtomicBool = AtomicBool::new(false);

/// Asks the waiting worker to take over; the page reloads when it has
/// (`controllerchange`). The caller saves pending work first.
pub fn accept_update() {
    ACCEPTED.store(true, Relaxed);
    let waiting = REGISTRATION.with_borrow(|r| r.as_ref().and_then(|r| r.waiting()));
    // No waiting worker: another tab already switched, so reload now.
    if waiting.is_none_or(|w| w.post_message(&SKIP_WAITING.into()).is_err()) {
        reload();
    }
}

/// The message our worker (scripts/pwa/service-worker.js) activates on.
const SKIP_WAITING: &str = "SKIP_WAITING";

/// One closure type for every callback here: each new type costs wasm bytes.
type Callback = Closure<dyn FnMut(JsValue)>;

/// Registers `<base>/sw.js` for `<base>/`, in release builds only (a
/// development server's files change all the time). Called by `start()`
/// once the app has mounted.
pub fn register(base: &str, UpdateReady(ready): UpdateReady) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
        return;
    };
    // Absent outside secure contexts: the app then works online only.
    if container.is_undefined() {
        return;
    }
    // Reload once the reader accepted. If another tab accepted, this tab
    // now runs beside the new version, so it offers the reload too.
    let mut had_controller = container.controller().is_some();
    let on_controller_change = Callback::new(move |_| {
        if ACCEPTED.load(Relaxed) {
            reload();
        } else if had_controller {
            ready.try_set(true);
        }
        had_controller = true;
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    // By default the browser fetches sw.js itself past the HTTP cache, so a
    // new version is seen at the next visit.
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&format!("{base}/"));
    let on_settled = {
        let container = container.clone();
        Callback::new(move |value: JsValue| match value.dyn_into() {
            Ok(registration) => watch(registration, container.clone(), ready),
            // Offline use failed to start; the app still works online.
            Err(error) => web_sys::console::warn_1(&error),
        })
    };
    let _ = container
        .register_with_options(&format!("{base}/sw.js"), &options)
        .then2(&on_settled, &on_settled);
    on_settled.forget();
}

/// Offers the update whenever a new worker waits while an older one controls
/// this page (without a controller it is the first install: nothing to offer).
fn watch(
    registration: ServiceWorkerRegistration,
    container: ServiceWorkerContainer,
    ready: RwSignal<bool>,
) {
    let offer = {
        let registration = registration.clone();
        move |_| {
            if registration.waiting().is_some() && container.controller().is_some() {
                ready.try_set(true);
            }
        }
    };
    // A worker may wait already: the reader did not reload last time.
    offer(JsValue::UNDEFINED);
    let on_state_change = Callback::new(offer).into_js_value();
    let on_update_found = {
        let registration = registration.clone();
        Callback::new(move |_| {
            if let Some(worker) = registration.installing() {
                worker.set_onstatechange(Some(on_state_change.unchecked_ref()));
            }
        })
    };
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    REGISTRATION.set(Some(registration));
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
