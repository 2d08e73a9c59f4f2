//! Any path the app does not know.

use crate::components::focus::on_page_shown;
use crate::components::link::Link;
use crate::model::routes::HOME_PATH;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let heading = NodeRef::new();
    on_page_shown(super::meta::NOT_FOUND, heading);
    view! {
        <div class="page">
            <h1 tabindex="-1" node_ref=heading>
                "We can't find that page"
            </h1>
            <p>"The link may be old or mistyped. Your progress is safe."</p>
            <p>
                <Link href=HOME_PATH class="button">
                    "Go to the course"
                </Link>
            </p>
        </div>
    }
}
