//! "Exit this page", after the GOV.UK Design System's component of that
//! name: a way to leave Attune at once when someone comes near, for a reader
//! who would rather they did not see it. A link at the end of the header of
//! every page (`layout.rs`), and Shift pressed three times.
//!
//! Both are handled by the first script in `index.html`, which is on every
//! page before anything else: so they work from the first paint, before the
//! app has taken the page over, and cost the first load no wasm. Shift
//! counts when pressed and let go on its own, each press within a second
//! of the last; also while typing, as Shift alone types nothing, but not
//! when held for a capital letter. Then, at once:
//! 1. the page is covered (`data-leaving`, see the stylesheet);
//! 2. [`EXIT_EVENT`] is sent, at which the app saves what is not saved yet,
//!    and locks when a lock is set (`AppState::exit_now`), before the
//!    script goes on;
//! 3. the neutral page replaces this page's entry in the history
//!    (`location.replace`), so Back does not return to it. Should the
//!    browser bring this page back from its back-forward cache (Back to an
//!    earlier entry of the same visit), it reloads, so that entry's page is
//!    built afresh rather than shown as it was left.
//!
//! The neutral page (`public/notes/index.html`, "Notes") is a page of the
//! site: no word about the course, no script, nothing from elsewhere, and
//! precached with every other file of the build, so it opens offline too.
//! Without script, the link simply opens it.

/// The neutral page, relative to the site's `<base href>`.
pub const NEUTRAL_PAGE: &str = "notes/";

/// The class `index.html`'s script knows the link by.
pub const EXIT_CLASS: &str = "exit-page";

/// Sent on the window, synchronously, just before the page is left: the
/// app saves (and locks) in its listener, before the next page replaces
/// this one.
pub const EXIT_EVENT: &str = "attune:exit";

#[cfg(test)]
mod tests {
    use super::*;

    /// `index.html`'s script finds this link by its class, tells the app by
    /// this event, and leaves for this page, in place of this one.
    #[test]
    fn the_script_in_index_html_knows_the_link_the_event_and_the_page() {
        let html = include_str!("../../index.html");
        assert!(html.contains(&format!("closest(\".{EXIT_CLASS}\")")));
        assert!(html.contains(&format!("dispatchEvent(new Event(\"{EXIT_EVENT}\"))")));
        assert!(html.contains(&format!("location.replace(\"{NEUTRAL_PAGE}\")")));
        assert!(EXIT_EVENT.starts_with("attune:"), "our own event's name");
        // It saves before it leaves.
        let leave = &html[html.find("function leave()").unwrap()..];
        assert!(leave.find(EXIT_EVENT) < leave.find("location.replace"));
    }

    #[test]
    fn the_neutral_page_ships_and_says_nothing_of_the_course() {
        let page = std::fs::read_to_string(format!("public/{NEUTRAL_PAGE}index.html")).unwrap();
        assert!(page.contains("<title>Notes</title>"));
        let lower = page.to_lowercase();
        for word in [
            "attune", "relation", "course", "lesson", "partner", "<script",
        ] {
            assert!(!lower.contains(word), "{word}");
        }
        // Nothing from another origin.
        assert!(!lower.contains("//"), "an absolute URL");
    }
}
