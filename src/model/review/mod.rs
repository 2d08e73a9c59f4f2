//! Spaced review: when a lesson is finished, its key ideas and knowledge
//! checks come back at growing intervals, so what was learned lasts.
//!
//! A small scheduler with written rules, not FSRS: for a course of about
//! sixty items that a reader rates themselves, FSRS's fitted memory model
//! has too little to fit, and its crate (with its date library) costs 104 KB
//! of gzipped wasm built alone, against 0.5 KB for these rules (README,
//! "Learning that lasts"). Days are the reader's
//! local days (days since 1 January 1970 in their time zone), computed by
//! the view from the clock and passed in: nothing here reads a clock.
//!
//! The rules:
//! - An item enters the schedule when its lesson is finished, due the next
//!   day. Items of lessons finished before review existed (stored format 1)
//!   are due at once.
//! - After a recall the reader says how it went. The first time: Again or
//!   Hard, 1 day; Good, 3 days; Easy, 6 days. Later, with `i` the last
//!   interval and `late` the days past due (a reader who remembers after a
//!   long gap has shown more than one who remembers on time):
//!   - Again: 1 day, and the item's growth factor (`ease`, from 2.5) drops
//!     by 0.2 (never below 1.3): the interval starts over, more slowly;
//!   - Hard: `(i + late/4) × 1.2` days, rounded up; the factor drops by
//!     0.15;
//!   - Good: `(i + late/2) × ease`, at least 1 more than Hard;
//!   - Easy: `(i + late) × ease × 1.3`, at least 1 more than Good; the
//!     factor grows by 0.15 (never above 3.5).
//!
//!   No interval is longer than a year.
//! - A check answered after help (a nudge, another way, the passage) comes
//!   back sooner, like a lapse but gentler: the interval its rating gives
//!   is halved (rounded up, at least a day), and its growth factor drops
//!   by 0.1 (a lapse drops it by 0.2, and Again stays as it is); no lapse
//!   is counted. This applies to help opened in review before answering,
//!   and to help opened before the first try in the lesson, at the check's
//!   first review. The help itself is never scored or shown.
//! - No wall after a break: at most [`DAILY_CAP`] items a day (counting
//!   those already rated that day). The rest wait, oldest due first, and
//!   come on the following days. Missing days costs nothing but a later
//!   date: there are no streaks and no counts of what was missed.
//! - Questions the reader was certain of but missed on their first try come
//!   first, until they have been reviewed once.
//! - A clock that goes backwards never makes time run backwards for an
//!   item: a rating is counted as made on the later of today and the day it
//!   was last rated, so intervals are never negative and no due date falls
//!   before the last review.

pub mod card;

pub use self::card::{Card, Day, MAX_DAY, MAX_INTERVAL};
use self::card::{MAX_EASE, MIN_EASE};
use super::progress::{Confidence, Progress};
use crate::content::{lessons, Check, KeyIdea, Lesson};

/// The most items offered in one day.
pub const DAILY_CAP: usize = 15;
/// How the recall went, in the reader's own judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Self::Again, Self::Hard, Self::Good, Self::Easy];

    pub fn label(self) -> &'static str {
        match self {
            Self::Again => "Again",
            Self::Hard => "Hard",
            Self::Good => "Good",
            Self::Easy => "Easy",
        }
    }

    /// What the button means, in the reader's words.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Again => "I did not remember it",
            Self::Hard => "I remembered some of it",
            Self::Good => "I remembered it",
            Self::Easy => "It came to me at once",
        }
    }
}

/// The card after a rating on `today`.
pub fn rate(card: &Card, rating: Rating, today: Day) -> Card {
    let on = today.max(card.last.unwrap_or(0));
    let interval = next_interval(card, rating, today);
    let ease = match rating {
        Rating::Again => card.ease.saturating_sub(20),
        Rating::Hard => card.ease.saturating_sub(15),
        Rating::Good => card.ease,
        Rating::Easy => card.ease + 15,
    }
    .clamp(MIN_EASE, MAX_EASE);
    Card {
        due: on + interval,
        interval,
        ease,
        reps: card.reps.saturating_add(1),
        lapses: card
            .lapses
            .saturating_add(u16::from(rating == Rating::Again)),
        last: Some(on),
    }
}

/// How much a check answered after help loses from its growth factor, in
/// hundredths (half of what Again takes).
pub const HELP_EASE_DROP: u16 = 10;

/// The card after a rating on `today` for a check answered after help: as
/// [`rate`], with the interval halved (rounded up, at least a day) and the
/// growth factor down by at least [`HELP_EASE_DROP`].
pub fn rate_after_help(card: &Card, rating: Rating, today: Day) -> Card {
    let rated = rate(card, rating, today);
    let interval = next_interval_after_help(card, rating, today);
    let ease = rated
        .ease
        .min(card.ease.saturating_sub(HELP_EASE_DROP))
        .max(MIN_EASE);
    Card {
        due: rated.last.unwrap_or(today) + interval,
        interval,
        ease,
        ..rated
    }
}

/// Days until a check answered after help comes back after this rating.
pub fn next_interval_after_help(card: &Card, rating: Rating, today: Day) -> u32 {
    next_interval(card, rating, today).div_ceil(2).max(1)
}

/// Days until the item comes back after this rating (shown on the buttons).
pub fn next_interval(card: &Card, rating: Rating, today: Day) -> u32 {
    if card.last.is_none() || card.interval == 0 {
        return match rating {
            Rating::Again | Rating::Hard => 1,
            Rating::Good => 3,
            Rating::Easy => 6,
        };
    }
    let on = today.max(card.last.unwrap_or(0));
    let late = f64::from(on.saturating_sub(card.due));
    let i = f64::from(card.interval);
    let ease = f64::from(card.ease) / 100.0;
    let hard = ((i + late / 4.0) * 1.2).ceil().max(1.0) as u32;
    let good = (((i + late / 2.0) * ease).round() as u32).max(hard + 1);
    let easy = (((i + late) * ease * 1.3).round() as u32).max(good + 1);
    match rating {
        Rating::Again => 1,
        Rating::Hard => hard,
        Rating::Good => good,
        Rating::Easy => easy,
    }
    .min(MAX_INTERVAL)
}

/// What an item in the schedule is.
#[derive(Debug, Clone, Copy)]
pub enum Item {
    Idea(&'static Lesson, &'static KeyIdea),
    Check(&'static Lesson, &'static Check),
}

impl Item {
    /// The key idea or check with this id, if the course has it. Cards of
    /// items the course no longer has stay stored but are never offered.
    pub fn find(id: &str) -> Option<Item> {
        lessons().iter().find_map(|l| {
            l.key_ideas
                .iter()
                .find(|k| k.id == id)
                .map(|k| Item::Idea(l, k))
                .or_else(|| l.check(id).map(|c| Item::Check(l, c)))
        })
    }

    pub fn lesson(self) -> &'static Lesson {
        match self {
            Item::Idea(l, _) | Item::Check(l, _) => l,
        }
    }
}

/// A check the reader said they were certain of and got wrong first time.
pub fn sure_but_missed(progress: &Progress, check_id: &str) -> bool {
    progress
        .answer(check_id)
        .is_some_and(|a| a.confidence == Some(Confidence::Certain) && a.first == Some(false))
}

impl Progress {
    /// Finishes a lesson: marks it complete and puts its key ideas and
    /// checks in the review schedule, due the next day. Items already there
    /// keep their place (finishing again changes nothing).
    pub fn finish_lesson(&mut self, lesson: &Lesson, today: Day) {
        self.complete(lesson.slug);
        self.enrol(lesson, today.saturating_add(1).min(MAX_DAY));
    }

    /// Adds the lesson's items to the schedule, due on `due`.
    pub fn enrol(&mut self, lesson: &Lesson, due: Day) {
        let ids = lesson.key_ideas.iter().map(|k| k.id);
        for id in ids.chain(lesson.checks.iter().map(|c| c.id)) {
            self.review.get_or_insert_with(id, || Card::new(due));
        }
    }

    /// Records a rating; the lesson's own answers and results are untouched.
    /// A check whose first try in the lesson came after help counts as
    /// answered after help at its first review ([`rate_after_help`]).
    pub fn rate(&mut self, item_id: &str, rating: Rating, today: Day) {
        let helped = self.lesson_help_counts(item_id);
        self.rate_as(item_id, rating, today, helped);
    }

    /// Records a rating given after help opened in this review.
    pub fn rate_helped(&mut self, item_id: &str, rating: Rating, today: Day) {
        self.rate_as(item_id, rating, today, true);
    }

    /// Does help opened in the lesson still count for this item's next
    /// rating? Only until its first review.
    pub fn lesson_help_counts(&self, item_id: &str) -> bool {
        self.helped_first(item_id) && self.review.get(item_id).is_some_and(|c| c.reps == 0)
    }

    fn rate_as(&mut self, item_id: &str, rating: Rating, today: Day, helped: bool) {
        if let Some(card) = self.review.get_mut(item_id) {
            *card = if helped {
                rate_after_help(card, rating, today)
            } else {
                rate(card, rating, today)
            };
        }
    }
}

/// How many items the reader has rated on `today`.
fn rated_on(progress: &Progress, today: Day) -> usize {
    progress
        .review
        .iter()
        .filter(|(_, c)| c.last == Some(today))
        .count()
}

/// How many items to offer today: those due, up to what is left of the
/// daily cap. Small, for the header and home.
pub fn due_count(progress: &Progress, today: Day) -> usize {
    let room = DAILY_CAP.saturating_sub(rated_on(progress, today));
    let due = progress
        .review
        .iter()
        .filter(|(id, c)| c.due <= today && Item::find(id).is_some())
        .count();
    due.min(room)
}

/// Today's items, in the order they are offered: certain-but-missed
/// questions not yet reviewed first, then by due day (oldest first), then
/// by id; no more than [`due_count`].
pub fn due_today(progress: &Progress, today: Day) -> Vec<String> {
    let mut due: Vec<(bool, Day, &String)> = progress
        .review
        .iter()
        .filter(|(id, c)| c.due <= today && Item::find(id).is_some())
        .map(|(id, c)| {
            let first = c.reps == 0 && sure_but_missed(progress, id);
            (!first, c.due, id)
        })
        .collect();
    due.sort_unstable();
    due.into_iter()
        .take(due_count(progress, today))
        .map(|(_, _, id)| id.clone())
        .collect()
}

/// Items due today that wait for the coming days (today's cap is used).
pub fn waiting(progress: &Progress, today: Day) -> bool {
    due_count(progress, today) == 0
        && progress
            .review
            .iter()
            .any(|(id, c)| c.due <= today && Item::find(id).is_some())
}

/// The next day anything is due after today, if any.
pub fn next_due_after(progress: &Progress, today: Day) -> Option<Day> {
    progress
        .review
        .iter()
        .filter(|(id, c)| c.due > today && Item::find(id).is_some())
        .map(|(_, c)| c.due)
        .min()
}

/// The options of a check in a new order for review: a shuffle seeded by
/// the item and the day, so it is the same all day and needs no random
/// source, and never the order of the lesson (when there are two or more).
pub fn shuffled(n: usize, item_id: &str, today: Day) -> Vec<usize> {
    let mut seed = attune_content::hash::fnv1a(item_id.as_bytes()) ^ u64::from(today);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        // xorshift64: a plain mixing step, not a random source.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let j = (seed % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if n > 1 && order.iter().enumerate().all(|(i, o)| i == *o) {
        order.rotate_left(1);
    }
    order
}

/// The reader's local day for a clock reading: `now_ms` since 1970 (UTC)
/// and the time zone offset as JavaScript gives it (`getTimezoneOffset()`:
/// minutes to add to local time to get UTC, so -60 in Paris in winter).
pub fn local_day(now_ms: f64, offset_minutes: f64) -> Day {
    let local = now_ms - offset_minutes * 60_000.0;
    if !local.is_finite() || local < 0.0 {
        return 0;
    }
    ((local / 86_400_000.0).floor() as u64).min(u64::from(MAX_DAY)) as Day
}
