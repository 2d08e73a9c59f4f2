//! What every page does once it is shown: name the tab after the page (or
//! "Notes" in discreet mode), and move focus to the page's heading after a
//! route change, so screen-reader and keyboard users land at the top of the
//! new page.

use crate::dom_focus::{focus_hash_target, focus_moved_since};
use crate::model::settings::DISCREET;
use crate::router::use_location;
use leptos::html::H1;
use leptos::prelude::*;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

/// The first page of a visit keeps the browser's own focus (the top of the
/// document); only later route changes move it.
static FIRST_PAGE_SHOWN: AtomicBool = AtomicBool::new(false);

/// The tab's name on every page in discreet mode (also in `index.html`).
pub const DISCREET_TITLE: &str = "Notes";

thread_local! {
    /// The name of the page shown, to name the tab again when discreet mode
    /// is switched off.
    static PAGE_SHOWN: Cell<&'static str> = const { Cell::new("") };
}

/// The tab title for a page: `"Lesson title · Attune"`, or `"Attune"`; in
/// discreet mode `"Notes"`, whatever the page.
pub fn page_title(page: &str, discreet: bool) -> String {
    if discreet {
        DISCREET_TITLE.to_string()
    } else if page.is_empty() {
        "Attune".to_string()
    } else {
        format!("{page} \u{b7} Attune")
    }
}

/// Sets the title and moves focus once the page is in the document (an
/// effect, so never during render): to the place a `#hash` names, as for
/// "Continue" or "where to find help" links, else to the heading.
///
/// After Back or Forward the page returns to where the reader left it, and
/// focus goes to the heading without scrolling there. Focus the reader has
/// moved themselves while the page loaded stays where it is.
pub fn on_page_shown(title: &'static str, heading: NodeRef<H1>) {
    let location = use_location();
    Effect::new(move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        set_title(&window, title);
        let Some(el) = heading.get() else { return };
        let first_page = !FIRST_PAGE_SHOWN.swap(true, Ordering::Relaxed);
        // A reader who tabbed somewhere while the page loaded keeps focus there.
        let moved = window
            .document()
            .is_some_and(|d| location.reader_moved_focus(&d));
        if let Some(y) = location.take_scroll_back() {
            if !moved {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = el.focus_with_options(&options);
            }
            window.scroll_to_with_x_and_y(0.0, y);
            return;
        }
        if first_page {
            // The page arrived whole and the browser has already scrolled
            // to a `#hash` target, and the reader may have moved since:
            // focus goes to the target, without scrolling, unless the
            // reader has put it somewhere.
            if window
                .document()
                .is_some_and(|d| !focus_moved_since(&d, None))
            {
                focus_hash_target(&window, false);
            }
            return;
        }
        if focus_hash_target(&window, true) || moved {
            return;
        }
        let _ = el.focus();
    });
}

/// Names the tab after the page at once, for a page that waits for its
/// content before [`on_page_shown`] (a lesson waits for its text).
pub fn title_page(title: &'static str) {
    Effect::new(move |_| {
        if let Some(window) = web_sys::window() {
            set_title(&window, title);
        }
    });
}

/// Discreet mode is read from `<html>`, where the settings are applied (and
/// where `index.html` put it before the app started).
fn set_title(window: &web_sys::Window, title: &'static str) {
    PAGE_SHOWN.set(title);
    if let Some(document) = window.document() {
        let discreet = document
            .document_element()
            .is_some_and(|root| root.has_attribute(DISCREET.attribute));
        name_tab(&document, discreet);
    }
}

/// Names the tab for the page shown: when it is shown, and when the reader
/// switches discreet mode.
pub fn name_tab(document: &web_sys::Document, discreet: bool) {
    document.set_title(&page_title(PAGE_SHOWN.get(), discreet));
}

/// Focuses `target` (or its first `selector` match) after the next frame,
/// once the view has caught up with the change that asked for it. If the
/// reader has meanwhile moved focus somewhere themselves, it stays there:
/// only focus still on the pressed control, or dropped to the body because
/// that control went away, is moved.
pub fn focus_later(target: NodeRef<leptos::html::Div>, selector: Option<&'static str>) {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document());
    let before = document.as_ref().and_then(|d| d.active_element());
    request_animation_frame(move || {
        if document
            .as_ref()
            .is_some_and(|d| focus_moved_since(d, before.as_ref()))
        {
            return;
        }
        // The control that asked may be gone by now, and its node with it
        // (a confirm button whose answer removed it): reading a disposed
        // node would panic, which stops the whole app.
        let Some(el) = target.try_get_untracked().flatten() else {
            return;
        };
        let el: web_sys::Element = el.into();
        let el = match selector {
            Some(sel) => el.query_selector(sel).ok().flatten(),
            None => Some(el),
        };
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}
