//! The rules that keep the checks from being passed without reading, and
//! the measures behind them.
//!
//! A reader who skims can still pass a quiz whose right answer is always
//! the longest, the gentlest or the most hedged option, or sits in the same
//! place; and a quiz that retells the lesson's own examples tests memory,
//! not whether an idea can be used. So the build refuses a course where:
//!
//! - the right answer is the longest option (ties count) in more than a
//!   third of the single-choice checks, the lessons' and the recap's
//!   together;
//! - any check has fewer than three wrong options;
//! - in any check, hedges ("may", "often") or absolutes ("always",
//!   "never") are out of balance: the share of right options that carry
//!   one and the share of wrong options that do differ by more than a half;
//! - the right answer of the single-choice checks sits in one place (first,
//!   second...) much more or much less often than chance would put it:
//!   more than 1.5 times, or less than half, what chance gives. The options
//!   are shown in the order written, so this is the author's choice, not
//!   an accident of ids;
//! - a check lacks a nudge, another way or a passage (help before the
//!   answer);
//! - a scenario's people and setting are lifted from its lesson's prose
//!   (see `cues::lifted`), so it retells an example instead of asking for
//!   the idea to be applied;
//! - a lesson has fewer than two application checks (a scenario to apply
//!   an idea to), or fewer than two thirds of all checks are applications.
//!
//! Length is counted in characters, as a reader sees it. The measures also
//! show how each guesser of `cues` does against chance, and how many wrong
//! options are caricatures by the computable rules.

use crate::cues::{self, Guesser};
use crate::tree::{Check, CheckKind, Course, Lesson};
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
/// The most the share of right options with a hedge (or an absolute) may
/// differ from the share of wrong options with one, in any check.
pub const MAX_CUE_GAP: f64 = 0.5;

/// A broken quality rule.
#[derive(Debug, Clone, PartialEq)]
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
    /// Hedges or absolutes tell the right options from the wrong ones:
    /// `right` of the right options carry one, `wrong` of the wrong.
    CueOutOfBalance {
        check: String,
        cue: &'static str,
        right: (usize, usize),
        wrong: (usize, usize),
    },
    /// The right answer sits at this place (1 = shown first) in `found`
    /// single-choice checks, where chance gives about `chance`.
    RightPositionUneven {
        position: usize,
        found: usize,
        chance: f64,
    },
    /// A check without a nudge, another way or a passage.
    MissingHelp { check: String, part: &'static str },
    /// A scenario that retells its lesson's example (the reason says how).
    LiftedScenario { check: String, why: String },
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
            Self::CueOutOfBalance {
                check,
                cue,
                right,
                wrong,
            } => write!(
                f,
                "{check}: {} of {} right options and {} of {} wrong ones carry {cue}; the shares may differ by at most a half",
                right.0, right.1, wrong.0, wrong.1
            ),
            Self::RightPositionUneven {
                position,
                found,
                chance,
            } => write!(
                f,
                "the right answer is option {position} in {found} single-choice checks, where chance gives {chance:.1}; at least half and at most 1.5 times that"
            ),
            Self::MissingHelp { check, part } => write!(
                f,
                "{check}: no {part}; every check needs at least a nudge, another way and a passage"
            ),
            Self::LiftedScenario { check, why } => write!(
                f,
                "{check}: the scenario {why}; a scenario needs at least new people or a new setting"
            ),
        }
    }
}

/// A check with the lesson it belongs to (for the recap, the lesson it
/// draws on), whose prose its scenario must not retell.
struct Item<'a> {
    check: &'a Check,
    lesson: Option<&'a Lesson>,
}

impl Item<'_> {
    fn lifted(&self) -> Option<String> {
        let scenario = self.check.scenario.as_deref()?;
        cues::lifted(scenario, self.lesson?)
    }

    /// A scenario that is not the lesson's example retold.
    fn applies(&self) -> bool {
        self.check.scenario.is_some() && self.lifted().is_none()
    }
}

fn items(course: &Course) -> Vec<Item<'_>> {
    let lessons = course.lessons.iter().flat_map(|l| {
        l.checks.iter().map(move |c| Item {
            check: c,
            lesson: Some(l),
        })
    });
    let recap = course.recap.iter().flat_map(|r| {
        r.checks.iter().map(|c| Item {
            check: &c.check,
            lesson: course.lessons.iter().find(|l| l.slug == c.lesson),
        })
    });
    lessons.chain(recap).collect()
}

/// The measures of one lesson (or the recap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartMeasures {
    pub slug: String,
    pub checks: usize,
    pub singles: usize,
    /// Scenarios that ask to apply an idea to new people or settings.
    pub applications: usize,
    /// Checks without a scenario, or whose scenario retells the lesson.
    pub recall: usize,
    /// Single-choice checks whose right answer is the longest option.
    pub longest_right: usize,
    /// Wrong options that are caricatures (see `cues::is_caricature`).
    pub caricatures: usize,
}

/// How one guesser does over the course: what it scores, against what a
/// blind guess scores, over the checks it plays.
#[derive(Debug, Clone, PartialEq)]
pub struct GuesserMeasure {
    pub guesser: Guesser,
    pub checks: usize,
    pub credit: f64,
    pub chance: f64,
}

impl GuesserMeasure {
    /// How many times chance it scores.
    pub fn times_chance(&self) -> f64 {
        if self.chance == 0.0 {
            0.0
        } else {
            self.credit / self.chance
        }
    }
}

/// The share of right and wrong options that carry a cue.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CueShare {
    pub right: (usize, usize),
    pub wrong: (usize, usize),
}

/// The measures of the whole course.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    /// The lessons in order, then the recap if there is one.
    pub parts: Vec<PartMeasures>,
    /// Options over all checks.
    pub options: usize,
    /// The fewest options and the fewest wrong options of any check.
    pub fewest_options: usize,
    pub fewest_wrong: usize,
    /// Every guesser over every check it plays.
    pub guessers: Vec<GuesserMeasure>,
    /// Hedges and absolutes in multiple-choice options.
    pub hedged: CueShare,
    pub absolute: CueShare,
    /// Single-choice checks by the place of the right answer (index 0 =
    /// shown first), and what chance gives for each place.
    pub positions: Vec<(usize, f64)>,
    /// Checks with the most caricatures in one check.
    pub most_caricatures: usize,
    /// Checks with fewer than two plausible (not caricature) wrong options.
    pub thin_checks: Vec<String>,
    /// Scenarios that retell their lesson, with the reason.
    pub lifted: Vec<(String, String)>,
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
    pub fn recall(&self) -> usize {
        self.sum(|p| p.recall)
    }
    pub fn longest_right(&self) -> usize {
        self.sum(|p| p.longest_right)
    }
    pub fn caricatures(&self) -> usize {
        self.sum(|p| p.caricatures)
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
    pub fn guesser(&self, g: Guesser) -> &GuesserMeasure {
        self.guessers
            .iter()
            .find(|m| m.guesser == g)
            .expect("every guesser is measured")
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn share((n, of): (usize, usize)) -> String {
    format!("{n} of {of} ({:.0}%)", 100.0 * ratio(n, of))
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
            "application (scenario, not the lesson's example) checks: {} of {} ({:.0}%); recall: {}",
            self.applications(),
            self.checks(),
            100.0 * self.application_share(),
            self.recall()
        )?;
        writeln!(
            f,
            "options per check: {:.2} on average, at least {} ({} wrong)",
            self.options_per_check(),
            self.fewest_options,
            self.fewest_wrong
        )?;
        writeln!(f, "guessers against chance (1.00 = chance):")?;
        for g in &self.guessers {
            writeln!(
                f,
                "  {}: {:.2} right of {:.2} by chance over {} checks = {:.2} x chance",
                g.guesser.name(),
                g.credit,
                g.chance,
                g.checks,
                g.times_chance()
            )?;
        }
        writeln!(
            f,
            "multiple choice: hedged right options {}, wrong {}; absolute right options {}, wrong {}",
            share(self.hedged.right),
            share(self.hedged.wrong),
            share(self.absolute.right),
            share(self.absolute.wrong)
        )?;
        let places: Vec<String> = self
            .positions
            .iter()
            .enumerate()
            .map(|(i, (n, c))| format!("{}: {n} ({c:.1} by chance)", i + 1))
            .collect();
        writeln!(
            f,
            "right answer's place in single-choice checks: {}",
            places.join(", ")
        )?;
        writeln!(
            f,
            "caricatures (wrong options with an absolute, blaming or hopeless word): {}; at most {} in one check; checks with fewer than two plausible wrong options: {}",
            self.caricatures(),
            self.most_caricatures,
            self.thin_checks.len()
        )?;
        for (check, why) in &self.lifted {
            writeln!(f, "  retold, not applied: {check}: {why}")?;
        }
        for p in &self.parts {
            writeln!(
                f,
                "  {}: {} checks ({} single-choice, {} applications, {} recall, {} longest-right, {} caricatures)",
                p.slug,
                p.checks,
                p.singles,
                p.applications,
                p.recall,
                p.longest_right,
                p.caricatures
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

fn wrong_options(check: &Check) -> usize {
    check.options.iter().filter(|o| !o.correct).count()
}

fn caricatures(check: &Check) -> usize {
    check
        .options
        .iter()
        .filter(|o| !o.correct && cues::is_caricature(&o.text))
        .count()
}

/// How many right and wrong options of `check` carry the cue.
pub fn cue_share(check: &Check, carries: fn(&str) -> usize) -> CueShare {
    let mut s = CueShare::default();
    for o in &check.options {
        let side = if o.correct {
            &mut s.right
        } else {
            &mut s.wrong
        };
        side.0 += usize::from(carries(&o.text) > 0);
        side.1 += 1;
    }
    s
}

fn add(a: CueShare, b: CueShare) -> CueShare {
    CueShare {
        right: (a.right.0 + b.right.0, a.right.1 + b.right.1),
        wrong: (a.wrong.0 + b.wrong.0, a.wrong.1 + b.wrong.1),
    }
}

fn part(slug: &str, items: &[&Item]) -> PartMeasures {
    let mut m = PartMeasures {
        slug: slug.to_string(),
        checks: items.len(),
        singles: 0,
        applications: 0,
        recall: 0,
        longest_right: 0,
        caricatures: 0,
    };
    for item in items {
        let c = item.check;
        if item.applies() {
            m.applications += 1;
        } else {
            m.recall += 1;
        }
        m.caricatures += caricatures(c);
        if c.kind == CheckKind::Single {
            m.singles += 1;
            m.longest_right += usize::from(right_is_longest(c));
        }
    }
    m
}

/// Single-choice checks by the place of their right answer, and what
/// chance gives for each place (a check with `n` options adds `1/n` to
/// each of its places).
fn positions(items: &[Item]) -> Vec<(usize, f64)> {
    let mut out: Vec<(usize, f64)> = Vec::new();
    for c in items.iter().map(|i| i.check) {
        if c.kind != CheckKind::Single {
            continue;
        }
        let n = c.options.len();
        if out.len() < n {
            out.resize(n, (0, 0.0));
        }
        for (i, o) in c.options.iter().enumerate() {
            out[i].1 += 1.0 / n as f64;
            out[i].0 += usize::from(o.correct);
        }
    }
    out
}

/// Measures the course's checks.
pub fn measure(course: &Course) -> Measures {
    let all = items(course);
    let mut parts: Vec<PartMeasures> = course
        .lessons
        .iter()
        .map(|l| {
            let own: Vec<&Item> = all
                .iter()
                .filter(|i| l.checks.iter().any(|c| std::ptr::eq(c, i.check)))
                .collect();
            part(&l.slug, &own)
        })
        .collect();
    if let Some(recap) = &course.recap {
        let own: Vec<&Item> = all
            .iter()
            .filter(|i| recap.checks.iter().any(|c| std::ptr::eq(&c.check, i.check)))
            .collect();
        parts.push(part(&recap.slug, &own));
    }
    let guessers = Guesser::ALL
        .iter()
        .map(|&g| {
            let mut m = GuesserMeasure {
                guesser: g,
                checks: 0,
                credit: 0.0,
                chance: 0.0,
            };
            for c in all.iter().map(|i| i.check) {
                if let Some(credit) = g.credit(c) {
                    m.checks += 1;
                    m.credit += credit;
                    m.chance += cues::chance(c);
                }
            }
            m
        })
        .collect();
    let multiple = all.iter().filter(|i| i.check.kind == CheckKind::Multiple);
    let checks = || all.iter().map(|i| i.check);
    Measures {
        parts,
        options: checks().map(|c| c.options.len()).sum(),
        fewest_options: checks().map(|c| c.options.len()).min().unwrap_or(0),
        fewest_wrong: checks().map(wrong_options).min().unwrap_or(0),
        guessers,
        hedged: multiple
            .clone()
            .map(|i| cue_share(i.check, cues::hedges))
            .fold(CueShare::default(), add),
        absolute: multiple
            .map(|i| cue_share(i.check, cues::absolutes))
            .fold(CueShare::default(), add),
        positions: positions(&all),
        most_caricatures: checks().map(caricatures).max().unwrap_or(0),
        thin_checks: checks()
            .filter(|c| wrong_options(c) - caricatures(c) < 2)
            .map(|c| c.id.clone())
            .collect(),
        lifted: all
            .iter()
            .filter_map(|i| Some((i.check.id.clone(), i.lifted()?)))
            .collect(),
    }
}

/// Is one cue out of balance in `check` (see [`MAX_CUE_GAP`])?
fn unbalanced(s: CueShare) -> bool {
    let rate = |(n, of): (usize, usize)| ratio(n, of);
    (rate(s.right) - rate(s.wrong)).abs() > MAX_CUE_GAP + 1e-9
}

/// Every broken quality rule of the course.
pub fn check(course: &Course) -> Vec<QualityError> {
    let m = measure(course);
    let all = items(course);
    let mut errors = Vec::new();
    let (n, d) = MAX_LONGEST_RIGHT;
    if m.longest_right() * d > m.singles() * n {
        errors.push(QualityError::RightIsLongest {
            longest: m.longest_right(),
            singles: m.singles(),
        });
    }
    for item in &all {
        let c = item.check;
        let wrong = wrong_options(c);
        if wrong < MIN_WRONG_OPTIONS {
            errors.push(QualityError::TooFewWrongOptions {
                check: c.id.clone(),
                wrong,
            });
        }
        for (cue, carries) in [
            ("a hedge", cues::hedges as fn(&str) -> usize),
            ("an absolute", cues::absolutes),
        ] {
            let s = cue_share(c, carries);
            if unbalanced(s) {
                errors.push(QualityError::CueOutOfBalance {
                    check: c.id.clone(),
                    cue,
                    right: s.right,
                    wrong: s.wrong,
                });
            }
        }
        for (part, missing) in [
            ("nudge", c.nudge.is_none()),
            ("another way", c.another_way.is_none()),
            ("passage", c.passage.is_none()),
        ] {
            if missing {
                errors.push(QualityError::MissingHelp {
                    check: c.id.clone(),
                    part,
                });
            }
        }
        if let Some(why) = item.lifted() {
            errors.push(QualityError::LiftedScenario {
                check: c.id.clone(),
                why,
            });
        }
    }
    for (i, &(found, chance)) in m.positions.iter().enumerate() {
        let f = found as f64;
        if f > (1.5 * chance).ceil() || f < (0.5 * chance).floor() {
            errors.push(QualityError::RightPositionUneven {
                position: i + 1,
                found,
                chance,
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
