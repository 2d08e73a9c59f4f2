//! What the app starts from: the address, and what storage held when the
//! page opened. Read from the browser by `start()` before anything is
//! rendered, or made blank for the pages rendered at build time.

use crate::model::progress::Progress;
use crate::model::routes;
use crate::model::settings::Settings;
use crate::model::sync::Stored;
use crate::pages::chunks::{Module, PageNotLoaded};
use crate::reader;
use crate::storage::{Store, PROGRESS, SETTINGS};

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
    /// Progress is stored sealed: the lock is on (`crate::lock`).
    pub sealed: bool,
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
            sealed: false,
        }
    }
}

impl Boot {
    /// Reads the address and what storage holds, before anything renders.
    pub fn read() -> Self {
        let window = web_sys::window();
        let document = window.as_ref().and_then(|w| w.document());
        // The router base, from the `<base href>` the build wrote.
        let base = document
            .as_ref()
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| routes::router_base(&url.pathname()))
            .unwrap_or_default();
        let path = window
            .and_then(|w| w.location().pathname().ok())
            .map(|pathname| routes::path_shown(pathname, &base))
            .unwrap_or_else(|| "/".to_string());
        let store = Store::open();
        let sealed = store
            .read(PROGRESS.key)
            .ok()
            .flatten()
            .is_some_and(|raw| crate::lock::is_sealed(&raw));
        Boot {
            sealed,
            base,
            path,
            progress: store.load(&PROGRESS, None),
            settings: store.load(&SETTINGS, None),
            store,
        }
    }
}

impl Boot {
    /// Makes sure what storage held is read: saved progress needs its
    /// reader (`crate::reader`), which a first visit's page has not loaded;
    /// sealed progress the unlock page too (the page preloaded both).
    pub async fn read_saved(&mut self) -> Result<(), PageNotLoaded> {
        if self.progress == Some(Stored::NotReadYet) {
            reader::load().await?;
            if self.sealed {
                Module::Lock.load().await?;
            }
            self.progress = self.store.load(&PROGRESS, None);
        }
        Ok(())
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
