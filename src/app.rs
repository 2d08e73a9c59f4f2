//! The root component: state, routes and the page frame.

use crate::components::layout::{Footer, Header};
use crate::components::link::{InPageLink, RouterBase};
use crate::components::notices::Notices;
use crate::model::settings::Settings;
use crate::pages::{
    about::About, data::DataPage, home::Home, journal::Journal, lesson::LessonPage,
    not_found::NotFound, workbook::Workbook,
};
use crate::service_worker::UpdateReady;
use crate::state::{provide_app_state, Boot};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App(
    boot: Boot,
    /// Set when a new version waits (see `service_worker`); none in tests.
    #[prop(optional)]
    updates: Option<UpdateReady>,
    /// Display settings read at start (defaults when not given).
    #[prop(optional)]
    settings: Settings,
) -> impl IntoView {
    provide_context(settings);
    provide_app_state(boot.store, boot.loaded);
    provide_context(RouterBase(boot.base.clone()));
    if let Some(updates) = updates {
        provide_context(updates);
    }
    view! {
        <Router base=boot.base>
            <InPageLink target="main".to_string() class="skip-link">
                "Skip to main content"
            </InPageLink>
            <Header />
            <Notices />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/index.html") view=Home />
                    <Route path=path!("/lesson/:slug") view=LessonPage />
                    <Route path=path!("/journal") view=Journal />
                    <Route path=path!("/data") view=DataPage />
                    <Route path=path!("/workbook") view=Workbook />
                    <Route path=path!("/about") view=About />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
