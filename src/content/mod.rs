//! Course content: static data generated from the lesson files (and the
//! helplines) at build time.

pub mod helplines;
pub mod text;
mod types;

pub use text::{LessonText, TextError};
pub use types::*;

include!(concat!(env!("OUT_DIR"), "/course.rs"));

/// Every lesson in reading order.
pub fn lessons() -> &'static [Lesson] {
    LESSONS
}

/// The course-level recap: scenario checks drawn from every lesson, shaped
/// like a lesson with checks only (no sections, not in [`lessons`]), so
/// `CheckCard` renders its checks and `lesson_text` loads its text file.
pub fn recap() -> &'static Lesson {
    &RECAP
}

/// The lesson with this slug, and its position in the course.
pub fn lesson_by_slug(slug: &str) -> Option<(usize, &'static Lesson)> {
    LESSONS.iter().enumerate().find(|(_, l)| l.slug == slug)
}

/// Finds the lesson that holds a check or reflection with this id.
pub fn lesson_of_activity(id: &str) -> Option<&'static Lesson> {
    LESSONS
        .iter()
        .find(|l| l.check(id).is_some() || l.reflection(id).is_some())
}

/// The source article's title, as published.
pub const ARTICLE_TITLE: &str = "Attunement in relationships: What is it and how do we achieve it?";
/// Credit for the source article: title, author and publication.
pub const ATTRIBUTION: &str = "Based on the article \u{201c}Attunement in relationships: What is it and how do we achieve it?\u{201d} by Gail Berry, Emotional and Relationship Coach, published on Life Coach Directory.";
