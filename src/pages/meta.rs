//! What each page is, for the tab, the page's `<head>` (written at build
//! time by the prerender) and the texts its first render shows. One place,
//! so the title the app sets and the title the HTML arrives with agree.

use crate::content::{lesson_by_slug, lessons, recap, Lesson};
use crate::model::routes::{
    lesson_path, Route, ABOUT_PATH, COURSE_END_PATH, DATA_PATH, HOME_PATH, JOURNAL_PATH,
    OTHER_PATTERNS_PATH, REVIEW_PATH, THERAPIST_PATH, WHERE_I_STAND_PATH, WORKBOOK_PATH,
};

pub const ABOUT: &str = "About";
pub const DATA: &str = "Your data";
pub const JOURNAL: &str = "Your journal";
pub const WORKBOOK: &str = "My workbook";
pub const NOT_FOUND: &str = "Page not found";
pub const REVIEW: &str = "Review";
pub const WHERE_I_STAND: &str = "Where I stand";
pub const COURSE_END: &str = "Looking back";
pub const UNLOCK: &str = "Unlock";
pub const THERAPIST: &str = "Finding a therapist";
pub const OTHER_PATTERNS: &str = "When neither pattern fits";

/// The page's name ("" for home), as the tab shows it before " · Attune".
pub fn title(route: &Route) -> &'static str {
    match route {
        Route::Home => "",
        Route::Lesson(slug) => lesson_by_slug(slug).map_or(NOT_FOUND, |(_, l)| l.title),
        Route::Journal => JOURNAL,
        Route::Data => DATA,
        Route::Workbook => WORKBOOK,
        Route::About => ABOUT,
        Route::Review => REVIEW,
        Route::WhereIStand => WHERE_I_STAND,
        Route::CourseEnd => COURSE_END,
        Route::FindingATherapist => THERAPIST,
        Route::OtherPatterns => OTHER_PATTERNS,
        Route::NotFound => NOT_FOUND,
    }
}

/// One sentence about the page, for search results and link previews.
pub fn description(route: &Route) -> &'static str {
    match route {
        Route::Lesson(slug) => lesson_by_slug(slug).map_or(NOT_FOUND_TEXT, |(_, l)| l.summary),
        Route::Home => "A gentle, interactive course on attunement in relationships: where our ways of relating come from and how closeness can grow. Runs in your browser; nothing is sent anywhere.",
        Route::About => "Where the course comes from, what it is and is not, how your privacy is kept, and where to find help.",
        Route::Journal => "Everything you wrote in the course's reflections, kept only in your browser.",
        Route::Data => "What Attune saves in your browser, who can see it, backups, and deleting it all.",
        Route::Workbook => "The key ideas of every lesson with your own answers and reflections, to read, print or keep.",
        Route::Review => "A few of the course's ideas and questions again, at growing intervals, so they last.",
        Route::WhereIStand => "A short snapshot, just for you, of how easy some parts of closeness feel right now.",
        Route::CourseEnd => "The course in brief, with your reflections and snapshots, and what to try next.",
        Route::FindingATherapist => "The course's own guide to finding a counsellor or therapist, and what to ask at a first call.",
        Route::OtherPatterns => "The course's own page for readers whom neither pattern fits: what the article says, and where to read more.",
        Route::NotFound => NOT_FOUND_TEXT,
    }
}

const NOT_FOUND_TEXT: &str = "This page of Attune does not exist.";

/// The lessons whose texts the page shows as soon as it is rendered, for
/// a reader with nothing saved: what the build renders it with, and what
/// the browser loads before taking it over.
pub fn texts_shown_first(route: &Route) -> Vec<&'static Lesson> {
    match route {
        Route::Lesson(slug) => lesson_by_slug(slug).map(|(_, l)| l).into_iter().collect(),
        Route::Workbook => lessons().iter().collect(),
        // Every lesson, then the course's recap.
        Route::CourseEnd => lessons().iter().chain([recap()]).collect(),
        _ => Vec::new(),
    }
}

/// Every page a reader can land on, as app paths (the prerender writes
/// each; unknown paths get the not-found page).
pub fn all_paths() -> Vec<String> {
    let mut paths = vec![HOME_PATH.to_string()];
    paths.extend(lessons().iter().map(|l| lesson_path(l.slug)));
    let pages = [
        JOURNAL_PATH,
        DATA_PATH,
        WORKBOOK_PATH,
        ABOUT_PATH,
        REVIEW_PATH,
    ];
    paths.extend(pages.map(String::from));
    paths.extend([WHERE_I_STAND_PATH, COURSE_END_PATH].map(String::from));
    paths.extend([THERAPIST_PATH, OTHER_PATTERNS_PATH].map(String::from));
    paths
}
