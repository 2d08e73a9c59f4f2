//! Display settings: theme, text size, discreet mode, and the country whose
//! helplines About and the notes of care show. Kept apart from
//! progress (their own key, their own tiny format) so a reader's look
//! survives anything that happens to their answers, and so the pre-paint
//! script in `index.html` can read them with one `JSON.parse` before the
//! first frame.
//!
//! Settings are a table ([`ALL`]), not one type per setting: the header
//! control, storage and the `<html>` attributes all loop over it, so a new
//! setting is one entry here plus its CSS, and its code is compiled once.
//!
//! Reading is tolerant: anything unknown or malformed falls back to the
//! default for that setting, never to an error. A wrong theme is harmless;
//! refusing to start over it would not be.

use super::sync::{Document, Stored};

/// The stored format's version, written with every save.
pub const SETTINGS_VERSION: u32 = 1;

/// One setting and the words it may take; the first word is the default.
#[derive(Debug)]
pub struct Setting {
    /// Its field in the stored JSON.
    pub name: &'static str,
    /// The attribute on `<html>` that the CSS reads; absent for the default.
    pub attribute: &'static str,
    /// What the reader sees as the group's name.
    pub legend: &'static str,
    /// `(stored word, what the reader sees)`.
    pub options: &'static [(&'static str, &'static str)],
    /// A sentence under the group's name saying what it does; empty when
    /// the name says it all.
    pub hint: &'static str,
}

impl Setting {
    pub fn default_word(&self) -> &'static str {
        self.options[0].0
    }

    /// The word as our own `&'static str`, if it is one of ours.
    pub fn word(&self, word: &str) -> Option<&'static str> {
        self.options.iter().map(|o| o.0).find(|w| *w == word)
    }
}

pub const THEME: Setting = Setting {
    name: "theme",
    attribute: "data-theme",
    legend: "Theme",
    // "system" follows the device (`prefers-color-scheme`).
    options: &[
        ("system", "Same as device"),
        ("light", "Light"),
        ("dark", "Dark"),
    ],
    hint: "",
};

pub const TEXT_SIZE: Setting = Setting {
    name: "text_size",
    attribute: "data-text-size",
    legend: "Text size",
    options: &[
        ("normal", "Normal"),
        ("large", "Large"),
        ("larger", "Larger"),
    ],
    hint: "",
};

/// Discreet mode: a neutral tab title and icon on every page (the pre-paint
/// script in `index.html`, then `components::focus`), and the page covered
/// while the tab is hidden, so an app switcher's preview shows nothing.
pub const DISCREET: Setting = Setting {
    name: "discreet",
    attribute: "data-discreet",
    legend: "Discreet mode",
    options: &[("off", "Off"), ("on", "On")],
    hint: "The tab shows \u{201c}Notes\u{201d} and a plain icon, and the page is hidden while you are in another tab or app.",
};

/// Where the reader lives, for help nearby: About's `#help` and every note
/// of care show that country's lines (`components::help`). Chosen on About
/// only and never guessed: nothing reads the reader's location, address or
/// language, and the choice goes nowhere but this browser's storage. The
/// words are the codes of `src/content/helplines.toml`.
pub const COUNTRY: Setting = Setting {
    name: "country",
    attribute: "data-country",
    legend: "Where you live",
    options: &[
        ("none", "Not chosen"),
        ("uk", "United Kingdom"),
        ("ie", "Ireland"),
        ("us", "United States"),
        ("ca", "Canada"),
        ("au", "Australia"),
        ("nz", "New Zealand"),
        ("elsewhere", "Somewhere else"),
    ],
    hint: "Choose a place to see its helplines. Your choice is kept in this browser only, like the theme. Attune never works out where you are.",
};

/// Every setting, as stored.
pub const ALL: [&Setting; 4] = [&THEME, &TEXT_SIZE, &DISCREET, &COUNTRY];

/// The settings of the header's Display control, in the order the reader
/// sees them (the country is chosen where the help is, on About).
pub const DISPLAY: [&Setting; 3] = [&THEME, &TEXT_SIZE, &DISCREET];

/// The reader's choice for each setting in [`ALL`], as its stored word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings([&'static str; ALL.len()]);

impl Default for Settings {
    fn default() -> Self {
        Self(ALL.map(Setting::default_word))
    }
}

impl Settings {
    fn index(setting: &Setting) -> usize {
        ALL.iter().position(|s| s.name == setting.name).unwrap_or(0)
    }

    pub fn get(&self, setting: &Setting) -> &'static str {
        self.0[Self::index(setting)]
    }

    /// Whether discreet mode is on.
    pub fn discreet(&self) -> bool {
        self.get(&DISCREET) == "on"
    }

    /// Chooses `word` for `setting`; a word that is not one of its own is
    /// ignored.
    pub fn set(&mut self, setting: &Setting, word: &str) {
        if let Some(w) = setting.word(word) {
            self.0[Self::index(setting)] = w;
        }
    }

    /// Each setting's attribute and its value, `None` for the default (the
    /// attribute is then removed, as the pre-paint script leaves it).
    pub fn attributes(&self) -> impl Iterator<Item = (&'static str, Option<&'static str>)> + '_ {
        ALL.iter().map(|s| {
            let word = self.get(s);
            (s.attribute, (word != s.default_word()).then_some(word))
        })
    }
}

/// Reads stored settings; never fails (see the module comment).
///
/// A scan for `"name": "word"` rather than a JSON parser: the format is one
/// flat object of our own fixed words, and serde's code for it cost about
/// half a kilobyte of the download. Anything else gives the default.
pub fn decode(raw: &str) -> Settings {
    let mut settings = Settings::default();
    for s in ALL {
        if let Some(word) = stored_word(raw, s.name) {
            settings.set(s, word);
        }
    }
    settings
}

/// The string stored under `"name"` in a flat JSON object, if any.
fn stored_word<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("\"{name}\"");
    let rest = raw[raw.find(&key)? + key.len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
    rest.split('"').next()
}

/// What the text stored under the settings key (or its absence) is to the
/// sync machine: always readable, as reading is tolerant.
pub fn stored(raw: Option<&str>) -> Stored<Settings> {
    raw.map_or(Stored::Nothing, |raw| Stored::Readable(decode(raw)))
}

/// Settings are saved through the sync machine like progress: a setting
/// changed in this tab wins, the others follow another tab's choice.
impl Document for Settings {
    fn merge(base: &Self, ours: &Self, theirs: &Self) -> Self {
        let mut merged = *theirs;
        for s in ALL {
            if ours.get(s) != base.get(s) {
                merged.set(s, ours.get(s));
            }
        }
        merged
    }
}

/// The stored form. Every value is one of our fixed words, so no escaping
/// is needed (and no serializer is compiled in for it).
pub fn encode(s: &Settings) -> String {
    let mut out = format!("{{\"version\":{SETTINGS_VERSION}");
    for setting in ALL {
        out += &format!(",\"{}\":\"{}\"", setting.name, s.get(setting));
    }
    out + "}"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(theme: &str, text_size: &str) -> Settings {
        let mut s = Settings::default();
        s.set(&THEME, theme);
        s.set(&TEXT_SIZE, text_size);
        s
    }

    fn discreet(mut s: Settings) -> Settings {
        s.set(&DISCREET, "on");
        s
    }

    #[test]
    fn every_choice_round_trips() {
        for (theme, _) in THEME.options {
            for (size, _) in TEXT_SIZE.options {
                for (mode, _) in DISCREET.options {
                    let mut s = with(theme, size);
                    s.set(&DISCREET, mode);
                    let got = (s.get(&THEME), s.get(&TEXT_SIZE), s.get(&DISCREET));
                    assert_eq!(got, (*theme, *size, *mode));
                    assert_eq!(decode(&encode(&s)), s);
                }
            }
        }
    }

    #[test]
    fn stored_form_is_the_documented_json() {
        assert_eq!(
            encode(&with("dark", "larger")),
            r#"{"version":1,"theme":"dark","text_size":"larger","discreet":"off","country":"none"}"#
        );
        assert_eq!(
            encode(&discreet(Settings::default())),
            r#"{"version":1,"theme":"system","text_size":"normal","discreet":"on","country":"none"}"#
        );
        let mut s = Settings::default();
        s.set(&COUNTRY, "au");
        assert_eq!(
            encode(&s),
            r#"{"version":1,"theme":"system","text_size":"normal","discreet":"off","country":"au"}"#
        );
    }

    /// The country is a setting like the others: kept, merged between
    /// tabs, read tolerantly; settings saved before it existed load with
    /// no country chosen, and an unknown word chooses none.
    #[test]
    fn the_country_is_kept_like_any_setting() {
        for (word, _) in COUNTRY.options {
            let mut s = Settings::default();
            s.set(&COUNTRY, word);
            assert_eq!(decode(&encode(&s)).get(&COUNTRY), *word);
        }
        let old = decode(r#"{"version":1,"theme":"dark","text_size":"normal","discreet":"off"}"#);
        assert_eq!(old.get(&COUNTRY), "none");
        for raw in [
            r#"{"country":"fr"}"#,
            r#"{"country":"UK"}"#,
            r#"{"country":1}"#,
        ] {
            assert_eq!(decode(raw).get(&COUNTRY), "none", "{raw}");
        }
        let base = Settings::default();
        let mut ours = base;
        ours.set(&COUNTRY, "nz");
        let merged = Settings::merge(&base, &ours, &with("dark", "normal"));
        assert_eq!((merged.get(&COUNTRY), merged.get(&THEME)), ("nz", "dark"));
        let attrs: Vec<_> = merged.attributes().collect();
        assert!(attrs.contains(&("data-country", Some("nz"))));
    }

    /// The chooser offers exactly the countries the helplines list has, by
    /// the same words and names, then "somewhere else".
    #[test]
    fn the_country_words_are_the_helplines_countries() {
        let countries = crate::content::helplines::COUNTRIES;
        let offered = &COUNTRY.options[1..COUNTRY.options.len() - 1];
        assert_eq!(offered.len(), countries.len());
        for ((word, label), country) in offered.iter().zip(countries) {
            assert_eq!((*word, *label), (country.code, country.label));
        }
        assert_eq!(COUNTRY.default_word(), "none");
        assert_eq!(COUNTRY.options.last().map(|o| o.0), Some("elsewhere"));
        assert!(!DISPLAY.iter().any(|s| s.name == COUNTRY.name));
    }

    #[test]
    fn discreet_mode_is_off_unless_stored_on() {
        assert!(!Settings::default().discreet());
        assert!(discreet(Settings::default()).discreet());
        let on = decode(r#"{"version":1,"theme":"dark","text_size":"normal","discreet":"on"}"#);
        assert_eq!(on, discreet(with("dark", "normal")));
        assert!(on.discreet());
        for raw in [
            r#"{"discreet":"yes"}"#,
            r#"{"discreet":true}"#,
            r#"{"discreet":"ON"}"#,
        ] {
            assert!(!decode(raw).discreet(), "{raw}");
        }
    }

    /// Settings saved before discreet mode existed (format 1 without the
    /// field) load as they were, with discreet mode off; saved again, they
    /// gain the field.
    #[test]
    fn settings_saved_before_discreet_mode_still_load() {
        let old = decode(r#"{"version":1,"theme":"dark","text_size":"larger"}"#);
        assert_eq!(old, with("dark", "larger"));
        assert!(!old.discreet());
        assert!(encode(&old).contains(r#""discreet":"off""#));
    }

    #[test]
    fn another_tabs_discreet_choice_is_merged_like_any_setting() {
        let base = Settings::default();
        // This tab chose dark; another tab turned discreet mode on.
        let merged = Settings::merge(&base, &with("dark", "normal"), &discreet(base));
        assert_eq!(merged, discreet(with("dark", "normal")));
        // This tab turned it off again after the other tab's choice arrived.
        let theirs = discreet(base);
        assert_eq!(Settings::merge(&theirs, &base, &theirs), base);
    }

    #[test]
    fn anything_unreadable_falls_back_to_defaults() {
        for raw in [
            "",
            "not json",
            "null",
            "[]",
            "42",
            r#"{"theme":3}"#,
            r#"{"theme":"#,
            r#"{"theme":"dark"#,
        ] {
            let s = decode(raw);
            assert_eq!(s.get(&TEXT_SIZE), "normal", "{raw}");
            assert!(s.get(&THEME) == "system" || raw.contains("dark"), "{raw}");
        }
    }

    #[test]
    fn an_unknown_word_costs_only_its_own_setting() {
        let s = decode(r#"{"version":1,"theme":"sepia","text_size":"large"}"#);
        assert_eq!(s, with("system", "large"));
        let s = decode(r#"{ "theme" : "Dark", "text_size": "larger" }"#);
        assert_eq!(s, with("system", "larger"));
    }

    #[test]
    fn newer_versions_keep_the_settings_we_know() {
        let s = decode(r#"{"version":9,"contrast":"more","theme":"light"}"#);
        assert_eq!(s, with("light", "normal"));
    }

    #[test]
    fn setting_an_unknown_word_changes_nothing() {
        let mut s = with("dark", "large");
        s.set(&THEME, "purple");
        s.set(&TEXT_SIZE, "");
        assert_eq!(s, with("dark", "large"));
    }

    #[test]
    fn defaults_remove_their_attribute() {
        let attrs: Vec<_> = with("dark", "normal").attributes().collect();
        assert_eq!(
            attrs,
            [
                ("data-theme", Some("dark")),
                ("data-text-size", None),
                ("data-discreet", None),
                ("data-country", None)
            ]
        );
        let attrs: Vec<_> = discreet(Settings::default()).attributes().collect();
        assert_eq!(attrs[2], ("data-discreet", Some("on")));
        assert!(Settings::default().attributes().all(|(_, v)| v.is_none()));
    }

    /// index.html applies the settings before the app starts; it must know
    /// the same key, fields, attributes and words.
    #[test]
    fn the_pre_paint_script_knows_every_setting() {
        let html = include_str!("../../index.html");
        assert!(html.contains(&format!("\"{}\"", crate::model::keys::SETTINGS)));
        for s in ALL {
            assert!(html.contains(&format!("s.{}", s.name)), "{}", s.name);
            assert!(html.contains(&format!("\"{}\"", s.attribute)), "{}", s.name);
            for (word, _) in &s.options[1..] {
                assert!(html.contains(&format!("\"{word}\"")), "{word}");
            }
        }
    }
}
