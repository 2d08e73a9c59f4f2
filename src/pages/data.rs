//! "Your data": what is saved, where, and who can read it; backup export
//! and import; the workbook; and deleting everything.

use crate::components::backup_download::BackupDownload;
use crate::components::confirm::ConfirmAction;
use crate::components::focus::on_page_shown;
use crate::components::help::HelpPointer;
use crate::components::workbook_download::WorkbookActions;
use crate::model::backup::{check_backup, ImportError, Preview, MAX_BACKUP_BYTES};
use crate::model::dates::format_day;
use crate::state::use_app_state;
use crate::storage::Persistence;
use leptos::prelude::*;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::new();
    on_page_shown(super::meta::DATA, heading);
    let persistence = move || match state.persistence.get() {
        None => "Attune asks your browser to keep this data safe the next time something is saved.",
        Some(Persistence::Granted) => {
            "Your browser has agreed to keep this data, even when space runs low."
        }
        Some(Persistence::Refused) => {
            "Your browser may clear this data if space runs low. A backup keeps it safe."
        }
        Some(Persistence::Unsupported) => {
            "This browser does not say whether it will keep this data. A backup keeps it safe."
        }
    };
    view! {
        <div class="page prose">
            <h1 tabindex="-1" node_ref=heading>
                "Your data"
            </h1>
            <h2>"What is saved, and where"</h2>
            <p>
                "Your answers, how sure you were, your reflections, where you are in each lesson and which lessons you finished. They are saved in this browser's local storage, under names that start with \u{201c}attune:\u{201d}. Nothing is sent to any server: there is no server."
            </p>
            <h2>"Who can see it"</h2>
            <ul>
                <li>"Anyone who uses this browser, on this device, with your login."</li>
                <li>
                    "Other websites published at the same address. On GitHub Pages, every site of one account shares an address and so its storage. Whoever publishes Attune can give it its own domain to avoid this."
                </li>
                <li>"Nobody else. Not us, not the article's author."</li>
            </ul>
            <h2>"Keeping it safe"</h2>
            <p>{persistence}</p>
            <p>
                "Browsers can remove saved data: when you clear your history, when space runs low, and Safari (on iPhone, iPad and Mac) after seven days without a visit. A backup file is the safe way to keep your reflections."
            </p>
            <BackupDownload />
            <ImportBackup />
            <h2>"My workbook"</h2>
            <p>
                "The key ideas of every lesson with your own answers and reflections, to read, print or keep."
            </p>
            <WorkbookActions />
            <DeleteEverything />
            <HelpPointer />
        </div>
    }
}

/// Choosing a backup file, checking it, showing what it holds, and only
/// then adding it in or replacing, on the reader's word.
#[component]
fn ImportBackup() -> impl IntoView {
    let state = use_app_state();
    let checked = RwSignal::new(None::<Result<Preview, ImportError>>);
    let done = RwSignal::new(None::<&'static str>);
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        done.set(None);
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else { return };
        if file.size() > MAX_BACKUP_BYTES as f64 {
            checked.set(Some(Err(ImportError::TooLarge(file.size() as usize))));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
            checked.set(Some(check_backup(&text)));
        });
    };
    let apply = move |replace: bool| {
        if let Some(Ok(preview)) = checked.get_untracked() {
            state.import(preview.progress, replace);
            checked.set(None);
            done.set(Some(if replace {
                "Done: your data is now what the backup held."
            } else {
                "Done: the backup was added to what was here."
            }));
        }
    };
    let result = move || {
        checked.get().map(|r| match r {
            Err(e) => view! {
                <p class="error">
                    <span aria-hidden="true">"⚠ "</span>
                    {format!("Nothing was changed: {e}.")}
                </p>
            }
            .into_any(),
            Ok(p) => view! {
                <div class="notice">
                    <p>
                        {format!(
                            "This backup is from {}. It holds {} answers, {} reflections and {} finished lessons.",
                            format_day(p.exported),
                            p.answers,
                            p.reflections,
                            p.completed,
                        )}
                    </p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| apply(false)>
                            "Add it to what is here"
                        </button>
                        <button
                            type="button"
                            class="button button-secondary"
                            on:click=move |_| checked.set(None)
                        >
                            "Cancel"
                        </button>
                    </div>
                    <ConfirmAction
                        label="Replace what is here with it"
                        question="This replaces everything saved in this browser with the backup. Are you sure?"
                        confirm="Yes, replace it"
                        cancel="No, keep what is here"
                        on_confirm=Callback::new(move |_| apply(true))
                    />
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <h3>"Bring back a backup"</h3>
        <label class="prompt" for="backup-file">
            "Choose a backup file (.json)"
        </label>
        <input id="backup-file" type="file" accept=".json,application/json" on:change=on_file />
        <div role="status">{result} {move || done.get().map(|m| view! { <p>{m}</p> })}</div>
    }
}

/// "Delete everything", with the result said in words.
#[component]
fn DeleteEverything() -> impl IntoView {
    let state = use_app_state();
    let outcome = RwSignal::new(None::<String>);
    let delete = Callback::new(move |_| {
        outcome.set(Some(match state.delete_everything() {
            Ok(()) => "Done. Everything Attune had saved in this browser is gone.".to_string(),
            Err(e) => format!("Nothing was deleted: {e}."),
        }))
    });
    view! {
        <h2>"Delete everything"</h2>
        <p>
            "This removes all your answers, reflections and progress from this browser. Other websites' data is not touched. It cannot be undone, so you may want a backup first."
        </p>
        <ConfirmAction
            label="Delete everything Attune saved"
            question="Are you sure? Your reflections will be gone for good."
            confirm="Yes, delete everything"
            cancel="No, keep it"
            on_confirm=delete
        />
        <p role="status">{move || outcome.get()}</p>
    }
}
