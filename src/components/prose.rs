//! Renders lesson prose from the content tree and the lesson's loaded text.
//! Content is our own text, rendered as text nodes (never as HTML).

use crate::components::help::CareNote;
use crate::components::link::Link;
use crate::content::{Block, Inline, Lesson, LessonText};
use leptos::prelude::*;

pub fn inlines(parts: &'static [Inline], text: LessonText) -> impl IntoView {
    parts
        .iter()
        .map(move |part| match part {
            Inline::Text(t) => view! { {text.get(*t)} }.into_any(),
            Inline::Emphasis(t) => view! { <em>{text.get(*t)}</em> }.into_any(),
            Inline::Strong(t) => view! { <strong>{text.get(*t)}</strong> }.into_any(),
            Inline::Link(t, href) => view! { <Link href=*href>{text.get(*t)}</Link> }.into_any(),
        })
        .collect_view()
}

/// A prose block; activities are rendered by the lesson page, not here.
pub fn prose_block(block: &'static Block, text: LessonText) -> Option<AnyView> {
    Some(match block {
        Block::Paragraph(parts) => view! { <p>{inlines(parts, text)}</p> }.into_any(),
        Block::List(items) => view! {
            <ul>
                {items.iter().map(|item| view! { <li>{inlines(item, text)}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Block::Figure {
            src,
            alt,
            caption,
            width,
            height,
        } => {
            let caption = text.get(*caption);
            view! {
                <figure>
                    <img
                        src=*src
                        alt=text.get(*alt)
                        loading="lazy"
                        decoding="async"
                        width=*width
                        height=*height
                    />
                    {(!caption.is_empty()).then(|| view! { <figcaption>{caption}</figcaption> })}
                </figure>
            }
            .into_any()
        }
        Block::CareNote(parts) => view! { <CareNote>{inlines(parts, text)}</CareNote> }.into_any(),
        Block::Check(_) | Block::Reflection(_) => return None,
    })
}

/// A lesson's key ideas, as a list.
pub fn key_ideas(lesson: &'static Lesson, text: LessonText) -> impl IntoView {
    view! {
        <ul class="key-ideas">
            {lesson.key_ideas.iter().map(|k| view! { <li>{text.get(k.text)}</li> }).collect_view()}
        </ul>
    }
}
