//! When neither pattern fits: the course's own page for readers who do not
//! see themselves in the anxious or the avoidant pattern, or who recognise
//! the fearful one, which the article names but does not explore. What the
//! article says of it, that mixed patterns are common, and where to read
//! more. It describes; it never tells a reader what they are. In the
//! `review` chunk (`pages::chunks`).

use crate::components::focus::on_page_shown;
use crate::components::help::CareNote;
use crate::components::link::Link;
use crate::content::lessons;
use crate::model::routes::{lesson_path, THERAPIST_PATH};
use leptos::prelude::*;

#[component]
pub fn OtherPatterns() -> impl IntoView {
    let heading = NodeRef::new();
    on_page_shown(super::meta::OTHER_PATTERNS, heading);
    // Lessons 3 to 6 describe the two patterns the course looks at.
    let patterns = lessons().get(2..6).unwrap_or_default();
    view! {
        <div class="page prose">
            <h1 tabindex="-1" node_ref=heading>
                "When neither pattern fits"
            </h1>
            <p class="own-note">
                "This page is the course\u{2019}s own, not part of the article. It is not a test, and it does not put a name on anyone. Only you can say what fits your life."
            </p>
            <h2>"What the article says"</h2>
            <p>
                "The article names three insecure ways of relating: anxious, fearful and avoidant. It looks closely at two of them, the anxious and the avoidant, and so does this course. The fearful way is named but not explored. The author points readers to her other articles for more."
            </p>
            <h2>"Mixed patterns are common"</h2>
            <p>
                "Many people do not fit one pattern. Some reach out with one person and pull back with another. Some want to be close and feel afraid of it at the same time. Some notice different moves at different times in their life."
            </p>
            <p>
                "Many counsellors would add that these patterns are ways of coping, not fixed types. They can shift, slowly, in relationships that feel safe."
            </p>
            <h2>"If closeness itself felt unsafe"</h2>
            <CareNote>
                "Sometimes the people who should keep a child safe are the same people who frighten or hurt them. A child in that home may want comfort and fear it at once. If that was your childhood, it was not your fault, and support exists."
            </CareNote>
            <h2>"Where to read more"</h2>
            <ul>
                <li>
                    "The article\u{2019}s author has written other articles about these patterns, which the article points to."
                </li>
                <li>
                    "A counsellor or therapist can help you look at your own way of relating, gently and at your own pace. See "
                    <Link href=THERAPIST_PATH>"Finding a therapist"</Link> "."
                </li>
                <li>
                    "The lessons on the anxious and avoidant patterns: "
                    {patterns
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let joint = if i == 0 { "" } else { ", " };
                            view! {
                                {joint}
                                <Link href=lesson_path(l.slug)>{l.title}</Link>
                            }
                        })
                        .collect_view()} "."
                </li>
            </ul>
        </div>
    }
}
