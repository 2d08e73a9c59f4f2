//! A small history router: pages change without a reload, the address bar
//! and Back/Forward work, and links stay plain `<a href>`s that work without
//! script too.
//!
//! Why not leptos_router: it cost about 45 KB of gzipped wasm, a fifth of the
//! app, for features the app does not use (nested and async routes, forms,
//! relative links). What the app needs is here: one path signal, clicks on
//! our links, Back/Forward, and `navigate`. Which path shows which page is
//! pure and host-tested (`model::routes`).

use crate::components::focus::focus_hash_target;
use crate::model::routes::app_path;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the reader is. In context; `Copy`, so closures can hold it.
#[derive(Clone, Copy)]
pub struct Location {
    /// The router base: `""` at the root, `"/attune"` on a project site.
    base: StoredValue<String>,
    /// The app path shown, without the base or a `#hash`.
    path: RwSignal<String>,
}

impl Location {
    /// The app path shown (tracked).
    pub fn path(&self) -> String {
        self.path.get()
    }

    /// The URL path of an app path: the base in front.
    pub fn href(&self, path: &str) -> String {
        self.base.with_value(|base| format!("{base}{path}"))
    }

    /// Shows `to` (an app path, maybe with a `#hash`) and adds it to the
    /// history, as following a link does. Without a hash the page starts at
    /// the top. With one, a new page moves to the target once shown
    /// (`components::focus::on_page_shown`); the page already shown moves
    /// at once, as it is not shown again.
    pub fn navigate(&self, to: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            let _ =
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.href(to)));
        }
        let (path, hash) = to.split_once('#').unwrap_or((to, ""));
        if hash.is_empty() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        if self.path.with_untracked(|shown| shown == path) {
            if !hash.is_empty() {
                focus_hash_target(&window);
            }
        } else {
            self.path.set(path.to_string());
        }
    }

    /// Follows the address bar after Back or Forward.
    fn sync_with_address_bar(&self) {
        let Some(pathname) = web_sys::window().and_then(|w| w.location().pathname().ok()) else {
            return;
        };
        let path = self
            .base
            .with_value(|base| app_path(&pathname, base))
            .unwrap_or(pathname);
        self.path.set(path);
    }
}

/// Creates the location for `path` under `base`, puts it in context, and
/// (in an effect, so never during render) starts following link clicks and
/// Back/Forward until the app is unmounted.
pub fn provide_router(base: String, path: String) -> Location {
    let location = Location {
        base: StoredValue::new(base),
        path: RwSignal::new(path),
    };
    provide_context(location);
    Effect::new(move |_| {
        let clicks = window_event_listener(leptos::ev::click, move |ev| {
            if let Some(to) = link_to_follow(&ev, location) {
                ev.prevent_default();
                location.navigate(&to);
            }
        });
        let history = window_event_listener(leptos::ev::popstate, move |_| {
            location.sync_with_address_bar();
        });
        on_cleanup(move || {
            clicks.remove();
            history.remove();
        });
    });
    location
}

/// The location in context.
pub fn use_location() -> Location {
    // Provided by `App` before any page renders (see `use_app_state`).
    use_context::<Location>().unwrap_or_else(|| panic!("Location is provided by App"))
}

/// The app path (with `#hash`) a click should show in place, or `None` when
/// the browser should handle it: modified or non-primary clicks (new tab,
/// download), links with a `target`, `download` or `rel="external"`, and
/// links that leave the app.
fn link_to_follow(ev: &web_sys::MouseEvent, location: Location) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let link = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let target = link.target();
    if !(target.is_empty() || target == "_self")
        || link.has_attribute("download")
        || link.rel().split_whitespace().any(|r| r == "external")
    {
        return None;
    }
    let here = web_sys::window()?.location().origin().ok()?;
    let url = web_sys::Url::new(&link.href()).ok()?;
    if url.origin() != here {
        return None;
    }
    let path = location
        .base
        .with_value(|base| app_path(&url.pathname(), base))?;
    Some(format!("{path}{}", url.hash()))
}
