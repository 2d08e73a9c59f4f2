//! Then and now: a reflection written at least a week earlier comes back on
//! the Review page ("On 3 March you wrote: … Does this still feel true?"),
//! and the reader can add a dated follow-up. A follow-up goes beside the
//! earlier words, never over them: a reflection gains a history.
//!
//! Which one comes back: at most one a day, from the reflections last
//! written at least [`WAIT_MS`] ago and not brought back in the last
//! [`GAP_DAYS`] days; the one brought back longest ago (or never) first,
//! then the one written earliest.

pub mod follow_up;

pub use self::follow_up::{capped_map, days, Feel, FollowUp, MAX_FOLLOW_UPS};
use super::progress::Progress;
use super::review::Day;
use crate::content::{lessons, Lesson, Reflection};

/// A reflection comes back once its words are a week old.
pub const WAIT_MS: f64 = 7.0 * 86_400_000.0;
/// And not again within this many days.
pub const GAP_DAYS: Day = 30;
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
