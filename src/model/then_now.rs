//! Then and now: a reflection written at least a week earlier comes back on
//! the Review page ("On 3 March you wrote: … Does this still feel true?"),
//! and the reader can add a dated follow-up. A follow-up goes beside the
//! earlier words, never over them: a reflection gains a history.
//!
//! Which one comes back: at most one a day, from the reflections last
//! written at least [`WAIT_MS`] ago and not brought back in the last
//! [`GAP_DAYS`] days; the one brought back longest ago (or never) first,
//! then the one written earliest.

use super::progress::Progress;
use super::review::{in_range, Day, MAX_DAY};
use super::sorted::SortedMap;
use crate::content::{lessons, Lesson, Reflection};
use serde::{Deserialize, Serialize};

/// A reflection comes back once its words are a week old.
pub const WAIT_MS: f64 = 7.0 * 86_400_000.0;
/// And not again within this many days.
pub const GAP_DAYS: Day = 30;
/// Follow-ups kept for one reflection (more are refused as stored data).
pub const MAX_FOLLOW_UPS: usize = 50;

/// What the reader added when a reflection came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// When it was written, in milliseconds since 1970; also its identity
    /// when two tabs' copies are merged.
    #[serde(deserialize_with = "super::dates::timestamp")]
    pub written: f64,
    /// Whether the earlier words still feel true, if the reader said.
    pub feel: Option<Feel>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feel {
    Still,
    Partly,
    NotNow,
}

impl Feel {
    pub const ALL: [Feel; 3] = [Self::Still, Self::Partly, Self::NotNow];

    /// The choice, as offered.
    pub fn label(self) -> &'static str {
        match self {
            Self::Still => "Yes, it still feels true",
            Self::Partly => "Partly",
            Self::NotNow => "Not any more",
        }
    }

    /// The same, as shown in the journal.
    pub fn said(self) -> &'static str {
        match self {
            Self::Still => "It still felt true.",
            Self::Partly => "It partly felt true.",
            Self::NotNow => "It no longer felt true.",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Still => "still",
            Self::Partly => "partly",
            Self::NotNow => "not-now",
        }
    }
}

impl FollowUp {
    /// Says something: a feeling chosen or words written.
    pub fn is_empty(&self) -> bool {
        self.feel.is_none() && self.text.trim().is_empty()
    }
}

/// Reads the follow-ups, refusing more for one reflection than a reader
/// could write.
pub fn capped_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<SortedMap<Vec<FollowUp>>, D::Error> {
    let v = SortedMap::<Vec<FollowUp>>::deserialize(d)?;
    let ok = v.iter().all(|(_, list)| list.len() <= MAX_FOLLOW_UPS);
    in_range(ok, v, "at most 50 follow-ups to one reflection")
}

/// Reads the days reflections came back, refusing impossible days.
pub fn days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SortedMap<Day>, D::Error> {
    let v = SortedMap::<Day>::deserialize(d)?;
    let ok = v.iter().all(|(_, day)| *day <= MAX_DAY);
    in_range(ok, v, "a day before the year 10000")
}

impl Progress {
    /// The follow-ups to a reflection, oldest first.
    pub fn follow_ups(&self, reflection_id: &str) -> &[FollowUp] {
        self.follow_ups
            .get(reflection_id)
            .map_or(&[], |list| list.as_slice())
    }

    /// Adds a follow-up beside the reflection's words (never over them) and
    /// notes the day it came back. An empty one only notes the day. Past
    /// [`MAX_FOLLOW_UPS`], nothing more is added.
    pub fn add_follow_up(&mut self, reflection_id: &str, follow_up: FollowUp, today: Day) {
        self.set_aside(reflection_id, today);
        if follow_up.is_empty() {
            return;
        }
        let list = self.follow_ups.get_or_default(reflection_id);
        if list.len() >= MAX_FOLLOW_UPS {
            return;
        }
        let at = list.partition_point(|f| f.written <= follow_up.written);
        list.insert(at, follow_up);
    }

    /// "Not now": the reflection goes back for a while, nothing is written.
    pub fn set_aside(&mut self, reflection_id: &str, today: Day) {
        self.revisited.insert(reflection_id.to_string(), today);
    }
}

/// A reflection of a lesson.
pub type Found = (&'static Lesson, &'static Reflection);

/// The reflection to bring back today, if any (see the module comment).
pub fn comes_back(progress: &Progress, now_ms: f64, today: Day) -> Option<Found> {
    if progress.revisited.iter().any(|(_, day)| *day == today) {
        return None;
    }
    let mut best: Option<((Day, f64), Found)> = None;
    for lesson in lessons() {
        for (reflection, entry) in progress.written_reflections(lesson) {
            if now_ms - entry.edited < WAIT_MS {
                continue;
            }
            let last = progress.revisited.get(reflection.id).copied();
            if last.is_some_and(|d| today.saturating_sub(d) < GAP_DAYS || d > today) {
                continue;
            }
            let rank = (last.unwrap_or(0), entry.edited);
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, (lesson, reflection)));
            }
        }
    }
    best.map(|(_, found)| found)
}
