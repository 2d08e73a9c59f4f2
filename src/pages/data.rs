//! "Your data": what is saved, where, and who can read it; what discreet
//! mode, "Exit this page" and protected backups protect; backup export
//! (plain or protected with a passphrase) and import; the workbook; and
//! deleting everything.

use crate::components::backup_export::ExportBackup;
use crate::components::backup_import::ImportBackup;
use crate::components::confirm::ConfirmAction;
use crate::components::focus::on_page_shown;
use crate::components::help::HelpPointer;
use crate::components::lock_settings::LockSettings;
use crate::components::privacy_tools::PrivacyTools;
use crate::components::workbook_download::WorkbookActions;
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
                    "Other websites published at the same address. On GitHub Pages, every site of one account shares an address and so its storage. The lock below keeps your words from sites that read it, but not from one that acts against Attune. Whoever publishes Attune can give it its own domain to close this gap."
                </li>
                <li>"Nobody else. Not us, not the article's author."</li>
            </ul>
            <p>"Unless you lock them: see below."</p>
            <LockSettings />
            <PrivacyTools />
            <h2>"Keeping it safe"</h2>
            <p>{persistence}</p>
            <p>
                "Browsers can remove saved data: when you clear your history, when space runs low, and Safari (on iPhone, iPad and Mac) after seven days without a visit. A backup file is the safe way to keep your reflections."
            </p>
            <ExportBackup />
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

/// "Delete everything", with the result said in words. Also on the unlock
/// page: the way out for a forgotten passphrase.
#[component]
pub fn DeleteEverything() -> impl IntoView {
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
