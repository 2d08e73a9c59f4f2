//! The end-of-lesson results: how the reader did, and how their confidence
//! matched their answers.

use super::progress::{Confidence, Progress};
use crate::content::{Check, Lesson};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// Checks answered right on the first try.
    pub first_try: usize,
    /// Checks answered (checked or revealed).
    pub answered: usize,
    pub total: usize,
    /// For each confidence level: (right, not right) on the first check.
    pub by_confidence: Vec<(Confidence, usize, usize)>,
}

pub fn lesson_results(progress: &Progress, lesson: &Lesson) -> Results {
    let mut results = Results {
        total: lesson.checks.len(),
        ..Results::default()
    };
    let mut tally = [(0usize, 0usize); 3];
    for check in lesson.checks {
        let Some(answer) = progress.answer(check.id) else {
            continue;
        };
        if answer.checked.is_some() || answer.revealed {
            results.answered += 1;
        }
        if answer.first == Some(true) {
            results.first_try += 1;
        }
        if let (Some(confidence), Some(correct)) = (answer.confidence, answer.first) {
            let slot = &mut tally[confidence as usize];
            if correct {
                slot.0 += 1;
            } else {
                slot.1 += 1;
            }
        }
    }
    results.by_confidence = by_confidence(tally);
    results
}

/// The levels the reader used, each with (right, not right).
fn by_confidence(tally: [(usize, usize); 3]) -> Vec<(Confidence, usize, usize)> {
    Confidence::ALL
        .iter()
        .zip(tally)
        .filter(|(_, (r, w))| r + w > 0)
        .map(|(c, (r, w))| (*c, r, w))
        .collect()
}

/// A kind sentence on how confidence matched answers, or `None` when the
/// reader did not say how sure they were.
pub fn calibration_note(results: &Results) -> Option<&'static str> {
    if results.by_confidence.is_empty() {
        return None;
    }
    let sure_wrong: usize = results
        .by_confidence
        .iter()
        .filter(|(c, _, _)| *c == Confidence::Certain)
        .map(|(_, _, w)| w)
        .sum();
    let unsure_right: usize = results
        .by_confidence
        .iter()
        .filter(|(c, _, _)| *c == Confidence::Guessing)
        .map(|(_, r, _)| r)
        .sum();
    Some(if sure_wrong > 0 {
        "Some answers you felt certain about turned out differently. That is worth a second look: these ideas can be surprising."
    } else if unsure_right > 0 {
        "You knew more than you thought: some answers you guessed were right."
    } else {
        "Your confidence matched your answers well."
    })
}

/// The same across every lesson: first tries by confidence, for "How sure
/// was I?" at the end of the course. Confidence never changes a result;
/// this only sets the two side by side.
pub fn course_results(progress: &Progress, lessons: &[Lesson]) -> Results {
    let mut out = Results::default();
    let mut tally = [(0usize, 0usize); 3];
    for lesson in lessons {
        let r = lesson_results(progress, lesson);
        out.first_try += r.first_try;
        out.answered += r.answered;
        out.total += r.total;
        for (c, right, wrong) in r.by_confidence {
            tally[c as usize].0 += right;
            tally[c as usize].1 += wrong;
        }
    }
    out.by_confidence = by_confidence(tally);
    out
}

/// The questions the reader was certain of but missed on the first try,
/// in course order: worth a second look (they also come first in review).
pub fn sure_but_missed(
    progress: &Progress,
    lessons: &'static [Lesson],
) -> Vec<(&'static Lesson, &'static Check)> {
    lessons
        .iter()
        .flat_map(|l| l.checks.iter().map(move |c| (l, c)))
        .filter(|(_, c)| super::review::sure_but_missed(progress, c.id))
        .collect()
}

/// Percent right (0–100) of `right` out of `right + wrong`, rounded.
pub fn percent(right: usize, wrong: usize) -> usize {
    (right * 100 + (right + wrong) / 2)
        .checked_div(right + wrong)
        .unwrap_or(0)
}
