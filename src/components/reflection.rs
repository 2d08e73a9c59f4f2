//! A reflection exercise: free text, a 1–5 scale, or a checklist. There is
//! no right answer; what the reader writes saves as they go, and a warm
//! response appears once they have answered. Their words are rendered as
//! text (a textarea value), never as HTML.

use crate::components::choice::{Choice, ChoiceKind};
use crate::content::{Reflection, ReflectionKind};
use crate::model::progress::ReflectionValue;
use crate::model::routes::activity_anchor;
use crate::state::use_app_state;
use leptos::prelude::*;

fn now() -> f64 {
    js_sys::Date::now()
}

#[component]
pub fn ReflectionCard(reflection: &'static Reflection) -> impl IntoView {
    let state = use_app_state();
    let anchor = activity_anchor(reflection.id);
    let value = Memo::new(move |_| {
        state
            .progress
            .with(|p| p.reflection(reflection.id).map(|e| e.value.clone()))
    });
    let set = move |v: ReflectionValue| {
        state
            .progress
            .update(|p| p.set_reflection(reflection.id, v, now()))
    };

    let body = match &reflection.kind {
        ReflectionKind::Text { hint } => {
            let input_id = format!("{anchor}-text");
            let hint_id = format!("{anchor}-hint");
            view! {
                <label class="prompt" for=input_id.clone()>
                    {reflection.prompt}
                </label>
                {hint
                    .map(|h| {
                        view! {
                            <p class="hint" id=hint_id.clone()>
                                {h}
                            </p>
                        }
                    })}
                <textarea
                    id=input_id
                    rows="5"
                    aria-describedby=hint.map(|_| hint_id.clone())
                    prop:value=move || match value.get() {
                        Some(ReflectionValue::Text(t)) => t,
                        _ => String::new(),
                    }
                    on:input=move |ev| set(ReflectionValue::Text(event_target_value(&ev)))
                ></textarea>
                <p class="hint">
                    "Only you can see this. It is saved in this browser as you type."
                </p>
            }
            .into_any()
        }
        ReflectionKind::Scale { low, high } => {
            let points = (1..=5u8)
                .map(|n| {
                    let label = match n {
                        1 => format!("1 \u{2013} {low}"),
                        5 => format!("5 \u{2013} {high}"),
                        _ => n.to_string(),
                    };
                    view! {
                        <Choice
                            kind=ChoiceKind::Radio
                            id=format!("{anchor}-{n}")
                            name=anchor.clone()
                            value=n.to_string()
                            label=label
                            checked=Signal::derive(move || {
                                value.get() == Some(ReflectionValue::Scale(n))
                            })
                            on_change=Callback::new(move |_| set(ReflectionValue::Scale(n)))
                            inline=true
                        />
                    }
                })
                .collect_view();
            view! {
                <fieldset>
                    <legend class="prompt">{reflection.prompt}</legend>
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
                            label=item.text.to_string()
                            checked=Signal::derive(move || chosen().iter().any(|c| c == item.id))
                            on_change=Callback::new(move |on| {
                                let mut ids = chosen();
                                ids.retain(|c| c != item.id);
                                if on {
                                    ids.push(item.id.to_string());
                                }
                                set(ReflectionValue::Checklist(ids));
                            })
                        />
                    }
                })
                .collect_view();
            view! {
                <fieldset>
                    <legend class="prompt">{reflection.prompt}</legend>
                    <p class="hint">
                        "Tick any that fit. There is no right answer, and you can leave it blank."
                    </p>
                    <div class="options">{boxes}</div>
                </fieldset>
            }
            .into_any()
        }
    };
    let answered = move || value.with(|v| v.as_ref().is_some_and(|v| !v.is_empty()));
    view! {
        <div class="activity reflection" id=anchor.clone()>
            <h3 class="activity-kind" id=format!("{anchor}-title")>
                "Reflect"
            </h3>
            {body}
            <div class="response" role="status" aria-live="polite">
                <Show when=answered>
                    <p>
                        <span aria-hidden="true">"♡ "</span>
                        {reflection.response}
                    </p>
                </Show>
            </div>
        </div>
    }
}
