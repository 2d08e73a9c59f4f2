//! Marking a knowledge check. Pure: the view asks, this answers.

use crate::content::{Check, CheckKind, CheckOption};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GradeError {
    /// The reader pressed Check without choosing anything.
    NothingChosen,
    /// A single-choice question got more than one choice.
    TooManyChosen,
    /// A choice names no option of this question (e.g. from an old version).
    UnknownOption(String),
}

impl GradeError {
    /// The message shown next to the question.
    pub fn message(&self) -> &'static str {
        match self {
            Self::NothingChosen => "Choose an answer first, then press Check.",
            Self::TooManyChosen => "Choose one answer only.",
            Self::UnknownOption(_) => {
                "This question has changed since you answered. Please choose again."
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    pub correct: bool,
    /// Right options the reader did not choose (multiple choice).
    pub missed: usize,
    /// Options the reader chose that are not right.
    pub wrong: usize,
}

/// Marks the reader's choice. Single choice is right when the one chosen
/// option is right; multiple choice when the chosen set is exactly the set
/// of right options.
pub fn grade(check: &Check, selected: &[String]) -> Result<Grade, GradeError> {
    if selected.is_empty() {
        return Err(GradeError::NothingChosen);
    }
    if check.kind == CheckKind::Single && selected.len() > 1 {
        return Err(GradeError::TooManyChosen);
    }
    let mut chosen: Vec<&CheckOption> = Vec::with_capacity(selected.len());
    for id in selected {
        match check.options.iter().find(|o| o.id == id) {
            Some(option) => chosen.push(option),
            None => return Err(GradeError::UnknownOption(id.clone())),
        }
    }
    let wrong = chosen.iter().filter(|o| !o.correct).count();
    let missed = check
        .options
        .iter()
        .filter(|o| o.correct && !selected.iter().any(|s| s == o.id))
        .count();
    Ok(Grade {
        correct: wrong == 0 && missed == 0,
        missed,
        wrong,
    })
}

/// The options shown with their explanations: after a Check, the chosen
/// ones; once the reader asks to see the answer, all of them (the wrong
/// ones' explanations teach too).
pub fn options_to_explain<'a>(
    check: &'a Check,
    selected: &[String],
    revealed: bool,
) -> Vec<&'a CheckOption> {
    check
        .options
        .iter()
        .filter(|o| revealed || selected.iter().any(|s| s == o.id))
        .collect()
}
