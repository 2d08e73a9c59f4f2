//! In-app links that work under any base path: `Link` puts the router base
//! in front of an app path, so `/about` stays inside `/<repo>/` on GitHub
//! Pages. A plain `<a>`: `router` shows the page in place when it is
//! clicked. `aria-current="page"` marks the link to the page shown.

use crate::model::routes::Route;
use crate::router::use_location;
use leptos::prelude::*;

#[component]
pub fn Link(
    #[prop(into)] href: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    // The page, whichever way its address is written (with or without the
    // trailing slash).
    let here = {
        let route = Route::parse(&href);
        move || (Route::parse(&location.path()) == route).then_some("page")
    };
    view! {
        <a href=location.href(&href) class=(!class.is_empty()).then_some(class) aria-current=here>
            {children()}
        </a>
    }
}

/// A link to a place on the current page. The page's `<base href>` would
/// resolve a bare `#id` to the site root, so the link carries the current
/// path; `rel="external"` lets the browser (not the router) follow it, so
/// focus moves to the target as with any in-page link.
#[component]
pub fn InPageLink(
    target: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    view! {
        <a
            href=move || format!("{}#{target}", location.href(&location.path()))
            rel="external"
            class=(!class.is_empty()).then_some(class)
        >
            {children()}
        </a>
    }
}
