//! The course as a plain data tree: what the parser (`parse`) makes of the
//! lesson files, and what the checks (`validate`, `quality`) and the code
//! generator (`codegen`) read. Types only, so every pass can depend on it
//! and it on none of them.

use serde::Deserialize;

/// The whole course, in reading order, and the closing recap (read by
/// [`load_content`]; [`load_course`] reads the lessons alone).
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub lessons: Vec<Lesson>,
    pub recap: Option<Recap>,
}

/// The course-level recap: scenario questions drawn from every lesson, each
/// asking which of the course's ideas applies. Shipped like a lesson with
/// only checks (see `codegen`), so the app renders it with the same card.
#[derive(Debug, Clone, PartialEq)]
pub struct Recap {
    pub slug: String,
    pub title: String,
    pub minutes: u32,
    pub summary: String,
    pub checks: Vec<RecapCheck>,
}

/// A recap question and the lesson whose idea is its right answer.
#[derive(Debug, Clone, PartialEq)]
pub struct RecapCheck {
    /// The slug of the lesson the question is drawn from.
    pub lesson: String,
    pub check: Check,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub slug: String,
    pub title: String,
    pub minutes: u32,
    pub summary: String,
    pub key_ideas: Vec<KeyIdea>,
    pub sections: Vec<Section>,
    pub checks: Vec<Check>,
    pub reflections: Vec<Reflection>,
}

/// One of a lesson's key ideas: shown at the lesson's end and in the
/// workbook, and brought back in review by its `recall` question. Its id is
/// stable, like an activity's: the review schedule hangs on it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyIdea {
    /// `<lesson slug>.idea.<name>`.
    pub id: String,
    pub text: String,
    /// A question that asks the reader to bring the idea back to mind, e.g.
    /// "What do you remember about boundaries and closeness?"
    pub recall: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Figure {
        src: String,
        alt: String,
        caption: String,
    },
    /// A check or reflection placed here by `?[id]`.
    Activity(String),
    /// A note of care (`> ` lines): set apart on the page, with a link to
    /// where to find help.
    CareNote(Vec<Inline>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emphasis(String),
    Strong(String),
    /// `[text](/app/path/)`: a link to another page of the course (only app
    /// paths; `tests/content.rs` checks that each names a page).
    Link(String, String),
}

impl Inline {
    /// The words the reader sees.
    pub fn text(&self) -> &str {
        match self {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Strong(t) | Inline::Link(t, _) => t,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub id: String,
    pub kind: CheckKind,
    #[serde(default)]
    pub scenario: Option<String>,
    pub prompt: String,
    /// Help before the answer, each part optional and offered in this
    /// order: a nudge, one sentence pointing at the idea to use without
    /// giving the answer;
    #[serde(default)]
    pub nudge: Option<String>,
    /// another way, the idea told again with another everyday example;
    #[serde(default)]
    pub another_way: Option<String>,
    /// and where it is: the id of the section the check rests on (for a
    /// recap question, a section of its `lesson`), which the check links to.
    #[serde(default)]
    pub passage: Option<String>,
    /// Options in the order they are shown (see `quality` for the rule on
    /// where the right answer sits).
    #[serde(rename = "option", default)]
    pub options: Vec<CheckOption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    Single,
    Multiple,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckOption {
    pub id: String,
    pub text: String,
    pub correct: bool,
    #[serde(default)]
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    pub id: String,
    pub kind: ReflectionKind,
    pub prompt: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub low: Option<String>,
    #[serde(default)]
    pub high: Option<String>,
    pub response: String,
    #[serde(rename = "item", default)]
    pub items: Vec<ChecklistItem>,
    /// A guided practice: the steps to go through before writing, shown as
    /// a numbered list above the box. Only for `text` reflections.
    #[serde(default)]
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReflectionKind {
    Text,
    Scale,
    Checklist,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
}
