//! Finding a therapist: the course's own guide, since the article says the
//! work of change is mostly done with one. Where to start (in the UK: a GP,
//! NHS Talking Therapies in England, the BACP and UKCP registers; checked
//! on 6 December 2026, see the README), and what to ask at a first call.
//! In the `review` chunk (`pages::chunks`).

use crate::components::focus::on_page_shown;
use crate::components::help::HELP_PATH;
use crate::components::link::Link;
use crate::model::routes::OTHER_PATTERNS_PATH;
use leptos::prelude::*;

/// Questions a reader may ask at a first call, in the order a call tends
/// to go.
pub const FIRST_CALL: [&str; 6] = [
    "Are you registered or accredited, and with which body?",
    "Have you worked with people who have worries like mine, about closeness or about how I grew up?",
    "How do you work, and what happens in a first session?",
    "How long is a session, how often would we meet, and what does it cost?",
    "What happens if I need to cancel, or want to stop?",
    "What do you keep private, and when would you have to share something?",
];

#[component]
pub fn FindingATherapist() -> impl IntoView {
    let heading = NodeRef::new();
    on_page_shown(super::meta::THERAPIST, heading);
    view! {
        <div class="page prose">
            <h1 tabindex="-1" node_ref=heading>
                "Finding a therapist"
            </h1>
            <p class="own-note">
                "This page is the course\u{2019}s own guide, not part of the article. The article says that changing how we relate is mostly done with a therapist, so here is how you might start looking."
            </p>
            <h2>"Where to start"</h2>
            <p>
                "Your doctor is a good first step almost anywhere. They can talk with you about what might help, and often refer you to a service near you."
            </p>
            <h3>"In the UK"</h3>
            <ul>
                <li>"Your GP can refer you to NHS mental health services, which are free."</li>
                <li>
                    "In England, you can also refer yourself to NHS Talking Therapies without seeing a GP first. The NHS website helps you find your local service."
                </li>
                <li>
                    "For a private therapist, look for one on the BACP Register or the UKCP register. The Professional Standards Authority checks both registers. Everyone on them agrees to a code of ethics, and you can complain if something goes wrong."
                </li>
            </ul>
            <h3>"Anywhere else"</h3>
            <p>
                "Ask your doctor, or look for a therapist who belongs to a professional body in your country. A good body keeps a public list of its members, sets rules for how they work, and has a way for you to complain."
            </p>
            <h2>"What to ask at a first call"</h2>
            <p>
                "Many therapists offer a short first call. It is fine to ask questions, and fine to talk to more than one person before you choose. You might ask:"
            </p>
            <ul>{FIRST_CALL.iter().map(|q| view! { <li>{*q}</li> }).collect_view()}</ul>
            <h2>"After the first talk"</h2>
            <p>
                "Notice how you felt with them. Did you feel listened to, and safe? That matters more than any method. If it did not feel right, it is fine to try someone else."
            </p>
            <p>
                "If neither pattern in this course fits you, that is worth saying at a first call too. See "
                <Link href=OTHER_PATTERNS_PATH>"When neither pattern fits"</Link> "."
            </p>
            <p>
                "If you need help now rather than later, see "
                <Link href=HELP_PATH>"Where to find help"</Link> "."
            </p>
        </div>
    }
}
