//! Fetches a lesson's text file (see `content::text`) when the lesson is
//! opened, and keeps what arrived for the rest of the visit, so returning to
//! a lesson is instant. The service worker has the files too, so after one
//! visit online this works offline.

use crate::content::text::decode;
use crate::content::{Lesson, LessonText, TextError};
use std::cell::RefCell;

thread_local! {
    /// Lessons whose text has arrived, by slug.
    static LOADED: RefCell<Vec<(&'static str, LessonText)>> = const { RefCell::new(Vec::new()) };
}

/// The lesson's text if it has already arrived in this visit.
pub fn cached(lesson: &Lesson) -> Option<LessonText> {
    LOADED.with(|loaded| {
        loaded
            .borrow()
            .iter()
            .find(|(slug, _)| *slug == lesson.slug)
            .map(|(_, text)| *text)
    })
}

/// The lesson's text, from memory or fetched and checked.
pub async fn load(lesson: &'static Lesson) -> Result<LessonText, TextError> {
    if let Some(text) = cached(lesson) {
        return Ok(text);
    }
    let body = fetch(lesson.text_file).await?;
    let strings = decode(lesson, &body)?;
    // Another load of the same lesson may have finished meanwhile.
    if let Some(text) = cached(lesson) {
        return Ok(text);
    }
    let text = LessonText::keep(strings);
    LOADED.with(|loaded| loaded.borrow_mut().push((lesson.slug, text)));
    Ok(text)
}

/// The body of `url` (relative to the document's base, so it works under
/// the site's subpath) as text.
async fn fetch(url: &str) -> Result<String, TextError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or(TextError::Network)?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| TextError::Network)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| TextError::Network)?;
    if !response.ok() {
        return Err(TextError::Status(response.status()));
    }
    let body = response.text().map_err(|_| TextError::Network)?;
    JsFuture::from(body)
        .await
        .map_err(|_| TextError::Network)?
        .as_string()
        .ok_or(TextError::Damaged)
}
