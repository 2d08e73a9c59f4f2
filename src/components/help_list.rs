//! About's list of where to find help (`#help`): the country chooser, then
//! each country's lines, from `src/content/helplines.toml`.
//!
//! Every country is in the page and the stylesheet shows the one chosen
//! (see `components::help`): from the saved choice on `<html>`, and from
//! the radio checked, so a choice shows at once, even before the app has
//! taken the page over or if it never does. Before any choice: every
//! country's emergency number and the chooser. Choosing saves the country
//! as a display setting, in this browser only.
//!
//! The lists are static, so they are one HTML string of our own text
//! ([`places_html`]); only the chooser, which the reader uses, is a view.

use crate::components::help::{dial_html, every_emergency_number_html, NOT_AN_ATTACHMENT_STYLE};
use crate::content::helplines::{Line, Reach, COUNTRIES, ELSEWHERE};
use crate::model::settings::{Settings, COUNTRY};
use crate::state::use_app_state;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the chooser's radio for a country's word.
pub fn radio_id(word: &str) -> String {
    format!("place-{word}")
}

/// The help section of About: the heading `#help` that every pointer to
/// help links to, the chooser and the lists. One element of static HTML
/// with one change handler, as the Display control is: hydration leaves
/// the HTML as it came, so a choice made before the app took the page
/// over stays (and is replayed, `takeover`).
#[component]
pub fn HelpSection() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| state.settings.with(check_place));
    let choose = move |ev: leptos::ev::Event| {
        let word = event_target_value(&ev);
        state.settings.update(|s| s.set(&COUNTRY, &word));
    };
    view! {
        <h2 id="help">"Where to find help"</h2>
        <p>{NOT_AN_ATTACHMENT_STYLE}</p>
        <div class="help" on:change=choose inner_html=help_html()></div>
    }
}

/// The help list's HTML: before a choice, the chooser, every place.
pub fn help_html() -> String {
    format!(
        r#"<p class="help-unchosen">{}</p>{}{}"#,
        unchosen_html(),
        chooser_html(),
        places_html()
    )
}

/// The country chooser: a group of labelled radios, with the same markup
/// and classes as the Display control's (`components::settings`).
fn chooser_html() -> String {
    let mut html = format!(
        r#"<fieldset class="setting place-choice"><legend>Show help for where you live</legend><p class="hint">{}</p><div class="options options-inline">"#,
        COUNTRY.hint
    );
    for (word, label) in &COUNTRY.options[1..] {
        let id = radio_id(word);
        html += &format!(
            r#"<div class="option option-inline"><input type="radio" id="{id}" name="{}" value="{word}"><label for="{id}">{label}</label></div>"#,
            COUNTRY.name
        );
    }
    html + "</div></fieldset>"
}

/// Before a choice: every country's emergency number, and the directory
/// for anywhere else.
fn unchosen_html() -> String {
    format!(
        r#"<strong>If you are in danger or might hurt yourself, call now: </strong>{}. Somewhere else? <a href="{}">{}</a> lists free, private helplines in many countries."#,
        every_emergency_number_html(),
        ELSEWHERE.href,
        ELSEWHERE.shown
    )
}

/// Every country's list, then somewhere else's, and what the dates mean.
pub fn places_html() -> String {
    let mut html = String::new();
    for c in COUNTRIES {
        html += &format!(
            r#"<section class="help-place" data-place="{0}" aria-labelledby="help-{0}"><h3 id="help-{0}">Help in {1}</h3><ul class="help-list">"#,
            c.code, c.name
        );
        for line in c.lines {
            html += &line_html(line);
        }
        html += &format!(
            r#"</ul><p>More lines in {}: <a href="{}">{}</a>.</p></section>"#,
            c.name, ELSEWHERE.href, ELSEWHERE.shown
        );
    }
    let e = &ELSEWHERE;
    html += &format!(
        r#"<section class="help-place" data-place="elsewhere" aria-labelledby="help-elsewhere"><h3 id="help-elsewhere">Help somewhere else</h3><p><strong>If you are in danger or might hurt yourself, </strong>call your local emergency number now.</p><p><strong>{}</strong>: {} Its website: <a href="{}">{}</a>. {}</p></section>"#,
        e.service,
        e.about,
        e.href,
        e.shown,
        checked_html(e.checked, e.source)
    );
    html + r#"<p class="help-note">Each number was checked on the service’s own website, or the website of the body that runs or pays for it, on the day shown. Numbers can change: if one does not work, the service’s website will have the new one. A line we could not check is listed by its website, without a number.</p>"#
}

fn checked_html(day: &str, site: &str) -> String {
    format!(
        r#"<span class="help-checked">Checked on {} on {}.</span>"#,
        day, site
    )
}

/// One line of a country's list.
fn line_html(line: &Line) -> String {
    let reach = match line.reach {
        Reach::Call { shown, tel } => format!("Call {}. ", dial_html(tel, shown)),
        Reach::Text { shown, sms, word } if !word.is_empty() => format!(
            "Text <strong>{}</strong> to {}. ",
            word,
            dial_html(sms, shown)
        ),
        Reach::Text { shown, sms, .. } => format!("Text {}. ", dial_html(sms, shown)),
        Reach::CallOrText { shown, tel, sms } => format!(
            "Call {} or text {}. ",
            dial_html(tel, shown),
            dial_html(sms, shown)
        ),
        Reach::Website { shown, href } => format!(
            r#"We could not check its phone number, so none is shown. Its website: <a href="{}">{}</a>. "#,
            href, shown
        ),
    };
    format!(
        r#"<li><span class="help-kind">{}</span> <strong>{}</strong>. {} {}{} {}</li>"#,
        line.kind.label(),
        line.service,
        line.about,
        reach,
        line.hours,
        checked_html(line.checked, line.source)
    )
}

/// Checks the radio of the reader's country (none before a choice). Runs
/// in an effect only.
fn check_place(current: &Settings) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (word, _) in &COUNTRY.options[1..] {
        let radio = document
            .get_element_by_id(&radio_id(word))
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(radio) = radio {
            radio.set_checked(current.get(&COUNTRY) == *word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_and_every_line_is_in_the_list() {
        let html = places_html();
        for c in COUNTRIES {
            assert!(html.contains(&format!(r#"data-place="{}""#, c.code)));
            for line in c.lines {
                assert!(html.contains(line.service), "{}", line.service);
                assert!(html.contains(&format!("Checked on {} on {}.", line.checked, line.source)));
            }
        }
        assert!(html.contains(r#"data-place="elsewhere""#));
        assert!(html.contains(
            r#"<a href="tel:+18006564673" class="dial"><strong>1-800-656-4673</strong></a>"#
        ));
        assert!(html.contains("Text <strong>SHOUT</strong> to "));
        assert!(html.contains(r#"Call <a href="tel:988" class="dial"><strong>988</strong></a> or text <a href="sms:988""#));
        assert!(html
            .contains(r#"Its website: <a href="https://www.thehotline.org/">thehotline.org</a>"#));
        // As many sections as countries, and one for anywhere else; as
        // many items as lines.
        assert_eq!(html.matches("<section").count(), COUNTRIES.len() + 1);
        let lines: usize = COUNTRIES.iter().map(|c| c.lines.len()).sum();
        assert_eq!(html.matches("<li>").count(), lines);
    }

    #[test]
    fn before_a_choice_every_emergency_number_shows() {
        let html = unchosen_html();
        for number in ["999", "112", "911", "000", "111"] {
            assert!(
                html.contains(&format!(r#"href="tel:{number}""#)),
                "{number}"
            );
        }
        assert!(html.contains(r#"<a href="https://findahelpline.com/">findahelpline.com</a>"#));
    }

    #[test]
    fn the_chooser_is_a_labelled_radio_for_each_place() {
        let html = help_html();
        assert_eq!(html.matches(r#"<input type="radio""#).count(), 7);
        for (word, label) in &COUNTRY.options[1..] {
            let id = radio_id(word);
            assert_eq!(html.matches(&format!(r#"id="{id}""#)).count(), 1);
            assert!(html.contains(&format!(r#"<label for="{id}">{label}</label>"#)));
        }
        assert!(
            !html.contains(" checked>"),
            "nothing chosen as the page is built"
        );
        assert!(html.contains("<legend>Show help for where you live</legend>"));
    }

    #[test]
    fn the_chooser_offers_every_country_then_somewhere_else() {
        let words: Vec<&str> = COUNTRY.options[1..].iter().map(|o| o.0).collect();
        let mut expected: Vec<&str> = COUNTRIES.iter().map(|c| c.code).collect();
        expected.push("elsewhere");
        assert_eq!(words, expected);
        assert_eq!(radio_id("nz"), "place-nz");
    }
}
