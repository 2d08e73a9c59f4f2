//! Where to find help, by country: `src/content/helplines.toml` read and
//! checked at build time, then written as static Rust data for the app
//! (`$OUT_DIR/helplines.rs`, included by `src/content/helplines.rs`).
//!
//! A number that reaches a reader in distress must be right, so the build
//! refuses a list where any line lacks its service, who it is for, when it
//! is open, the day it was checked or the page it was checked on, or where
//! a number does not have the shape of its country's numbering plan. Every
//! country must offer its emergency number and at least one line to talk
//! to someone. A service whose number could not be checked is listed by
//! its website, never by a number. No text may hold a character HTML
//! would read (`< > & "`): the app writes them into the page as they are.

use crate::quality::labels_the_reader;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// The countries the chooser offers, in its order; "somewhere else" is
/// [`Helplines::elsewhere`].
pub const COUNTRIES: [&str; 6] = ["uk", "ie", "us", "ca", "au", "nz"];

/// The whole list, as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helplines {
    #[serde(rename = "country", default)]
    pub countries: Vec<Country>,
    pub elsewhere: Elsewhere,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// One of [`COUNTRIES`]; also the stored word of the reader's choice.
    pub code: String,
    /// As the chooser shows it: "United Kingdom".
    pub label: String,
    /// As a sentence says it: "Help in the UK".
    pub name: String,
    #[serde(rename = "line", default)]
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Emergency,
    Crisis,
    Abuse,
    AbuseMen,
    AbuseLgbt,
    Survivors,
    OwnBehaviour,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    Call,
    Text,
    CallOrText,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub kind: Kind,
    pub service: String,
    /// Who it is for, in a sentence.
    pub about: String,
    /// When it is open, in a sentence.
    pub hours: String,
    /// The day the line was checked on `source`, `YYYY-MM-DD`.
    pub checked: String,
    /// The service's own page (or its operator's or funder's) the number
    /// and hours were checked against.
    pub source: String,
    /// The number as shown, e.g. `0808 2000 247` or `1-800-656-4673`.
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub how: Option<How>,
    /// The word to text, with `how = "text"`.
    #[serde(default)]
    pub word: Option<String>,
    /// Instead of a number that could not be checked: the service's site.
    #[serde(default)]
    pub website: Option<String>,
}

/// For a reader somewhere else: a directory of helplines.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Elsewhere {
    pub service: String,
    pub website: String,
    pub about: String,
    pub checked: String,
    pub source: String,
}

/// One problem with the list, naming where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelplineError {
    pub place: String,
    pub problem: String,
}

impl fmt::Display for HelplineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "helplines: {}: {}", self.place, self.problem)
    }
}

/// Reads and checks the list at `path`.
pub fn load(path: &Path) -> Result<Helplines, Vec<HelplineError>> {
    let error = |problem: String| {
        vec![HelplineError {
            place: path.display().to_string(),
            problem,
        }]
    };
    let text = std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))?;
    let list: Helplines = toml::from_str(&text).map_err(|e| error(e.to_string()))?;
    let errors = validate(&list);
    if errors.is_empty() {
        Ok(list)
    } else {
        Err(errors)
    }
}

/// Every problem with the list (empty when it may ship).
pub fn validate(list: &Helplines) -> Vec<HelplineError> {
    let mut errors = Vec::new();
    let mut problem = |place: &str, problem: &str| {
        errors.push(HelplineError {
            place: place.to_string(),
            problem: problem.to_string(),
        })
    };
    let codes: Vec<&str> = list.countries.iter().map(|c| c.code.as_str()).collect();
    if codes != COUNTRIES {
        problem(
            "countries",
            &format!("must be {COUNTRIES:?} in that order, found {codes:?}"),
        );
    }
    for country in &list.countries {
        let code = country.code.as_str();
        for (field, text) in [("label", &country.label), ("name", &country.name)] {
            if text.trim().is_empty() {
                problem(code, &format!("{field} is empty"));
            }
            if text.contains(['<', '>', '&', '"']) {
                problem(code, &format!("{field} has a character HTML would read"));
            }
        }
        let count = |kind| country.lines.iter().filter(|l| l.kind == kind).count();
        if count(Kind::Emergency) != 1 {
            problem(code, "needs exactly one emergency line");
        }
        if count(Kind::Crisis) == 0 {
            problem(code, "needs at least one crisis line");
        }
        for line in &country.lines {
            let place = format!("{code}: {}", line.service);
            for p in line_problems(code, line) {
                problem(&place, &p);
            }
        }
    }
    let e = &list.elsewhere;
    let texts = [("service", &e.service), ("about", &e.about)];
    let mut problems = common_problems(&texts, &e.checked, &e.source);
    problems.extend(web_problem(&e.website));
    for p in problems {
        problem("elsewhere", &p);
    }
    errors
}

/// What is wrong with one line of a country's list.
fn line_problems(code: &str, line: &Line) -> Vec<String> {
    let texts = [
        ("service", &line.service),
        ("about", &line.about),
        ("hours", &line.hours),
    ];
    let mut problems = common_problems(&texts, &line.checked, &line.source);
    match (&line.number, &line.website) {
        (Some(number), None) => match line.how {
            None => problems.push("a number needs `how` (call, text, call-or-text)".into()),
            Some(how) => {
                if !number_fits(code, number, how) {
                    problems.push(format!(
                        "`{number}` is not the shape of a number in {code} for `{how:?}`"
                    ));
                }
                if (how == How::Text) != line.word.is_some() {
                    problems.push("a `word` to text goes with `how = \"text\"` only".into());
                }
            }
        },
        (None, Some(website)) => {
            problems.extend(web_problem(website));
            if line.how.is_some() || line.word.is_some() {
                problems.push("a line without a number has no `how` or `word`".into());
            }
        }
        _ => problems.push("needs either a checked `number` or a `website`".into()),
    }
    if line.kind == Kind::Emergency && line.number.is_none() {
        problems.push("the emergency line needs its number".into());
    }
    problems
}

/// The checks every entry shares: its texts, its date and its source.
fn common_problems(texts: &[(&str, &String)], checked: &str, source: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (field, text) in texts {
        if text.trim().is_empty() {
            problems.push(format!("{field} is empty"));
        }
        if let Some(phrase) = labels_the_reader(text) {
            problems.push(format!("{field} labels the reader (\"{phrase}\")"));
        }
        // The app writes these texts into the page as HTML, unescaped.
        if text.contains(['<', '>', '&', '"']) {
            problems.push(format!(
                "{field} has a character HTML would read (< > & \")"
            ));
        }
    }
    if display_date(checked).is_none() {
        problems.push(format!("checked `{checked}` is not a date (YYYY-MM-DD)"));
    }
    if host(source).is_none() {
        problems.push(format!("source `{source}` is not a web address"));
    }
    problems
}

fn web_problem(address: &str) -> Option<String> {
    let plain = !address.contains(['<', '>', '&', '"', ' ']);
    (!address.starts_with("https://") || host(address).is_none() || !plain)
        .then(|| format!("website `{address}` must be an https address"))
}

/// The digits of a number as shown, if it is written with digits, single
/// spaces and (only in North America) hyphens.
fn digits(code: &str, shown: &str) -> Option<String> {
    let separator = if matches!(code, "us" | "ca") {
        '-'
    } else {
        ' '
    };
    let groups: Vec<&str> = shown.split(separator).collect();
    let plain = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    plain.then(|| groups.concat())
}

/// Does `shown` have the shape of a number people in `code` can dial (or
/// text, for a short code)? Emergency and short national numbers, free and
/// national-rate numbers, and area numbers, per country; North American
/// long numbers as `1-NXX-NXX-XXXX`.
pub fn number_fits(code: &str, shown: &str, how: How) -> bool {
    let Some(d) = digits(code, shown) else {
        return false;
    };
    let short_code = how == How::Text && (4..=6).contains(&d.len());
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| d.starts_with(p));
    let eu_helpline = d.len() == 6 && d.starts_with("116");
    short_code
        || match code {
            "uk" => {
                matches!(d.as_str(), "999" | "112" | "111")
                    || eu_helpline
                    || (d.len() == 11 && starts(&["0"]))
            }
            "ie" => {
                matches!(d.as_str(), "112" | "999")
                    || eu_helpline
                    || (d.len() == 10 && starts(&["1800", "1850"]))
                    || ((9..=10).contains(&d.len()) && starts(&["0"]))
            }
            "us" | "ca" => {
                let n = |i: usize| {
                    d.as_bytes()
                        .get(i)
                        .is_some_and(|b| (b'2'..=b'9').contains(b))
                };
                matches!(d.as_str(), "911" | "988")
                    || (d.len() == 11 && starts(&["1"]) && n(1) && n(4))
            }
            "au" => {
                matches!(d.as_str(), "000" | "112")
                    || (d.len() == 6 && starts(&["13"]))
                    || (d.len() == 10 && starts(&["1300", "1800", "04"]))
            }
            "nz" => {
                matches!(d.as_str(), "111" | "1737") || (d.len() == 10 && starts(&["0800", "0508"]))
            }
            _ => false,
        }
}

/// `2026-12-06` as "6 December 2026", if it is a real day.
pub fn display_date(date: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (u32, usize, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let last = *days.get(m.checked_sub(1)?)?;
    (y >= 2000 && (1..=last).contains(&d)).then(|| format!("{d} {} {y}", MONTHS[m - 1]))
}

/// The site of a web address, as a reader would say it: `www.` dropped.
pub fn host(address: &str) -> Option<&str> {
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    valid.then_some(host)
}

/// What a `tel:` link dials: North American long numbers in full
/// international form, everything else as dialled in the country.
fn tel(code: &str, shown: &str) -> String {
    let d = digits(code, shown).unwrap_or_default();
    if matches!(code, "us" | "ca") && d.len() == 11 {
        format!("tel:+{d}")
    } else {
        format!("tel:{d}")
    }
}

/// The list as static Rust data (types in `src/content/helplines.rs`).
/// Dates and sources are turned into what the page shows, so the app
/// carries no date or address code.
pub fn rust(list: &Helplines) -> String {
    let mut out =
        String::from("// Generated by build.rs from src/content/helplines.toml. Do not edit.\n");
    out.push_str("pub static COUNTRIES: &[Country] = &[\n");
    for c in &list.countries {
        out.push_str(&format!(
            "  Country {{ code: {:?}, label: {:?}, name: {:?}, lines: &[\n",
            c.code, c.label, c.name
        ));
        for line in &c.lines {
            out.push_str(&format!(
                "    Line {{ kind: Kind::{:?}, service: {:?}, about: {:?}, hours: {:?}, reach: {}, checked: {:?}, source: {:?} }},\n",
                line.kind,
                line.service,
                line.about,
                line.hours,
                reach(&c.code, line),
                display_date(&line.checked).unwrap_or_default(),
                host(&line.source).unwrap_or_default(),
            ));
        }
        out.push_str("  ] },\n");
    }
    out.push_str("];\n");
    let e = &list.elsewhere;
    out.push_str(&format!(
        "pub static ELSEWHERE: Elsewhere = Elsewhere {{ service: {:?}, about: {:?}, href: {:?}, shown: {:?}, checked: {:?}, source: {:?} }};\n",
        e.service,
        e.about,
        e.website,
        host(&e.website).unwrap_or_default(),
        display_date(&e.checked).unwrap_or_default(),
        host(&e.source).unwrap_or_default(),
    ));
    out
}

fn reach(code: &str, line: &Line) -> String {
    match (&line.number, &line.website) {
        (Some(n), _) => {
            let sms = format!("sms:{}", digits(code, n).unwrap_or_default());
            match line.how {
                Some(How::Text) => format!(
                    "Reach::Text {{ shown: {n:?}, sms: {sms:?}, word: {:?} }}",
                    line.word.as_deref().unwrap_or_default()
                ),
                Some(How::CallOrText) => format!(
                    "Reach::CallOrText {{ shown: {n:?}, tel: {:?}, sms: {sms:?} }}",
                    tel(code, n)
                ),
                _ => format!("Reach::Call {{ shown: {n:?}, tel: {:?} }}", tel(code, n)),
            }
        }
        (None, Some(w)) => format!(
            "Reach::Website {{ shown: {:?}, href: {w:?} }}",
            host(w).unwrap_or_default()
        ),
        (None, None) => "Reach::Website { shown: \"\", href: \"\" }".to_string(),
    }
}
