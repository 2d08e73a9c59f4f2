//! Dates for the journal, computed in Rust so views never ask the browser
//! while rendering. A day is the reader's local day, as the review schedule
//! counts days (`review::local_day`): the time zone's offsets are read from
//! the browser once, in an effect, into a [`Zone`], and every date shown is
//! worked out from it.

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The largest time a JavaScript `Date` holds, in milliseconds either side
/// of 1970 (about 275 000 years).
pub const MAX_TIME_MS: f64 = 8.64e15;

/// Reads a time in milliseconds since 1970. Anything a `Date` cannot hold is
/// refused as the wrong shape, so stored data or a backup with such a value
/// is kept aside unread rather than loaded (it could not be written back).
pub fn timestamp<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let ms = <f64 as serde::Deserialize>::deserialize(d)?;
    if ms.is_finite() && ms.abs() <= MAX_TIME_MS {
        Ok(ms)
    } else {
        Err(serde::de::Error::custom(
            "expected a time within a JavaScript date's range",
        ))
    }
}

/// The reader's time zone: its offset from UTC (in minutes, as JavaScript's
/// `getTimezoneOffset`: positive west of Greenwich) and when it changed,
/// over the years the reader's dates fall in. UTC until the browser says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Zone {
    /// `(from ms, offset)`, in time order; before the first, the first.
    changes: Vec<(f64, i32)>,
}

impl Zone {
    /// The offsets of `offset_at` (the browser's, for a time) from `from`
    /// to `to`: sampled every two weeks, each change found to the minute.
    pub fn read(from: f64, to: f64, offset_at: impl Fn(f64) -> i32) -> Self {
        const STEP: f64 = 14.0 * 86_400_000.0;
        let mut changes = vec![(from, offset_at(from))];
        let mut t = from;
        while t < to {
            let next = (t + STEP).min(to);
            if offset_at(next) != offset_at(t) {
                // The first minute with the new offset.
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 60_000.0 {
                    let mid = ((lo + hi) / 2.0 / 60_000.0).floor() * 60_000.0;
                    if offset_at(mid) == offset_at(t) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                changes.push((hi, offset_at(hi)));
            }
            t = next;
        }
        Zone { changes }
    }

    /// The offset at `ms`.
    pub fn offset_at(&self, ms: f64) -> i32 {
        let at = self.changes.partition_point(|(from, _)| *from <= ms);
        self.changes
            .get(at.saturating_sub(1))
            .map_or(0, |(_, offset)| *offset)
    }

    /// The reader's local day at `ms`, as the review schedule counts them.
    pub fn day_of(&self, ms: f64) -> super::review::Day {
        super::review::local_day(ms, f64::from(self.offset_at(ms)))
    }
}

/// `1764028800000.0` (ms since the Unix epoch) → `"25 November 2025"`, the
/// reader's local day then.
pub fn format_day(ms: f64, zone: &Zone) -> String {
    if !ms.is_finite() || ms < 0.0 {
        return "an unknown date".to_string();
    }
    format_local_day(zone.day_of(ms))
}

/// A local day number (days since 1970 in the reader's time zone, see
/// `review::local_day`) → `"25 November 2025"`.
pub fn format_local_day(day: u32) -> String {
    let (year, month, d) = civil_from_days(i64::from(day));
    format!("{d} {} {year}", MONTHS[(month - 1) as usize])
}

/// `"2025-11-25"`, for file names: the reader's local day.
pub fn iso_day(ms: f64, zone: &Zone) -> String {
    let (year, month, day) = civil_from_days(i64::from(zone.day_of(ms.max(0.0))));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 → (year, month 1–12, day 1–31). Howard Hinnant's
/// algorithm, exact for the proleptic Gregorian calendar.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        let utc = Zone::default();
        assert_eq!(format_day(0.0, &utc), "1 January 1970");
        assert_eq!(format_day(951_782_400_000.0, &utc), "29 February 2000");
        assert_eq!(format_day(1_795_636_511_018.0, &utc), "25 November 2026");
        assert_eq!(iso_day(1_795_636_511_018.0, &utc), "2026-11-25");
        assert_eq!(format_day(f64::NAN, &utc), "an unknown date");
    }

    const HOUR: f64 = 3_600_000.0;
    /// 2026-03-29 01:00 UTC, when the UK's clocks go forward.
    const SPRING: f64 = 1_774_746_000_000.0;
    /// 2026-10-25 01:00 UTC, when they go back.
    const AUTUMN: f64 = 1_792_890_000_000.0;

    /// London: UTC in winter, an hour ahead in summer (JavaScript says -60).
    fn london(ms: f64) -> i32 {
        if (SPRING..AUTUMN).contains(&ms) {
            -60
        } else {
            0
        }
    }

    #[test]
    fn a_zone_finds_each_change_to_the_minute() {
        let zone = Zone::read(
            SPRING - 200.0 * 86_400_000.0,
            AUTUMN + 60.0 * 86_400_000.0,
            london,
        );
        assert_eq!(zone.offset_at(SPRING - 60_000.0), 0);
        assert_eq!(zone.offset_at(SPRING), -60);
        assert_eq!(zone.offset_at(AUTUMN - 60_000.0), -60);
        assert_eq!(zone.offset_at(AUTUMN), 0);
        assert_eq!(zone.changes.len(), 3);
    }

    /// A reflection written at 00:30 in London on a summer's day was written
    /// on that day, as the review schedule counted it then (in UTC it was
    /// still the day before), and it stays so when shown in winter.
    #[test]
    fn a_day_is_the_readers_local_day_as_review_counts_it() {
        let zone = Zone::read(
            SPRING - 30.0 * 86_400_000.0,
            AUTUMN + 30.0 * 86_400_000.0,
            london,
        );
        // 2026-06-03 00:30 in London = 2026-06-02 23:30 UTC.
        let written = 1_780_443_000_000.0;
        assert_eq!(format_day(written, &Zone::default()), "2 June 2026", "UTC");
        assert_eq!(format_day(written, &zone), "3 June 2026");
        let then = crate::model::review::local_day(written, f64::from(london(written)));
        assert_eq!(zone.day_of(written), then, "the day review counted");
        assert_eq!(iso_day(written, &zone), "2026-06-03");
        // In winter London is on UTC: the same hour is shown as it is.
        let winter = AUTUMN + 40.0 * 86_400_000.0 + 0.5 * HOUR;
        assert_eq!(
            format_day(winter, &zone),
            format_day(winter, &Zone::default())
        );
    }
}
