//! The root component: state, routes and the page frame.

use crate::components::chunk_page::page_from_chunk;
use crate::components::layout::{Footer, Header};
use crate::components::link::InPageLink;
use crate::components::notices::Notices;
use crate::components::today::provide_today;
use crate::lock::LockState;
use crate::model::routes::Route;
use crate::pages::{about::About, chunks::Module, home::Home, not_found::NotFound};
use crate::router::provide_router;
use crate::service_worker::UpdateReady;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn App(
    /// The app's state (`AppState::new`), put in context here.
    state: AppState,
    /// The router base: `""` at the root, `"/attune"` on a project site.
    base: String,
    /// The app path shown first, e.g. `/about`.
    path: String,
    /// Set when a new version waits (see `service_worker`); none in tests.
    #[prop(optional)]
    updates: Option<UpdateReady>,
) -> impl IntoView {
    state.provide();
    if let Some(updates) = updates {
        provide_context(updates);
    }
    let location = provide_router(base, path);
    let route = Memo::new(move |_| Route::parse(&location.path()));
    provide_today(Signal::derive(move || location.path()));
    // Only locking and unlocking change what `main` shows: turning the lock
    // on or off keeps the page (and what it says about it) as it is.
    let locked = Memo::new(move |_| state.lock.get() == LockState::Locked);
    view! {
        <InPageLink target="main".to_string() class="skip-link">
            "Skip to main content"
        </InPageLink>
        <Header />
        <Notices />
        <main id="main" tabindex="-1">
            {move || shown(state, locked.get(), route.get())}
        </main>
        <Footer />
    }
}

/// What `main` shows: the route's page, or while the reader's answers are
/// locked the unlock page (About, with where to find help, always shows).
fn shown(state: AppState, locked: bool, route: Route) -> AnyView {
    if !locked || route == Route::About {
        return page(route);
    }
    if !state.reading_locked.get() {
        return page_from_chunk(Module::Lock, route, "Loading\u{2026}");
    }
    view! {
        <p class="locked-note">
            "Your saved answers are locked. What you answer now stays in this tab until you unlock. "
            <button
                type="button"
                class="link-button"
                on:click=move |_| state.reading_locked.set(false)
            >
                "Unlock"
            </button>
        </p>
        {page(route)}
    }
    .into_any()
}

/// The page for a route.
fn page(route: Route) -> AnyView {
    let Some(module) = Module::of(&route) else {
        return match route {
            Route::Home => view! { <Home /> }.into_any(),
            // In the first load: it says where to find help, which must
            // show even when the rest of the app cannot be fetched.
            Route::About => view! { <About /> }.into_any(),
            _ => view! { <NotFound /> }.into_any(),
        };
    };
    let loading = match route {
        Route::Lesson(_) => "Loading the lesson\u{2026}",
        Route::Journal => "Loading your journal\u{2026}",
        Route::Workbook => "Loading your workbook\u{2026}",
        Route::Review => "Loading your review\u{2026}",
        Route::WhereIStand => "Loading Where I stand\u{2026}",
        Route::CourseEnd => "Loading your look back\u{2026}",
        _ => "Loading your data page\u{2026}",
    };
    page_from_chunk(module, route, loading)
}
