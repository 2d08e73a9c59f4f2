//! "A new version of Attune is ready — Reload". It sits in the notices
//! area, in the page flow, so it never covers what the reader is doing, and
//! nothing reloads until they press the button.

use crate::service_worker::{accept_update, UpdateReady};
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let state = use_app_state();
    let ready = use_context::<UpdateReady>();
    let reload = move |_| {
        // What the reader typed a moment ago is saved before the page goes.
        state.flush();
        accept_update();
    };
    // Shown and hidden by a class rather than added and removed: the
    // cheapest reactive binding in wasm bytes (others use it too).
    view! {
        <div
            class="notice notice-update"
            class:until-ready=move || !ready.is_some_and(|r| r.0.get())
        >
            <p>"A new version of Attune is ready."</p>
            <button type="button" class="button" on:click=reload>
                "Reload"
            </button>
        </div>
    }
}
