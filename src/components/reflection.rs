//! A reflection exercise: free text (with numbered steps, a guided
//! practice), a 1–5 scale, or a checklist. There is no right answer; what the reader writes saves as they go, and a warm
//! response appears once they have answered. Their words are rendered as
//! text (a textarea value), never as HTML.

use crate::components::choice::{Choice, ChoiceKind};
use crate::content::{LessonText, Reflection, ReflectionKind};
use crate::model::progress::ReflectionValue;
use crate::model::routes::activity_anchor;
use crate::state::use_app_state;
use leptos::prelude::*;

/// What a reader without JavaScript sees beside a reflection.
const NEEDS_SCRIPT: &str = r#"<p class="needs-script">Saving what you write here needs JavaScript, and this browser has it turned off. You can still think it through, or write it somewhere of your own.</p>"#;

fn now() -> f64 {
    js_sys::Date::now()
}

/// The numbered steps of a guided practice (nothing when there are none):
/// in the card, and in the printable workbook above the reader's words.
#[component]
pub fn Steps(steps: Vec<&'static str>) -> impl IntoView {
    (!steps.is_empty()).then(|| {
        view! { <ol class="steps">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol> }
    })
}

#[component]
pub fn ReflectionCard(reflection: &'static Reflection, text: LessonText) -> impl IntoView {
    let state = use_app_state();
    let anchor = activity_anchor(reflection.id);
    let value = Memo::new(move |_| {
        state
            .progress
            .with(|p| p.reflection(reflection.id).map(|e| e.value.clone()))
    });
    // The warm response appears once the reader has answered: for free text
    // when they leave the box (not at the first keystroke, which would
    // interrupt them and a screen reader), for choices at once.
    let responded = RwSignal::new(false);
    // A reflection answered before the page opened shows its response, once
    // the reader's state is here (the page may have been rendered without).
    Effect::new(move |_| {
        if state.ready.get() && value.with_untracked(Option::is_some) {
            responded.set(true);
        }
    });
    let set = move |v: ReflectionValue| {
        state
            .progress
            .update(|p| p.set_reflection(reflection.id, v, now()))
    };

    let body = match &reflection.kind {
        ReflectionKind::Text { hint, steps } => {
            let input_id = format!("{anchor}-text");
            let hint_id = format!("{anchor}-hint");
            view! {
                <label class="prompt" for=input_id.clone()>
                    {text.get(reflection.prompt)}
                </label>
                {hint
                    .map(|h| {
                        view! {
                            <p class="hint" id=hint_id.clone()>
                                {text.get(h)}
                            </p>
                        }
                    })}
                <Steps steps=steps.iter().map(|s| text.get(*s)).collect() />
                <textarea
                    id=input_id
                    rows="5"
                    aria-describedby=hint.map(|_| hint_id.clone())
                    prop:value=move || match value.get() {
                        Some(ReflectionValue::Text(t)) => t,
                        _ => String::new(),
                    }
                    on:input=move |ev| set(ReflectionValue::Text(event_target_value(&ev)))
                    on:change=move |_| responded.set(true)
                ></textarea>
                <p class="hint">"Saved only in this browser, as you type."</p>
            }
            .into_any()
        }
        ReflectionKind::Scale { low, high } => {
            let points = (1..=5u8)
                .map(|n| {
                    view! {
                        <Choice
                            kind=ChoiceKind::Radio
                            id=format!("{anchor}-{n}")
                            name=anchor.clone()
                            value=n.to_string()
                            label=n.to_string()
                            checked=Signal::derive(move || {
                                value.get() == Some(ReflectionValue::Scale(n))
                            })
                            on_change=Callback::new(move |_| {
                                set(ReflectionValue::Scale(n));
                                responded.set(true);
                            })
                            inline=true
                        />
                    }
                })
                .collect_view();
            view! {
                <fieldset aria-describedby=format!("{anchor}-scale")>
                    <legend class="prompt">{text.get(reflection.prompt)}</legend>
                    <p class="hint" id=format!("{anchor}-scale")>
                        {format!(
                            "1 means \u{201c}{}\u{201d}, 5 means \u{201c}{}\u{201d}.",
                            text.get(*low),
                            text.get(*high),
                        )}
                    </p>
                    <div class="options options-inline scale">{points}</div>
                </fieldset>
            }
            .into_any()
        }
        ReflectionKind::Checklist { items } => {
            let chosen = move || match value.get() {
                Some(ReflectionValue::Checklist(ids)) => ids,
                _ => Vec::new(),
            };
            let boxes = items
                .iter()
                .map(|item| {
                    view! {
                        <Choice
                            kind=ChoiceKind::Checkbox
                            id=format!("{anchor}-{}", item.id)
                            name=anchor.clone()
                            value=item.id.to_string()
                            label=text.get(item.text).to_string()
                            checked=Signal::derive(move || chosen().iter().any(|c| c == item.id))
                            on_change=Callback::new(move |on| {
                                let mut ids = chosen();
                                ids.retain(|c| c != item.id);
                                if on {
                                    ids.push(item.id.to_string());
                                }
                                set(ReflectionValue::Checklist(ids));
                                responded.set(true);
                            })
                        />
                    }
                })
                .collect_view();
            view! {
                <fieldset>
                    <legend class="prompt">{text.get(reflection.prompt)}</legend>
                    <p class="hint">
                        "Tick any that fit. There is no right answer, and you can leave it blank."
                    </p>
                    <div class="options">{boxes}</div>
                </fieldset>
            }
            .into_any()
        }
    };
    let answered =
        move || responded.get() && value.with(|v| v.as_ref().is_some_and(|v| !v.is_empty()));
    let (class, kind) = match reflection.kind {
        ReflectionKind::Text { steps, .. } if !steps.is_empty() => {
            ("activity reflection practice", "Practise")
        }
        _ => ("activity reflection", "Reflect"),
    };
    view! {
        <div class=class id=anchor.clone()>
            <h3 class="activity-kind" id=format!("{anchor}-title")>
                {kind}
            </h3>
            // As HTML, as in a check (see `check.rs`).
            <noscript inner_html=NEEDS_SCRIPT></noscript>
            {body}
            <div class="response" role="status" aria-live="polite">
                <Show when=answered>
                    <p>
                        <span aria-hidden="true">"♡ "</span>
                        {text.get(reflection.response)}
                    </p>
                </Show>
            </div>
        </div>
    }
}
