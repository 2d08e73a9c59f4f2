//! Two rules about focus in the document that the router and the pages
//! share: following a `#hash`, and telling whether the reader has moved
//! focus themselves. Apart from both, so neither depends on the other.

/// Scrolls to (if `scroll`) and focuses the element the URL's `#hash` names
/// (its heading when it has one). Returns whether there was such an element.
pub fn focus_hash_target(window: &web_sys::Window, scroll: bool) -> bool {
    use wasm_bindgen::JsCast;
    let hash = window.location().hash().unwrap_or_default();
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return false;
    };
    let Some(target) = window.document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    let focusable = target
        .query_selector("h2, h3")
        .ok()
        .flatten()
        .unwrap_or_else(|| target.clone());
    if !focusable.has_attribute("tabindex") {
        let _ = focusable.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    if scroll {
        target.scroll_into_view();
    } else {
        options.set_prevent_scroll(true);
    }
    if let Ok(el) = focusable.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus_with_options(&options);
    }
    true
}

/// Whether the reader has moved focus themselves since `before` had it:
/// focus still there, or dropped to the body because `before` went away
/// (with the page or control that held it), has not moved.
pub fn focus_moved_since(document: &web_sys::Document, before: Option<&web_sys::Element>) -> bool {
    let now = document.active_element();
    let body: Option<web_sys::Element> = document.body().map(Into::into);
    now.is_some() && now != body && now.as_ref() != before
}
