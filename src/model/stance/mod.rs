//! "Where I stand": a short, optional self-reflection, before lesson 1,
//! after lesson 7 and whenever the reader wants. A few statements drawn
//! from the course's own ideas, each placed on a scale from "hard for me"
//! to "easy for me". It is a snapshot for the reader to look back on: no
//! label, type or score is ever made from it.

pub mod take;

pub use self::take::{capped_takes, Take, MAX_TAKES};
use super::progress::Progress;
use super::review::Day;
use super::sorted::SortedMap;

/// One statement of the snapshot.
pub struct Statement {
    /// Stable: saved takes hang on it.
    pub id: &'static str,
    /// Short, for the chart and the table.
    pub short: &'static str,
    pub text: &'static str,
}

pub const STATEMENTS: [Statement; 5] = [
    Statement {
        id: "lean-on-others",
        short: "Leaning on others",
        text: "Leaning on the people close to me when I need them.",
    },
    Statement {
        id: "be-leaned-on",
        short: "Being leaned on",
        text: "Letting the people close to me lean on me.",
    },
    Statement {
        id: "set-a-limit",
        short: "Setting a limit",
        text: "Saying no, or setting a limit, with someone I love.",
    },
    Statement {
        id: "hear-a-limit",
        short: "Hearing a limit",
        text: "Hearing a no, or a limit, from someone I love.",
    },
    Statement {
        id: "show-a-feeling",
        short: "Showing a feeling",
        text: "Showing someone close to me how I really feel.",
    },
];

/// The two ends of the scale (1 and 5).
pub const LOW: &str = "Hard for me right now";
pub const HIGH: &str = "Easy for me right now";

impl Progress {
    /// Saves a snapshot for `day`, replacing one taken earlier that day.
    /// Nothing placed, nothing saved. Past [`MAX_TAKES`], the oldest goes.
    pub fn save_take(&mut self, day: Day, points: SortedMap<u8>) {
        if points.is_empty() {
            return;
        }
        let take = Take { day, points };
        match self.takes.binary_search_by(|t| t.day.cmp(&day)) {
            Ok(i) => self.takes[i] = take,
            Err(i) => self.takes.insert(i, take),
        }
        if self.takes.len() > MAX_TAKES {
            self.takes.remove(0);
        }
    }
}
