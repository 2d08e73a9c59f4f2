//! A reflection's history: the follow-ups the reader added when it came
//! back, oldest first, beside (never over) the earlier words. The reader's
//! words are text nodes, never HTML.

use crate::components::today::use_zone;
use crate::model::dates::format_day;
use crate::state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn FollowUpList(reflection_id: &'static str) -> impl IntoView {
    let (state, zone) = (use_app_state(), use_zone());
    move || {
        let list = state
            .progress
            .with(|p| p.follow_ups(reflection_id).to_vec());
        (!list.is_empty()).then(|| {
            view! {
                <div class="follow-ups">
                    <h4>"Then and now"</h4>
                    <ol>
                        {list
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li>
                                        <p class="hint follow-up-date">
                                            {format!("Added {}", format_day(f.written, &zone.get()))}
                                        </p>
                                        {f.feel.map(|feel| view! { <p>{feel.said()}</p> })}
                                        {(!f.text.trim().is_empty())
                                            .then(|| view! { <p class="reader-text">{f.text}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </div>
            }
        })
    }
}
