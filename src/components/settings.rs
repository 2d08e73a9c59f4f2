//! The reader's display settings (theme, text size, discreet mode; the
//! country for help is chosen on About, `components::help`) in a
//! disclosure in the header. They are a signal of the app state, saved
//! like progress (their own key and sync machine) and applied as attributes
//! on `<html>` that the CSS reads, by an effect in `state.rs`; `index.html`
//! sets the same attributes before the first paint from the stored copy,
//! so a dark-theme reader never sees a white flash.
//!
//! Built for size, because it is on every page and every byte of wasm delays
//! the first paint: a native `<details>` (no signal to open it), the radios
//! as one HTML string of our own fixed words (each element written in
//! `view!` adds its own code), and one change handler for all of them. The
//! string is the same wherever it is rendered (the defaults checked); an
//! effect then checks the reader's choices, and follows another tab's.

use crate::model::settings::{Settings, DISPLAY};
use crate::state::use_app_state;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn DisplayControls() -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| state.settings.with(check_choices));
    let choose = move |ev: leptos::ev::Event| {
        let name = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("name"));
        let Some(setting) = DISPLAY.iter().find(|s| Some(s.name) == name.as_deref()) else {
            return;
        };
        let word = event_target_value(&ev);
        state.settings.update(|s| s.set(setting, &word));
    };
    view! {
        <details class="display">
            <summary>"Display"</summary>
            <div
                class="display-panel"
                on:change=choose
                inner_html=controls_html(&Settings::default())
            ></div>
        </details>
    }
}

/// Checks the radio of each setting's current word. Runs in an effect only.
fn check_choices(current: &Settings) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for s in DISPLAY {
        for (word, _) in s.options {
            let radio = document
                .get_element_by_id(&format!("{}-{word}", s.name))
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(radio) = radio {
                radio.set_checked(current.get(s) == *word);
            }
        }
    }
}

/// Each setting as a fieldset of labelled radios, `current` checked: the
/// same markup and classes as [`crate::components::choice::Choice`], so the
/// same CSS applies. Only our fixed words go in, so nothing needs escaping.
pub fn controls_html(current: &Settings) -> String {
    let mut html = String::new();
    for s in DISPLAY {
        html += &format!(r#"<fieldset class="setting"><legend>{}</legend>"#, s.legend);
        if !s.hint.is_empty() {
            html += &format!(r#"<p class="hint">{}</p>"#, s.hint);
        }
        html += r#"<div class="options options-inline">"#;
        for (word, label) in s.options {
            let id = format!("{}-{word}", s.name);
            let checked = if current.get(s) == *word {
                " checked"
            } else {
                ""
            };
            html += &format!(
                r#"<div class="option option-inline"><input type="radio" id="{id}" name="{}" value="{word}"{checked}><label for="{id}">{label}</label></div>"#,
                s.name
            );
        }
        html += "</div></fieldset>";
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::{DISCREET, TEXT_SIZE, THEME};

    #[test]
    fn every_setting_is_a_group_with_its_choice_checked() {
        let mut s = Settings::default();
        s.set(&THEME, "dark");
        let html = controls_html(&s);
        assert_eq!(html.matches("<fieldset").count(), DISPLAY.len());
        assert_eq!(html.matches(" checked").count(), DISPLAY.len());
        assert!(html.contains(r#"id="theme-dark" name="theme" value="dark" checked>"#));
        assert!(html.contains(r#"id="text_size-normal" name="text_size" value="normal" checked>"#));
        assert!(!html.contains(r#"value="light" checked"#));
    }

    #[test]
    fn every_radio_has_a_label_and_a_unique_id() {
        let html = controls_html(&Settings::default());
        let total: usize = DISPLAY.iter().map(|s| s.options.len()).sum();
        assert_eq!(html.matches("<input").count(), total);
        for s in DISPLAY {
            for (word, label) in s.options {
                let id = format!("{}-{word}", s.name);
                assert_eq!(html.matches(&format!(r#"id="{id}""#)).count(), 1);
                assert!(html.contains(&format!(r#"<label for="{id}">{label}</label>"#)));
            }
        }
        assert!(html.contains(&format!("<legend>{}</legend>", TEXT_SIZE.legend)));
    }

    #[test]
    fn a_setting_with_a_hint_says_what_it_does() {
        let html = controls_html(&Settings::default());
        let hinted = DISPLAY.iter().filter(|s| !s.hint.is_empty()).count();
        assert_eq!(html.matches(r#"<p class="hint">"#).count(), hinted);
        assert!(html.contains(&format!(
            r#"<legend>{}</legend><p class="hint">{}</p>"#,
            DISCREET.legend, DISCREET.hint
        )));
    }
}
