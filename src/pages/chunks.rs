//! The pages a first visit to home does not need, compiled into wasm
//! chunks of their own when the `split` feature is on (Trunk's builds,
//! split by `scripts/split-wasm.mjs`), so home loads without their code:
//! `lesson`, `journal` (the journal and the printable workbook; what they
//! share with a lesson travels in chunks of its own, which wasm-split cuts),
//! `data` (the Your data page) and `review` (Review,
//! Where I stand and the closing page: learning that lasts, and the
//! course's own guides, finding a therapist and when neither pattern fits,
//! which the closing page leads to; as a chunk of their own they cost a
//! lesson's first load 3.7 KB gzip, for code the two split modules then
//! shared in smaller pieces). Home, About (it says
//! where to find help, which must show even when nothing more can be
//! fetched) and the not-found page stay in the first load. Without the
//! feature (host, prerendering, browser tests) these are plain calls.
//!
//! A module, once loaded, is remembered for the visit, and its pages are
//! then built at once, within the render. So the page rendered at build
//! time and the page the browser takes it over with are built the same
//! way: `start()` loads the module of the page shown before taking over.
//!
//! Loading returns `Err(PageNotLoaded)` when the chunk could not be fetched
//! (offline before the app was saved for offline use, or an old tab after
//! an update): never a panic, which would stop the whole app.

use crate::components::lesson_text::load_all;
use crate::model::routes::Route;
use crate::pages::texts_shown_first;
use crate::pages::{
    course_end::CourseEnd, data::DataPage, journal::Journal, lesson::LessonPage,
    not_found::NotFound, other_patterns::OtherPatterns, review::ReviewPage, stance::WhereIStand,
    therapist::FindingATherapist, unlock::UnlockPage, workbook::Workbook,
};
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

/// A module's chunk did not arrive.
pub use crate::split::PageNotLoaded;

/// Builds the page of a route, with code that lives in a module's chunk.
/// Called where the page is shown, so the page finds the app's context.
pub type MakePage = fn(&Route) -> AnyView;

/// Loads the lesson texts a route's page shows first, with its module's
/// code (the first load carries none of the code that fetches texts):
/// true once they are here.
pub type Prepare = fn(Route) -> Pin<Box<dyn Future<Output = bool>>>;

/// A module's code, once loaded.
type Loaded = (MakePage, Prepare);

/// The split modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    Lesson,
    Journal,
    Data,
    Review,
    /// Not a route's: the page shown in any route's place while locked.
    Lock,
}

impl Module {
    /// The module whose chunk holds the page of `route`; `None` for the
    /// pages in the first load.
    pub fn of(route: &Route) -> Option<Module> {
        match route {
            Route::Lesson(_) => Some(Module::Lesson),
            Route::Journal | Route::Workbook => Some(Module::Journal),
            Route::Data => Some(Module::Data),
            Route::Review
            | Route::WhereIStand
            | Route::CourseEnd
            | Route::FindingATherapist
            | Route::OtherPatterns => Some(Module::Review),
            Route::Home | Route::About | Route::NotFound => None,
        }
    }

    /// The module's page maker, if its chunk has arrived in this visit.
    pub fn loaded(self) -> Option<MakePage> {
        LOADED.with(|loaded| loaded[self as usize].get().map(|(make, _)| make))
    }

    /// Loads the texts `route`'s page shows first (see [`Prepare`]); false
    /// if they, or the module, did not arrive.
    pub async fn prepare(self, route: &Route) -> bool {
        if self.load().await.is_err() {
            return false;
        }
        match LOADED.with(|loaded| loaded[self as usize].get()) {
            Some((_, prepare)) => prepare(route.clone()).await,
            None => false,
        }
    }

    /// Fetches the module's chunk (unless it is here) and remembers it.
    pub async fn load(self) -> Result<MakePage, PageNotLoaded> {
        if let Some(make) = self.loaded() {
            return Ok(make);
        }
        // Every page in a chunk but the unlock page changes progress: the
        // code that saves it is fetched beside the page's own, and the page
        // answers only once both are here, whether it is the page the
        // reader landed on or one they followed a link to. Had it come at
        // their first change, words typed and the page left in the moment
        // it takes to arrive would be lost. If it does not arrive, the page
        // still answers, and the saver tells the reader once something
        // waits for it.
        #[cfg(feature = "split")]
        let saves = self != Module::Lock;
        #[cfg(feature = "split")]
        if saves {
            wasm_bindgen_futures::spawn_local(async {
                let _ = crate::saving::load().await;
            });
        }
        // Returned from the chunk, not stored by it: values the optimiser
        // cannot see keep the chunk's code out of the first load.
        let loaded = match self {
            Module::Lesson => lesson().await?,
            Module::Journal => journal().await?,
            Module::Data => data().await?,
            Module::Review => review().await?,
            Module::Lock => lock().await?,
        };
        // Fetched since before the page's own code: here by now, or soon.
        #[cfg(feature = "split")]
        if saves {
            let _ = crate::saving::load().await;
        }
        LOADED.with(|cells| cells[self as usize].set(Some(loaded)));
        Ok(loaded.0)
    }
}

thread_local! {
    static LOADED: [Cell<Option<Loaded>>; 5] = const { [const { Cell::new(None) }; 5] };
}

/// Declares `async fn $name() -> Result<Loaded, PageNotLoaded>` whose
/// body runs from the chunk `$chunk` once it is loaded (`split`), or at
/// once (without).
macro_rules! module_in_chunk {
    ($chunk:ident, fn $name:ident() $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Result<Loaded, PageNotLoaded> $body

        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<Loaded, PageNotLoaded> $body
    };
}

module_in_chunk!(
    lesson,
    fn lesson() {
        Ok((lesson_page, prepare_texts))
    }
);

module_in_chunk!(
    journal,
    fn journal() {
        Ok((journal_page, prepare_texts))
    }
);

module_in_chunk!(
    data,
    fn data() {
        Ok((data_page, prepare_texts))
    }
);

module_in_chunk!(
    review,
    fn review() {
        Ok((review_page, prepare_texts))
    }
);

module_in_chunk!(
    lock,
    fn lock() {
        Ok((|_| view! { <UnlockPage /> }.into_any(), prepare_texts))
    }
);

fn prepare_texts(route: Route) -> Pin<Box<dyn Future<Output = bool>>> {
    Box::pin(async move { load_all(&texts_shown_first(&route)).await.is_ok() })
}

fn lesson_page(route: &Route) -> AnyView {
    match route {
        Route::Lesson(slug) => view! { <LessonPage slug=slug.clone() /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn journal_page(route: &Route) -> AnyView {
    match route {
        Route::Journal => view! { <Journal /> }.into_any(),
        Route::Workbook => view! { <Workbook /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn data_page(_: &Route) -> AnyView {
    view! { <DataPage /> }.into_any()
}

fn review_page(route: &Route) -> AnyView {
    match route {
        Route::FindingATherapist => view! { <FindingATherapist /> }.into_any(),
        Route::OtherPatterns => view! { <OtherPatterns /> }.into_any(),
        Route::Review => view! { <ReviewPage /> }.into_any(),
        Route::WhereIStand => view! { <WhereIStand /> }.into_any(),
        _ => view! { <CourseEnd /> }.into_any(),
    }
}
