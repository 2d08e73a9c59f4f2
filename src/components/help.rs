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

/// A number as a link the phone dials (or texts, with an `sms:` address).
pub fn dial(tel: &'static str, shown: &'static str) -> impl IntoView {
    view! {
        <a href=tel class="dial">
            <strong>{shown}</strong>
        </a>
    }
}

/// Every country's emergency number in one sentence, for a reader who has
/// not chosen a country: "call 999 in the UK, 112 in Ireland, ...".
#[component]
pub fn EveryEmergencyNumber() -> impl IntoView {
    let numbers = emergency_numbers();
    let last = numbers.len().saturating_sub(1);
    numbers
        .into_iter()
        .enumerate()
        .map(|(i, (shown, tel, names))| {
            let joint = match i {
                0 => "",
                _ if i == last => " or ",
                _ => ", ",
            };
            view! {
                {joint}
                {dial(tel, shown)}
                {format!(" in {}", places(&names))}
            }
        })
        .collect_view()
}

/// "If you are in danger now, call …": the chosen country's number, or
/// every country's before a choice (see the module comment).
#[component]
pub fn EmergencyNow() -> impl IntoView {
    let mine = COUNTRIES
        .iter()
        .filter_map(|c| match c.emergency().map(|l| &l.reach) {
            Some(Reach::Call { shown, tel }) => Some(view! {
                <span class="now-place" data-place=c.code>
                    "If you are in danger now, call "
                    {dial(tel, shown)}
                    "."
                </span>
            }),
            _ => None,
        })
        .collect_view();
    view! {
        <span class="now-all">"If you are in danger now, call " <EveryEmergencyNumber /> "."</span>
        {mine}
        <span class="now-place" data-place="elsewhere">
            "If you are in danger now, call your local emergency number."
        </span>
    }
}

/// A short pointer to the help list, for pages other than About.
#[component]
pub fn HelpPointer() -> impl IntoView {
    view! {
        <h2>"If you need support"</h2>
        <p>{NOT_AN_ATTACHMENT_STYLE} " " <Link href=HELP_PATH>"Where to find help"</Link> "."</p>
        <p class="care-now">
            <EmergencyNow />
        </p>
    }
}

/// A lesson's note of care: its own words, set apart, then the emergency
/// number and the way to help for where the reader lives.
#[component]
pub fn CareNote(children: Children) -> impl IntoView {
    view! {
        <aside class="care-note" aria-label="A note of care">
            <p class="care-note-title">"A note of care"</p>
            <p>{children()}</p>
            <p class="care-now">
                <EmergencyNow />
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
    }
}
