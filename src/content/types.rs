//! The course as the app sees it: plain static data generated at build time
//! from `src/content/lessons/` (see `build.rs`). Nothing here parses.

#[derive(Debug, PartialEq)]
pub struct Lesson {
    pub slug: &'static str,
    pub title: &'static str,
    pub minutes: u32,
    pub summary: &'static str,
    pub key_ideas: &'static [&'static str],
    pub sections: &'static [Section],
    pub checks: &'static [Check],
    pub reflections: &'static [Reflection],
}

#[derive(Debug, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub heading: &'static str,
    pub blocks: &'static [Block],
}

#[derive(Debug, PartialEq)]
pub enum Block {
    Paragraph(&'static [Inline]),
    List(&'static [&'static [Inline]]),
    Figure {
        src: &'static str,
        alt: &'static str,
        caption: &'static str,
        /// From the SVG's viewBox, so the page reserves the right space.
        width: u32,
        height: u32,
    },
    /// Index into the lesson's `checks`.
    Check(usize),
    /// Index into the lesson's `reflections`.
    Reflection(usize),
}

#[derive(Debug, PartialEq)]
pub enum Inline {
    Text(&'static str),
    Emphasis(&'static str),
    Strong(&'static str),
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
    pub scenario: Option<&'static str>,
    pub prompt: &'static str,
    pub options: &'static [CheckOption],
}

#[derive(Debug, PartialEq)]
pub struct CheckOption {
    pub id: &'static str,
    pub text: &'static str,
    pub correct: bool,
    pub explanation: &'static str,
}

#[derive(Debug, PartialEq)]
pub struct Reflection {
    pub id: &'static str,
    pub prompt: &'static str,
    pub response: &'static str,
    pub kind: ReflectionKind,
}

#[derive(Debug, PartialEq)]
pub enum ReflectionKind {
    Text {
        hint: Option<&'static str>,
    },
    Scale {
        low: &'static str,
        high: &'static str,
    },
    Checklist {
        items: &'static [ChecklistItem],
    },
}

#[derive(Debug, PartialEq)]
pub struct ChecklistItem {
    pub id: &'static str,
    pub text: &'static str,
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
