//! Renders lesson prose from the content tree. Content is our own static
//! text, rendered as text nodes (never as HTML).

use crate::content::{Block, Inline};
use leptos::prelude::*;

pub fn inlines(parts: &'static [Inline]) -> impl IntoView {
    parts
        .iter()
        .map(|part| match part {
            Inline::Text(t) => view! { {*t} }.into_any(),
            Inline::Emphasis(t) => view! { <em>{*t}</em> }.into_any(),
            Inline::Strong(t) => view! { <strong>{*t}</strong> }.into_any(),
        })
        .collect_view()
}

/// A prose block; activities are rendered by the lesson page, not here.
pub fn prose_block(block: &'static Block) -> Option<AnyView> {
    Some(match block {
        Block::Paragraph(parts) => view! { <p>{inlines(parts)}</p> }.into_any(),
        Block::List(items) => view! { <ul>{items.iter().map(|item| view! { <li>{inlines(item)}</li> }).collect_view()}</ul> }
        .into_any(),
        Block::Figure {
            src,
            alt,
            caption,
            width,
            height,
        } => view! {
            <figure>
                <img
                    src=*src
                    alt=*alt
                    loading="lazy"
                    decoding="async"
                    width=*width
                    height=*height
                />
                {(!caption.is_empty()).then(|| view! { <figcaption>{*caption}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Check(_) | Block::Reflection(_) => return None,
    })
}
