//! Reading saved progress, and writing it, each in a wasm chunk of its own
//! when the `split` feature is on (writing: see [`writer`]). A first visit has nothing saved, so the first load does
//! not carry this code (its serde reading of every stored field is the
//! largest single part of the app): a page with something saved loads it
//! alongside the main module (the page preloads it, see
//! `scripts/prerender.mjs`) and reads before taking over; otherwise it
//! arrives after the page is taken over, for what another tab may save.
//! Until then the saving core neither merges nor writes over stored
//! progress (`model::sync::Core`, which asks for this code when it needs it).

use crate::model::codec;
use crate::model::progress::Progress;
use crate::model::sync::Stored;
use crate::pages::chunks::PageNotLoaded;

/// Reads the text stored under the progress key (`codec::stored`).
pub type ReadProgress = fn(Option<&str>) -> Stored<Progress>;

/// Writes progress as stored text (`codec::encode`), or says why not.
pub type WriteProgress = fn(&Progress) -> Result<String, String>;

fn write(progress: &Progress) -> Result<String, String> {
    codec::encode(progress).map_err(|e| e.to_string())
}

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
        // Returned from the chunk, not stored by it: a value the optimiser
        // cannot see keeps the function out of the first load.
        let read = reader().await?;
        READER.with(|r| r.set(Some(read)));
        Ok(read)
    }
    #[cfg(not(feature = "split"))]
    Ok(codec::stored)
}

/// The writer, if it is here. It has a chunk of its own too (about 7 KB
/// of wasm the first load does without): progress only changes on pages
/// whose code comes after the first load, and each of those loads the
/// writer with its own chunk (`pages::chunks::Module::load`).
pub fn writer() -> Option<WriteProgress> {
    #[cfg(feature = "split")]
    return WRITER.with(std::cell::Cell::get);
    #[cfg(not(feature = "split"))]
    Some(write)
}

/// Fetches the writer's chunk (unless it is here).
pub async fn load_writer() -> Result<WriteProgress, PageNotLoaded> {
    if let Some(write) = writer() {
        return Ok(write);
    }
    #[cfg(feature = "split")]
    {
        let write = writer_chunk().await?;
        WRITER.with(|w| w.set(Some(write)));
        Ok(write)
    }
    #[cfg(not(feature = "split"))]
    Ok(write)
}

#[cfg(feature = "split")]
thread_local! {
    static READER: std::cell::Cell<Option<ReadProgress>> = const { std::cell::Cell::new(None) };
    static WRITER: std::cell::Cell<Option<WriteProgress>> = const { std::cell::Cell::new(None) };
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn reader() -> Result<ReadProgress, PageNotLoaded> {
    Ok(codec::stored)
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(writer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn writer_chunk() -> Result<WriteProgress, PageNotLoaded> {
    Ok(write)
}
