//! Reading what we can of progress that a newer version of Attune wrote, so
//! the reader sees their work (read-only) instead of a blank course.
//!
//! A newer version may add a field anywhere, and this version's types refuse
//! fields they do not know (`deny_unknown_fields`: in our own format an
//! unknown field means the data is not what it says). So each top-level part
//! of the progress is read on its own: a part this version can read is kept,
//! a part that changed shape is left out, and the reader is told that only
//! part of their work is shown (`Notice::Newer`). Nothing here is ever
//! written back: data from a newer version is never written over.

use super::json;
use super::progress::{Answer, Progress, ReflectionEntry};
use super::review::{Card, Day};
use super::sorted::{SortedMap, SortedSet};
use super::stance::Take;
use super::then_now::FollowUp;
use super::validate::check_progress;
use serde::de::IgnoredAny;
use serde::Deserialize;

/// One part: read as this version reads it, or skipped whole.
#[derive(Deserialize)]
#[serde(untagged)]
enum Part<T> {
    Known(T),
    Changed(IgnoredAny),
}

impl<T> Default for Part<T> {
    fn default() -> Self {
        Part::Changed(IgnoredAny)
    }
}

impl<T> Part<T> {
    fn known(self) -> Option<T> {
        match self {
            Part::Known(value) => Some(value),
            Part::Changed(_) => None,
        }
    }
}

// The parts read with their caps, as `Progress` reads them.
#[derive(Deserialize)]
struct FollowUps(
    #[serde(deserialize_with = "super::then_now::capped_map")] SortedMap<Vec<FollowUp>>,
);
#[derive(Deserialize)]
struct Revisited(#[serde(deserialize_with = "super::then_now::days")] SortedMap<Day>);
#[derive(Deserialize)]
struct Takes(#[serde(deserialize_with = "super::stance::capped_takes")] Vec<Take>);

/// `Progress` with every part optional and unknown parts skipped.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Parts {
    answers: Part<SortedMap<Answer>>,
    reflections: Part<SortedMap<ReflectionEntry>>,
    positions: Part<SortedMap<String>>,
    completed: Part<SortedSet>,
    last_lesson: Part<Option<String>>,
    review: Part<SortedMap<Card>>,
    follow_ups: Part<FollowUps>,
    revisited: Part<Revisited>,
    takes: Part<Takes>,
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    progress: Parts,
}

/// The parts of `raw` this version can read and that pass its checks; a
/// part that does not is left out (blank), and so is everything if what is
/// left does not hold together.
pub fn decode_newer_best_effort(raw: &str) -> Progress {
    let Ok(Envelope { progress: parts }) = json::from_str::<Envelope>(raw) else {
        return Progress::default();
    };
    // Each part is checked alone, so one bad part does not hide the rest.
    let fits = |p: Progress| check_progress(&p).is_ok().then_some(p);
    let mut read = Progress::default();
    macro_rules! keep {
        ($field:ident) => {
            keep!($field, |v| v)
        };
        ($field:ident, $unwrap:expr) => {
            if let Some(value) = parts.$field.known() {
                let alone = Progress {
                    $field: ($unwrap)(value),
                    ..Progress::default()
                };
                if let Some(alone) = fits(alone) {
                    read.$field = alone.$field;
                }
            }
        };
    }
    keep!(answers);
    keep!(reflections);
    keep!(positions);
    keep!(completed);
    keep!(last_lesson);
    keep!(review);
    keep!(follow_ups, |FollowUps(v)| v);
    keep!(revisited, |Revisited(v)| v);
    keep!(takes, |Takes(v)| v);
    fits(read).unwrap_or_default()
}
