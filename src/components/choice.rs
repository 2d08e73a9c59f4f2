//! One labelled radio button or checkbox. Every answer option, confidence
//! level, scale point and checklist item is one of these, so the view code
//! is compiled once (type-erased signal and callback) instead of four times.

use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ChoiceKind {
    Radio,
    Checkbox,
}

#[component]
pub fn Choice(
    kind: ChoiceKind,
    id: String,
    name: String,
    value: String,
    label: String,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let input_type = match kind {
        ChoiceKind::Radio => "radio",
        ChoiceKind::Checkbox => "checkbox",
    };
    view! {
        <div class=if inline { "option option-inline" } else { "option" }>
            <input
                type=input_type
                id=id.clone()
                name=name
                value=value
                prop:checked=checked
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}
