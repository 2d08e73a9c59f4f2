//! Reading saved progress, in a wasm chunk of its own when the `split`
//! feature is on. A first visit has nothing saved, so the first load does
//! not carry this code (its serde reading of every stored field is the
//! largest single part of the app): a page with something saved loads it
//! alongside the main module (the page preloads it, see
//! `scripts/prerender.mjs`) and reads before taking over; otherwise it
//! arrives after the page is taken over, for what another tab may save.
//! Until then, stored progress is `Stored::NotReadYet`, which the sync
//! machine neither merges nor writes over.

use crate::model::codec;
use crate::model::progress::Progress;
use crate::model::sync::Stored;
use crate::pages::chunks::PageNotLoaded;

/// Reads the text stored under the progress key (`codec::stored`).
pub type ReadProgress = fn(Option<&str>) -> Stored<Progress>;

/// The reader, if it is here.
pub fn loaded() -> Option<ReadProgress> {
    #[cfg(feature = "split")]
    return READER.with(std::cell::Cell::get);
    #[cfg(not(feature = "split"))]
    Some(codec::stored)
}

/// Fetches the reader's chunk (unless it is here).
pub async fn load() -> Result<ReadProgress, PageNotLoaded> {
    if let Some(read) = loaded() {
        return Ok(read);
    }
    #[cfg(feature = "split")]
    {
        let read = reader().await?;
        READER.with(|r| r.set(Some(read)));
        Ok(read)
    }
    #[cfg(not(feature = "split"))]
    Ok(codec::stored)
}

/// Reads stored progress with the reader if it is here.
pub fn read_progress(raw: Option<&str>) -> Stored<Progress> {
    match (raw, loaded()) {
        (None, _) => Stored::Nothing,
        (Some(raw), Some(read)) => read(Some(raw)),
        (Some(_), None) => Stored::NotReadYet,
    }
}

#[cfg(feature = "split")]
thread_local! {
    static READER: std::cell::Cell<Option<ReadProgress>> = const { std::cell::Cell::new(None) };
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn reader() -> Result<ReadProgress, PageNotLoaded> {
    Ok(codec::stored)
}
