//! The pages a first visit to home does not need, compiled into wasm
//! chunks of their own when the `split` feature is on (Trunk's builds,
//! split by `scripts/split-wasm.mjs`), so home loads without their code:
//! `course` (a lesson, the journal, the printable workbook: they share most
//! of their code), `data` (the Your data page) and `review` (Review,
//! Where I stand and the closing page: learning that lasts). Home, About (it says
//! where to find help, which must show even when nothing more can be
//! fetched) and the not-found page stay in the first load. Without the
//! feature (host and wasm tests) these are plain calls.
//!
//! Each returns `Err(PageNotLoaded)` when its chunk could not be fetched
//! (offline before the app was saved for offline use, or an old tab after
//! an update): never a panic, which would stop the whole app.

use crate::pages::{
    course_end::CourseEnd, data::DataPage, journal::Journal, lesson::LessonPage,
    review::ReviewPage, stance::WhereIStand, workbook::Workbook,
};
use leptos::prelude::*;
use std::rc::Rc;

/// A page's chunk did not arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PageNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PageNotLoaded
    }
}

/// Builds a page's view. Called where the page is shown, so the page finds
/// the app's context and belongs to the route that shows it; the code it
/// runs is the chunk's.
pub type BuildPage = Rc<dyn Fn() -> AnyView>;

/// The result of a page function: how to build the page, or why not.
pub type Loaded = Result<BuildPage, PageNotLoaded>;

/// Declares `pub async fn $name($args) -> Loaded` whose body runs from the
/// chunk `$chunk` once it is loaded (`split`), or at once (without).
/// Functions naming one chunk share it.
macro_rules! page_in_chunk {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Loaded $body

        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Loaded $body
    };
}

page_in_chunk!(
    course,
    fn lesson(slug: String) {
        Ok(Rc::new(move || {
            view! { <LessonPage slug=slug.clone() /> }.into_any()
        }))
    }
);

page_in_chunk!(
    course,
    fn journal() {
        Ok(Rc::new(move || view! { <Journal /> }.into_any()))
    }
);

page_in_chunk!(
    data,
    fn data() {
        Ok(Rc::new(move || view! { <DataPage /> }.into_any()))
    }
);

page_in_chunk!(
    course,
    fn workbook() {
        Ok(Rc::new(move || view! { <Workbook /> }.into_any()))
    }
);

page_in_chunk!(
    review,
    fn review() {
        Ok(Rc::new(move || view! { <ReviewPage /> }.into_any()))
    }
);

page_in_chunk!(
    review,
    fn where_i_stand() {
        Ok(Rc::new(move || view! { <WhereIStand /> }.into_any()))
    }
);

page_in_chunk!(
    review,
    fn course_end() {
        Ok(Rc::new(move || view! { <CourseEnd /> }.into_any()))
    }
);
