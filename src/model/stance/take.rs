//! One "Where I stand" snapshot as progress stores it, and the limits a
//! stored one must keep. Below the snapshot's rules (`stance`) and the
//! progress that holds them, so both can name it.

use crate::model::review::card::{in_range, Day, MAX_DAY};
use crate::model::sorted::SortedMap;
use serde::{Deserialize, Serialize};

/// Takes kept (more are refused as stored data).
pub const MAX_TAKES: usize = 100;

/// One snapshot, on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Take {
    /// The reader's local day; also its identity: a second take on the same
    /// day replaces the first.
    #[serde(deserialize_with = "take_day")]
    pub day: Day,
    /// Statement id → 1 to 5. Ids this version does not know, or points
    /// out of range, are kept but not shown.
    pub points: SortedMap<u8>,
}

impl Take {
    /// The point for a statement, if the reader placed it (1 to 5).
    pub fn point(&self, statement_id: &str) -> Option<u8> {
        self.points
            .get(statement_id)
            .copied()
            .filter(|p| (1..=5).contains(p))
    }
}

fn take_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
    let v = Day::deserialize(d)?;
    in_range(v <= MAX_DAY, v, "a day before the year 10000")
}

/// Reads the takes, refusing more than a reader could make.
pub fn capped_takes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Take>, D::Error> {
    let v = Vec::<Take>::deserialize(d)?;
    let ok = v.len() <= MAX_TAKES;
    in_range(ok, v, "at most 100 snapshots")
}
