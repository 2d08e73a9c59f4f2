//! What every page does once it is shown: name the tab after the page, and
//! move focus to the page's heading after a route change, so screen-reader
//! and keyboard users land at the top of the new page.

use leptos::html::H1;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// The first page of a visit keeps the browser's own focus (the top of the
/// document); only later route changes move it.
static FIRST_PAGE_SHOWN: AtomicBool = AtomicBool::new(false);

/// The tab title for a page: `"Lesson title · Attune"`, or `"Attune"`.
pub fn page_title(page: &str) -> String {
    if page.is_empty() {
        "Attune".to_string()
    } else {
        format!("{page} \u{b7} Attune")
    }
}

/// Sets the title and focuses the heading once the page is in the document
/// (an effect, so never during render).
pub fn on_page_shown(title: &'static str, heading: NodeRef<H1>) {
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&page_title(title));
        }
        let Some(el) = heading.get() else { return };
        if !FIRST_PAGE_SHOWN.swap(true, Ordering::Relaxed) {
            return;
        }
        // A link to an anchor (e.g. "Continue" to a section) focuses that
        // place instead; see the lesson page.
        let has_hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .is_some_and(|h| h.len() > 1);
        if !has_hash {
            let _ = el.focus();
        }
    });
}
