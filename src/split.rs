//! Code that comes later: the app's wasm is cut into chunks (the `split`
//! feature; `pages::chunks`, `crate::saving`, `crate::session_key`), each
//! fetched on first use. This is what every such chunk's caller needs to
//! know, below all of them: that a chunk did not arrive (offline before the
//! app was saved for offline use, or an old tab after an update). Said as a
//! value, never a panic, which would stop the whole app.

/// A chunk of the app's code did not arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PageNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PageNotLoaded
    }
}
