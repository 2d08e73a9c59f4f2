//! "Add review reminders to my calendar": an iCalendar file (RFC 5545)
//! made in the browser, with one repeating event that links back to the
//! Review page. It holds nothing the reader wrote: only the app's own
//! words, the link, the start, the time and how often.

use super::review::Day;

/// How often the reminder repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Day,
    ThreeDays,
    Week,
}

impl Every {
    pub const ALL: [Every; 3] = [Self::Day, Self::ThreeDays, Self::Week];

    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "Every day",
            Self::ThreeDays => "Every three days",
            Self::Week => "Once a week",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::ThreeDays => "three-days",
            Self::Week => "week",
        }
    }

    fn rule(self) -> &'static str {
        match self {
            Self::Day => "FREQ=DAILY",
            Self::ThreeDays => "FREQ=DAILY;INTERVAL=3",
            Self::Week => "FREQ=WEEKLY",
        }
    }
}

/// The calendar file. `review_url`: the Review page's full address;
/// `first`: the local day of the first reminder, at `hour`:`minute` in the
/// reader's own time (a floating time, so it follows them across time
/// zones); `now_ms`: when it is made (its stamp and unique id).
pub fn reminders(
    review_url: &str,
    first: Day,
    hour: u8,
    minute: u8,
    every: Every,
    now_ms: f64,
) -> String {
    let (y, m, d) = super::dates::civil_from_days(i64::from(first));
    let now = now_ms.max(0.0);
    let (sy, sm, sd) = super::dates::civil_from_days((now / 86_400_000.0).floor() as i64);
    let secs = (now / 1000.0).floor() as u64 % 86_400;
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Attune//Review reminders//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:attune-review-{}@attune.invalid", now as u64),
        format!(
            "DTSTAMP:{sy:04}{sm:02}{sd:02}T{:02}{:02}{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ),
        format!(
            "DTSTART:{y:04}{m:02}{d:02}T{:02}{:02}00",
            hour.min(23),
            minute.min(59)
        ),
        "DURATION:PT10M".to_string(),
        format!("RRULE:{}", every.rule()),
        "SUMMARY:Attune: a few minutes of review".to_string(),
        format!(
            "DESCRIPTION:{}",
            escape(&format!(
                "A few ideas from the course\u{2019}s lessons, brought back. No rush: skip a day whenever you like. {review_url}"
            ))
        ),
        format!("URL:{review_url}"),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        "DESCRIPTION:Attune: a few minutes of review".to_string(),
        "TRIGGER:PT0M".to_string(),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Writes a content line, folded at 75 bytes (never inside a character),
/// with CRLF after each part.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}
