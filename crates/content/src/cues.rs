//! Surface cues: what a reader who has not read the lesson could go on, and
//! the strategies ("guessers") that use them. `quality` turns these into
//! measures and build rules.
//!
//! Every cue is computed from the words as written, with the word lists
//! below. They are deliberately small and plain, so anyone can see why an
//! option counts as hedged, absolute or gentle; `tests/e2e/guessers.spec.mjs`
//! holds the same lists (a host test keeps the two equal) and plays the same
//! guessers against the built pages.

use crate::tree::{Block, Check, CheckKind, Inline, Lesson};
use std::collections::BTreeSet;

/// Words that soften a claim.
pub const HEDGES: &[&str] = &[
    "may",
    "might",
    "can",
    "could",
    "often",
    "perhaps",
    "possibly",
    "probably",
    "likely",
    "maybe",
    "sometimes",
    "usually",
    "tend",
    "tends",
    "seem",
    "seems",
];

/// Words and phrases that make a claim absolute.
pub const ABSOLUTES: &[&str] = &[
    "always",
    "never",
    "only",
    "all",
    "every",
    "everyone",
    "everything",
    "nothing",
    "nobody",
    "none",
    "no one",
    "must",
    "cannot",
    "can't",
    "completely",
    "totally",
    "entirely",
    "forever",
    "for good",
];

/// Words and phrases of the gentlest reading: warm, even-handed, without
/// blame. The gentlest guesser picks the option with most of these, less
/// the harsh ones.
pub const GENTLE: &[&str] = &[
    "understandable",
    "natural",
    "kind",
    "kindly",
    "gentle",
    "gently",
    "safe",
    "care",
    "cares",
    "caring",
    "protect",
    "protects",
    "protecting",
    "both",
    "each",
    "open",
    "warm",
    "warmly",
    "love",
    "loved",
    "loving",
    "comfort",
    "support",
    "listen",
    "listens",
    "curious",
    "patient",
    "relief",
    "honest",
    "share",
    "shares",
    "together",
    "respect",
    "makes sense",
    "their best",
];

/// Words and phrases of the harshest reading: blame, fault, failure.
pub const HARSH: &[&str] = &[
    "blame",
    "fault",
    "lying",
    "lie",
    "trick",
    "punish",
    "punishing",
    "punishment",
    "selfish",
    "cold",
    "fail",
    "failed",
    "weak",
    "wrong",
    "bad",
    "lazy",
    "manipulate",
    "controlling",
    "on purpose",
    "does not care",
    "doesn't care",
    "give up",
    "too much",
];

/// A wrong option with one of these (or an absolute) is a caricature by the
/// rules that can be computed: blaming, hopeless or mind-reading words
/// that make it easy to strike out.
pub const CARICATURE: &[&str] = &[
    "blame",
    "fault",
    "lying",
    "trick",
    "punish",
    "punishing",
    "selfish",
    "manipulate",
    "scheming",
    "on purpose",
    "does not care",
    "doesn't care",
    "give up",
    "hopeless",
    "fixed",
];

/// Words too common to say anything when an option shares them with the
/// question.
pub const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "it's", "this",
    "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "him", "we",
    "us", "our", "you", "your", "i", "me", "my", "so", "not", "no", "do", "does", "did", "has",
    "have", "had", "what", "which", "who", "how", "why", "when", "there", "here", "than", "then",
    "too", "very", "just", "into", "out", "up", "about", "more", "most", "one", "some", "any",
    "will", "would", "should", "own", "also", "even", "still",
];

/// The words of a text, lower case, split at anything but a letter or an
/// apostrophe (a curly one counts as straight).
pub fn words(text: &str) -> Vec<String> {
    text.replace('\u{2019}', "'")
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// How many times the words or phrases of `list` occur in `text`.
pub fn count(text: &str, list: &[&str]) -> usize {
    let words = words(text);
    let padded = format!(" {} ", words.join(" "));
    list.iter()
        .map(|entry| padded.matches(&format!(" {entry} ")).count())
        .sum()
}

pub fn hedges(text: &str) -> usize {
    count(text, HEDGES)
}

pub fn absolutes(text: &str) -> usize {
    count(text, ABSOLUTES)
}

/// Gentle words less harsh ones.
pub fn gentleness(text: &str) -> i64 {
    count(text, GENTLE) as i64 - count(text, HARSH) as i64
}

/// Is this (wrong) option a caricature by the computable rules: an
/// absolute, or a blaming or hopeless word?
pub fn is_caricature(text: &str) -> bool {
    absolutes(text) > 0 || count(text, CARICATURE) > 0
}

/// A word without a plural or possessive `s`, so "needs" meets "need".
fn stem(word: &str) -> String {
    let w = word.strip_suffix("'s").unwrap_or(word);
    match w.strip_suffix('s') {
        Some(base) if base.len() > 3 && !base.ends_with('s') => base.to_string(),
        _ => w.to_string(),
    }
}

fn content_words(text: &str) -> BTreeSet<String> {
    words(text)
        .iter()
        .filter(|w| w.len() > 2 && !STOP.contains(&w.as_str()))
        .map(|w| stem(w))
        .collect()
}

/// The question a check asks: its scenario and prompt.
pub fn stem_text(check: &Check) -> String {
    format!(
        "{} {}",
        check.scenario.as_deref().unwrap_or_default(),
        check.prompt
    )
}

/// How many of the option's words (not the common ones) the question uses.
pub fn stem_overlap(check: &Check, option: &str) -> usize {
    let stem = content_words(&stem_text(check));
    content_words(option).intersection(&stem).count()
}

/// A strategy that answers from the wording alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guesser {
    Longest,
    Gentlest,
    FewestAbsolutes,
    MostHedges,
    MostStemWords,
    /// Multiple choice only: tick every option with a hedge and no absolute.
    TickHedged,
}

impl Guesser {
    pub const ALL: [Guesser; 6] = [
        Self::Longest,
        Self::Gentlest,
        Self::FewestAbsolutes,
        Self::MostHedges,
        Self::MostStemWords,
        Self::TickHedged,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Longest => "the longest option",
            Self::Gentlest => "the gentlest option",
            Self::FewestAbsolutes => "the fewest absolutes",
            Self::MostHedges => "the most hedges",
            Self::MostStemWords => "most words shared with the question",
            Self::TickHedged => "tick the hedged options (multiple choice)",
        }
    }

    /// The option's score: the guesser picks the highest.
    fn score(self, check: &Check, text: &str) -> i64 {
        match self {
            Self::Longest => text.chars().count() as i64,
            Self::Gentlest => gentleness(text),
            Self::FewestAbsolutes => -(absolutes(text) as i64),
            Self::MostHedges | Self::TickHedged => hedges(text) as i64,
            Self::MostStemWords => stem_overlap(check, text) as i64,
        }
    }

    /// What the guesser expects to score on `check`, from 0 to 1, or
    /// `None` if it does not play this kind of check. Single choice: the
    /// top-scoring option, a tie shared evenly. Multiple choice: every
    /// option tied at the top is ticked (or, for `TickHedged`, every hedged
    /// option without an absolute), right only if that is exactly the set
    /// of right answers.
    pub fn credit(self, check: &Check) -> Option<f64> {
        let scores: Vec<i64> = check
            .options
            .iter()
            .map(|o| self.score(check, &o.text))
            .collect();
        let best = *scores.iter().max()?;
        let top = |i: usize| scores[i] == best;
        match (check.kind, self) {
            (CheckKind::Single, Self::TickHedged) => None,
            (CheckKind::Single, _) => {
                let tied = (0..scores.len()).filter(|&i| top(i)).count();
                let right = (0..scores.len())
                    .filter(|&i| top(i) && check.options[i].correct)
                    .count();
                Some(right as f64 / tied as f64)
            }
            (CheckKind::Multiple, _) => {
                let ticked = |i: usize| match self {
                    Self::TickHedged => {
                        let text = &check.options[i].text;
                        hedges(text) > 0 && absolutes(text) == 0
                    }
                    _ => top(i),
                };
                let exact = (0..scores.len()).all(|i| ticked(i) == check.options[i].correct);
                Some(if exact { 1.0 } else { 0.0 })
            }
        }
    }
}

/// What a blind guess scores: one option in `n`, or one non-empty set of
/// options in `2^n - 1`.
pub fn chance(check: &Check) -> f64 {
    let n = check.options.len() as i32;
    match check.kind {
        CheckKind::Single => 1.0 / f64::from(n.max(1)),
        CheckKind::Multiple => 1.0 / (2f64.powi(n) - 1.0).max(1.0),
    }
}

// ---- scenarios lifted from the lesson ------------------------------------

/// Kinds of people and settings, so "her brother" meets "another child".
const PEOPLE_AND_SETTINGS: &[(&str, &[&str])] = &[
    (
        "child",
        &[
            "baby", "babies", "child", "children", "toddler", "son", "daughter", "kid", "kids",
            "brother", "sister", "sibling", "siblings", "sisters", "brothers", "newborn",
        ],
    ),
    (
        "carer",
        &[
            "parent",
            "parents",
            "carer",
            "carers",
            "mum",
            "mother",
            "dad",
            "father",
            "caregiver",
        ],
    ),
    (
        "partner",
        &[
            "partner",
            "partners",
            "boyfriend",
            "girlfriend",
            "husband",
            "wife",
            "couple",
            "dating",
        ],
    ),
    ("friend", &["friend", "friends"]),
    (
        "pet",
        &["dog", "dogs", "cat", "cats", "pet", "pets", "puppy"],
    ),
    ("author", &["author", "coach", "therapist", "counsellor"]),
    ("home", &["home", "family", "house"]),
    ("illness", &["hospital", "ill", "unwell", "poorly", "sick"]),
    ("work", &["work", "job", "shifts", "office"]),
    ("party", &["party", "parties", "crowd", "crowds"]),
];

fn kinds(text: &str) -> BTreeSet<&'static str> {
    let words = words(text);
    PEOPLE_AND_SETTINGS
        .iter()
        .filter(|(_, members)| words.iter().any(|w| members.contains(&w.as_str())))
        .map(|(kind, _)| *kind)
        .collect()
}

fn plain(parts: &[Inline]) -> String {
    parts.iter().map(Inline::text).collect()
}

/// The lesson's prose, a paragraph (list item, note) at a time.
pub fn paragraphs(lesson: &Lesson) -> Vec<String> {
    let mut out = Vec::new();
    for block in lesson.sections.iter().flat_map(|s| &s.blocks) {
        match block {
            Block::Paragraph(p) | Block::CareNote(p) => out.push(plain(p)),
            Block::List(items) => out.extend(items.iter().map(|i| plain(i))),
            Block::Figure { .. } | Block::Activity(_) => {}
        }
    }
    out
}

/// Capitalised words that are not the first of a sentence: the names in a
/// text.
pub fn names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let word: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches("'s")
            .trim_end_matches("\u{2019}s")
            .to_string();
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        // Quoted speech starts a sentence of its own; "I" and "I'm" name no one.
        let quoted = raw.starts_with(['"', '\u{201c}']);
        let pronoun = word == "I" || word.starts_with("I'") || word.starts_with("I\u{2019}");
        if capital && !sentence_start && !quoted && !pronoun {
            out.insert(word);
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':']) || raw.ends_with(".\"");
    }
    out
}

/// Why a scenario is the lesson's own example retold rather than a new
/// situation, if it is: it names someone the lesson names, shares a run of
/// four words (two of them not common ones) with a paragraph, or its
/// people and setting (two kinds or more) all come from one paragraph.
pub fn lifted(scenario: &str, lesson: &Lesson) -> Option<String> {
    let prose = paragraphs(lesson);
    let prose_names: BTreeSet<String> = prose.iter().flat_map(|p| names(p)).collect();
    if let Some(name) = names(scenario).intersection(&prose_names).next() {
        return Some(format!("names {name}, as the lesson does"));
    }
    let ours = words(scenario);
    for paragraph in &prose {
        let theirs = format!(" {} ", words(paragraph).join(" "));
        for run in ours.windows(4) {
            let content = run.iter().filter(|w| !STOP.contains(&w.as_str())).count();
            if content >= 2 && theirs.contains(&format!(" {} ", run.join(" "))) {
                return Some(format!("shares \"{}\" with the lesson", run.join(" ")));
            }
        }
    }
    let people = kinds(scenario);
    if people.len() >= 2 {
        if let Some(p) = prose.iter().find(|p| people.is_subset(&kinds(p))) {
            let first: String = p.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
            return Some(format!(
                "its people and setting ({}) are the lesson's, in \"{first}...\"",
                people.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    None
}
