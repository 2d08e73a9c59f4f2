//! What the text stored under the progress key is to the saving core
//! (`sync`): read, read after a migration, from a newer version (shown
//! read-only, with what this version can read of it), or unreadable (kept,
//! never written over). The same reading at start-up and for another tab's
//! write. Above both the format (`codec`) and the core, so neither needs
//! the other.

use super::codec::{decode, DecodeError, Decoded};
use super::newer::decode_newer_best_effort;
use super::progress::Progress;
use super::sync::Stored;

/// What the text stored under the progress key (or its absence) is to the
/// sync machine: the same reading at start-up and for another tab's write.
pub fn stored(raw: Option<&str>) -> Stored<Progress> {
    let Some(raw) = raw else {
        return Stored::Nothing;
    };
    match decode(raw) {
        Ok(Decoded {
            progress,
            migrated_from: None,
        }) => Stored::Readable(progress),
        Ok(Decoded { progress, .. }) => Stored::Migrated(progress),
        Err(DecodeError::NewerSchema(version)) => Stored::Newer {
            version,
            readable_part: decode_newer_best_effort(raw),
        },
        Err(error) => Stored::Unreadable {
            raw: raw.to_string(),
            why: error.to_string(),
        },
    }
}
