//! The rules that keep the checks from being passed without reading, and
//! the measures behind them.
//!
//! A reader who skims can still pass a quiz whose right answer is always
//! the longest option, or whose wrong options are too few or too silly to
//! tempt anyone; and a quiz of definitions tests memory, not whether an idea
//! can be used. So the build refuses a course where:
//!
//! - the right answer is the longest option (ties count) in more than a
//!   third of the single-choice checks, the lessons' and the recap's
//!   together;
//! - any check has fewer than three wrong options;
//! - a lesson has fewer than two application checks (a scenario to apply
//!   an idea to), or fewer than two thirds of all checks are applications.
//!
//! Length is counted in characters, as a reader sees it.

use crate::parse::{Check, CheckKind, Course};
use std::fmt;

/// At most this share (numerator, denominator) of single-choice checks may
/// have the longest option as the right answer.
pub const MAX_LONGEST_RIGHT: (usize, usize) = (1, 3);
/// Every check offers at least this many wrong options.
pub const MIN_WRONG_OPTIONS: usize = 3;
/// Every lesson has at least this many application (scenario) checks.
pub const MIN_APPLICATIONS_PER_LESSON: usize = 2;
/// At least this share of all checks are applications.
pub const MIN_APPLICATION_SHARE: (usize, usize) = (2, 3);

/// A broken quality rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QualityError {
    /// The right answer is the longest option in too many single-choice
    /// checks: `longest` of `singles`.
    RightIsLongest { longest: usize, singles: usize },
    /// A check with too few wrong options to tempt a skimming reader.
    TooFewWrongOptions { check: String, wrong: usize },
    /// A lesson with too few application checks.
    TooFewApplications { lesson: String, found: usize },
    /// Too few of the course's checks ask to apply an idea.
    ApplicationShareTooLow { applications: usize, checks: usize },
}

impl fmt::Display for QualityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, d) = MAX_LONGEST_RIGHT;
        let (an, ad) = MIN_APPLICATION_SHARE;
        match self {
            Self::RightIsLongest { longest, singles } => write!(
                f,
                "the right answer is the longest option in {longest} of {singles} single-choice checks (at most {n} in {d} may be)"
            ),
            Self::TooFewWrongOptions { check, wrong } => write!(
                f,
                "{check}: {wrong} wrong option(s); a check needs at least {MIN_WRONG_OPTIONS}"
            ),
            Self::TooFewApplications { lesson, found } => write!(
                f,
                "{lesson}: {found} application (scenario) check(s); a lesson needs at least {MIN_APPLICATIONS_PER_LESSON}"
            ),
            Self::ApplicationShareTooLow {
                applications,
                checks,
            } => write!(
                f,
                "{applications} of {checks} checks are applications (scenarios); at least {an} in {ad} must be"
            ),
        }
    }
}

/// The measures of one lesson (or the recap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartMeasures {
    pub slug: String,
    pub checks: usize,
    pub singles: usize,
    pub applications: usize,
    /// Single-choice checks whose right answer is the longest option.
    pub longest_right: usize,
}

/// The measures of the whole course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measures {
    /// The lessons in order, then the recap if there is one.
    pub parts: Vec<PartMeasures>,
    /// Options over all checks.
    pub options: usize,
    /// The fewest options and the fewest wrong options of any check.
    pub fewest_options: usize,
    pub fewest_wrong: usize,
}

impl Measures {
    fn sum(&self, field: fn(&PartMeasures) -> usize) -> usize {
        self.parts.iter().map(field).sum()
    }
    pub fn checks(&self) -> usize {
        self.sum(|p| p.checks)
    }
    pub fn singles(&self) -> usize {
        self.sum(|p| p.singles)
    }
    pub fn applications(&self) -> usize {
        self.sum(|p| p.applications)
    }
    pub fn longest_right(&self) -> usize {
        self.sum(|p| p.longest_right)
    }
    /// Share of single-choice checks whose right answer is the longest.
    pub fn longest_rate(&self) -> f64 {
        ratio(self.longest_right(), self.singles())
    }
    /// Share of checks that apply an idea to a situation.
    pub fn application_share(&self) -> f64 {
        ratio(self.applications(), self.checks())
    }
    pub fn options_per_check(&self) -> f64 {
        ratio(self.options, self.checks())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Measures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "right answer is the longest option: {} of {} single-choice checks ({:.0}%)",
            self.longest_right(),
            self.singles(),
            100.0 * self.longest_rate()
        )?;
        writeln!(
            f,
            "application (scenario) checks: {} of {} ({:.0}%)",
            self.applications(),
            self.checks(),
            100.0 * self.application_share()
        )?;
        writeln!(
            f,
            "options per check: {:.2} on average, at least {} ({} wrong)",
            self.options_per_check(),
            self.fewest_options,
            self.fewest_wrong
        )?;
        for p in &self.parts {
            writeln!(
                f,
                "  {}: {} checks ({} single-choice, {} applications, {} longest-right)",
                p.slug, p.checks, p.singles, p.applications, p.longest_right
            )?;
        }
        Ok(())
    }
}

/// Is the right answer of this single-choice check its longest option (or
/// as long as the longest)?
pub fn right_is_longest(check: &Check) -> bool {
    let len = |t: &str| t.chars().count();
    let right = check
        .options
        .iter()
        .filter(|o| o.correct)
        .map(|o| len(&o.text));
    let longest_wrong = check
        .options
        .iter()
        .filter(|o| !o.correct)
        .map(|o| len(&o.text))
        .max()
        .unwrap_or(0);
    check.kind == CheckKind::Single && right.max().is_some_and(|r| r >= longest_wrong)
}

fn part<'a>(slug: &str, checks: impl Iterator<Item = &'a Check>) -> PartMeasures {
    let mut m = PartMeasures {
        slug: slug.to_string(),
        checks: 0,
        singles: 0,
        applications: 0,
        longest_right: 0,
    };
    for c in checks {
        m.checks += 1;
        m.applications += usize::from(c.scenario.is_some());
        if c.kind == CheckKind::Single {
            m.singles += 1;
            m.longest_right += usize::from(right_is_longest(c));
        }
    }
    m
}

fn all_checks(course: &Course) -> impl Iterator<Item = &Check> {
    let lessons = course.lessons.iter().flat_map(|l| &l.checks);
    let recap = course
        .recap
        .iter()
        .flat_map(|r| r.checks.iter().map(|c| &c.check));
    lessons.chain(recap)
}

fn wrong_options(check: &Check) -> usize {
    check.options.iter().filter(|o| !o.correct).count()
}

/// Measures the course's checks.
pub fn measure(course: &Course) -> Measures {
    let mut parts: Vec<_> = course
        .lessons
        .iter()
        .map(|l| part(&l.slug, l.checks.iter()))
        .collect();
    if let Some(recap) = &course.recap {
        parts.push(part(&recap.slug, recap.checks.iter().map(|c| &c.check)));
    }
    Measures {
        parts,
        options: all_checks(course).map(|c| c.options.len()).sum(),
        fewest_options: all_checks(course)
            .map(|c| c.options.len())
            .min()
            .unwrap_or(0),
        fewest_wrong: all_checks(course).map(wrong_options).min().unwrap_or(0),
    }
}

/// Every broken quality rule of the course.
pub fn check(course: &Course) -> Vec<QualityError> {
    let m = measure(course);
    let mut errors = Vec::new();
    let (n, d) = MAX_LONGEST_RIGHT;
    if m.longest_right() * d > m.singles() * n {
        errors.push(QualityError::RightIsLongest {
            longest: m.longest_right(),
            singles: m.singles(),
        });
    }
    for c in all_checks(course) {
        let wrong = wrong_options(c);
        if wrong < MIN_WRONG_OPTIONS {
            errors.push(QualityError::TooFewWrongOptions {
                check: c.id.clone(),
                wrong,
            });
        }
    }
    for (lesson, p) in course.lessons.iter().zip(&m.parts) {
        if p.applications < MIN_APPLICATIONS_PER_LESSON {
            errors.push(QualityError::TooFewApplications {
                lesson: lesson.slug.clone(),
                found: p.applications,
            });
        }
    }
    let (an, ad) = MIN_APPLICATION_SHARE;
    if m.applications() * ad < m.checks() * an {
        errors.push(QualityError::ApplicationShareTooLow {
            applications: m.applications(),
            checks: m.checks(),
        });
    }
    errors
}

// ---- Words that label the reader --------------------------------------

/// Phrases that pin a label, a type, a score or a diagnosis on the reader.
/// The course explains patterns; it never tells anyone what they are. Every
/// text written for readers is checked against them: the lessons, the
/// helplines (at build time) and the pages' own words (`tests/content.rs`).
/// Matched in lower case, with curly apostrophes read as straight ones.
pub const LABELLING_PHRASES: &[&str] = &[
    "you are a ",
    "you are an ",
    "you're a ",
    "you're an ",
    "you are anxious",
    "you are avoidant",
    "you are fearful",
    "you are insecure",
    "you are disorganised",
    "your type",
    "your score",
    "your style is",
    "your attachment style",
    "you have an anxious",
    "you have an avoidant",
    "diagnos",
    "disorder",
    "you suffer from",
];

/// The first labelling phrase in `text`, if any.
pub fn labels_the_reader(text: &str) -> Option<&'static str> {
    let text = text.to_lowercase().replace('\u{2019}', "'");
    LABELLING_PHRASES
        .iter()
        .copied()
        .find(|phrase| text.contains(phrase))
}
