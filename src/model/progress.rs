//! What the reader has done: answers, confidence, reflections, reading
//! position and finished lessons. Everything hangs on stable content ids, so
//! rewording a lesson keeps the reader's work.

use super::review::card::{Card, Day};
use super::sorted::{SortedMap, SortedSet};
use super::stance::take::Take;
use super::then_now::follow_up::FollowUp;
use crate::content::{Check, Lesson, Reflection, ReflectionKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Progress {
    /// Check id → the reader's answer.
    pub answers: SortedMap<Answer>,
    /// Reflection id → what the reader wrote or chose.
    pub reflections: SortedMap<ReflectionEntry>,
    /// Lesson slug → id of the section the reader last reached.
    pub positions: SortedMap<String>,
    /// Slugs of lessons the reader finished.
    pub completed: SortedSet,
    /// Slug of the lesson the reader opened last.
    pub last_lesson: Option<String>,
    /// Stored format 2 on (see `codec`):
    /// Key idea or check id → its place in the review schedule (`review`).
    pub review: SortedMap<Card>,
    /// Reflection id → what the reader added when it came back, oldest
    /// first (`then_now`).
    #[serde(deserialize_with = "super::then_now::follow_up::capped_map")]
    pub follow_ups: SortedMap<Vec<FollowUp>>,
    /// Reflection id → the day it last came back and the reader answered.
    #[serde(deserialize_with = "super::then_now::follow_up::days")]
    pub revisited: SortedMap<Day>,
    /// "Where I stand" snapshots, by day (`stance`).
    #[serde(deserialize_with = "super::stance::take::capped_takes")]
    pub takes: Vec<Take>,
}

/// How sure the reader said they were before checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Guessing,
    FairlySure,
    Certain,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Self::Guessing, Self::FairlySure, Self::Certain];

    pub fn label(self) -> &'static str {
        match self {
            Self::Guessing => "Guessing",
            Self::FairlySure => "Fairly sure",
            Self::Certain => "Certain",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Guessing => "guessing",
            Self::FairlySure => "fairly-sure",
            Self::Certain => "certain",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answer {
    /// Option ids the reader has picked (checked or not yet).
    pub selected: Vec<String>,
    pub confidence: Option<Confidence>,
    /// Set when the reader pressed Check: was the checked choice right?
    pub checked: Option<bool>,
    /// How many times the reader pressed Check.
    pub tries: u32,
    /// The reader asked to see the answer (cleared when they choose again).
    pub revealed: bool,
    /// The answer was shown at some point: a later Check is no first try.
    pub shown: bool,
    /// The result of the first Check, if it came before the answer was
    /// shown. Results and confidence are judged on this, so checking again
    /// cannot turn a miss into a first-try success.
    pub first: Option<bool>,
    /// The question's option ids and right answers when this was checked
    /// (see [`fingerprint`]). A different value today means the question
    /// changed since, and the answer is shown as from an earlier version.
    pub fingerprint: String,
    /// Stored format 3 on: the help the reader opened before their first
    /// try (or before the answer was shown), in the order it is offered.
    /// Kept with the first try, never scored and never shown; review
    /// brings such a check back sooner (`review::rate_after_help`).
    pub help: Vec<Help>,
}

/// A part of the help offered before an answer (`content::CheckHelp`), in
/// the order it is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Help {
    Nudge,
    AnotherWay,
    Passage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReflectionEntry {
    pub value: ReflectionValue,
    /// Milliseconds since the Unix epoch.
    #[serde(deserialize_with = "super::dates::timestamp")]
    pub created: f64,
    #[serde(deserialize_with = "super::dates::timestamp")]
    pub edited: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReflectionValue {
    Text(String),
    Scale(u8),
    Checklist(Vec<String>),
}

impl ReflectionValue {
    /// An empty text or checklist holds nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Text(t) => t.trim().is_empty(),
            Self::Scale(_) => false,
            Self::Checklist(items) => items.is_empty(),
        }
    }

    /// Does this value fit the reflection as it is written today?
    pub fn fits(&self, reflection: &Reflection) -> bool {
        match (self, &reflection.kind) {
            (Self::Text(_), ReflectionKind::Text { .. }) => true,
            (Self::Scale(n), ReflectionKind::Scale { .. }) => (1..=5).contains(n),
            (Self::Checklist(chosen), ReflectionKind::Checklist { items }) => {
                chosen.iter().all(|c| items.iter().any(|i| i.id == c))
            }
            _ => false,
        }
    }
}

/// A short code for a question's options and right answers, e.g. `a+b-c-`.
pub fn fingerprint(check: &Check) -> String {
    // Pushed, not `format!`ed per option: no formatting call or temporary
    // `String` for each option.
    let mut code = String::new();
    for o in check.options {
        code.push_str(o.id);
        code.push(if o.correct { '+' } else { '-' });
    }
    code
}

/// Do two fingerprints name the same options with the same right answers,
/// in any order? Each option is its id and the `+` or `-` after it. Counted,
/// not sorted: a question has a handful of options, and sort code costs
/// kilobytes of wasm.
fn same_options(a: &str, b: &str) -> bool {
    let parts = |code| str::split_inclusive(code, ['+', '-']);
    let times = |code, part| parts(code).filter(|p| *p == part).count();
    a.len() == b.len() && parts(a).all(|part| times(a, part) == times(b, part))
}

impl Progress {
    pub fn answer(&self, check_id: &str) -> Option<&Answer> {
        self.answers.get(check_id)
    }

    /// Picks or unpicks an option. A single-choice pick replaces the last.
    /// Changing the choice clears the last result, so the reader checks again.
    pub fn choose(&mut self, check: &Check, option_id: &str, on: bool) {
        if !check.options.iter().any(|o| o.id == option_id) {
            return;
        }
        let answer = self.answers.get_or_default(check.id);
        let single = check.kind == crate::content::CheckKind::Single;
        if single {
            answer.selected = if on {
                vec![option_id.to_string()]
            } else {
                Vec::new()
            };
        } else if on {
            if !answer.selected.iter().any(|s| s == option_id) {
                answer.selected.push(option_id.to_string());
            }
        } else {
            answer.selected.retain(|s| s != option_id);
        }
        answer.checked = None;
        answer.revealed = false;
    }

    pub fn set_confidence(&mut self, check_id: &str, confidence: Option<Confidence>) {
        self.answers.get_or_default(check_id).confidence = confidence;
    }

    /// Records the result of pressing Check.
    pub fn record_check(&mut self, check: &Check, correct: bool) {
        let answer = self.answers.get_or_default(check.id);
        if answer.tries == 0 && !answer.shown {
            answer.first = Some(correct);
        }
        answer.checked = Some(correct);
        answer.tries = answer.tries.saturating_add(1);
        answer.fingerprint = fingerprint(check);
    }

    /// "Try again": keep the confidence, clear the choice and the result.
    pub fn retry(&mut self, check_id: &str) {
        if let Some(answer) = self.answers.get_mut(check_id) {
            answer.selected.clear();
            answer.checked = None;
            answer.revealed = false;
        }
    }

    pub fn reveal(&mut self, check_id: &str) {
        let answer = self.answers.get_or_default(check_id);
        answer.revealed = true;
        answer.shown = true;
    }

    /// Notes that the reader opened a part of the help. Only help opened
    /// before the first try (or before the answer was shown) is kept: it
    /// belongs with that try.
    pub fn use_help(&mut self, check_id: &str, help: Help) {
        let answer = self.answers.get_or_default(check_id);
        if answer.tries > 0 || answer.shown || answer.help.contains(&help) {
            return;
        }
        // Kept in the order offered. No sort: sort code for one more item
        // type costs kilobytes of wasm.
        let at = answer.help.iter().position(|h| *h > help);
        answer.help.insert(at.unwrap_or(answer.help.len()), help);
    }

    /// Did the reader open any help before their first try at this check?
    pub fn helped_first(&self, check_id: &str) -> bool {
        self.answers
            .get(check_id)
            .is_some_and(|a| !a.help.is_empty())
    }

    /// Was this answer checked against a different version of the question?
    /// The options' order does not count: a question shown in a new order
    /// asks the same.
    pub fn is_stale(&self, check: &Check) -> bool {
        self.answers.get(check.id).is_some_and(|a| {
            a.checked.is_some() && !same_options(&a.fingerprint, &fingerprint(check))
        })
    }

    pub fn reflection(&self, id: &str) -> Option<&ReflectionEntry> {
        self.reflections.get(id)
    }

    /// The lesson's reflections the reader has written, in lesson order.
    pub fn written_reflections<'a>(
        &'a self,
        lesson: &Lesson,
    ) -> impl Iterator<Item = (&'static Reflection, &'a ReflectionEntry)> + 'a {
        let all: &'static [Reflection] = lesson.reflections;
        all.iter()
            .filter_map(move |r| self.reflection(r.id).map(|e| (r, e)))
    }

    /// Saves what the reader wrote or chose, keeping the first-created time.
    /// An emptied reflection is removed, so nothing blank is kept.
    pub fn set_reflection(&mut self, id: &str, value: ReflectionValue, now: f64) {
        if value.is_empty() {
            self.reflections.remove(id);
            return;
        }
        match self.reflections.get_mut(id) {
            Some(entry) => {
                entry.value = value;
                entry.edited = now;
            }
            None => {
                self.reflections.insert(
                    id.to_string(),
                    ReflectionEntry {
                        value,
                        created: now,
                        edited: now,
                    },
                );
            }
        }
    }

    /// Remembers the section the reader reached in a lesson.
    pub fn set_position(&mut self, slug: &str, section_id: &str) {
        if self.positions.get(slug).map(String::as_str) != Some(section_id) {
            self.positions
                .insert(slug.to_string(), section_id.to_string());
        }
        if self.last_lesson.as_deref() != Some(slug) {
            self.last_lesson = Some(slug.to_string());
        }
    }

    pub fn complete(&mut self, slug: &str) {
        self.completed.insert(slug.to_string());
    }

    pub fn is_complete(&self, slug: &str) -> bool {
        self.completed.contains(slug)
    }

    /// Has the reader done anything at all?
    pub fn is_blank(&self) -> bool {
        self.answers.is_empty()
            && self.reflections.is_empty()
            && self.positions.is_empty()
            && self.completed.is_empty()
            && self.review.is_empty()
            && self.follow_ups.is_empty()
            && self.takes.is_empty()
    }

    /// Forgets every answer and reflection of one lesson (after the reader
    /// confirms "start this lesson again").
    pub fn reset_lesson(&mut self, lesson: &Lesson) {
        for check in lesson.checks {
            self.answers.remove(check.id);
        }
        for reflection in lesson.reflections {
            self.reflections.remove(reflection.id);
            self.follow_ups.remove(reflection.id);
            self.revisited.remove(reflection.id);
        }
        for id in lesson.key_ideas.iter().map(|k| k.id) {
            self.review.remove(id);
        }
        for check in lesson.checks {
            self.review.remove(check.id);
        }
        self.positions.remove(lesson.slug);
        self.completed.remove(lesson.slug);
    }

    /// How many of a lesson's activities the reader has done: checks
    /// answered (checked or revealed) and reflections written.
    pub fn activities_done(&self, lesson: &Lesson) -> usize {
        let checks = lesson
            .checks
            .iter()
            .filter(|c| {
                self.answers
                    .get(c.id)
                    .is_some_and(|a| a.checked.is_some() || a.revealed)
            })
            .count();
        let reflections = self.written_reflections(lesson).count();
        checks + reflections
    }
}

/// Where a lesson stands for the reader, for the course map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonState {
    NotStarted,
    InProgress,
    Complete,
}

pub fn lesson_state(progress: &Progress, lesson: &Lesson) -> LessonState {
    if progress.is_complete(lesson.slug) {
        LessonState::Complete
    } else if progress.positions.contains_key(lesson.slug) || progress.activities_done(lesson) > 0 {
        LessonState::InProgress
    } else {
        LessonState::NotStarted
    }
}

/// Percentage (0–100) of a lesson the reader has worked through: the larger
/// of how far they read and how many activities they did.
pub fn lesson_percent(progress: &Progress, lesson: &Lesson) -> u32 {
    if progress.is_complete(lesson.slug) {
        return 100;
    }
    let activities = lesson.checks.len() + lesson.reflections.len();
    let by_activity = (progress.activities_done(lesson) * 100)
        .checked_div(activities)
        .unwrap_or(0);
    let by_reading = section_index(progress, lesson)
        .map(|i| i * 100 / lesson.sections.len().max(1))
        .unwrap_or(0);
    by_activity.max(by_reading).min(99) as u32
}

fn section_index(progress: &Progress, lesson: &Lesson) -> Option<usize> {
    let id = progress.positions.get(lesson.slug)?;
    lesson.sections.iter().position(|s| s.id == id)
}

/// Minutes of the lesson still ahead of the reader, by reading position.
pub fn minutes_left(progress: &Progress, lesson: &Lesson) -> u32 {
    if progress.is_complete(lesson.slug) {
        return 0;
    }
    let total = lesson.sections.len().max(1) as u32;
    let reached = section_index(progress, lesson).map_or(0, |i| i as u32);
    let left = lesson.minutes * (total - reached.min(total)) / total;
    left.max(1)
}

/// Where "Continue" should take a returning reader: the lesson they opened
/// last (unless finished, then the first unfinished one) and the section
/// they reached there. `None` for a reader who has not started.
pub fn resume_point(
    progress: &Progress,
    lessons: &'static [Lesson],
) -> Option<(&'static Lesson, Option<String>)> {
    if progress.is_blank() {
        return None;
    }
    let last = progress
        .last_lesson
        .as_deref()
        .and_then(|slug| lessons.iter().find(|l| l.slug == slug))
        .filter(|l| !progress.is_complete(l.slug));
    let lesson = last.or_else(|| lessons.iter().find(|l| !progress.is_complete(l.slug)))?;
    Some((lesson, progress.positions.get(lesson.slug).cloned()))
}
