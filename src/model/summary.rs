//! The end-of-lesson results: how the reader did, and how their confidence
//! matched their answers.

use super::progress::{Confidence, Progress};
use crate::content::Lesson;

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
    results.by_confidence = Confidence::ALL
        .iter()
        .zip(tally)
        .filter(|(_, (r, w))| r + w > 0)
        .map(|(c, (r, w))| (*c, r, w))
        .collect();
    results
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
