//! The backup file: export, and the checks an import must pass before it
//! may touch the reader's data.

use super::codec::{self, DecodeError, SCHEMA_VERSION};
use super::json;
use super::progress::Progress;
use serde::{Deserialize, Serialize};

/// Larger files are refused unread.
pub const MAX_BACKUP_BYTES: usize = 5 * 1024 * 1024;
const APP: &str = "attune";

#[derive(Serialize)]
struct BackupOut<'a> {
    app: &'static str,
    schema: u64,
    exported: f64,
    progress: &'a Progress,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupIn {
    app: String,
    schema: u64,
    #[serde(default, deserialize_with = "super::dates::timestamp")]
    exported: f64,
    progress: serde::de::IgnoredAny,
}

/// The name a backup downloads as, e.g. `attune-backup-2026-11-29.json`;
/// a protected one says so, so the reader can tell which needs the
/// passphrase.
pub fn file_name(now_ms: f64, zone: &super::dates::Zone, protected: bool) -> String {
    let day = super::dates::iso_day(now_ms, zone);
    if protected {
        format!("attune-backup-{day}-protected.json")
    } else {
        format!("attune-backup-{day}.json")
    }
}

/// One versioned JSON file holding everything the reader saved, or why it
/// could not be written (never an empty file that looks like a backup).
pub fn export(progress: &Progress, now_ms: f64) -> Result<String, json::Error> {
    let out = BackupOut {
        app: APP,
        schema: SCHEMA_VERSION,
        exported: now_ms,
        progress,
    };
    json::to_string(&out)
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    TooLarge(usize),
    NotABackup(String),
    Newer(u64),
    BadId(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge(n) => write!(f, "the file is too large ({} KB; a backup is far smaller)", n / 1024),
            Self::NotABackup(why) => write!(f, "this is not an Attune backup file ({why})"),
            Self::Newer(v) => write!(f, "this backup comes from a newer version of Attune (format {v}); reload the page to update, then try again"),
            Self::BadId(id) => write!(f, "the file holds an entry this course does not have (`{id}`)"),
        }
    }
}

/// What a valid backup holds, for the preview before importing.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub progress: Progress,
    pub exported: f64,
    pub answers: usize,
    pub reflections: usize,
    pub completed: usize,
}

/// Checks a backup file. Nothing is changed until the reader confirms.
pub fn check_backup(text: &str) -> Result<Preview, ImportError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let head: BackupIn =
        json::from_str(text).map_err(|e| ImportError::NotABackup(e.to_string()))?;
    if head.app != APP {
        return Err(ImportError::NotABackup(format!(
            "it was made by `{}`",
            head.app
        )));
    }
    if head.schema > SCHEMA_VERSION {
        return Err(ImportError::Newer(head.schema));
    }
    let _ = head.progress;
    // The same reader and checks as stored data: typed, refusing unknown
    // fields, and every id checked (`validate`).
    let progress = codec::decode(text).map_err(|e| match e {
        DecodeError::NewerSchema(v) => ImportError::Newer(v),
        DecodeError::BadId(bad) => ImportError::BadId(bad.id),
        other => ImportError::NotABackup(other.to_string()),
    })?;
    let progress = progress.progress;
    Ok(Preview {
        answers: progress.answers.len(),
        reflections: progress.reflections.len(),
        completed: progress.completed.len(),
        exported: head.exported,
        progress,
    })
}
