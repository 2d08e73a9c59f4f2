//! The display settings on the page (`model::settings`): the attributes on
//! `<html>` the stylesheet reads (the pre-paint script in `index.html` sets
//! the same before the first frame), and the tab's name and icon when
//! discreet mode is switched, here or in another tab. Followed by an
//! effect the App starts, never while rendering.

use crate::components::discreet::show_discreet;
use crate::model::settings::{Settings, DISCREET};
use leptos::prelude::*;

/// Applies the reader's display settings whenever they change.
pub fn follow_settings(settings: RwSignal<Settings>) {
    Effect::new(move |_| apply(&settings.get()));
}

fn apply(s: &Settings) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.document_element() else {
        return;
    };
    // As the page shows it: as stored at load, or as last applied.
    let was_discreet = root.has_attribute(DISCREET.attribute);
    for (name, value) in s.attributes() {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
    if s.discreet() != was_discreet {
        show_discreet(&document, s.discreet());
    }
}
