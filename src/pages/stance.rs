//! "Where I stand": a short, optional self-reflection, offered before
//! lesson 1, after lesson 7 and whenever the reader wants. Each statement
//! is placed on a scale of 1 to 5, any may be skipped, and the snapshots
//! are shown side by side by date. A snapshot for the reader, not an
//! assessment: no label, type or score.

use crate::components::choice::{Choice, ChoiceKind};
use crate::components::focus::{focus_later, on_page_shown};
use crate::components::stance_chart::StanceChart;
use crate::components::today::{read_clock, use_today};
use crate::model::dates::format_local_day;
use crate::model::sorted::SortedMap;
use crate::model::stance::{HIGH, LOW, STATEMENTS};
use crate::state::use_app_state;
use leptos::html::Div;
use leptos::prelude::*;

const TITLE: &str = super::meta::WHERE_I_STAND;

#[component]
pub fn WhereIStand() -> impl IntoView {
    let state = use_app_state();
    let today = use_today();
    let heading = NodeRef::new();
    on_page_shown(TITLE, heading);
    let points = RwSignal::new(SortedMap::<u8>::new());
    // Today's snapshot, if there is one, is shown to be changed.
    Effect::new(move |_| {
        let Some(now) = today.get() else { return };
        let taken = state.progress.with_untracked(|p| {
            p.takes
                .iter()
                .find(|t| t.day == now.day)
                .map(|t| t.points.clone())
        });
        if let Some(taken) = taken {
            points.set(taken);
        }
    });
    let said = RwSignal::new(None::<Result<String, &'static str>>);
    let status_ref = NodeRef::<Div>::new();
    let save = move |_| {
        let chosen = points.get_untracked();
        if chosen.is_empty() {
            said.set(Some(Err(
                "Place at least one statement first. Or leave it: this is optional.",
            )));
            return;
        }
        let day = read_clock().day;
        state.progress.update(|p| p.save_take(day, chosen));
        said.set(Some(Ok(format!(
            "Saved as your snapshot for {}. You can see it below.",
            format_local_day(day)
        ))));
        focus_later(status_ref, None);
    };
    let statements = STATEMENTS
        .iter()
        .map(|s| {
            let scale = (1..=5u8)
                .map(|n| {
                    view! {
                        <Choice
                            kind=ChoiceKind::Radio
                            id=format!("stand-{}-{n}", s.id)
                            name=format!("stand-{}", s.id)
                            value=n.to_string()
                            label=n.to_string()
                            checked=Signal::derive(move || {
                                points.with(|p| p.get(s.id) == Some(&n))
                            })
                            on_change=Callback::new(move |_| {
                                said.set(None);
                                points.update(|p| p.insert(s.id.to_string(), n));
                            })
                            inline=true
                        />
                    }
                })
                .collect_view();
            view! {
                <fieldset class="stand" aria-describedby="stand-scale">
                    <legend class="prompt">{s.text}</legend>
                    <div class="options options-inline scale">{scale}</div>
                </fieldset>
            }
        })
        .collect_view();
    let has_takes = move || state.progress.with(|p| !p.takes.is_empty());
    view! {
        <div class="page stance">
            <h1 tabindex="-1" node_ref=heading>
                {TITLE}
            </h1>
            <p class="lead">
                "A short snapshot, just for you, of how some things in close relationships feel right now."
            </p>
            <p>
                "It is not a test or an assessment. There are no right answers, no score and no type. Skip any line you like. You can take it again at any time, and see your snapshots side by side."
            </p>
            <p class="hint" id="stand-scale">
                {format!("1 means \u{201c}{LOW}\u{201d}, 5 means \u{201c}{HIGH}\u{201d}.")}
            </p>
            {statements}
            <div class="actions">
                <button type="button" class="button" on:click=save>
                    "Save this snapshot"
                </button>
            </div>
            <div role="status" aria-live="polite" tabindex="-1" node_ref=status_ref>
                {move || match said.get() {
                    Some(Ok(words)) => Some(view! { <p>{words}</p> }.into_any()),
                    Some(Err(why)) => Some(view! { <p class="error">{why}</p> }.into_any()),
                    None => None,
                }}
            </div>
            <Show when=has_takes>
                <section aria-labelledby="takes-h">
                    <h2 id="takes-h">"Your snapshots, side by side"</h2>
                    <StanceChart />
                </section>
            </Show>
        </div>
    }
}
