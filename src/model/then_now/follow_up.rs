//! What the reader adds when a reflection comes back, as progress stores
//! it, and the limits stored follow-ups must keep. Below the rules of then
//! and now (`then_now`) and the progress that holds them, so both can name
//! it.

use crate::model::review::card::{in_range, Day, MAX_DAY};
use crate::model::sorted::SortedMap;
use serde::{Deserialize, Serialize};

/// Follow-ups kept for one reflection (more are refused as stored data).
pub const MAX_FOLLOW_UPS: usize = 50;

/// What the reader added when a reflection came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// When it was written, in milliseconds since 1970; also its identity
    /// when two tabs' copies are merged.
    #[serde(deserialize_with = "crate::model::dates::timestamp")]
    pub written: f64,
    /// Whether the earlier words still feel true, if the reader said.
    pub feel: Option<Feel>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feel {
    Still,
    Partly,
    NotNow,
}

impl Feel {
    pub const ALL: [Feel; 3] = [Self::Still, Self::Partly, Self::NotNow];

    /// The choice, as offered.
    pub fn label(self) -> &'static str {
        match self {
            Self::Still => "Yes, it still feels true",
            Self::Partly => "Partly",
            Self::NotNow => "Not any more",
        }
    }

    /// The same, as shown in the journal.
    pub fn said(self) -> &'static str {
        match self {
            Self::Still => "It still felt true.",
            Self::Partly => "It partly felt true.",
            Self::NotNow => "It no longer felt true.",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Still => "still",
            Self::Partly => "partly",
            Self::NotNow => "not-now",
        }
    }
}

impl FollowUp {
    /// Says something: a feeling chosen or words written.
    pub fn is_empty(&self) -> bool {
        self.feel.is_none() && self.text.trim().is_empty()
    }
}

/// Reads the follow-ups, refusing more for one reflection than a reader
/// could write.
pub fn capped_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<SortedMap<Vec<FollowUp>>, D::Error> {
    let v = SortedMap::<Vec<FollowUp>>::deserialize(d)?;
    let ok = v.iter().all(|(_, list)| list.len() <= MAX_FOLLOW_UPS);
    in_range(ok, v, "at most 50 follow-ups to one reflection")
}

/// Reads the days reflections came back, refusing impossible days.
pub fn days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SortedMap<Day>, D::Error> {
    let v = SortedMap::<Day>::deserialize(d)?;
    let ok = v.iter().all(|(_, day)| *day <= MAX_DAY);
    in_range(ok, v, "a day before the year 10000")
}
