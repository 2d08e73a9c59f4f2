//! Where to find help, by country: static data generated at build time from
//! `src/content/helplines.toml` (checked by `attune_content::helplines`).
//! Dates and sources arrive as the page shows them. The list is small and
//! About must show it even when nothing more can be fetched, so it lives
//! in the first load rather than in a text file.

/// A country the reader can choose, with its lines in the order shown.
#[derive(Debug, PartialEq)]
pub struct Country {
    /// The stored word of the reader's choice (`model::settings::COUNTRY`).
    pub code: &'static str,
    /// As the chooser shows it: "United Kingdom".
    pub label: &'static str,
    /// As a sentence says it: "the UK".
    pub name: &'static str,
    pub lines: &'static [Line],
}

impl Country {
    /// Its emergency line (the build guarantees exactly one).
    pub fn emergency(&self) -> Option<&'static Line> {
        self.lines.iter().find(|l| l.kind == Kind::Emergency)
    }
}

/// What a line is for, which the page says before its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Emergency,
    Crisis,
    Abuse,
    AbuseMen,
    AbuseLgbt,
    Survivors,
    OwnBehaviour,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Emergency => "In danger now",
            Kind::Crisis => "To talk to someone",
            Kind::Abuse => "Abuse at home",
            Kind::AbuseMen => "Abuse at home, for men",
            Kind::AbuseLgbt => "Abuse at home, for LGBT+ people",
            Kind::Survivors => "Harm in childhood, or sexual harm",
            Kind::OwnBehaviour => "Worried about your own behaviour",
        }
    }
}

/// How to reach a line. `shown` is the number as the reader reads it;
/// `tel` and `sms` are the links a phone dials or texts.
#[derive(Debug, PartialEq)]
pub enum Reach {
    Call {
        shown: &'static str,
        tel: &'static str,
    },
    Text {
        shown: &'static str,
        sms: &'static str,
        /// What to send; may be empty.
        word: &'static str,
    },
    CallOrText {
        shown: &'static str,
        tel: &'static str,
        sms: &'static str,
    },
    /// A service whose number could not be checked: its website only.
    Website {
        shown: &'static str,
        href: &'static str,
    },
}

#[derive(Debug, PartialEq)]
pub struct Line {
    pub kind: Kind,
    pub service: &'static str,
    pub about: &'static str,
    pub hours: &'static str,
    pub reach: Reach,
    /// "6 December 2026".
    pub checked: &'static str,
    /// The site it was checked on: "samaritans.org".
    pub source: &'static str,
}

/// For a reader somewhere else: a directory of helplines.
#[derive(Debug, PartialEq)]
pub struct Elsewhere {
    pub service: &'static str,
    pub about: &'static str,
    pub href: &'static str,
    pub shown: &'static str,
    pub checked: &'static str,
    pub source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/helplines.rs"));

/// The country with this stored word, if it is one of ours.
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}
