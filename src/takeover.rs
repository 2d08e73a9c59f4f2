//! Taking over the page rendered at build time: the app adopts the DOM that
//! is there (Leptos hydration) instead of building it again, so nothing
//! flashes, moves or loses focus or scroll position.
//!
//! The page was rendered for a reader with nothing saved, and hydration
//! needs the same view again. So, in order:
//! 1. the page's chunk and lesson texts are loaded (the page preloaded
//!    them alongside the main module), so its view can be built at once;
//! 2. the frame around the page (header, notices, footer) is hydrated with
//!    a blank reader, `<main>` left for the next step (`app::MainLater`);
//! 3. whatever the reader typed or chose before the app was ready is noted;
//! 4. `<main>`'s content is hydrated with a blank reader;
//! 5. the reader's saved state is applied (`AppState::take_over`), which
//!    the DOM follows before the next frame;
//! 6. what the reader did before takeover is replayed through the page's
//!    own handlers, so it is kept and saved like any change;
//! 7. the effects and DOM updates spawned since step 2 start.
//!
//! Steps 1, 2 and 3–7 are separate tasks: on a slow phone, one task for
//! all of it blocked the reader's taps for a quarter of a second after the
//! page had painted. Steps 3–7 stay together, so no handler in the page
//! ever acts on the blank reader or on a DOM that does not show the
//! reader's state yet. The frame holds none of the reader's answers or
//! words; what it spawned waits for step 7 (`crate::yielding`), so until
//! then its links work as plain links.
//!
//! What the first screen shows of the reader's state was already painted
//! before the wasm arrived, from a summary the app keeps for that
//! (`model::glance`, applied by the script in `index.html`), so step 5
//! changes nothing visible there.

use crate::app::{AppFrame, MainLater};
use crate::boot::Boot;
use crate::model::routes::Route;
use crate::pages::chunks::Module;
use crate::service_worker::{register, UpdateReady};
use crate::start_failed::{say_it_failed, say_taking_over};
use crate::state::AppState;
use crate::yielding;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Takes over the page, rendered for the app path `rendered` (see the
/// module comment). The router then follows the address bar, should it
/// show another address of the same page (the not-found page).
pub async fn take_over(boot: Boot, rendered: String, saved_was_read: bool) {
    yielding::install();
    let route = Route::parse(&rendered);
    if !saved_was_read || prepare(&route).await.is_err() {
        stay_static();
        return;
    }
    // Each step its own task (see the module comment).
    yielding::next_task().await;
    // Before the page is hydrated: a notice shown because the start was
    // slow must not be in the DOM hydration claims.
    say_taking_over();
    let updates = UpdateReady::default();
    let state = AppState::new(&boot, true);
    let (base, path) = (boot.base.clone(), rendered);
    let main_later = MainLater::default();
    yielding::hold();
    leptos::mount::hydrate_body({
        let main_later = main_later.clone();
        move || view! { <AppFrame state=state base=base path=path updates=updates main_later=main_later /> }
    });
    yielding::next_task().await;
    let before = ReaderInput::capture();
    // There is one: the App's hydration has just claimed it.
    if let Some(main) = document().and_then(|d| d.get_element_by_id("main")) {
        main_later.hydrate(main);
    }
    state.take_over();
    before.replay();
    // Every effect and DOM update of the frame and the page starts now,
    // before this task ends and any input is handled.
    yielding::release();
    // Installing the offline copy downloads the whole build: in a task of
    // its own, after the page is the reader's.
    yielding::next_task().await;
    if let Some(root) = document().and_then(|d| d.document_element()) {
        // The first screen may have waited for the reader's state (no
        // summary was saved yet): it is here now.
        let _ = root.remove_attribute("data-waiting");
        // For the stylesheet and the tests: the page answers now.
        let _ = root.set_attribute("data-app", "ready");
    }
    register(&boot.base, updates);
}

/// Loads what the page's view is built from: its chunk and the lesson
/// texts it shows.
async fn prepare(route: &Route) -> Result<(), ()> {
    match Module::of(route) {
        Some(module) if !module.prepare(route).await => Err(()),
        _ => Ok(()),
    }
}

/// Part of the app could not be downloaded: the page stays as it came,
/// readable, with working links (every page is its own file), and says
/// that its questions and saving did not start (`crate::start_failed`).
fn stay_static() {
    say_it_failed();
}

/// What the reader typed or chose in the page before the app took it over.
struct ReaderInput(Vec<(web_sys::Element, Input)>);

enum Input {
    Text(String),
    Checked(bool),
}

impl ReaderInput {
    /// Boxes whose text differs from the page's, and choices that differ.
    fn capture() -> Self {
        let mut found = Vec::new();
        let controls =
            document().and_then(|d| d.query_selector_all("main textarea, main input").ok());
        for i in 0..controls.as_ref().map_or(0, |c| c.length()) {
            let Some(el) = controls.as_ref().and_then(|c| c.item(i)) else {
                continue;
            };
            if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                if Ok(area.value()) != area.default_value() {
                    found.push((area.clone().into(), Input::Text(area.value())));
                }
            } else if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                if input.checked() != input.default_checked() {
                    found.push((input.clone().into(), Input::Checked(input.checked())));
                }
            }
        }
        ReaderInput(found)
    }

    /// Puts each back and tells the page, as the reader's own input or
    /// change would: the page's handlers save it.
    fn replay(self) {
        for (el, input) in self.0 {
            let event = match input {
                Input::Text(text) => {
                    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                        area.set_value(&text);
                    }
                    "input"
                }
                Input::Checked(on) => {
                    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                        input.set_checked(on);
                    }
                    "change"
                }
            };
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict(event, &init) {
                let _ = el.dispatch_event(&event);
            }
        }
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
