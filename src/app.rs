//! The root component: state, routes and the page frame.

use crate::components::layout::{Footer, Header};
use crate::components::link::RouterBase;
use crate::components::notices::Notices;
use crate::pages::{about::About, home::Home, lesson::LessonPage, not_found::NotFound};
use crate::state::{provide_app_state, Boot};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App(boot: Boot) -> impl IntoView {
    provide_meta_context();
    provide_app_state(boot.store, boot.loaded);
    provide_context(RouterBase(boot.base.clone()));
    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Attune".to_string() } else { format!("{page} · Attune") }
        } />
        <Router base=boot.base>
            <a class="skip-link" href="#main">
                "Skip to main content"
            </a>
            <Header />
            <Notices />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/lesson/:slug") view=LessonPage />
                    <Route path=path!("/about") view=About />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
