//! Dates for the journal, computed in Rust so views never ask the browser
//! while rendering. UTC; a reflection's day may differ from the reader's
//! local day near midnight, which is fine for a journal.

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

/// `1764028800000.0` (ms since the Unix epoch) → `"25 November 2025"`.
pub fn format_day(ms: f64) -> String {
    if !ms.is_finite() || ms < 0.0 {
        return "an unknown date".to_string();
    }
    let (year, month, day) = civil_from_days((ms / 86_400_000.0).floor() as i64);
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

/// A local day number (days since 1970 in the reader's time zone, see
/// `review::local_day`) → `"25 November 2025"`.
pub fn format_local_day(day: u32) -> String {
    let (year, month, d) = civil_from_days(i64::from(day));
    format!("{d} {} {year}", MONTHS[(month - 1) as usize])
}

/// `"2025-11-25"`, for file names.
pub fn iso_day(ms: f64) -> String {
    let (year, month, day) = civil_from_days((ms.max(0.0) / 86_400_000.0).floor() as i64);
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
        assert_eq!(format_day(0.0), "1 January 1970");
        assert_eq!(format_day(951_782_400_000.0), "29 February 2000");
        assert_eq!(format_day(1_795_636_511_018.0), "25 November 2026");
        assert_eq!(iso_day(1_795_636_511_018.0), "2026-11-25");
        assert_eq!(format_day(f64::NAN), "an unknown date");
    }
}
