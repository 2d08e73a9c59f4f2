//! The frame around every page: header with navigation, and footer.

use crate::components::link::Link;
use crate::components::settings::DisplayControls;
use crate::components::shortcuts::ShortcutsHelp;
use crate::components::today::use_today;
use crate::model::review::due_count;
use crate::model::routes::REVIEW_PATH;
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let state = use_app_state();
    let today = use_today();
    // How many items are due today, once the clock has been read.
    let due = move || {
        let day = today.get()?.day;
        let n = state.progress.with(|p| due_count(p, day));
        (n > 0).then(|| format!(" ({n})"))
    };
    view! {
        <header class="site-header">
            <Link href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">
                    "◐"
                </span>
                " Attune"
            </Link>
            <nav aria-label="Main">
                <ul>
                    <li>
                        <Link href="/">"Course"</Link>
                    </li>
                    <li>
                        <Link href=REVIEW_PATH>"Review" {due}</Link>
                    </li>
                    <li>
                        <Link href="/journal">"Journal"</Link>
                    </li>
                    <li>
                        <Link href="/data">"Your data"</Link>
                    </li>
                    <li>
                        <Link href="/about">"About"</Link>
                    </li>
                </ul>
            </nav>
            <DisplayControls />
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
                <Link href="/about#help">"where to find help"</Link>
                "."
            </p>
            <p>
                "Based on an article by Gail Berry on Life Coach Directory. Everything you do here stays in this browser; nothing is sent anywhere."
            </p>
            <ShortcutsHelp />
        </footer>
    }
}
