//! About's list of where to find help (`#help`): the country chooser, then
//! each country's lines, from `src/content/helplines.toml`.
//!
//! Every country is in the page and the stylesheet shows the one chosen
//! (see `components::help`): from the saved choice on `<html>`, and from
//! the radio checked, so a choice shows at once, even before the app has
//! taken the page over or if it never does. Before any choice: every
//! country's emergency number and the chooser. Choosing saves the country
//! as a display setting, in this browser only.

use crate::components::help::{dial, EveryEmergencyNumber, NOT_AN_ATTACHMENT_STYLE};
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
/// help links to, the chooser and the lists.
#[component]
pub fn HelpSection() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| state.settings.with(check_place));
    let choose = move |ev: leptos::ev::Event| {
        let word = event_target_value(&ev);
        state.settings.update(|s| s.set(&COUNTRY, &word));
    };
    let radios = COUNTRY.options[1..]
        .iter()
        .map(|(word, label)| {
            let id = radio_id(word);
            view! {
                <div class="option option-inline">
                    <input type="radio" id=id.clone() name=COUNTRY.name value=*word />
                    <label for=id>{*label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 id="help">"Where to find help"</h2>
        <p>{NOT_AN_ATTACHMENT_STYLE}</p>
        <div class="help">
            <p class="help-unchosen">
                <strong>"If you are in danger or might hurt yourself, call now: "</strong>
                <EveryEmergencyNumber />
                ". Somewhere else? "
                <a href=ELSEWHERE.href>{ELSEWHERE.shown}</a>
                " "
                {ELSEWHERE.about.to_lowercase()}
            </p>
            <fieldset class="setting place-choice">
                <legend>"Show help for where you live"</legend>
                <p class="hint">{COUNTRY.hint}</p>
                <div class="options options-inline" on:change=choose>
                    {radios}
                </div>
            </fieldset>
            {COUNTRIES
                .iter()
                .map(|c| {
                    let heading = format!("help-{}", c.code);
                    view! {
                        <section
                            class="help-place"
                            data-place=c.code
                            aria-labelledby=heading.clone()
                        >
                            <h3 id=heading.clone()>{format!("Help in {}", c.name)}</h3>
                            <ul class="help-list">{c.lines.iter().map(line).collect_view()}</ul>
                            <p>
                                "More lines in " {c.name} ": "
                                <a href=ELSEWHERE.href>{ELSEWHERE.shown}</a> "."
                            </p>
                        </section>
                    }
                })
                .collect_view()}
            <section class="help-place" data-place="elsewhere" aria-labelledby="help-elsewhere">
                <h3 id="help-elsewhere">"Help somewhere else"</h3>
                <p>
                    <strong>"If you are in danger or might hurt yourself, "</strong>
                    "call your local emergency number now."
                </p>
                <p>
                    <strong>{ELSEWHERE.service}</strong>
                    ", "
                    <a href=ELSEWHERE.href>{ELSEWHERE.shown}</a>
                    ", "
                    {ELSEWHERE.about.to_lowercase()}
                    " "
                    <span class="help-checked">
                        {format!("Checked on {} on {}.", ELSEWHERE.checked, ELSEWHERE.source)}
                    </span>
                </p>
            </section>
            <p class="help-note">
                "Each number was checked on the service\u{2019}s own website, or the website of the body that runs or pays for it, on the day shown. Numbers can change: if one does not work, the service\u{2019}s website will have the new one. A line we could not check is listed by its website, without a number."
            </p>
        </div>
    }
}

/// One line of a country's list.
fn line(line: &'static Line) -> impl IntoView {
    let reach = match line.reach {
        Reach::Call { shown, tel } => view! {
            "Call "
            {dial(tel, shown)}
            ". "
        }
        .into_any(),
        Reach::Text { shown, sms, word } => {
            let word = (!word.is_empty()).then(|| {
                view! {
                    <strong>{word}</strong>
                    " to "
                }
            });
            view! {
                "Text "
                {word}
                {dial(sms, shown)}
                ". "
            }
            .into_any()
        }
        Reach::CallOrText { shown, tel, sms } => view! {
            "Call "
            {dial(tel, shown)}
            " or text "
            {dial(sms, shown)}
            ". "
        }
        .into_any(),
        Reach::Website { shown, href } => view! {
            "We could not check its phone number, so none is shown. Its website: "
            <a href=href>{shown}</a>
            ". "
        }
        .into_any(),
    };
    view! {
        <li>
            <span class="help-kind">{format!("{}: ", line.kind.label())}</span>
            <strong>{line.service}</strong>
            ". "
            {line.about}
            " "
            {reach}
            {line.hours}
            " "
            <span class="help-checked">
                {format!("Checked on {} on {}.", line.checked, line.source)}
            </span>
        </li>
    }
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
