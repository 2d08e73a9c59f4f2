//! Every check stored data must pass before the app uses it, in one place:
//! the same rules for what localStorage held at start-up, what another tab
//! (or another site on the same origin) writes while the app runs, and a
//! backup being imported, since all three arrive through `codec::decode`.
//!
//! The typed reading has already refused wrong shapes, oversized maps and
//! impossible times; what is left is the text the app will use as ids.
//! Ids name content (checks, options, reflections, items, lessons,
//! sections) and end up in element ids, URLs and keys, so each must look
//! like one of ours. An id this course does not (or no longer) has, but
//! that looks like one, is kept: a lesson may have changed since it was
//! saved, and the reader's work on it must survive a round trip.

use super::progress::{Progress, ReflectionValue};

/// Longer than any id the course uses, by far.
const MAX_ID_LEN: usize = 120;

/// A value that cannot be an id of ours, and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct BadId {
    /// Where, e.g. `progress.answers`.
    pub field: &'static str,
    /// The value, cut short if long (it is shown to the reader as text).
    pub id: String,
}

/// Content ids are lowercase letters, digits, `-` and `.`: so `__proto__`,
/// `constructor` tricks and markup can never arrive as an id.
pub fn is_content_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// An answer's record of its question's options: option ids, each followed
/// by `+` or `-` (see `progress::fingerprint`).
fn is_fingerprint(code: &str) -> bool {
    code.len() <= 4 * MAX_ID_LEN
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.+".contains(&b))
}

/// Checks every id in stored progress.
pub fn check_progress(p: &Progress) -> Result<(), BadId> {
    all_ids("progress.answers", &mut p.answers.keys())?;
    all_ids("progress.reflections", &mut p.reflections.keys())?;
    all_ids("progress.positions", &mut p.positions.keys())?;
    all_ids(
        "progress.positions",
        &mut p.positions.iter().map(|(_, section)| section),
    )?;
    all_ids("progress.completed", &mut p.completed.iter())?;
    all_ids("progress.last_lesson", &mut p.last_lesson.iter())?;
    for (_, answer) in &p.answers {
        all_ids("progress.answers.selected", &mut answer.selected.iter())?;
        if !is_fingerprint(&answer.fingerprint) {
            return Err(bad("progress.answers.fingerprint", &answer.fingerprint));
        }
    }
    // Format 2: review items, reflections followed up, snapshot statements.
    // An id the course does not have is kept but never offered or shown.
    all_ids("progress.review", &mut p.review.keys())?;
    all_ids("progress.follow_ups", &mut p.follow_ups.keys())?;
    all_ids("progress.revisited", &mut p.revisited.keys())?;
    for take in &p.takes {
        all_ids("progress.takes.points", &mut take.points.keys())?;
    }
    for (_, entry) in &p.reflections {
        if let ReflectionValue::Checklist(items) = &entry.value {
            all_ids("progress.reflections.checklist", &mut items.iter())?;
        }
    }
    Ok(())
}

// `dyn`, not generic: one copy of the loop in the wasm for every caller.
fn all_ids(field: &'static str, ids: &mut dyn Iterator<Item = &String>) -> Result<(), BadId> {
    for id in ids {
        if !is_content_id(id) {
            return Err(bad(field, id));
        }
    }
    Ok(())
}

fn bad(field: &'static str, id: &str) -> BadId {
    let id = match id.char_indices().nth(40) {
        Some((cut, _)) => format!("{}\u{2026}", &id[..cut]),
        None => id.to_string(),
    };
    BadId { field, id }
}
