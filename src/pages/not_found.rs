//! Any path the app does not know.

use crate::components::focus::focus_on_mount;
use crate::components::link::Link;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let heading = NodeRef::new();
    focus_on_mount(heading);
    view! {
        <Title text="Page not found" />
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
