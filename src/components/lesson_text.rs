//! Fetches lessons' text files (see `content::text`) when a page needs
//! them, and keeps what arrived for the rest of the visit, so returning to
//! a page is instant. The service worker has the files too, so after one
//! visit online this works offline.
//!
//! A fetch already on its way is shared rather than repeated, so each file
//! is requested at most once per visit (again only after a failure), and a
//! page that needs several lessons fetches them side by side.

use crate::content::text::decode;
use crate::content::{Lesson, LessonText, TextError};
use js_sys::Promise;
use std::cell::RefCell;
use wasm_bindgen_futures::JsFuture;

/// How long a text request may take before it counts as failed.
const GIVE_UP_AFTER_MS: i32 = 15_000;

thread_local! {
    /// Lessons whose text has arrived, by slug.
    static LOADED: RefCell<Vec<(&'static str, LessonText)>> = const { RefCell::new(Vec::new()) };
    /// Requests on their way, by slug: a page asking for a lesson already
    /// asked for waits for the same answer.
    static PENDING: RefCell<Vec<(&'static str, Promise)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a lesson's text as if it had arrived: the pages rendered at build
/// time are rendered with every text at hand.
pub fn remember(lesson: &'static Lesson, text: LessonText) {
    if cached(lesson).is_none() {
        LOADED.with(|loaded| loaded.borrow_mut().push((lesson.slug, text)));
    }
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

/// The texts of all these lessons, in the same order, if every one has
/// already arrived in this visit.
pub fn all_cached(lessons: &[&'static Lesson]) -> Option<Vec<LessonText>> {
    lessons.iter().map(|l| cached(l)).collect()
}

/// The texts of several lessons, in the same order, from memory or fetched
/// and checked; or the first failure.
pub async fn load_all(lessons: &[&'static Lesson]) -> Result<Vec<LessonText>, TextError> {
    // Every request starts before any answer is awaited, so they run side
    // by side.
    let requests: Vec<_> = lessons
        .iter()
        .map(|l| cached(l).is_none().then(|| request(l)))
        .collect();
    // Every answer is awaited, even after a failure, so that no finished
    // request stays shared and a later attempt asks afresh.
    let mut texts = Vec::with_capacity(lessons.len());
    let mut failure = None;
    for (lesson, request) in lessons.iter().zip(requests) {
        let arrived = match request {
            Some(Ok(request)) => arrive(lesson, request).await,
            Some(Err(e)) => Err(e),
            None => Ok(()),
        };
        match arrived.and_then(|()| cached(lesson).ok_or(TextError::Damaged)) {
            Ok(text) => texts.push(text),
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
    }
    failure.map_or(Ok(texts), Err)
}

/// The request for the lesson's file: the one on its way, or a new one.
fn request(lesson: &'static Lesson) -> Result<Promise, TextError> {
    let on_its_way = PENDING.with(|pending| {
        pending
            .borrow()
            .iter()
            .find(|(slug, _)| *slug == lesson.slug)
            .map(|(_, p)| p.clone())
    });
    if let Some(request) = on_its_way {
        return Ok(request);
    }
    let window = web_sys::window().ok_or(TextError::Network)?;
    let fetch = window.fetch_with_str(lesson.text_file);
    // A network that neither answers nor fails (a weak signal) must not
    // leave the reader looking at "Loading…" with no way on: after a while
    // the request counts as failed, and "Try again" asks afresh.
    let give_up = Promise::new(&mut |_, reject| {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, GIVE_UP_AFTER_MS);
    });
    let request = Promise::race(&js_sys::Array::of2(&fetch, &give_up));
    PENDING.with(|pending| pending.borrow_mut().push((lesson.slug, request.clone())));
    Ok(request)
}

/// Waits for a request from [`request`], keeps the text it brings and
/// forgets the request, so that after a failure the next attempt asks
/// afresh.
async fn arrive(lesson: &'static Lesson, request: Promise) -> Result<(), TextError> {
    let result = read(lesson, &request).await;
    PENDING.with(|pending| {
        pending
            .borrow_mut()
            .retain(|(slug, p)| !(*slug == lesson.slug && js_sys::Object::is(p, &request)))
    });
    result
}

async fn read(lesson: &'static Lesson, request: &Promise) -> Result<(), TextError> {
    use wasm_bindgen::JsCast;
    let response = JsFuture::from(request.clone())
        .await
        .map_err(|_| TextError::Network)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| TextError::Network)?;
    if !response.ok() {
        return Err(TextError::Status(response.status()));
    }
    // A shared request has one answer; each waiter reads its own copy.
    let body = response
        .clone()
        .and_then(|copy| copy.text())
        .map_err(|_| TextError::Network)?;
    let body = JsFuture::from(body)
        .await
        .map_err(|_| TextError::Network)?
        .as_string()
        .ok_or(TextError::Damaged)?;
    let strings = decode(lesson, &body)?;
    if cached(lesson).is_none() {
        remember(lesson, LessonText::keep(strings));
    }
    Ok(())
}
