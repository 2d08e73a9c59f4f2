//! About: the credit, what this course is and is not, privacy, and help.

use crate::components::focus::on_page_shown;
use crate::components::help_list::HelpSection;
use crate::components::link::Link;
use crate::content::ARTICLE_TITLE;
use crate::model::routes::{DATA_PATH, OTHER_PATTERNS_PATH, THERAPIST_PATH};
use leptos::prelude::*;

#[component]
pub fn About() -> impl IntoView {
    let heading = NodeRef::new();
    on_page_shown(super::meta::ABOUT, heading);
    view! {
        <div class="page prose">
            <h1 tabindex="-1" node_ref=heading>
                "About Attune"
            </h1>
            <h2>"The article behind the course"</h2>
            <p>
                "Attune teaches the ideas of the article "
                <cite>{format!("\u{201c}{ARTICLE_TITLE}\u{201d}")}</cite>
                " by Gail Berry, Emotional and Relationship Coach, published on Life Coach Directory. The ideas, and images such as the well and the tight shoes, are the article's. The lessons, questions, everyday scenarios and diagrams are our own."
            </p>
            <p>
                "Some explanations go beyond the article. Where they do, the lesson says so, with words such as \u{201c}Many counsellors would add\u{201d} or \u{201c}The course\u{2019}s own note\u{201d}."
            </p>
            <h2>"Education, not therapy"</h2>
            <p>
                "This course explains ideas about attachment and attunement. It cannot tell you what your attachment style is, and nothing in it is a diagnosis. If the lessons stir up something painful, that is understandable: go gently, take breaks, and think about talking it through with someone you trust or a qualified counsellor or therapist."
            </p>
            <HelpSection />
            <p>
                "For support over time, a doctor or a registered counsellor or therapist can help: see "
                <Link href=THERAPIST_PATH>"Finding a therapist"</Link>
                ". If neither pattern in the course fits you, see "
                <Link href=OTHER_PATTERNS_PATH>"When neither pattern fits"</Link> "."
            </p>
            <h2>"Your privacy"</h2>
            <p>
                "Everything you do here stays in this browser. Your answers, your reflections and your place in the course are saved in this browser's local storage and nowhere else. There is no account, no server that receives your data, no analytics and no advertising. Attune loads nothing from other websites."
            </p>
            <p>
                "Your browser enforces this: the page's security policy lets it load files only from this site and send nothing to any other, so not even a bug could leak your answers. Every release is tested for it. After your first visit, the browser keeps a copy of the course (never your answers), so it also works offline."
            </p>
            <p>
                "Anyone who uses this browser profile can see what is saved here, so on a shared computer, consider using a private window or clearing your data when you finish."
            </p>
            <p>
                "On GitHub Pages, Attune can share its web address with other sites of the same account. They can read what Attune saves, unless you lock it. A site there that acts against Attune could even catch your passphrase as you type it. Only an address of Attune's own, such as its own domain, closes that gap."
            </p>
            <p>
                "Discreet mode (under Display) and \u{201c}Exit this page\u{201d} help against a quick look at your screen. They cannot stop someone who watches it, a browser extension or a program that records what you type, or your browser\u{2019}s history."
            </p>
            <p>
                "What exactly is saved, what each of these protects and what not, backups, and deleting it all: see "
                <Link href=DATA_PATH>"Your data"</Link> "."
            </p>
        </div>
    }
}
