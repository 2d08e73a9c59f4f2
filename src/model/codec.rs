//! The stored form of the reader's progress, and reading it back.
//!
//! Stored data is untrusted: another version of the app, another site on the
//! same origin, or a half-written value may have put anything there. Reading
//! never panics; it says what is wrong (naming the field) so the caller can
//! keep the raw bytes and tell the reader, instead of overwriting what it
//! cannot read.
//!
//! Decoding is typed, straight from the text (see [`super::json`]), and an
//! error names the place it was found, e.g. `progress.answers["q1"]`.

use super::json;
use super::progress::Progress;
use super::validate::{check_progress, BadId};
use serde::{Deserialize, Serialize};

/// The schema this build writes. Bump it with a migration in [`decode`]
/// and a fixture in `tests/fixtures/` whenever the stored shape changes.
///
/// - 1: answers, reflections, positions, finished lessons, last lesson.
/// - 2: adds the review schedule (`review`), follow-ups to reflections and
///   the days they came back (`follow_ups`, `revisited`), and "Where I
///   stand" snapshots (`takes`). Format 1 reads as format 2 with the items
///   of every finished lesson put in the schedule, due at once.
/// - 3: adds to each answer the help opened before the first try
///   (`help`). Formats 1 and 2 read as format 3 with no help used.
pub const SCHEMA_VERSION: u64 = 3;

/// Larger values are refused unread (localStorage holds about 5 MB anyway).
pub const MAX_STORED_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    TooLarge(usize),
    NotJson(String),
    /// Valid JSON of the wrong shape; `field` names where, e.g. `progress.answers`.
    WrongShape {
        field: String,
        message: String,
    },
    /// Written by a newer Attune: we must not touch it.
    NewerSchema(u64),
    /// A value that cannot be one of our ids (see `validate`): not ours, or
    /// damaged.
    BadId(BadId),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge(n) => write!(f, "the saved data is too large ({n} bytes)"),
            Self::NotJson(e) => write!(f, "the saved data is not readable JSON ({e})"),
            Self::WrongShape { field, message } => {
                write!(f, "the saved data has an unexpected `{field}` ({message})")
            }
            Self::BadId(BadId { field, id }) => write!(
                f,
                "the saved data has `{id}` in `{field}`, which cannot be one of Attune's names"
            ),
            Self::NewerSchema(v) => write!(
                f,
                "the saved data comes from a newer version of Attune (format {v}, this page reads up to {SCHEMA_VERSION})"
            ),
        }
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    schema: u64,
    progress: &'a Progress,
}

/// The first look: only the version, everything else skipped unread.
#[derive(Deserialize)]
struct SchemaOnly {
    schema: u64,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    #[serde(default)]
    progress: Progress,
}

/// The stored text for `progress`, tagged with the schema version. An
/// error (a number too large to write) must stop the save: writing anything
/// else in its place would replace the reader's data.
pub fn encode(progress: &Progress) -> Result<String, json::Error> {
    let envelope = EnvelopeOut {
        schema: SCHEMA_VERSION,
        progress,
    };
    json::to_string(&envelope)
}

/// What [`decode`] found: the progress, and whether it was migrated from an
/// older schema (and so should be written back once).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub progress: Progress,
    pub migrated_from: Option<u64>,
}

/// Reads stored text back into progress, migrating older formats (a
/// fixture of each is in `tests/fixtures/`). A new format adds an arm
/// here that reads the old shape and converts it, and a fixture.
pub fn decode(raw: &str) -> Result<Decoded, DecodeError> {
    if raw.len() > MAX_STORED_BYTES {
        return Err(DecodeError::TooLarge(raw.len()));
    }
    // serde would read a struct from an array too; stored data is an object.
    let first = raw.trim_start().as_bytes().first().copied();
    if first != Some(b'{') && json::from_str::<serde::de::IgnoredAny>(raw).is_ok() {
        return Err(DecodeError::WrongShape {
            field: "(top level)".into(),
            message: "expected an object".into(),
        });
    }
    let version = json::from_str::<SchemaOnly>(raw).map_err(located)?.schema;
    let decoded = match version {
        SCHEMA_VERSION => Decoded {
            progress: json::from_str::<EnvelopeIn>(raw).map_err(located)?.progress,
            migrated_from: None,
        },
        1 => Decoded {
            progress: from_v2(from_v1(
                json::from_str::<EnvelopeIn>(raw).map_err(located)?.progress,
            )?)?,
            migrated_from: Some(1),
        },
        2 => Decoded {
            progress: from_v2(json::from_str::<EnvelopeIn>(raw).map_err(located)?.progress)?,
            migrated_from: Some(2),
        },
        v if v > SCHEMA_VERSION => return Err(DecodeError::NewerSchema(v)),
        _ => {
            return Err(DecodeError::WrongShape {
                field: "schema".into(),
                message: "no such version".into(),
            })
        }
    };
    check_progress(&decoded.progress).map_err(DecodeError::BadId)?;
    Ok(decoded)
}

/// Format 1 to 2. Format 1 has none of format 2's fields: one that holds
/// them is not what it says. The lessons finished before review existed
/// enter the schedule due at once (day 0), oldest first with the daily cap
/// like everything else.
pub fn from_v1(mut progress: Progress) -> Result<Progress, DecodeError> {
    let extra = [
        ("progress.review", progress.review.is_empty()),
        ("progress.follow_ups", progress.follow_ups.is_empty()),
        ("progress.revisited", progress.revisited.is_empty()),
        ("progress.takes", progress.takes.is_empty()),
    ];
    if let Some((field, _)) = extra.iter().find(|(_, empty)| !empty) {
        return Err(DecodeError::WrongShape {
            field: (*field).into(),
            message: "not part of format 1".into(),
        });
    }
    for lesson in crate::content::lessons() {
        if progress.is_complete(lesson.slug) {
            progress.enrol(lesson, 0);
        }
    }
    Ok(progress)
}

/// Format 2 to 3. Format 2 kept no help: an answer that holds some is not
/// what it says. Nothing else changes.
pub fn from_v2(progress: Progress) -> Result<Progress, DecodeError> {
    if progress.answers.iter().any(|(_, a)| !a.help.is_empty()) {
        return Err(DecodeError::WrongShape {
            field: "progress.answers.help".into(),
            message: "not part of formats 1 and 2".into(),
        });
    }
    Ok(progress)
}

fn located(e: json::Error) -> DecodeError {
    if e.is_syntax() {
        return DecodeError::NotJson(e.to_string());
    }
    DecodeError::WrongShape {
        field: e.path(),
        message: e.what().to_string(),
    }
}
