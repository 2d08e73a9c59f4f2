//! What the first screen of a page shows of the reader's own progress:
//! home's call to action and course map, a lesson's "minutes left" and
//! progress. The views render these, and [`glance`] writes the same values
//! as a small summary the app keeps beside the progress, so the script in
//! `index.html` can paint them before the app arrives: a returning reader
//! never sees "Start the course" turn into "Continue".
//!
//! Pages are rendered at build time for a reader with nothing saved; each
//! value here is a patch to one element of that page, found by its id
//! (`first_screen::id`), which the view gives the element.

use super::progress::{
    lesson_percent, lesson_state, minutes_left, resume_point, LessonState, Progress,
};
use super::review::{due_count, Day};
use super::routes::{lesson_anchor_path, lesson_path, section_anchor, COURSE_END_PATH};
use crate::content::Lesson;

/// Home's call to action.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// Every lesson is finished: the thank-you line shows, and "Read the
    /// course again" beside the button.
    pub finished: bool,
    /// The app path the button leads to.
    pub path: String,
    pub label: &'static str,
    /// The button's classes: the large button, or the plain one.
    pub class: &'static str,
    /// The line under the button ("Lesson: …"); empty when there is none.
    pub hint: String,
    /// Nothing saved yet: "Where I stand" is offered before lesson 1.
    pub new_reader: bool,
}

/// The first lesson's page.
pub fn first_lesson_path(lessons: &'static [Lesson]) -> String {
    lessons
        .first()
        .map(|l| lesson_path(l.slug))
        .unwrap_or_default()
}

pub fn start(progress: &Progress, lessons: &'static [Lesson]) -> Start {
    if lessons.iter().all(|l| progress.is_complete(l.slug)) {
        return Start {
            finished: true,
            path: COURSE_END_PATH.to_string(),
            label: "Look back over your journey",
            class: "button",
            hint: String::new(),
            new_reader: false,
        };
    }
    match resume_point(progress, lessons) {
        Some((lesson, section)) => Start {
            finished: false,
            path: match section {
                Some(s) => lesson_anchor_path(lesson.slug, &section_anchor(&s)),
                None => lesson_path(lesson.slug),
            },
            label: "Continue where you left off",
            class: "button button-large",
            hint: format!("Lesson: {}", lesson.title),
            new_reader: false,
        },
        None => Start {
            finished: false,
            path: first_lesson_path(lessons),
            label: "Start the course",
            class: "button button-large",
            hint: String::new(),
            new_reader: progress.is_blank(),
        },
    }
}

/// Home's line about review: "3 things to review today", or empty (also
/// before the clock has been read, as when the page is rendered).
pub fn due_today(progress: &Progress, today: Option<Day>) -> String {
    match today.map_or(0, |day| due_count(progress, day)) {
        0 => String::new(),
        1 => "1 thing to review today".to_string(),
        n => format!("{n} things to review today"),
    }
}

/// The count after "Review" in the header: " (3)", or empty.
pub fn review_suffix(progress: &Progress, today: Option<Day>) -> String {
    match today.map_or(0, |day| due_count(progress, day)) {
        0 => String::new(),
        n => format!(" ({n})"),
    }
}

/// A lesson's card on home's course map.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub complete: bool,
    /// The symbol before the status, for sighted readers only.
    pub mark: &'static str,
    pub status: String,
    pub percent: u32,
}

pub fn card(progress: &Progress, lesson: &Lesson) -> Card {
    let percent = lesson_percent(progress, lesson);
    let (mark, status) = match lesson_state(progress, lesson) {
        LessonState::NotStarted => ("○ ", "Not started".to_string()),
        LessonState::InProgress if percent == 0 => ("◐ ", "Started".to_string()),
        LessonState::InProgress => ("◐ ", format!("In progress, {percent}% done")),
        LessonState::Complete => ("✓ ", "Finished".to_string()),
    };
    Card {
        complete: mark == "✓ ",
        mark,
        status,
        percent,
    }
}

/// The class of a lesson card's list item.
pub fn card_class(complete: bool) -> &'static str {
    if complete {
        "lesson-card complete"
    } else {
        "lesson-card"
    }
}

/// A lesson's "About N minutes left" line.
pub fn time_left(progress: &Progress, lesson: &Lesson) -> String {
    match minutes_left(progress, lesson) {
        0 => "Finished".to_string(),
        1 => "About 1 minute left".to_string(),
        n => format!("About {n} minutes left"),
    }
}

/// A lesson's progress line.
pub fn progress_text(percent: u32) -> String {
    format!("Lesson progress: {percent}%")
}

/// The ids of the elements these values are painted into.
pub mod id {
    pub const START_FINISHED: &str = "start-finished";
    pub const START_LINK: &str = "start-link";
    pub const START_AGAIN: &str = "start-again";
    pub const START_HINT: &str = "start-hint";
    pub const START_OFFER: &str = "start-offer";
    pub const HOME_DUE: &str = "home-due";
    pub const REVIEW_DUE: &str = "review-due";

    pub fn card(slug: &str, part: &str) -> String {
        format!("card-{slug}{part}")
    }

    pub fn lesson(slug: &str, part: &str) -> String {
        format!("lesson-{slug}-{part}")
    }
}

/// The summary the app keeps under `attune:glance` (see the module
/// comment): for each element id, the changes to make to the page as it
/// was rendered, as JSON: `{"v":1,"p":{"<id>":[["<what>", value], …], …}}`;
/// given `today`, also `"day":<today>,"dp":{…}`, the changes that hold only
/// on that day (how much there is to review), which the script paints only
/// if it is still that day where the reader is. `what` is `text` (the
/// element's first text), `hidden` (true or false), `width` (its CSS width:
/// the page's policy refuses style attributes), or an attribute's name.
/// Links are relative to the page's `<base>`.
pub fn glance(progress: &Progress, lessons: &'static [Lesson], today: Option<Day>) -> String {
    let mut out = Glance::default();
    let start = start(progress, lessons);
    out.set(id::START_FINISHED, "hidden", Value::Bool(!start.finished));
    out.set(id::START_AGAIN, "hidden", Value::Bool(!start.finished));
    let href = start.path.trim_start_matches('/').to_string();
    out.set(id::START_LINK, "href", Value::Text(href));
    out.set(id::START_LINK, "class", Value::Text(start.class.into()));
    out.set(id::START_LINK, "text", Value::Text(start.label.into()));
    out.set(id::START_HINT, "hidden", Value::Bool(start.hint.is_empty()));
    out.set(id::START_HINT, "text", Value::Text(start.hint));
    out.set(id::START_OFFER, "hidden", Value::Bool(!start.new_reader));
    for lesson in lessons {
        let part = |name| id::card(lesson.slug, name);
        let card = card(progress, lesson);
        let class = card_class(card.complete).into();
        out.set(&part(""), "class", Value::Text(class));
        out.set(&part("-mark"), "text", Value::Text(card.mark.into()));
        out.set(&part("-status"), "text", Value::Text(card.status));
        let width = format!("{}%", card.percent);
        out.set(&part("-bar"), "width", Value::Text(width));
        let part = |name| id::lesson(lesson.slug, name);
        let left = time_left(progress, lesson);
        out.set(&part("left"), "text", Value::Text(left));
        let percent = lesson_percent(progress, lesson);
        out.set(
            &part("percent"),
            "text",
            Value::Text(progress_text(percent)),
        );
        out.set(&part("progress"), "value", Value::Text(percent.to_string()));
    }
    let mut json = format!(r#"{{"v":1,"p":{}"#, out.into_patches());
    if let Some(day) = today {
        let mut on_the_day = Glance::default();
        let line = due_today(progress, Some(day));
        on_the_day.set(id::HOME_DUE, "hidden", Value::Bool(line.is_empty()));
        on_the_day.set(id::HOME_DUE, "text", Value::Text(line));
        let suffix = review_suffix(progress, Some(day));
        on_the_day.set(id::REVIEW_DUE, "text", Value::Text(suffix));
        json.push_str(&format!(
            r#","day":{day},"dp":{}"#,
            on_the_day.into_patches()
        ));
    }
    json.push('}');
    json
}

enum Value {
    Text(String),
    Bool(bool),
}

/// Patches in the order they were set, grouped by element.
#[derive(Default)]
struct Glance(Vec<(String, Vec<(&'static str, Value)>)>);

impl Glance {
    fn set(&mut self, id: &str, what: &'static str, value: Value) {
        match self.0.iter_mut().find(|(el, _)| el == id) {
            Some((_, patches)) => patches.push((what, value)),
            None => self.0.push((id.to_string(), vec![(what, value)])),
        }
    }

    /// `{"<id>":[["<what>", value], …], …}`.
    fn into_patches(self) -> String {
        let mut json = String::from("{");
        for (i, (id, patches)) in self.0.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json_string(&mut json, id);
            json.push_str(":[");
            for (j, (what, value)) in patches.iter().enumerate() {
                if j > 0 {
                    json.push(',');
                }
                json.push('[');
                json_string(&mut json, what);
                json.push(',');
                match value {
                    Value::Text(t) => json_string(&mut json, t),
                    Value::Bool(b) => json.push_str(if *b { "true" } else { "false" }),
                }
                json.push(']');
            }
            json.push(']');
        }
        json.push('}');
        json
    }
}

/// A JSON string, by the app's own writer (which cannot fail on text).
fn json_string(out: &mut String, text: &str) {
    out.push_str(&super::json::to_string(text).unwrap_or_default());
}
