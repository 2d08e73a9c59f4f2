//! In-app links that work under any base path. leptos_router's `A` leaves
//! absolute paths untouched, so `/about` would escape `/<repo>/` on GitHub
//! Pages; `Link` puts the router base in front.
//!
//! A plain `<a>`: the router follows clicks on any `<a>` of ours, and `A`'s
//! extras (relative paths, prefix matching for `aria-current`) cost 3.9 KB
//! of gzipped wasm that the app does not need. `aria-current="page"` marks
//! the link to exactly the page shown.

use leptos::prelude::*;

/// The router base (`""` at the root, `"/attune"` under a project site).
#[derive(Clone, Debug, Default)]
pub struct RouterBase(pub String);

/// The full URL path of an app path, for links and `href`s.
pub fn with_base(base: &str, path: &str) -> String {
    format!("{base}{path}")
}

#[component]
pub fn Link(
    #[prop(into)] href: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let base = use_context::<RouterBase>().unwrap_or_default();
    let href = with_base(&base.0, &href);
    let location = leptos_router::hooks::use_location();
    let here = {
        let href = href.clone();
        move || location.pathname.with(|p| p == &href).then_some("page")
    };
    view! {
        <a href=href class=(!class.is_empty()).then_some(class) aria-current=here>
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
    let location = leptos_router::hooks::use_location();
    view! {
        <a
            href=move || format!("{}#{target}", location.pathname.get())
            rel="external"
            class=(!class.is_empty()).then_some(class)
        >
            {children()}
        </a>
    }
}
