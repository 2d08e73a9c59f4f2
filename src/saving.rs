//! The code that saves the reader's progress, in one wasm chunk of its own
//! (`saving`) when the `split` feature is on: progress's saving core
//! (`model::sync::Core`), and the reader and writer of its stored form
//! (`model::codec`, the largest single part of the app). Display settings
//! keep a core of their own in the first load.
//!
//! Home, on a first visit with nothing saved, answers without this code. A
//! page in a chunk fetches it beside its own and answers once both are here
//! (`pages::chunks`); a page with something saved, or with storage blocked,
//! has it before taking over (`Boot`; the page preloads it, see
//! `scripts/prerender.mjs`); elsewhere it comes at the reader's first
//! change, and until then `saver.rs` holds what the reader does, in order.
//!
//! The first load reaches this code only through the pointers the chunk
//! returns (not stores): a value the optimiser cannot see keeps the code
//! out of the first load.

use crate::model::first_screen;
use crate::model::progress::Progress;
use crate::model::review::Day;
use crate::model::sync::{Core, Drive, Port, Stored};
use crate::model::{codec, stored};
use crate::split::PageNotLoaded;

/// Starts a saving core (`Core::start_after`: its port, whether it tells
/// the reader, what they changed before it started): what the chunk hands
/// the first load, so it can hold the core without its code.
pub type StartCore<D> = fn(&mut dyn Port<D>, bool, D) -> Box<dyn Drive<D>>;

/// What the chunk brings.
#[derive(Clone, Copy)]
pub struct Saving {
    pub start: StartCore<Progress>,
    /// The text stored under the progress key, read and checked
    /// (`model::stored`).
    pub read: fn(&str) -> Stored<Progress>,
    /// Progress as stored text (`codec::encode`), or why not.
    pub write: fn(&Progress) -> Result<String, String>,
    /// The summary the first screen paints from (`first_screen::glance`).
    pub glance: fn(&Progress, Day) -> String,
}

fn saving() -> Saving {
    Saving {
        start: |port, tells, early| Box::new(Core::start_after(port, tells, early)),
        read: |raw| stored::stored(Some(raw)),
        write: |p| codec::encode(p).map_err(|e| e.to_string()),
        glance: |p, today| first_screen::glance(p, crate::content::lessons(), Some(today)),
    }
}

/// The chunk's code, if it is here.
pub fn loaded() -> Option<Saving> {
    #[cfg(feature = "split")]
    return SAVING.with(std::cell::Cell::get);
    #[cfg(not(feature = "split"))]
    Some(saving())
}

/// Fetches the chunk (unless it is here).
pub async fn load() -> Result<Saving, PageNotLoaded> {
    if let Some(saving) = loaded() {
        return Ok(saving);
    }
    #[cfg(feature = "split")]
    {
        let saving = chunk().await?;
        SAVING.with(|s| s.set(Some(saving)));
        Ok(saving)
    }
    #[cfg(not(feature = "split"))]
    Ok(saving())
}

#[cfg(feature = "split")]
thread_local! {
    static SAVING: std::cell::Cell<Option<Saving>> = const { std::cell::Cell::new(None) };
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(saving, wasm_split_path = ::leptos::wasm_split, fallible)]
fn chunk() -> Result<Saving, PageNotLoaded> {
    Ok(saving())
}
