//! The frame around every page: header with navigation, and footer.

use crate::components::link::Link;
use crate::components::quick_exit::{EXIT_CLASS, NEUTRAL_PAGE};
use crate::components::settings::DisplayControls;
use crate::components::shortcuts::ShortcutsHelp;
use crate::components::today::use_today;
use crate::model::first_screen::{id, review_suffix};
use crate::model::routes::{ABOUT_PATH, DATA_PATH, HOME_PATH, JOURNAL_PATH, REVIEW_PATH};
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    let today = use_today();
    // How many items are due today, once the clock has been read (and, on
    // the first screen, painted from the app's summary before that).
    let due = move || {
        let day = today.get().map(|now| now.day);
        state.progress.with(|p| review_suffix(p, day))
    };
    view! {
        <header class="site-header">
            <Link href=HOME_PATH class="brand">
                <span class="brand-mark" aria-hidden="true">
                    "◐"
                </span>
                " Attune"
            </Link>
            // On a phone the navigation and the display settings fold into
            // a menu, so the header stays one row; on a wider screen the
            // stylesheet shows them in the row and hides "Menu". The
            // browser's own popover: it works before the app has arrived,
            // closes with Esc or a tap elsewhere, and where a browser lacks
            // it, the menu simply stays in view.
            <button type="button" class="menu-button" popovertarget="site-menu">
                "Menu"
            </button>
            <div id="site-menu" class="site-menu" popover="">
                <nav aria-label="Main">
                    <ul>
                        <li>
                            <Link href=HOME_PATH>"Course"</Link>
                        </li>
                        <li>
                            <Link href=REVIEW_PATH>
                                "Review" <span id=id::REVIEW_DUE data-reader="">
                                    {due}
                                </span>
                            </Link>
                        </li>
                        <li>
                            <Link href=JOURNAL_PATH>"Journal"</Link>
                        </li>
                        <li>
                            <Link href=DATA_PATH>"Your data"</Link>
                        </li>
                        <li>
                            <Link href=ABOUT_PATH>"About"</Link>
                        </li>
                    </ul>
                </nav>
                <DisplayControls />
            </div>
            // "Exit this page" (`quick_exit.rs`): last in the row, at its
            // right end, where GOV.UK puts it; in the page flow, so it never
            // covers the page. `rel="external"`: the router leaves it to the
            // browser, and so to `index.html`.
            <a href=NEUTRAL_PAGE class=EXIT_CLASS rel="external">
                "Exit this page"
            </a>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                <strong>"Education, not therapy."</strong>
                " Attune teaches ideas; it cannot assess you or replace a qualified professional. If something here brings up something heavy, be gentle with yourself, and see "
                <Link href=format!("{ABOUT_PATH}#help")>"where to find help"</Link>
                "."
            </p>
            <p>
                "Based on an article by Gail Berry on Life Coach Directory. Everything you do here stays in this browser; nothing is sent anywhere."
            </p>
            <ShortcutsHelp />
        </footer>
    }
}
