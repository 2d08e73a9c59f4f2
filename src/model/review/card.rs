//! One item's place in the review schedule, as progress stores it: the
//! record and the range each stored value must be in. Below the schedule's
//! rules (`review`) and the progress that holds the records, so both can
//! name it.

use serde::{Deserialize, Serialize};

/// A local day: days since 1 January 1970 in the reader's time zone.
pub type Day = u32;

/// No interval is longer than this many days.
pub const MAX_INTERVAL: u32 = 365;
/// 31 December 9999: later days are refused as stored data.
pub const MAX_DAY: Day = 2_932_896;

pub(super) const START_EASE: u16 = 250;
pub(super) const MIN_EASE: u16 = 130;
pub(super) const MAX_EASE: u16 = 350;

/// One item's place in the schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// The day it is next offered.
    #[serde(deserialize_with = "day")]
    pub due: Day,
    /// Days from the last review to `due`; 0 before the first review.
    #[serde(deserialize_with = "interval")]
    pub interval: u32,
    /// How fast the interval grows, in hundredths (250 = ×2.5).
    #[serde(deserialize_with = "ease")]
    pub ease: u16,
    /// Reviews so far, and how many of them were Again.
    pub reps: u16,
    pub lapses: u16,
    /// The day it was last rated.
    #[serde(deserialize_with = "last_day")]
    pub last: Option<Day>,
}

impl Card {
    /// A new item, first offered on `due`.
    pub fn new(due: Day) -> Self {
        Card {
            due,
            interval: 0,
            ease: START_EASE,
            reps: 0,
            lapses: 0,
            last: None,
        }
    }
}

// ---- reading stored values, each refused when out of range -------------

fn day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
    let v = Day::deserialize(d)?;
    in_range(v <= MAX_DAY, v, "a day before the year 10000")
}

fn last_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Day>, D::Error> {
    let v = Option::<Day>::deserialize(d)?;
    in_range(
        v.is_none_or(|v| v <= MAX_DAY),
        v,
        "a day before the year 10000",
    )
}

fn interval<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    in_range(v <= MAX_INTERVAL, v, "an interval of at most a year")
}

fn ease<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let v = u16::deserialize(d)?;
    in_range(
        (MIN_EASE..=MAX_EASE).contains(&v),
        v,
        "a growth factor from 130 to 350",
    )
}

pub(crate) fn in_range<T, E: serde::de::Error>(ok: bool, v: T, expected: &str) -> Result<T, E> {
    if ok {
        Ok(v)
    } else {
        Err(E::custom(format_args!("expected {expected}")))
    }
}
