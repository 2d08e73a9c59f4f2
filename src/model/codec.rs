//! The stored form of the reader's progress, and reading it back.
//!
//! Stored data is untrusted: another version of the app, another site on the
//! same origin, or a half-written value may have put anything there. Reading
//! never panics; it says what is wrong so the caller can keep the raw bytes
//! and tell the reader, instead of overwriting what it cannot read.

use super::progress::Progress;
use serde::Serialize;
use serde_json::{Map, Value};

/// The schema this build writes. Bump it with a migration in [`migrate`]
/// and a fixture in `tests/fixtures/` whenever the stored shape changes.
pub const SCHEMA_VERSION: u64 = 1;

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
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge(n) => write!(f, "the saved data is too large ({n} bytes)"),
            Self::NotJson(e) => write!(f, "the saved data is not readable JSON ({e})"),
            Self::WrongShape { field, message } => {
                write!(f, "the saved data has an unexpected `{field}` ({message})")
            }
            Self::NewerSchema(v) => write!(
                f,
                "the saved data comes from a newer version of Attune (format {v}, this page reads up to {SCHEMA_VERSION})"
            ),
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    schema: u64,
    progress: &'a Progress,
}

/// The stored text for `progress`, tagged with the schema version.
pub fn encode(progress: &Progress) -> String {
    let envelope = Envelope {
        schema: SCHEMA_VERSION,
        progress,
    };
    // Serialising plain maps, strings and numbers cannot fail; fall back to
    // an empty-but-valid document rather than panic if it ever did.
    serde_json::to_string(&envelope).unwrap_or_else(|_| format!("{{\"schema\":{SCHEMA_VERSION}}}"))
}

/// What [`decode`] found: the progress, and whether it was migrated from an
/// older schema (and so should be written back once).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub progress: Progress,
    pub migrated_from: Option<u64>,
}

/// Reads stored text back into progress, migrating older schemas.
pub fn decode(raw: &str) -> Result<Decoded, DecodeError> {
    if raw.len() > MAX_STORED_BYTES {
        return Err(DecodeError::TooLarge(raw.len()));
    }
    let value: Value =
        serde_json::from_str(raw).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    decode_value(value)
}

/// As [`decode`], for a JSON value already parsed (e.g. from a backup file).
pub fn decode_value(value: Value) -> Result<Decoded, DecodeError> {
    let Value::Object(mut envelope) = value else {
        return Err(shape("(top level)", "expected an object"));
    };
    let version = match envelope.get("schema") {
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| shape("schema", "expected a whole number"))?,
        Some(_) => return Err(shape("schema", "expected a whole number")),
        None => return Err(shape("schema", "missing")),
    };
    if version > SCHEMA_VERSION {
        return Err(DecodeError::NewerSchema(version));
    }
    if version == 0 {
        return Err(shape("schema", "no such version"));
    }
    let progress = envelope
        .remove("progress")
        .unwrap_or(Value::Object(Map::new()));
    let progress = migrate(progress, version)?;
    Ok(Decoded {
        progress: progress_from_value(progress)?,
        migrated_from: (version < SCHEMA_VERSION).then_some(version),
    })
}

/// Brings a `progress` value from `from` up to [`SCHEMA_VERSION`], one step
/// at a time. Version 1 is the first released schema, so there are no steps
/// yet; each future version adds an arm `n => step_n_to_n1(value)`.
fn migrate(value: Value, from: u64) -> Result<Value, DecodeError> {
    match from {
        SCHEMA_VERSION => Ok(value),
        // A future schema 2 adds: `1 => migrate(v1_to_v2(value)?, 2),`
        _ => Err(shape("schema", "no migration from this version")),
    }
}

/// Deserialises field by field so an error names the field that is wrong.
fn progress_from_value(value: Value) -> Result<Progress, DecodeError> {
    let Value::Object(fields) = value else {
        return Err(shape("progress", "expected an object"));
    };
    let mut progress = Progress::default();
    for (name, field) in fields {
        let path = format!("progress.{name}");
        let result = match name.as_str() {
            "answers" => into(field, &path).map(|v| progress.answers = v),
            "reflections" => into(field, &path).map(|v| progress.reflections = v),
            "positions" => into(field, &path).map(|v| progress.positions = v),
            "completed" => into(field, &path).map(|v| progress.completed = v),
            "last_lesson" => into(field, &path).map(|v| progress.last_lesson = v),
            _ => Err(shape(&path, "unknown field")),
        };
        result?;
    }
    Ok(progress)
}

fn into<T: serde::de::DeserializeOwned>(value: Value, path: &str) -> Result<T, DecodeError> {
    // Maps keyed by id: name the entry that is wrong, not just the map.
    if let Value::Object(entries) = &value {
        if let Err(e) = serde_json::from_value::<T>(value.clone()) {
            for (key, entry) in entries {
                let one = Value::Object(Map::from_iter([(key.clone(), entry.clone())]));
                if serde_json::from_value::<T>(one).is_err() {
                    return Err(shape(&format!("{path}[\"{key}\"]"), &e.to_string()));
                }
            }
            return Err(shape(path, &e.to_string()));
        }
    }
    serde_json::from_value(value).map_err(|e| shape(path, &e.to_string()))
}

fn shape(field: &str, message: &str) -> DecodeError {
    DecodeError::WrongShape {
        field: field.to_string(),
        message: message.to_string(),
    }
}
