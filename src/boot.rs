//! What the app starts from: the address, and the handle on this site's
//! storage. Read from the browser by `start()` before anything is
//! rendered, or made blank for the pages rendered at build time.

use crate::model::keys::{self, Prefix};
use crate::model::routes;
use crate::model::sealed::is_sealed;
use crate::split::PageNotLoaded;
use crate::storage::Store;

/// What `start()` read from the browser before mounting. Built without a
/// browser too, for the pages rendered at build time ([`Boot::blank`]).
pub struct Boot {
    pub base: String,
    /// The app path to show first (after the base), e.g. `/about`.
    pub path: String,
    /// This site's storage (its keys carry the base path: `model::keys`).
    pub store: Store,
}

impl Boot {
    /// A reader with nothing saved, at `path`: what every page is rendered
    /// for at build time.
    pub fn blank(base: String, path: String) -> Self {
        let store = Store::rendering(Prefix::new(&base));
        Boot { base, path, store }
    }

    /// Reads the address, before anything renders, and opens storage.
    pub fn read() -> Self {
        let window = web_sys::window();
        let document = window.as_ref().and_then(|w| w.document());
        // The base, from the `<base href>` the build wrote: the router's,
        // and the prefix of every key.
        let base_path = document
            .as_ref()
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname())
            .unwrap_or_else(|| "/".into());
        let base = routes::router_base(&base_path);
        let path = window
            .and_then(|w| w.location().pathname().ok())
            .map(|pathname| routes::path_shown(pathname, &base))
            .unwrap_or_else(|| "/".to_string());
        let store = Store::open(Prefix::new(&base_path));
        Boot { base, path, store }
    }

    /// Makes sure what storage holds can be read before the page is taken
    /// over: saved progress needs the code that saves it (`crate::saving`),
    /// which a first visit's page has not loaded. True when it is sealed:
    /// the unlock page's code is then needed too (`crate::start` loads it;
    /// the page preloaded both).
    pub async fn read_saved(&self) -> Result<bool, PageNotLoaded> {
        let stored = self.store.read(keys::PROGRESS);
        if matches!(stored, Ok(None)) {
            return Ok(false);
        }
        // Something to read, or storage blocked: the saving core is then
        // what tells the reader that nothing outlives the tab, on every
        // page, from the start.
        crate::saving::load().await?;
        Ok(matches!(stored, Ok(Some(raw)) if is_sealed(&raw)))
    }
}

/// The app path the page that arrived was rendered for at build time
/// (`<body data-page>`, written by `scripts/prerender.mjs`), to be taken
/// over with the same; `None` from the development server, which sends an
/// empty page for the app to render. The not-found page answers every
/// unknown address, so this is not always the address shown.
pub fn rendered_for() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .and_then(|b| b.get_attribute("data-page"))
}
