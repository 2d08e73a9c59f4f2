//! The pages a first visit to home does not need, compiled into wasm
//! chunks of their own when the `split` feature is on (Trunk's builds,
//! split by `scripts/split-wasm.mjs`), so home loads without their code:
//! `course` (a lesson, the journal, the printable workbook: they share most
//! of their code), `data` (the Your data page) and `review` (Review,
//! Where I stand and the closing page: learning that lasts). Home, About (it says
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

use crate::model::routes::Route;
use crate::pages::{
    course_end::CourseEnd, data::DataPage, journal::Journal, lesson::LessonPage,
    not_found::NotFound, review::ReviewPage, stance::WhereIStand, workbook::Workbook,
};
use leptos::prelude::*;
use std::cell::Cell;

/// A module's chunk did not arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PageNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PageNotLoaded
    }
}

/// Builds the page of a route, with code that lives in a module's chunk.
/// Called where the page is shown, so the page finds the app's context.
pub type MakePage = fn(&Route) -> AnyView;

/// The split modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    Course,
    Data,
    Review,
}

impl Module {
    /// The module whose chunk holds the page of `route`; `None` for the
    /// pages in the first load.
    pub fn of(route: &Route) -> Option<Module> {
        match route {
            Route::Lesson(_) | Route::Journal | Route::Workbook => Some(Module::Course),
            Route::Data => Some(Module::Data),
            Route::Review | Route::WhereIStand | Route::CourseEnd => Some(Module::Review),
            Route::Home | Route::About | Route::NotFound => None,
        }
    }

    /// The module's page maker, if its chunk has arrived in this visit.
    pub fn loaded(self) -> Option<MakePage> {
        LOADED.with(|loaded| loaded[self as usize].get())
    }

    /// Fetches the module's chunk (unless it is here) and remembers it.
    pub async fn load(self) -> Result<MakePage, PageNotLoaded> {
        if let Some(make) = self.loaded() {
            return Ok(make);
        }
        let make = match self {
            Module::Course => course().await?,
            Module::Data => data().await?,
            Module::Review => review().await?,
        };
        LOADED.with(|loaded| loaded[self as usize].set(Some(make)));
        Ok(make)
    }
}

thread_local! {
    static LOADED: [Cell<Option<MakePage>>; 3] =
        const { [Cell::new(None), Cell::new(None), Cell::new(None)] };
}

/// Declares `async fn $name() -> Result<MakePage, PageNotLoaded>` whose
/// body runs from the chunk `$chunk` once it is loaded (`split`), or at
/// once (without).
macro_rules! module_in_chunk {
    ($chunk:ident, fn $name:ident() $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Result<MakePage, PageNotLoaded> $body

        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<MakePage, PageNotLoaded> $body
    };
}

module_in_chunk!(
    course,
    fn course() {
        Ok(course_page)
    }
);

module_in_chunk!(
    data,
    fn data() {
        Ok(data_page)
    }
);

module_in_chunk!(
    review,
    fn review() {
        Ok(review_page)
    }
);

fn course_page(route: &Route) -> AnyView {
    match route {
        Route::Lesson(slug) => view! { <LessonPage slug=slug.clone() /> }.into_any(),
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
        Route::Review => view! { <ReviewPage /> }.into_any(),
        Route::WhereIStand => view! { <WhereIStand /> }.into_any(),
        _ => view! { <CourseEnd /> }.into_any(),
    }
}
