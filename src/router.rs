//! A small history router: pages change without a reload, the address bar
//! and Back/Forward work, and links stay plain `<a href>`s that work without
//! script too.
//!
//! Why not leptos_router: it cost about 45 KB of gzipped wasm, a fifth of the
//! app, for features the app does not use (nested and async routes, forms,
//! relative links). What the app needs is here: one path signal, clicks on
//! our links, Back/Forward, and `navigate`. Which path shows which page is
//! pure and host-tested (`model::routes`).

use crate::dom_focus::{focus_hash_target, focus_moved_since};
use crate::model::routes::{app_path, path_in_build_case, path_shown};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the reader is. In context; `Copy`, so closures can hold it.
#[derive(Clone, Copy)]
pub struct Location {
    /// The router base: `""` at the root, `"/attune"` on a project site.
    base: StoredValue<String>,
    /// The app path shown, without the base or a `#hash`.
    path: RwSignal<String>,
    /// Where to scroll the page Back or Forward is about to show, once it
    /// is shown: the browser's own restoring runs before our page has
    /// rendered, so it is switched off and done here.
    scroll_back_to: StoredValue<Option<f64>>,
    /// What had focus when the reader left the page shown before, to tell
    /// whether they have moved focus themselves while the new one loaded.
    focused_on_leaving: StoredValue<Option<web_sys::Element>, LocalStorage>,
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
        let url = self.href(to);
        let location = window.location();
        let same_url = location
            .pathname()
            .and_then(|p| location.hash().map(|h| p + &h))
            .is_ok_and(|here| here == url);
        // A link to the address shown adds no history entry (Back would
        // seem to do nothing).
        if let (Ok(history), false) = (window.history(), same_url) {
            // The page left keeps its place, for Back.
            let here = wasm_bindgen::JsValue::from_f64(window.scroll_y().unwrap_or(0.0));
            let _ = history.replace_state(&here, "");
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.scroll_back_to.set_value(None);
        let (path, hash) = to.split_once('#').unwrap_or((to, ""));
        if hash.is_empty() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        if self.path.with_untracked(|shown| shown == path) {
            if !hash.is_empty() {
                focus_hash_target(&window, true);
            }
        } else {
            self.note_focus_on_leaving(&window);
            self.path.set(path.to_string());
        }
    }

    /// Whether the reader has moved focus since leaving the last page (by
    /// tabbing while the new one loaded): then it stays where they put it.
    pub fn reader_moved_focus(&self, document: &web_sys::Document) -> bool {
        self.focused_on_leaving
            .with_value(|left| focus_moved_since(document, left.as_ref()))
    }

    fn note_focus_on_leaving(&self, window: &web_sys::Window) {
        let focused = window.document().and_then(|d| d.active_element());
        self.focused_on_leaving.set_value(focused);
    }

    /// Where the page being shown should scroll to, if Back or Forward
    /// brought the reader to it (taken once).
    pub fn take_scroll_back(&self) -> Option<f64> {
        self.scroll_back_to.try_update_value(Option::take).flatten()
    }

    /// Shows the address bar's path, if it is not the one shown: same page,
    /// so nothing is shown again, only links that name it change. An
    /// address whose base was typed in another case than the build's is
    /// spelled as built (see `path_in_build_case`).
    fn follow_address_bar(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(pathname) = window.location().pathname() else {
            return;
        };
        let respelled = self
            .base
            .with_value(|base| path_in_build_case(&pathname, base));
        if let (Some(respelled), Ok(history)) = (respelled, window.history()) {
            let location = window.location();
            let rest = location.search().unwrap_or_default() + &location.hash().unwrap_or_default();
            let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let _ = history.replace_state_with_url(&state, "", Some(&(respelled + &rest)));
        }
        let path = self.base.with_value(|base| path_shown(pathname, base));
        if self.path.with_untracked(|shown| *shown != path) {
            self.path.set(path);
        }
    }

    /// Follows the address bar after Back or Forward; `saved` is the place
    /// the page had when the reader left it (see `navigate`).
    fn sync_with_address_bar(&self, saved: Option<f64>) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(pathname) = window.location().pathname() else {
            return;
        };
        let path = self.base.with_value(|base| path_shown(pathname, base));
        // Only a page that is shown anew takes the place; within one page
        // (a `#hash` step) nothing is shown again.
        let changed = self.path.with_untracked(|shown| *shown != path);
        self.scroll_back_to.set_value(saved.filter(|_| changed));
        if changed {
            self.note_focus_on_leaving(&window);
        }
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
        scroll_back_to: StoredValue::new(None),
        focused_on_leaving: StoredValue::new_local(None),
    };
    provide_context(location);
    Effect::new(move |_| {
        // A page taken over was rendered for its own address; the
        // not-found page answers many: show the one in the address bar.
        location.follow_address_bar();
        let clicks = window_event_listener(leptos::ev::click, move |ev| {
            if let Some(to) = link_to_follow(&ev, location) {
                ev.prevent_default();
                location.navigate(&to);
            }
        });
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let history = window_event_listener(leptos::ev::popstate, move |ev| {
            location.sync_with_address_bar(ev.state().as_f64());
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
