//! A knowledge check or scenario question, in the GOV.UK question pattern:
//! a fieldset and legend, real radio buttons or checkboxes, help before the
//! answer (`check_help`), an optional "how sure are you?", a Check button,
//! and feedback in a live region that is on the page before any text goes
//! into it.

use crate::components::check_help::HelpBeforeAnswer;
use crate::components::choice::{Choice, ChoiceKind};
use crate::components::focus::focus_later;
use crate::content::{lesson_of_activity, Check, CheckKind, CheckOption, LessonText};
use crate::model::grading::{grade, options_to_explain, GradeError};
use crate::model::progress::{Confidence, Help};
use crate::model::routes::{activity_anchor, lesson_anchor_path, COURSE_END_PATH};
use crate::state::use_app_state;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn CheckCard(check: &'static Check, number: usize, text: LessonText) -> impl IntoView {
    let state = use_app_state();
    let anchor = activity_anchor(check.id);
    let error = RwSignal::new(None::<GradeError>);
    let feedback_ref = NodeRef::<Div>::new();
    let answer = Memo::new(move |_| {
        state
            .progress
            .with(|p| p.answer(check.id).cloned().unwrap_or_default())
    });
    let stale = Memo::new(move |_| state.progress.with(|p| p.is_stale(check)));
    let is_single = check.kind == CheckKind::Single;
    let error_id = format!("{anchor}-error");
    let kind_label = if check.scenario.is_some() {
        "Scenario"
    } else {
        "Check your understanding"
    };

    let options_ref = NodeRef::<Div>::new();
    let on_check = move |_| {
        let selected = answer.get_untracked().selected;
        match grade(check, &selected) {
            Ok(g) => {
                error.set(None);
                state.progress.update(|p| p.record_check(check, g.correct));
                // The Check button goes away; the feedback is read next.
                focus_later(feedback_ref, None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let retry = move |_| {
        state.progress.update(|p| p.retry(check.id));
        error.set(None);
        focus_later(options_ref, Some("input"));
    };
    let reveal = move |_| {
        state.progress.update(|p| p.reveal(check.id));
        focus_later(feedback_ref, None);
    };

    // Where the check is shown again, for the passage's way back: its
    // lesson, or the closing page for a recap question.
    let back = match lesson_of_activity(check.id) {
        Some(lesson) => lesson_anchor_path(lesson.slug, &anchor),
        None => format!("{COURSE_END_PATH}#{anchor}"),
    };
    let on_help =
        Callback::new(move |help: Help| state.progress.update(|p| p.use_help(check.id, help)));

    let kind = if is_single {
        ChoiceKind::Radio
    } else {
        ChoiceKind::Checkbox
    };
    let options = check
        .options
        .iter()
        .map(|option| {
            view! {
                <Choice
                    kind=kind
                    id=format!("{anchor}-{}", option.id)
                    name=anchor.clone()
                    value=option.id.to_string()
                    label=text.get(option.text).to_string()
                    checked=Signal::derive(move || {
                        answer.with(|a| a.selected.iter().any(|s| s == option.id))
                    })
                    on_change=Callback::new(move |on| {
                        error.set(None);
                        state.progress.update(|p| p.choose(check, option.id, on));
                    })
                />
            }
        })
        .collect_view();

    let confidence = Confidence::ALL
        .iter()
        .map(|level| {
            let level = *level;
            view! {
                <Choice
                    kind=ChoiceKind::Radio
                    id=format!("{anchor}-sure-{}", level.key())
                    name=format!("{anchor}-sure")
                    value=level.key().to_string()
                    label=level.label().to_string()
                    checked=Signal::derive(move || answer.with(|a| a.confidence == Some(level)))
                    on_change=Callback::new(move |_| {
                        state.progress.update(|p| p.set_confidence(check.id, Some(level)))
                    })
                    inline=true
                />
            }
        })
        .collect_view();

    let feedback = move || {
        let a = answer.get();
        if a.checked.is_none() && !a.revealed {
            return None;
        }
        let verdict = match a.checked {
            Some(true) => view! {
                <p class="verdict verdict-right">
                    <span aria-hidden="true">"✓ "</span>
                    "Correct."
                </p>
            }
            .into_any(),
            Some(false) => {
                let detail = partial_note(check, &a.selected);
                view! {
                    <p class="verdict verdict-wrong">
                        <span aria-hidden="true">"✗ "</span>
                        "Not quite."
                        {detail}
                    </p>
                }
                .into_any()
            }
            None => view! { <p class="verdict">"The answer:"</p> }.into_any(),
        };
        let explained = options_to_explain(check, &a.selected, a.revealed);
        Some(view! {
            {verdict}
            {stale
                .get()
                .then(|| {
                    view! {
                        <p class="stale">
                            "This answer is from an earlier version of the question."
                        </p>
                    }
                })}
            <ul class="explanations">
                {explained.into_iter().map(|o| explanation(o, text)).collect_view()}
            </ul>
        })
    };
    let not_checked = move || answer.with(|a| a.checked.is_none());
    let checked_wrong = move || answer.with(|a| a.checked == Some(false));
    let can_reveal = move || answer.with(|a| !a.revealed && a.checked != Some(true));
    let has_result = move || answer.with(|a| a.checked.is_some() || a.revealed);

    view! {
        <div class="activity check" id=anchor.clone()>
            <h3 class="activity-kind" id=format!("{anchor}-title")>
                {format!("{kind_label} {number}")}
            </h3>
            // Set as HTML: a <noscript>'s content is text to the browser
            // while scripts run, so the page taken over holds no element there.
            <noscript inner_html=NEEDS_SCRIPT_CHECK></noscript>
            {check.scenario.map(|s| view! { <p class="scenario">{text.get(s)}</p> })}
            <fieldset aria-describedby=error_id.clone()>
                <legend>{text.get(check.prompt)}</legend>
                <p class="hint">
                    {if is_single { "Choose one answer." } else { "Choose all that apply." }}
                </p>
                <div class="options" node_ref=options_ref>
                    {options}
                </div>
            </fieldset>
            <p class="error" id=error_id>
                {move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <span aria-hidden="true">"⚠ "</span>
                                {e.message()}
                            }
                        })
                }}
            </p>
            <HelpBeforeAnswer
                check=check
                text=text
                id_base=anchor.clone()
                back=back
                on_use=on_help
            />
            <fieldset class="confidence">
                <legend>"How sure are you? (optional)"</legend>
                <div class="options options-inline">{confidence}</div>
            </fieldset>
            <div class="actions">
                <Show when=not_checked>
                    <button type="button" class="button" on:click=on_check>
                        "Check"
                    </button>
                </Show>
                <Show when=checked_wrong>
                    <button type="button" class="button button-secondary" on:click=retry>
                        "Try again"
                    </button>
                </Show>
                <Show when=can_reveal>
                    <button type="button" class="button button-secondary" on:click=reveal>
                        "Show answer"
                    </button>
                </Show>
            </div>
            <div
                class="feedback"
                class:has-result=has_result
                role="status"
                aria-live="polite"
                tabindex="-1"
                node_ref=feedback_ref
            >
                {feedback}
            </div>
        </div>
    }
}

/// What a reader without JavaScript sees in place of a working question.
const NEEDS_SCRIPT_CHECK: &str = r#"<p class="needs-script">This question needs JavaScript to check your answer, and this browser has it turned off. Everything else on this page can be read without it.</p>"#;

/// An option with its explanation, marked right or not in words too.
pub fn explanation(o: &'static CheckOption, text: LessonText) -> impl IntoView {
    let (mark, words) = if o.correct {
        ("✓ ", "Right answer: ")
    } else {
        ("✗ ", "Not the answer: ")
    };
    view! {
        <li class:right=o.correct>
            <span aria-hidden="true">{mark}</span>
            <span class="visually-hidden">{words}</span>
            <strong>{text.get(o.text)}</strong>
            <br />
            {text.get(o.explanation)}
        </li>
    }
}

/// For a multiple-choice miss, says what kind of miss it was.
pub fn partial_note(check: &Check, selected: &[String]) -> Option<String> {
    let g = grade(check, selected).ok()?;
    let right = check.options.iter().filter(|o| o.correct).count();
    (check.kind == CheckKind::Multiple).then(|| match (g.wrong, g.missed) {
        (0, missed) => format!(
            " You found {} of the {right} right answers.",
            right - missed
        ),
        (_, 0) => " You found every right answer, and one or more that is not.".to_string(),
        _ => " Some of your choices are right and some are not.".to_string(),
    })
}
