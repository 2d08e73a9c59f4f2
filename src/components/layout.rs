//! The frame around every page: header with navigation, and footer.

use crate::components::link::Link;
use crate::content::ATTRIBUTION;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
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
                        <Link href="/about">"About"</Link>
                    </li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                <strong>"Education, not therapy."</strong>
                " Attune teaches ideas; it cannot assess you or replace a qualified professional. If you are struggling, please reach out: see "
                <Link href="/about#help">"where to find help"</Link>
                "."
            </p>
            <p class="attribution">{ATTRIBUTION}</p>
            <p>"Everything you do here stays in this browser. Nothing is sent anywhere."</p>
        </footer>
    }
}
