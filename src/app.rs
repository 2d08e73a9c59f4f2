//! The root component: state, routes and the page frame.

use crate::components::chunk_page::page_from_chunk;
use crate::components::display::follow_settings;
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
use std::cell::RefCell;
use std::rc::Rc;

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
    let content = app_content(state, base, path, updates);
    frame(view! {
        <main id="main" tabindex="-1">
            {content}
        </main>
    })
}

/// The App as the page taken over is hydrated first (`crate::takeover`):
/// the same, with `<main>` left empty and its content handed to
/// `main_later`, to be hydrated next, on its own.
#[component]
pub fn AppFrame(
    state: AppState,
    base: String,
    path: String,
    updates: UpdateReady,
    main_later: MainLater,
) -> impl IntoView {
    main_later.hand_over(app_content(state, base, path, Some(updates)));
    // With no children in the view, hydration claims the element without
    // walking what is in it (a child such as `()` would look for a marker).
    frame(view! { <main id="main" tabindex="-1"></main> })
}

/// Puts the app's state and router in context; returns what `<main>`
/// shows.
fn app_content(
    state: AppState,
    base: String,
    path: String,
    updates: Option<UpdateReady>,
) -> impl IntoView + 'static {
    state.provide();
    follow_settings(state.settings);
    if let Some(updates) = updates {
        provide_context(updates);
    }
    let location = provide_router(base, path);
    let route = Memo::new(move |_| Route::parse(&location.path()));
    provide_today(Signal::derive(move || location.path()));
    crate::components::check_help::provide_passage_return();
    // Only locking and unlocking change what `main` shows: turning the lock
    // on or off keeps the page (and what it says about it) as it is.
    let locked = Memo::new(move |_| state.lock.get() == LockState::Locked);
    move || shown(state, locked.get(), route.get())
}

/// The page frame around `main`, the `<main id="main">` element.
fn frame(main: impl IntoView) -> impl IntoView {
    view! {
        <InPageLink target="main".to_string() class="skip-link">
            "Skip to main content"
        </InPageLink>
        <Header />
        <Notices />
        {main}
        <Footer />
    }
}

/// `<main>`'s content, left out of the App's first hydration and hydrated
/// on its own afterwards, under the App's owner (so with its contexts):
/// the frame and the page itself are two shorter tasks for a slow phone
/// instead of one long one.
#[derive(Clone, Default)]
pub struct MainLater(Rc<RefCell<Option<HydrateMain>>>);

type HydrateMain = Box<dyn FnOnce(web_sys::Element)>;

impl MainLater {
    fn hand_over(&self, content: impl IntoView + 'static) {
        let owner = Owner::current();
        *self.0.borrow_mut() = Some(Box::new(move |main| {
            let hydrate = move || {
                use leptos::tachys::hydration::Cursor;
                use leptos::tachys::view::{PositionState, RenderHtml};
                let mounted = content
                    .into_view()
                    .hydrate::<true>(&Cursor::new(main), &PositionState::default());
                // Kept for the life of the page, as the App's own view is
                // (`hydrate_body` forgets it).
                std::mem::forget(mounted);
            };
            match owner {
                Some(owner) => owner.with(hydrate),
                None => hydrate(),
            }
        }));
    }

    /// Hydrates the content handed over into `main`, the page's `<main>`.
    pub fn hydrate(&self, main: web_sys::Element) {
        let hydrate = self.0.borrow_mut().take();
        if let Some(hydrate) = hydrate {
            hydrate(main);
        }
    }
}

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
        Route::FindingATherapist | Route::OtherPatterns => "Loading the page\u{2026}",
        _ => "Loading your data page\u{2026}",
    };
    page_from_chunk(module, route, loading)
}
