//! Host tests of the helplines (`src/content/helplines.toml`, read and
//! checked by `attune_content::helplines` at build time): the shipped list
//! and the data the app was built with, the shape of every number for its
//! country, dates and sources, a deliberately broken fixture that names
//! each mistake, and the README, which must list every source with its
//! check date.
#![cfg(not(target_arch = "wasm32"))]

use attune::content::helplines::{self as shipped, Reach};
use attune_content::helplines::{display_date, host, load, number_fits, How, Kind, COUNTRIES};
use std::path::Path;

fn list() -> attune_content::helplines::Helplines {
    match load(Path::new("src/content/helplines.toml")) {
        Ok(list) => list,
        Err(errors) => panic!("helpline errors: {errors:#?}"),
    }
}

#[test]
fn the_list_is_valid_and_is_what_the_app_was_built_with() {
    let list = list();
    let codes: Vec<&str> = list.countries.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, COUNTRIES);
    assert_eq!(shipped::COUNTRIES.len(), list.countries.len());
    for (parsed, built) in list.countries.iter().zip(shipped::COUNTRIES) {
        assert_eq!(parsed.code, built.code);
        assert_eq!(parsed.lines.len(), built.lines.len(), "{}", built.code);
        for (p, b) in parsed.lines.iter().zip(built.lines) {
            assert_eq!(p.service, b.service);
            assert_eq!(Some(b.checked.to_string()), display_date(&p.checked));
            assert_eq!(host(&p.source), Some(b.source));
            match (&p.number, &b.reach) {
                (Some(n), Reach::Call { shown, tel }) => {
                    assert_eq!(n, shown);
                    assert!(tel.starts_with("tel:"), "{tel}");
                }
                (Some(n), Reach::CallOrText { shown, tel, sms }) => {
                    assert_eq!(n, shown);
                    assert!(tel.starts_with("tel:") && sms.starts_with("sms:"));
                }
                (Some(n), Reach::Text { shown, sms, .. }) => {
                    assert_eq!(n, shown);
                    assert!(sms.starts_with("sms:"));
                }
                (None, Reach::Website { href, .. }) => {
                    assert_eq!(p.website.as_deref(), Some(*href));
                }
                other => panic!("{}: {other:?}", p.service),
            }
        }
    }
    assert!(shipped::ELSEWHERE
        .href
        .starts_with("https://findahelpline.com"));
}

/// What the issue asks of each country: its emergency number and a line
/// to talk to someone, a line for abuse at home where one could be
/// checked, and help for adults harmed as children.
#[test]
fn every_country_offers_what_the_issue_asks() {
    for country in list().countries {
        let kinds: Vec<Kind> = country.lines.iter().map(|l| l.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == Kind::Emergency).count(), 1);
        assert!(kinds.contains(&Kind::Crisis), "{}", country.code);
        if country.code != "ca" {
            assert!(kinds.contains(&Kind::Abuse), "{}", country.code);
        }
        if !matches!(country.code.as_str(), "nz") {
            assert!(kinds.contains(&Kind::Survivors), "{}", country.code);
        }
        // The emergency line comes first, as the care notes use it.
        assert_eq!(kinds[0], Kind::Emergency, "{}", country.code);
    }
}

#[test]
fn every_number_has_its_countrys_shape_and_dials_as_written() {
    let list = list();
    let mut numbers = 0;
    for country in &list.countries {
        for line in &country.lines {
            let Some(number) = &line.number else { continue };
            numbers += 1;
            assert!(
                number_fits(&country.code, number, line.how.unwrap()),
                "{}: {number}",
                line.service
            );
        }
    }
    assert!(numbers >= 25, "{numbers} numbers");
    // The links say what the page shows: North American numbers in full
    // international form, others as dialled in the country.
    let tel = |code: &str, service: &str| {
        let country = shipped::COUNTRIES.iter().find(|c| c.code == code).unwrap();
        match &country
            .lines
            .iter()
            .find(|l| l.service == service)
            .unwrap()
            .reach
        {
            Reach::Call { tel, .. } | Reach::CallOrText { tel, .. } => *tel,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        tel("us", "National Sexual Assault Hotline, run by RAINN"),
        "tel:+18006564673"
    );
    assert_eq!(tel("uk", "Samaritans"), "tel:116123");
    assert_eq!(tel("au", "Triple Zero"), "tel:000");
    assert_eq!(tel("ca", "9-8-8 Suicide Crisis Helpline"), "tel:988");
}

#[test]
fn the_number_shapes_refuse_what_does_not_fit() {
    use How::*;
    for (code, number, how) in [
        ("uk", "0808 2000 247", Call),
        ("uk", "116 123", Call),
        ("uk", "85258", Text),
        ("ie", "1800 77 88 88", Call),
        ("ie", "01 554 3811", Call),
        ("us", "1-800-656-4673", Call),
        ("us", "988", CallOrText),
        ("ca", "911", Call),
        ("au", "13 11 14", Call),
        ("au", "1300 657 380", Call),
        ("nz", "0800 733 843", Call),
        ("nz", "1737", CallOrText),
    ] {
        assert!(number_fits(code, number, how), "{code} {number}");
    }
    for (code, number, how) in [
        // A UK number one digit short, or with a stray letter.
        ("uk", "0808 200 247", Call),
        ("uk", "0808 2000 24O", Call),
        // Another country's emergency number.
        ("uk", "911", Call),
        ("au", "999", Call),
        ("nz", "000", Call),
        // North American numbers in the wrong form or impossible.
        ("us", "1 800 656 4673", Call),
        ("us", "1-800-056-4673", Call),
        ("ca", "800-656-4673", Call),
        // A short code is for texting only; a double space is a typo.
        ("uk", "85258", Call),
        ("ie", "1800  341 900", Call),
        ("xx", "112", Call),
    ] {
        assert!(!number_fits(code, number, how), "{code} {number}");
    }
}

#[test]
fn dates_and_sources_are_read_strictly() {
    assert_eq!(
        display_date("2026-12-06").as_deref(),
        Some("6 December 2026")
    );
    assert_eq!(
        display_date("2028-02-29").as_deref(),
        Some("29 February 2028")
    );
    for bad in [
        "2026-02-29",
        "2026-13-01",
        "2026-12-6",
        "6 December 2026",
        "",
        "2026-12-06-01",
    ] {
        assert_eq!(display_date(bad), None, "{bad}");
    }
    assert_eq!(host("https://www.samaritans.org/x"), Some("samaritans.org"));
    assert_eq!(
        host("http://www.thehotline.org/tag/support/"),
        Some("thehotline.org")
    );
    for bad in [
        "samaritans.org",
        "ftp://x.org/",
        "https://",
        "https://Samaritans.org",
    ] {
        assert_eq!(host(bad), None, "{bad}");
    }
}

#[test]
fn the_broken_fixture_fails_with_every_mistake_named() {
    let errors = load(Path::new("tests/fixtures/broken-helplines.toml"))
        .expect_err("the broken fixture must not load");
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let has = |place: &str, words: &str| {
        messages
            .iter()
            .any(|m| m.contains(place) && m.contains(words))
    };
    for (place, words) in [
        ("countries", "in that order"),
        ("uk", "exactly one emergency line"),
        ("uk", "at least one crisis line"),
        ("uk: Wrong digits", "is not the shape of a number in uk"),
        ("uk: No date", "is not a date"),
        ("uk: No source", "is not a web address"),
        ("uk: No hours", "hours is empty"),
        ("uk: Neither", "either a checked `number` or a `website`"),
        ("uk: No how", "needs `how`"),
        ("uk: Word without text", "`word` to text"),
        ("uk: Plain website", "must be an https address"),
        ("uk: Labels", "labels the reader"),
        ("uk: Markup <b>", "a character HTML would read"),
        ("ie", "label is empty"),
        (
            "ie: Emergency by website",
            "the emergency line needs its number",
        ),
        ("elsewhere", "must be an https address"),
    ] {
        assert!(
            has(place, words),
            "no error for {place}: {words} in {messages:#?}"
        );
    }
    // Unknown fields are refused as the file is read.
    let file = std::env::temp_dir().join("attune-helplines-unknown-field.toml");
    std::fs::write(
        &file,
        "[elsewhere]\nservice = \"x\"\nwebsite = \"https://x.org/\"\nabout = \"x\"\nchecked = \"2026-12-06\"\nsource = \"https://x.org/\"\nphone = \"1\"\n",
    )
    .unwrap();
    let errors = load(&file).expect_err("an unknown field");
    assert!(errors[0].to_string().contains("phone"), "{errors:?}");
}

/// The README says where each number was checked and when: every source
/// and date of the list appears there.
#[test]
fn the_readme_lists_every_source_with_its_check_date() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let list = list();
    let lines = list
        .countries
        .iter()
        .flat_map(|c| &c.lines)
        .map(|l| (&l.source, &l.checked, &l.service));
    let elsewhere = [(
        &list.elsewhere.source,
        &list.elsewhere.checked,
        &list.elsewhere.service,
    )];
    for (source, checked, service) in lines.chain(elsewhere) {
        let row = readme
            .lines()
            .find(|row| row.contains(source.as_str()))
            .unwrap_or_else(|| panic!("README lacks the source of {service}: {source}"));
        assert!(row.contains(checked.as_str()), "{service}: {row}");
    }
}
