//! A lesson's texts, from its text file (see `codegen.rs`), checked
//! before use: the file must hash to the value this build expects and hold
//! exactly as many strings as the lesson refers to. So a stale, truncated or
//! foreign file is refused as a whole, and a reader never sees wrong text.

use super::{Lesson, TextId};
use attune_content::hash::fnv1a;

/// The loaded texts of one lesson. Kept for the rest of the visit (see
/// `components::lesson_text`), so it is `'static` and `Copy` and can go
/// into any view or closure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LessonText(&'static [String]);

impl LessonText {
    /// Keeps `texts` for the rest of the visit. Call once per lesson: the
    /// loader caches the result.
    pub fn keep(texts: Vec<String>) -> Self {
        Self(Box::leak(texts.into_boxed_slice()))
    }

    /// The text with this id. [`decode`] has checked the count, and the
    /// host tests that every id is in range, so the empty fallback is only
    /// a guard.
    pub fn get(self, id: TextId) -> &'static str {
        self.0.get(usize::from(id.0)).map_or("", String::as_str)
    }
}

/// Why a lesson's text is not available.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// No answer: offline, or the connection failed.
    Network,
    /// The server answered with this HTTP status.
    Status(u16),
    /// An answer that is not this build's text file.
    Damaged,
}

impl TextError {
    /// What happened, in words for the reader.
    pub fn message(self) -> String {
        match self {
            Self::Network => "It could not be fetched. You may be offline: lessons work offline once Attune has been opened online.".to_string(),
            Self::Status(404) => "The server no longer has it (404): Attune has probably been updated since this page was opened. Reloading the page gets the new version.".to_string(),
            Self::Status(code) => format!("The server answered with an error ({code}). Try again in a moment."),
            Self::Damaged => "The copy that arrived is damaged or belongs to another version of Attune. Reloading the page may help.".to_string(),
        }
    }

    /// Will asking again fail the same way? A file the server no longer has,
    /// or one from another build, means this page is older than the site:
    /// only a reload (the new version) helps.
    pub fn needs_reload(self) -> bool {
        matches!(self, Self::Status(404) | Self::Damaged)
    }
}

/// Checks a fetched text file against what `lesson` expects and returns its
/// strings.
pub fn decode(lesson: &Lesson, body: &str) -> Result<Vec<String>, TextError> {
    if fnv1a(body.as_bytes()) != lesson.text_hash {
        return Err(TextError::Damaged);
    }
    let texts: Vec<String> = crate::model::json::from_str(body).map_err(|_| TextError::Damaged)?;
    if texts.len() != lesson.text_count {
        return Err(TextError::Damaged);
    }
    Ok(texts)
}
