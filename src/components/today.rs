//! The reader's "today": their local day and the time, read from the clock
//! only in effects and handlers, never while rendering (pages render the
//! same on the host). The header's review count, home and the review pages
//! read it from context; it is `None` until the app has taken the page over.

use crate::model::dates::Zone;
use crate::model::review::{local_day, Day};
use leptos::prelude::*;

/// A reading of the clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Now {
    /// Milliseconds since 1970 (UTC).
    pub ms: f64,
    /// The reader's local day.
    pub day: Day,
}

/// Today, in context.
#[derive(Clone, Copy)]
pub struct Today(pub RwSignal<Option<Now>>);

/// The reader's time zone, in context: UTC until the app has taken the
/// page over (no reader's date is shown before).
#[derive(Clone, Copy)]
pub struct LocalZone(pub RwSignal<Zone>);

/// The browser's time zone over the years a reader's dates fall in. For
/// effects and event handlers only.
pub fn read_zone() -> Zone {
    const YEAR: f64 = 365.25 * 86_400_000.0;
    let now = js_sys::Date::now();
    Zone::read(now - 3.0 * YEAR, now + YEAR, |ms| {
        js_sys::Date::new(&ms.into()).get_timezone_offset() as i32
    })
}

/// Reads the clock. For effects and event handlers only.
pub fn read_clock() -> Now {
    let ms = js_sys::Date::now();
    let offset = js_sys::Date::new_0().get_timezone_offset();
    Now {
        ms,
        day: local_day(ms, offset),
    }
}

/// Provides today, read after the first render, again whenever `changed`
/// changes (a new page) and when the tab is shown again (a tab left open
/// overnight moves on to the new day).
pub fn provide_today(changed: Signal<String>) {
    let today = RwSignal::new(None);
    provide_context(Today(today));
    let zone = RwSignal::new(Zone::default());
    provide_context(LocalZone(zone));
    let refresh = move || {
        let now = read_clock();
        if today.get_untracked().map(|n: Now| n.day) != Some(now.day) {
            // A new day, or the first reading: the zone too (the reader may
            // have travelled, or the clocks changed).
            zone.set(read_zone());
            today.set(Some(now));
        }
    };
    Effect::new(move |_| {
        changed.track();
        refresh();
    });
    Effect::new(move |_| {
        let shown = window_event_listener(leptos::ev::visibilitychange, move |_| refresh());
        on_cleanup(move || shown.remove());
    });
}

/// Today from context (`None` before the first effect has run).
pub fn use_today() -> RwSignal<Option<Now>> {
    use_context::<Today>()
        .unwrap_or_else(|| panic!("Today is provided by App"))
        .0
}

/// The reader's time zone from context, for showing their dates.
pub fn use_zone() -> RwSignal<Zone> {
    expect_context::<LocalZone>().0
}
