//! Any path the app does not know.

use crate::components::focus::on_page_shown;
use crate::components::link::Link;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let heading = NodeRef::new();
    on_page_shown("Page not found", heading);
    view! {
        <div class="page">
            <h1 tabindex="-1" node_ref=heading>
                "We can't find that page"
            </h1>
            <p>"The link may be old or mistyped. Your progress is safe."</p>
            <p>
                <Link href="/" class="button">
                    "Go to the course"
                </Link>
            </p>
        </div>
    }
}
