//! Discreet mode (a display setting, `model::settings::DISCREET`): the tab
//! is named "Notes" with a plain icon on every page, and the page is covered
//! while the tab is hidden.
//!
//! Most of it needs no wasm, and works before the app has taken the page
//! over. The first script in `index.html`, before the page's own `<title>`:
//! - applies the stored choice (`data-discreet` on `<html>`), names the tab
//!   "Notes" and swaps the icon. The script makes the page's first
//!   `<title>`, which is the one a browser shows, so the lesson's own title
//!   further down is never shown, nor kept in the history list;
//! - covers the page while the tab is hidden (`data-covered`, which the
//!   stylesheet reads: an overlay, so focus and the caret stay where the
//!   reader left them), so an app switcher's preview shows nothing, where
//!   the browser lets the page hide before it takes the preview.
//!
//! `focus.rs` names each page's tab "Notes" while `<html>` has the
//! attribute. What is left is here: following the reader's switch, in this
//! tab or another, without a reload (called by `display.rs`).

use crate::components::focus::name_tab;

/// Discreet mode's icon, a plain page with lines; also the neutral page's
/// (`public/notes/`). Relative to the site's `<base href>`.
pub const NEUTRAL_ICON: &str = "notes/icon.svg";
/// Attune's own icon.
pub const ICON: &str = "favicon.svg";

/// Names the tab and swaps its icon when the reader switches discreet mode,
/// here or in another tab (`display.rs`, which sees the switch).
pub fn show_discreet(document: &web_sys::Document, discreet: bool) {
    if let Ok(Some(icon)) = document.query_selector("link[rel=icon]") {
        let _ = icon.set_attribute("href", if discreet { NEUTRAL_ICON } else { ICON });
    }
    name_tab(document, discreet);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::focus::{page_title, DISCREET_TITLE};

    /// `index.html` names the tab and swaps the icon before the app starts:
    /// the same name and icon as the app, and an icon that ships.
    #[test]
    fn the_pre_paint_script_uses_the_same_name_and_icon() {
        let html = include_str!("../../index.html");
        assert!(html.contains(&format!("document.title = \"{DISCREET_TITLE}\"")));
        assert!(html.contains(&format!(".href = \"{NEUTRAL_ICON}\"")));
        assert!(html.contains(&format!("<link rel=\"icon\" href=\"{ICON}\"")));
        assert!(html.contains("data-covered"));
        let icon = std::path::Path::new("public").join(NEUTRAL_ICON);
        assert!(icon.is_file(), "{}", icon.display());
    }

    #[test]
    fn discreet_mode_names_every_page_alike() {
        assert_eq!(page_title("", false), "Attune");
        assert_eq!(page_title("About", false), "About \u{b7} Attune");
        for page in ["", "About", "Your journal"] {
            assert_eq!(page_title(page, true), "Notes");
        }
    }
}
