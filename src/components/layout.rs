//! The frame around every page: header with navigation, and footer.

use crate::components::link::Link;
use crate::components::settings::DisplayControls;
use crate::components::shortcuts::ShortcutsHelp;
use crate::model::routes::{ABOUT_PATH, DATA_PATH, HOME_PATH, JOURNAL_PATH};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
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
