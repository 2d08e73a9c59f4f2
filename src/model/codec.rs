//! The stored form of the reader's progress, and reading it back.
//!
//! Stored data is untrusted: another version of the app, another site on the
//! same origin, or a half-written value may have put anything there. Reading
//! never panics; it says what is wrong (naming the field) so the caller can
//! keep the raw bytes and tell the reader, instead of overwriting what it
//! cannot read.
//!
//! Decoding is typed, straight from the text: no `serde_json::Value`, which
//! would cost the download about 30 KB. Errors are located with [`path_at`].

use super::progress::Progress;
use serde::{Deserialize, Serialize};

/// The schema this build writes. Bump it with a migration in [`decode`]
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

/// The stored text for `progress`, tagged with the schema version.
pub fn encode(progress: &Progress) -> String {
    let envelope = EnvelopeOut {
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

/// Reads stored text back into progress.
///
/// Version 1 is the first released schema, so no migration exists yet. A
/// future version 2 adds a `1 =>` arm here that reads the old shape and
/// converts it (and a `tests/fixtures/schema-v2.json`).
pub fn decode(raw: &str) -> Result<Decoded, DecodeError> {
    if raw.len() > MAX_STORED_BYTES {
        return Err(DecodeError::TooLarge(raw.len()));
    }
    // serde would read a struct from an array too; stored data is an object.
    let first = raw.trim_start().as_bytes().first().copied();
    if first != Some(b'{') && serde_json::from_str::<serde::de::IgnoredAny>(raw).is_ok() {
        return Err(DecodeError::WrongShape {
            field: "(top level)".into(),
            message: "expected an object".into(),
        });
    }
    let version = serde_json::from_str::<SchemaOnly>(raw)
        .map_err(|e| locate(raw, &e))?
        .schema;
    match version {
        SCHEMA_VERSION => Ok(Decoded {
            progress: serde_json::from_str::<EnvelopeIn>(raw)
                .map_err(|e| locate(raw, &e))?
                .progress,
            migrated_from: None,
        }),
        v if v > SCHEMA_VERSION => Err(DecodeError::NewerSchema(v)),
        _ => Err(DecodeError::WrongShape {
            field: "schema".into(),
            message: "no such version".into(),
        }),
    }
}

/// Reads what it can of data written by a newer version, to show it
/// read-only: the fields this version knows, where they still fit.
pub fn decode_newer_best_effort(raw: &str) -> Progress {
    serde_json::from_str::<EnvelopeIn>(raw)
        .map(|e| e.progress)
        .unwrap_or_default()
}

fn locate(raw: &str, e: &serde_json::Error) -> DecodeError {
    if e.is_syntax() || e.is_eof() {
        return DecodeError::NotJson(e.to_string());
    }
    let offset = offset_of(raw, e.line(), e.column());
    DecodeError::WrongShape {
        field: path_at(raw, offset),
        message: e.to_string(),
    }
}

/// Byte offset of a 1-based line and column as serde_json reports them.
fn offset_of(raw: &str, line: usize, column: usize) -> usize {
    let before: usize = raw
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum();
    (before + column).min(raw.len())
}

/// Names the place in a JSON document at byte `offset`, as
/// `progress.answers["id"]`: the keys of the objects that enclose it (three
/// levels at most). `(top level)` when it is not inside an object.
pub fn path_at(raw: &str, offset: usize) -> String {
    let bytes = raw.as_bytes();
    // One entry per open container: is it an object, and its current key.
    let mut open: Vec<(bool, Option<&str>)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() && i < offset {
        match bytes[i] {
            b'{' => open.push((true, None)),
            b'[' => open.push((false, None)),
            b'}' | b']' => {
                open.pop();
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let text = raw.get(start..i.min(bytes.len())).unwrap_or("");
                let next = bytes[(i + 1).min(bytes.len())..]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace());
                if next == Some(&b':') {
                    if let Some((true, key)) = open.last_mut() {
                        *key = Some(text);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let keys: Vec<&str> = open.iter().filter_map(|(_, k)| *k).take(3).collect();
    match keys.as_slice() {
        [] => "(top level)".to_string(),
        [a] => (*a).to_string(),
        [a, b] => format!("{a}.{b}"),
        [a, b, c, ..] => format!("{a}.{b}[\"{c}\"]"),
    }
}

#[cfg(test)]
mod tests {
    use super::path_at;

    #[test]
    fn path_at_names_the_enclosing_keys() {
        let raw = r#"{"schema":1,"progress":{"answers":{"q1":{"selected":"a"}}}}"#;
        let at = raw.find("\"a\"").unwrap();
        assert_eq!(path_at(raw, at), "progress.answers[\"q1\"]");
        assert_eq!(path_at(raw, 0), "(top level)");
        assert_eq!(path_at(raw, 3), "schema");
        assert_eq!(path_at(raw, raw.find(":1").unwrap() + 1), "schema");
        let escaped = r#"{"progress":{"a\"b":[1,"#;
        assert_eq!(path_at(escaped, escaped.len()), "progress.a\\\"b");
    }
}
