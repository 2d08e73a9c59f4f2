//! Everything that can be wrong with the content, each naming the file or
//! id, so a broken lesson fails the build with a message the author can
//! act on. Apart from the passes that find the errors, so they can all
//! name it.

use std::fmt;

/// Everything that can be wrong with the content. Each names the file or id
/// so the author can find it.
#[derive(Debug, Clone, PartialEq)]
pub enum ContentError {
    Io(String, String),
    Toml(String, String),
    Markdown {
        file: String,
        line: usize,
        message: String,
    },
    MissingPair(String),
    NoLessons,
    DuplicateId(String),
    DuplicateSlug(String),
    BadId(String),
    BadSlug(String),
    UnknownActivity {
        lesson: String,
        id: String,
    },
    ActivityNotPlaced {
        lesson: String,
        id: String,
    },
    ActivityPlacedTwice {
        lesson: String,
        id: String,
    },
    EmptyText {
        place: String,
    },
    SingleNeedsOneCorrect {
        id: String,
        found: usize,
    },
    MultipleNeedsACorrect(String),
    TooFewOptions(String),
    MissingExplanation {
        question: String,
        option: String,
    },
    ScaleNeedsLabels(String),
    /// A key idea's id must be `<lesson slug>.idea.<name>`.
    BadIdeaId {
        lesson: String,
        id: String,
    },
    /// A key idea's recall prompt must be a question.
    RecallNotAQuestion(String),
    ChecklistNeedsItems(String),
    ItemsOnlyForChecklist(String),
    SectionTooLong {
        lesson: String,
        section: String,
        words: usize,
    },
    MinutesOutOfRange {
        lesson: String,
        minutes: u32,
    },
    TooFewActivities {
        lesson: String,
        what: &'static str,
    },
    MissingFigure {
        lesson: String,
        src: String,
    },
    /// Only a `text` reflection may have `steps`.
    StepsOnlyForText(String),
    /// A practice with steps needs at least two of them.
    TooFewSteps(String),
    /// A recap question names a lesson the course does not have.
    RecapUnknownLesson {
        id: String,
        lesson: String,
    },
    /// No recap question is drawn from this lesson.
    RecapMissesLesson(String),
    /// A recap question must be a single-choice scenario.
    RecapNotAScenario(String),
    /// A check's `passage` names no section of its lesson.
    UnknownPassage {
        check: String,
        lesson: String,
        passage: String,
    },
    /// A check-quality rule (see `quality`) is broken.
    Quality(crate::quality::QualityError),
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ContentError::*;
        match self {
            Io(file, e) => write!(f, "{file}: cannot read: {e}"),
            Toml(file, e) => write!(f, "{file}: {e}"),
            Markdown {
                file,
                line,
                message,
            } => write!(f, "{file}:{line}: {message}"),
            MissingPair(stem) => write!(f, "{stem}: needs both a .md and a .toml file"),
            NoLessons => write!(f, "no lessons found"),
            DuplicateId(id) => write!(f, "id `{id}` is used more than once"),
            DuplicateSlug(s) => write!(f, "slug `{s}` is used by more than one lesson"),
            BadId(id) => write!(f, "id `{id}` must be lowercase letters, digits, - and ."),
            BadSlug(s) => write!(f, "slug `{s}` must be lowercase letters, digits and -"),
            UnknownActivity { lesson, id } => {
                write!(
                    f,
                    "{lesson}: `?[{id}]` names no check or reflection of this lesson"
                )
            }
            ActivityNotPlaced { lesson, id } => {
                write!(f, "{lesson}: `{id}` is never placed with `?[{id}]`")
            }
            ActivityPlacedTwice { lesson, id } => {
                write!(f, "{lesson}: `{id}` is placed more than once")
            }
            EmptyText { place } => write!(f, "{place}: text is empty"),
            SingleNeedsOneCorrect { id, found } => {
                write!(
                    f,
                    "{id}: a single-choice check needs exactly one correct option, found {found}"
                )
            }
            MultipleNeedsACorrect(id) => {
                write!(
                    f,
                    "{id}: a multiple-choice check needs at least one correct option"
                )
            }
            TooFewOptions(id) => write!(f, "{id}: a check needs at least two options"),
            MissingExplanation { question, option } => {
                write!(f, "{question}: option `{option}` has no explanation")
            }
            ScaleNeedsLabels(id) => write!(f, "{id}: a scale needs `low` and `high` labels"),
            BadIdeaId { lesson, id } => {
                write!(
                    f,
                    "{lesson}: key idea id `{id}` must be `{lesson}.idea.<name>`"
                )
            }
            RecallNotAQuestion(id) => write!(f, "{id}: `recall` must be a question ending in `?`"),
            ChecklistNeedsItems(id) => write!(f, "{id}: a checklist needs at least two items"),
            ItemsOnlyForChecklist(id) => write!(f, "{id}: only a checklist may have items"),
            SectionTooLong {
                lesson,
                section,
                words,
            } => write!(
                f,
                "{lesson}#{section}: {words} words of prose (at most 170)"
            ),
            MinutesOutOfRange { lesson, minutes } => {
                write!(f, "{lesson}: {minutes} minutes (a lesson takes 3 to 12)")
            }
            TooFewActivities { lesson, what } => write!(f, "{lesson}: needs {what}"),
            MissingFigure { lesson, src } => write!(f, "{lesson}: figure `{src}` does not exist"),
            StepsOnlyForText(id) => write!(f, "{id}: only a text reflection may have steps"),
            TooFewSteps(id) => write!(f, "{id}: a practice needs at least two steps"),
            RecapUnknownLesson { id, lesson } => {
                write!(f, "{id}: the recap names no lesson `{lesson}`")
            }
            RecapMissesLesson(slug) => {
                write!(f, "recap: no question is drawn from lesson `{slug}`")
            }
            RecapNotAScenario(id) => {
                write!(f, "{id}: a recap question is a single-choice scenario")
            }
            UnknownPassage {
                check,
                lesson,
                passage,
            } => write!(
                f,
                "{check}: `passage = \"{passage}\"` names no section of lesson `{lesson}`"
            ),
            Quality(e) => write!(f, "{e}"),
        }
    }
}
