//! What the app starts from: the address, and what storage held when the
//! page opened. Read from the browser by `start()` before anything is
//! rendered, or made blank for the pages rendered at build time.

use crate::model::progress::Progress;
use crate::model::settings::Settings;
use crate::model::sync::Stored;
use crate::storage::Store;

/// What `start()` read from the browser before mounting. Built without a
/// browser too, for the pages rendered at build time ([`Boot::blank`]).
pub struct Boot {
    pub base: String,
    /// The app path to show first (after the base), e.g. `/about`.
    pub path: String,
    pub store: Store,
    /// What storage held when the page opened; `None` when it is blocked.
    pub progress: Option<Stored<Progress>>,
    pub settings: Option<Stored<Settings>>,
}

impl Boot {
    /// A reader with nothing saved, at `path`: what every page is rendered
    /// for at build time.
    pub fn blank(base: String, path: String) -> Self {
        Boot {
            base,
            path,
            store: Store::memory_only("rendered without a browser".into()),
            progress: Some(Stored::Nothing),
            settings: Some(Stored::Nothing),
        }
    }
}
