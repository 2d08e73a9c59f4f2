//! Where to find help, in short: the line every note of care ends with
//! (the emergency number for the reader's country, and the way to the full
//! list on About), the note of care itself, and the pointer Your data shows.
//! The full list and the country chooser are `components::help_list`.
//!
//! Which country shows is the reader's display setting
//! (`model::settings::COUNTRY`), applied as `data-country` on `<html>` by
//! the pre-paint script and the app. So every country's number is in the
//! page and the stylesheet shows one: right at the first paint, with no
//! browser API while rendering and nothing sent anywhere. With no choice,
//! every country's number shows.
//!
//! Built for size, like the Display control (`components::settings`): the
//! numbers are static, so they are written as one HTML string of our own
//! text rather than as views, each of which would add its own code to the
//! first load. The build refuses helpline texts with a character HTML would
//! read (`attune_content::helplines`), so nothing needs escaping.

use crate::components::link::Link;
use crate::content::helplines::{Reach, COUNTRIES};
use leptos::prelude::*;

/// Said wherever the course reads a partner's limits or quiet kindly: that
/// is not the same as being controlled, threatened, frightened or punished
/// with silence.
pub const NOT_AN_ATTACHMENT_STYLE: &str = "A partner\u{2019}s limits or quiet are different from control, threats, fear or being punished with silence. Those are not attachment styles to understand or work around. If that is happening to you, it is not your fault, and help is available.";

/// The app path of the help list on About (`ABOUT_PATH` and its anchor,
/// tested to agree).
pub const HELP_PATH: &str = "/about/#help";

/// A number as a link the phone dials (or texts, with an `sms:` address).
pub fn dial_html(href: &str, shown: &str) -> String {
    format!(
        r#"<a href="{}" class="dial"><strong>{}</strong></a>"#,
        href, shown
    )
}

/// Each emergency number and the countries it serves, in the list's order,
/// countries that share a number together: `911` for the US and Canada.
pub fn emergency_numbers() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    let mut numbers: Vec<(&'static str, &'static str, Vec<&'static str>)> = Vec::new();
    for country in COUNTRIES {
        let Some(Reach::Call { shown, tel }) = country.emergency().map(|l| &l.reach) else {
            continue;
        };
        match numbers.iter_mut().find(|(s, _, _)| s == shown) {
            Some((_, _, names)) => names.push(country.name),
            None => numbers.push((shown, tel, vec![country.name])),
        }
    }
    numbers
}

/// "the US or Canada", "the UK".
fn places(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Every country's emergency number in one phrase, as HTML, for a reader
/// who has not chosen a country: "999 in the UK, 112 in Ireland, … or 111
/// in New Zealand".
pub fn every_emergency_number_html() -> String {
    let numbers = emergency_numbers();
    let last = numbers.len().saturating_sub(1);
    let mut html = String::new();
    for (i, (shown, tel, names)) in numbers.iter().enumerate() {
        html += match i {
            0 => "",
            _ if i == last => " or ",
            _ => ", ",
        };
        html += &dial_html(tel, shown);
        html += &format!(" in {}", places(names));
    }
    html
}

/// "If you are in danger now, call …" for each country, one shown by the
/// stylesheet (see the module comment), as HTML.
pub fn emergency_now_html() -> String {
    const NOW: &str = "If you are in danger now, call ";
    let mut html = format!(
        r#"<span class="now-all">{NOW}{}.</span>"#,
        every_emergency_number_html()
    );
    for country in COUNTRIES {
        if let Some(Reach::Call { shown, tel }) = country.emergency().map(|l| &l.reach) {
            html += &format!(
                r#"<span class="now-place" data-place="{}">{NOW}{}.</span>"#,
                country.code,
                dial_html(tel, shown)
            );
        }
    }
    html + r#"<span class="now-place" data-place="elsewhere">If you are in danger now, call your local emergency number.</span>"#
}

/// A short pointer to the help list, for pages other than About.
#[component]
pub fn HelpPointer() -> impl IntoView {
    view! {
        <h2>"If you need support"</h2>
        <p>{NOT_AN_ATTACHMENT_STYLE} " " <Link href=HELP_PATH>"Where to find help"</Link> "."</p>
        <p class="care-now" inner_html=emergency_now_html()></p>
    }
}

/// A lesson's note of care: its own words, set apart, then the emergency
/// number and the way to help for where the reader lives. A note (`role`),
/// not a landmark: a lesson may hold several, and landmarks of one name
/// would be hard to tell apart.
#[component]
pub fn CareNote(children: Children) -> impl IntoView {
    view! {
        <aside class="care-note" role="note" aria-label="A note of care">
            <p class="care-note-title">"A note of care"</p>
            <p>{children()}</p>
            <p class="care-now">
                <span inner_html=emergency_now_html()></span>
                " "
                <Link href=HELP_PATH class="care-help">
                    "Help where you live"
                </Link>
                "."
            </p>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::routes::ABOUT_PATH;

    #[test]
    fn the_help_path_is_abouts_list() {
        assert_eq!(HELP_PATH, format!("{ABOUT_PATH}#help"));
    }

    #[test]
    fn countries_that_share_an_emergency_number_are_named_together() {
        let numbers = emergency_numbers();
        let shown: Vec<&str> = numbers.iter().map(|(s, _, _)| *s).collect();
        assert_eq!(shown, ["999", "112", "911", "000", "111"]);
        let north_america = numbers.iter().find(|(s, _, _)| *s == "911").unwrap();
        assert_eq!(places(&north_america.2), "the US or Canada");
        assert_eq!(places(&["a", "b", "c"]), "a, b or c");
        let every = every_emergency_number_html();
        assert!(every.contains(
            r#"<a href="tel:911" class="dial"><strong>911</strong></a> in the US or Canada"#
        ));
        assert!(every.contains(" or <a href=\"tel:111\""), "{every}");
    }

    #[test]
    fn every_country_has_its_own_emergency_line_in_a_care_note() {
        let html = emergency_now_html();
        for country in COUNTRIES {
            assert!(
                html.contains(&format!(
                    r#"class="now-place" data-place="{}""#,
                    country.code
                )),
                "{}",
                country.code
            );
        }
        assert!(html.contains(r#"data-place="elsewhere""#));
        assert!(html.contains(r#"href="tel:000""#));
        assert_eq!(html.matches("<span").count(), COUNTRIES.len() + 2);
    }
}
