//! Files the page makes (a backup, the workbook), handed to the reader by
//! download or, where a download does not arrive, by the share sheet.
//!
//! In a web app added to the home screen of an iPhone or iPad, a file the
//! page "downloads" often goes nowhere, while Web Share
//! (`navigator.share({ files })`) can save it to Files or send it on. So
//! there (`navigator.standalone`, and the browser can share files), and
//! wherever a download fails to start, Attune offers Share. Everywhere else
//! the download stays.
//!
//! A share must start from the reader's tap. A file made after a wait (a
//! protected backup takes a moment to seal) may come too late for that:
//! the browser refuses, and a Share button waits for a new tap.
//!
//! Browser APIs only in handlers and effects. Web Share and
//! `navigator.standalone` are looked up before use: most desktop browsers
//! have neither, and calling what is not there would throw.

use crate::components::download::download_text;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A text file the page made.
pub struct TextFile {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// How a file reached the reader, or is on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandedOver {
    Downloaded,
    /// The share sheet was asked for, or a Share button waits for a tap.
    Sharing,
}

/// One place on a page that hands files over: whether it shares rather
/// than downloads here, the file waiting for a tap, and what became of the
/// last share. Shown by [`ShareButton`].
#[derive(Clone, Copy)]
pub struct ShareOffer {
    prefers: RwSignal<bool>,
    waiting: RwSignal<Option<web_sys::File>, LocalStorage>,
    said: RwSignal<Option<String>>,
}

impl ShareOffer {
    /// Learns, once the page is the app's, whether this browser should
    /// share rather than download (never while rendering).
    pub fn new() -> Self {
        let offer = ShareOffer {
            prefers: RwSignal::new(false),
            waiting: RwSignal::new_local(None),
            said: RwSignal::new(None),
        };
        Effect::new(move |_| offer.prefers.set(shares_instead()));
        offer
    }

    /// Whether the buttons should say Share rather than Download (tracked).
    pub fn prefers_share(&self) -> bool {
        self.prefers.get()
    }

    /// Hands `file` to the reader: shared where downloads fail, downloaded
    /// elsewhere; a download that does not start is offered for sharing
    /// instead, when this browser can share files. Call from a click
    /// handler, or right after the work the click started.
    pub fn hand_over(self, file: TextFile) -> Result<HandedOver, String> {
        self.waiting.set(None);
        self.said.set(None);
        let made = make_file(&file)?;
        if shares_instead() && can_share(&made) {
            self.share(made);
            return Ok(HandedOver::Sharing);
        }
        match download_text(&file.name, file.mime, &file.text) {
            Ok(()) => Ok(HandedOver::Downloaded),
            Err(why) if can_share(&made) => {
                self.waiting.set(Some(made));
                self.said.set(Some(format!(
                    "The download did not start ({why}). You can share the file instead, for example to save it in Files."
                )));
                Ok(HandedOver::Sharing)
            }
            Err(why) => Err(why),
        }
    }

    /// Opens the share sheet with `file`, and says how it went.
    fn share(self, file: web_sys::File) {
        let Some(sharing) = start_share(&file) else {
            self.said.set(Some(format!(
                "{} is ready. Use the button to share it.",
                file.name()
            )));
            self.waiting.set(Some(file));
            return;
        };
        leptos::task::spawn_local(async move {
            let outcome = wasm_bindgen_futures::JsFuture::from(sharing).await;
            let name = file.name();
            let (waiting, said) = match outcome {
                Ok(_) => (None, format!("{name} was shared.")),
                Err(error) => match error_name(&error).as_deref() {
                    // The reader closed the share sheet.
                    Some("AbortError") => (
                        Some(file),
                        format!("{name} was not shared. You can share it again."),
                    ),
                    // The tap was too long ago: the file was made after a wait.
                    Some("NotAllowedError") => (
                        Some(file),
                        format!("{name} is ready. Use the button to share it."),
                    ),
                    _ => (
                        None,
                        format!(
                            "The file could not be shared ({}). Nothing was changed.",
                            error_message(&error)
                        ),
                    ),
                },
            };
            let _ = self.waiting.try_set(waiting);
            let _ = self.said.try_set(Some(said));
        });
    }
}

impl Default for ShareOffer {
    fn default() -> Self {
        Self::new()
    }
}

/// What became of the last share, in a live region, and the Share button
/// for a file that waits for the reader's tap (the message names it).
#[component]
pub fn ShareButton(offer: ShareOffer) -> impl IntoView {
    let button = move || {
        offer.waiting.with(Option::is_some).then(|| {
            view! {
                <div class="actions">
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            if let Some(file) = offer.waiting.get_untracked() {
                                offer.share(file);
                            }
                        }
                    >
                        "Share the file"
                    </button>
                </div>
            }
        })
    };
    view! {
        <p role="status" class="share-status">
            {move || offer.said.get()}
        </p>
        {button}
    }
}

/// An installed app on iOS that can share files: there, downloads fail.
fn shares_instead() -> bool {
    let standalone = navigator()
        .and_then(|n| js_sys::Reflect::get(&n, &"standalone".into()).ok())
        .and_then(|v| v.as_bool());
    standalone == Some(true) && make_probe().is_some_and(|probe| can_share(&probe))
}

/// A small file of the kind Attune shares, to ask the browser about.
fn make_probe() -> Option<web_sys::File> {
    make_file(&TextFile {
        name: "attune.json".into(),
        mime: "application/json",
        text: String::new(),
    })
    .ok()
}

fn make_file(file: &TextFile) -> Result<web_sys::File, String> {
    let parts = js_sys::Array::of1(&file.text.as_str().into());
    let options = web_sys::FilePropertyBag::new();
    options.set_type(file.mime);
    web_sys::File::new_with_str_sequence_and_options(&parts, &file.name, &options)
        .map_err(|_| "the browser could not make the file".to_string())
}

/// `navigator.canShare({ files: [file] })`, false where there is none.
fn can_share(file: &web_sys::File) -> bool {
    call_navigator("canShare", file).is_some_and(|answer| answer.is_truthy())
}

/// `navigator.share({ files: [file] })`'s promise, if there is a share.
fn start_share(file: &web_sys::File) -> Option<js_sys::Promise> {
    call_navigator("share", file)?.dyn_into().ok()
}

/// Calls `navigator[method]({ files: [file] })` if it is a function;
/// `None` if it is not, or it threw.
fn call_navigator(method: &str, file: &web_sys::File) -> Option<JsValue> {
    let navigator = navigator()?;
    let function: js_sys::Function = js_sys::Reflect::get(&navigator, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(file)).ok()?;
    function.call1(&navigator, &data).ok()
}

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

fn error_name(error: &JsValue) -> Option<String> {
    error.dyn_ref::<web_sys::DomException>().map(|e| e.name())
}

fn error_message(error: &JsValue) -> String {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => e.message(),
        None => error
            .as_string()
            .unwrap_or_else(|| "no reason given".into()),
    }
}
