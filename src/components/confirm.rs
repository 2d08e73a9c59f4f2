//! A destructive act in two steps: a button, then "are you sure?" with a
//! way out. Focus stays with the buttons as they swap, so keyboard and
//! screen-reader users are not dropped at the top of the page.

use crate::components::focus::focus_later;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn ConfirmAction(
    /// The first button, e.g. "Start this lesson again".
    label: &'static str,
    /// The question shown after it is pressed.
    question: &'static str,
    /// The button that does it, e.g. "Yes, clear this lesson".
    confirm: &'static str,
    /// The button that backs out, e.g. "Keep my answers".
    cancel: &'static str,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let area = NodeRef::<Div>::new();
    let ask = move |on: bool| {
        asking.set(on);
        focus_later(area, Some("button"));
    };
    view! {
        <div class="reset" node_ref=area>
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            on:click=move |_| ask(true)
                        >
                            {label}
                        </button>
                    }
                }
            >
                <p role="alert">{question}</p>
                <button
                    type="button"
                    class="button button-danger"
                    on:click=move |_| {
                        on_confirm.run(());
                        ask(false);
                    }
                >
                    {confirm}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| ask(false)>
                    {cancel}
                </button>
            </Show>
        </div>
    }
}
