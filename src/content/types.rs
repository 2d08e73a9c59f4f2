//! The course as the app sees it: plain static data generated at build time
//! from `src/content/lessons/` (see `build.rs`). Nothing here parses.
//!
//! The texts of a lesson are not here but in the lesson's text file,
//! fetched by the pages that show them (see `text.rs` and
//! `components::lesson_text`); the data refers to them by [`TextId`]. Only
//! what the home page and the header show without fetching stays: slug,
//! title, minutes and summary. Ids (of sections, checks, options,
//! reflections and checklist items) and right answers stay too, so
//! grading, progress and validation never wait for a file.

/// The index of a string in its lesson's text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextId(pub u16);

#[derive(Debug, PartialEq)]
pub struct Lesson {
    pub slug: &'static str,
    pub title: &'static str,
    pub minutes: u32,
    pub summary: &'static str,
    /// The lesson's text file, `text/<slug>-<hash>.json`, under the site root.
    pub text_file: &'static str,
    /// FNV-1a of that file's bytes, so a stale or damaged copy is refused.
    pub text_hash: u64,
    /// How many strings the file holds.
    pub text_count: usize,
    pub key_ideas: &'static [KeyIdea],
    pub sections: &'static [Section],
    pub checks: &'static [Check],
    pub reflections: &'static [Reflection],
}

/// A key idea of the lesson: shown at its end, and brought back in review
/// by its recall question. The id is stable (`<slug>.idea.<name>`).
#[derive(Debug, PartialEq)]
pub struct KeyIdea {
    pub id: &'static str,
    pub text: TextId,
    pub recall: TextId,
}

#[derive(Debug, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub heading: TextId,
    pub blocks: &'static [Block],
}

#[derive(Debug, PartialEq)]
pub enum Block {
    Paragraph(&'static [Inline]),
    List(&'static [&'static [Inline]]),
    Figure {
        src: &'static str,
        alt: TextId,
        /// May be the empty string: then the figure has no caption.
        caption: TextId,
        /// From the SVG's viewBox, so the page reserves the right space.
        width: u32,
        height: u32,
    },
    /// Index into the lesson's `checks`.
    Check(usize),
    /// Index into the lesson's `reflections`.
    Reflection(usize),
    /// A note of care, set apart, with a link to where to find help.
    CareNote(&'static [Inline]),
}

#[derive(Debug, PartialEq)]
pub enum Inline {
    Text(TextId),
    Emphasis(TextId),
    Strong(TextId),
    /// A link to another page of the course, by app path.
    Link(TextId, &'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    Single,
    Multiple,
}

#[derive(Debug, PartialEq)]
pub struct Check {
    pub id: &'static str,
    pub kind: CheckKind,
    /// Present for scenario questions: the situation the question applies to.
    pub scenario: Option<TextId>,
    pub prompt: TextId,
    /// In the order they are shown.
    pub options: &'static [CheckOption],
    pub help: CheckHelp,
}

/// Help a reader can open before answering. Each part is optional, and
/// offered in this order.
#[derive(Debug, PartialEq)]
pub struct CheckHelp {
    /// One sentence pointing at the idea to use, without the answer.
    pub nudge: Option<TextId>,
    /// The idea told again with another everyday example.
    pub another_way: Option<TextId>,
    /// The section of the lesson the check rests on.
    pub passage: Option<Passage>,
}

impl CheckHelp {
    /// No help at all.
    pub const NONE: CheckHelp = CheckHelp {
        nudge: None,
        another_way: None,
        passage: None,
    };

    pub fn is_empty(&self) -> bool {
        self.nudge.is_none() && self.another_way.is_none() && self.passage.is_none()
    }
}

/// A section of a lesson: a check's "where it is".
#[derive(Debug, PartialEq)]
pub struct Passage {
    /// The lesson's slug (a recap question's passage is in the lesson it
    /// draws on).
    pub lesson: &'static str,
    /// The section's id.
    pub section: &'static str,
}

#[derive(Debug, PartialEq)]
pub struct CheckOption {
    pub id: &'static str,
    pub text: TextId,
    pub correct: bool,
    pub explanation: TextId,
}

#[derive(Debug, PartialEq)]
pub struct Reflection {
    pub id: &'static str,
    pub prompt: TextId,
    pub response: TextId,
    pub kind: ReflectionKind,
}

#[derive(Debug, PartialEq)]
pub enum ReflectionKind {
    /// Free text. With `steps`, a guided practice: the steps are shown as
    /// a numbered list before the box.
    Text {
        hint: Option<TextId>,
        steps: &'static [TextId],
    },
    Scale {
        low: TextId,
        high: TextId,
    },
    Checklist {
        items: &'static [ChecklistItem],
    },
}

#[derive(Debug, PartialEq)]
pub struct ChecklistItem {
    pub id: &'static str,
    pub text: TextId,
}

impl Lesson {
    /// Number of questions with a right answer (knowledge checks and scenarios).
    pub fn check_count(&self) -> usize {
        self.checks.len()
    }

    pub fn check(&self, id: &str) -> Option<&'static Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    pub fn reflection(&self, id: &str) -> Option<&'static Reflection> {
        self.reflections.iter().find(|r| r.id == id)
    }
}
