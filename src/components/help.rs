//! Where to find help, written once: the list of services (About), the
//! short pointer to it (Your data), and the frame of the notes of care
//! that the lessons on anxious and avoidant patterns set apart.
//!
//! Every number is a `tel:` or `sms:` link, so a phone dials or texts it
//! from a tap. Checked in November 2026 against these pages (the service's
//! own where one was found; check again before changing a number):
//! - National Domestic Abuse Helpline 0808 2000 247: refuge.org.uk (Refuge
//!   runs it), refuge.org.uk/category/news/ and refuge.org.uk/news/refuge-
//!   response-to-home-secretary-announcement-of-support-for-domestic-abuse-
//!   victims; also gov.uk/government/news/refuge-awarded-grant-to-operate-
//!   domestic-abuse-helpline.
//! - Shout, text 85258: giveusashout.org/faqs/ and giveusashout.org/about-
//!   us/faq/.
//! - NHS 111: 111.nhs.uk/guided-entry/how-it-works (England) and
//!   nhs24.scot/111/ (Scotland); Wales from the Welsh Government's release
//!   on its 111 service (wired-gov.net), not the service's own page.
//! - 112 across the EU: ec.europa.eu/information_society/activities/112/
//!   actions/index_en.htm.
//! - 988 and 1-800-799-7233: NOT confirmed from the services' own pages
//!   (988lifeline.org, thehotline.org: not among the pages searched). 988
//!   from US public bodies (cdcr.ca.gov, health.wyo.gov, hcfl.gov);
//!   1-800-799-7233 from Wikipedia's article on the Hotline and others.

use crate::components::link::Link;
use leptos::prelude::*;

/// Said wherever the course reads a partner's limits or quiet kindly: that
/// is not the same as being controlled, threatened, frightened or punished
/// with silence.
pub const NOT_AN_ATTACHMENT_STYLE: &str = "A partner\u{2019}s limits or quiet are different from control, threats, fear or being punished with silence. Those are not attachment styles to understand or work around. If that is happening to you, it is not your fault, and help is available.";

/// The app path of the help list.
pub const HELP_PATH: &str = "/about#help";

/// A piece of a line of the help list. The list is data rendered by one
/// loop, so its view code is compiled once rather than once per line.
enum Part {
    Text(&'static str),
    Bold(&'static str),
    /// A `tel:` or `sms:` address and the number as shown.
    Link(&'static str, &'static str),
}

use Part::{Bold, Link as Dial, Text};

/// The services, one line each.
const SERVICES: &[&[Part]] = &[
    &[
        Bold("If you are in danger or might hurt yourself, "),
        Text("call your local emergency number now: "),
        Dial("tel:999", "999"),
        Text(" or "),
        Dial("tel:112", "112"),
        Text(" in the UK, "),
        Dial("tel:911", "911"),
        Text(" in the US and Canada. "),
        Dial("tel:112", "112"),
        Text(" works in every country of the European Union, free."),
    ],
    &[
        Text("UK and Ireland: Samaritans listen any time, day or night. Call "),
        Dial("tel:116123", "116 123"),
        Text(" (free)."),
    ],
    &[
        Text("UK: if you would rather text, Shout is there 24 hours a day. Text SHOUT to "),
        Dial("sms:85258", "85258"),
        Text(" (free)."),
    ],
    &[
        Text("UK: the National Domestic Abuse Helpline, run by Refuge, on "),
        Dial("tel:08082000247", "0808 2000 247"),
        Text(" (free, 24 hours)."),
    ],
    &[
        Text("England, Scotland and Wales: NHS 111, for urgent help with your health, including your mental health, when it is not an emergency. Call "),
        Dial("tel:111", "111"),
        Text(" (free)."),
    ],
    &[
        Text("US: the 988 Suicide and Crisis Lifeline. Call "),
        Dial("tel:988", "988"),
        Text(" or text "),
        Dial("sms:988", "988"),
        Text(" (free, 24 hours)."),
    ],
    &[
        Text("US: the National Domestic Violence Hotline on "),
        Dial("tel:+18007997233", "1-800-799-7233"),
        Text(" (free, 24 hours)."),
    ],
    &[
        Text("In other countries, "),
        Bold("findahelpline.com"),
        Text(" lists free, confidential helplines near you."),
    ],
    &[Text(
        "For ongoing support, a GP or a registered counsellor or therapist can help.",
    )],
];

fn part(p: &'static Part) -> AnyView {
    match p {
        Text(t) => t.into_any(),
        Bold(t) => view! { <strong>{*t}</strong> }.into_any(),
        Dial(href, shown) => view! {
            <a href=*href>
                <strong>{*shown}</strong>
            </a>
        }
        .into_any(),
    }
}

/// The help section of About: the heading `#help` that every pointer to
/// help links to, the note of care, and the services.
#[component]
pub fn HelpSection() -> impl IntoView {
    view! {
        <h2 id="help">"Where to find help"</h2>
        <p>{NOT_AN_ATTACHMENT_STYLE}</p>
        <ul class="help-list">
            {SERVICES
                .iter()
                .map(|line| view! { <li>{line.iter().map(part).collect_view()}</li> })
                .collect_view()}
        </ul>
    }
}

/// A short pointer to the help list, for pages other than About.
#[component]
pub fn HelpPointer() -> impl IntoView {
    view! {
        <h2>"If you need support"</h2>
        <p>{NOT_AN_ATTACHMENT_STYLE} " " <Link href=HELP_PATH>"Where to find help"</Link> "."</p>
    }
}

/// A lesson's note of care: its own words, set apart, then the way to help.
#[component]
pub fn CareNote(children: Children) -> impl IntoView {
    view! {
        <aside class="care-note" aria-label="A note of care">
            <p class="care-note-title">"A note of care"</p>
            <p>{children()} " " <Link href=HELP_PATH>"Where to find help"</Link> "."</p>
        </aside>
    }
}
