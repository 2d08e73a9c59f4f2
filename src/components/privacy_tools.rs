//! What Attune's privacy tools protect against, and what they do not, in
//! plain words: on the Your data page (and in brief on About). Fixed text;
//! its reading grade is checked with the lessons' (`tests/content.rs`).

use leptos::prelude::*;

#[component]
pub fn PrivacyTools() -> impl IntoView {
    view! {
        <h2 id="shared-device">"On a shared device"</h2>
        <p>
            "If someone else uses this device or lives with you, these tools can help. Each one helps with some things and not with others, so here is what each does."
        </p>
        <h3>"Discreet mode"</h3>
        <p>
            "Turn it on under Display. The tab is then called \u{201c}Notes\u{201d} and has a plain icon, on every page, and the pages you open are listed as \u{201c}Notes\u{201d} in your browser\u{2019}s history. On or off, the home page never shows your answers or reflections, only how far you are."
        </p>
        <p>
            "While you are in another tab or app, the page is hidden, so a preview of your open apps does not show it. Some phones take that preview before the page can hide, so it may still show there."
        </p>
        <p>
            "It does not hide Attune from someone who opens the tab, or who watches your screen while you read. The address bar and your history still show this site\u{2019}s address. An installed Attune app keeps its own name and icon."
        </p>
        <h3>"Exit this page"</h3>
        <p>
            "The button at the top of every page, or Shift pressed three times, saves what you wrote and swaps the page for a plain page called \u{201c}Notes\u{201d}. If you locked your answers, it locks them first, in every tab. Back does not return to the page you left."
        </p>
        <p>
            "It cannot remove the pages you opened before that one: Back can still reach them. Your browser\u{2019}s history still lists this site. A private window keeps no history once you close it, but it also forgets your answers, so make a backup before you close it."
        </p>
        <h3>"Backups with a passphrase"</h3>
        <p>
            "A backup protected with a passphrase can only be opened by someone who knows it. That keeps your words safe in a file that leaves this browser: in an email, a shared folder or on a USB stick. To protect what is saved in this browser, use the lock above."
        </p>
        <h3>"What none of them can stop"</h3>
        <ul>
            <li>"Someone who watches your screen while Attune is open."</li>
            <li>
                "A preview of your open apps taken before the page could hide, and your browser\u{2019}s history, which shows that you visited this site."
            </li>
            <li>"A browser extension, or a program that records what you type (a keylogger)."</li>
            <li>"Someone who knows or guesses your passphrase."</li>
        </ul>
    }
}
