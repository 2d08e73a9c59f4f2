//! The root component: state, routes and the page frame.

use crate::boot::Boot;
use crate::components::chunk_page::page_from_chunk;
use crate::components::layout::{Footer, Header};
use crate::components::link::InPageLink;
use crate::components::notices::Notices;
use crate::components::today::provide_today;
use crate::model::routes::Route;
use crate::pages::{about::About, chunks, home::Home, not_found::NotFound};
use crate::router::provide_router;
use crate::service_worker::UpdateReady;
use crate::state::provide_app_state;
use leptos::prelude::*;

#[component]
pub fn App(
    boot: Boot,
    /// Set when a new version waits (see `service_worker`); none in tests.
    #[prop(optional)]
    updates: Option<UpdateReady>,
) -> impl IntoView {
    provide_app_state(&boot);
    if let Some(updates) = updates {
        provide_context(updates);
    }
    let location = provide_router(boot.base, boot.path);
    let route = Memo::new(move |_| Route::parse(&location.path()));
    provide_today(Signal::derive(move || location.path()));
    view! {
        <InPageLink target="main".to_string() class="skip-link">
            "Skip to main content"
        </InPageLink>
        <Header />
        <Notices />
        <main id="main" tabindex="-1">
            {move || page(route.get())}
        </main>
        <Footer />
    }
}

/// The page for a route.
fn page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <Home /> }.into_any(),
        Route::Lesson(slug) => page_from_chunk(
            Box::new(move || Box::pin(chunks::lesson(slug.clone()))),
            "Loading the lesson\u{2026}",
        ),
        Route::Journal => page_from_chunk(
            Box::new(|| Box::pin(chunks::journal())),
            "Loading your journal\u{2026}",
        ),
        Route::Data => page_from_chunk(
            Box::new(|| Box::pin(chunks::data())),
            "Loading your data page\u{2026}",
        ),
        Route::Workbook => page_from_chunk(
            Box::new(|| Box::pin(chunks::workbook())),
            "Loading your workbook\u{2026}",
        ),
        Route::Review => page_from_chunk(
            Box::new(|| Box::pin(chunks::review())),
            "Loading your review\u{2026}",
        ),
        Route::WhereIStand => page_from_chunk(
            Box::new(|| Box::pin(chunks::where_i_stand())),
            "Loading Where I stand\u{2026}",
        ),
        Route::CourseEnd => page_from_chunk(
            Box::new(|| Box::pin(chunks::course_end())),
            "Loading your look back\u{2026}",
        ),
        // In the first load: it says where to find help, which must show
        // even when the rest of the app cannot be fetched.
        Route::About => view! { <About /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
    }
}
