//! Shows a page whose code comes in its own wasm chunk (`pages::chunks`):
//! at once if the chunk is here; else nothing new while it arrives (a
//! quiet loading line if the wait is noticeable), then the page; if it
//! cannot arrive, what happened, that nothing saved is lost, and ways on.

use crate::components::focus::on_page_shown;
use crate::components::loading::LoadingLine;
use crate::model::routes::Route;
use crate::pages::chunks::{MakePage, Module, PageNotLoaded};
use leptos::html::H1;
use leptos::prelude::*;

/// The page of `route`, whose code is in `module`'s chunk. A module already
/// here (always, when the page is rendered at build time or taken over)
/// builds the page at once; otherwise the chunk is asked for in an effect,
/// never during render, and the page shows when it arrives. Not generic,
/// so the wasm holds this code once.
///
/// `loading` is the line shown if the wait is noticeable, the same as the
/// page's own while it fetches its texts ("Loading the lesson…").
pub fn page_from_chunk(module: Module, route: Route, loading: &'static str) -> AnyView {
    if let Some(make) = module.loaded() {
        return make(&route);
    }
    let arrived = RwSignal::<Option<Result<MakePage, PageNotLoaded>>>::new(None);
    // Which try this is; a late answer to an earlier one is dropped.
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        let this_try = attempt.get();
        leptos::task::spawn_local(async move {
            let loaded = module.load().await;
            // The reader may have left the page meanwhile.
            if attempt.try_get_untracked() == Some(this_try) {
                let _ = arrived.try_set(Some(loaded));
            }
        });
    });
    let page = move || match arrived.get() {
        Some(Ok(make)) => make(&route),
        Some(Err(_)) => {
            let tries = attempt.get_untracked();
            not_loaded(tries, move || {
                arrived.set(None);
                attempt.update(|n| *n += 1);
            })
            .into_any()
        }
        None => view! { <LoadingLine text=loading /> }.into_any(),
    };
    page.into_any()
}

/// The chunk did not arrive: offline before the app was saved for offline
/// use, a dropped connection (Try again), or an old tab whose files were
/// replaced by an update (Reload).
/// `retries`: how many times the reader has tried again already.
fn not_loaded(retries: u32, retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    on_page_shown("Page not loaded", heading);
    let reload = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <div class="lesson-loading lesson-failed" role="alert">
            <h1 node_ref=heading tabindex="-1">
                "This page did not load"
            </h1>
            <p>
                "This part of Attune could not be downloaded. If you are offline, connect and try again. If Attune was updated since you opened this tab, reload the page."
            </p>
            {(retries > 0)
                .then(|| view! { <p>"Tried again: it still could not be downloaded."</p> })}
            <p>"Your answers and reflections are safe: they stay saved in this browser."</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| retry()>
                    "Try again"
                </button>
                <button type="button" class="button button-secondary" on:click=reload>
                    "Reload the page"
                </button>
            </div>
        </div>
    }
}
