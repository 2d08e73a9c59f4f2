//! Host tests of learning that lasts: the review scheduler over simulated
//! months, then-and-now, "Where I stand" snapshots, course-wide
//! calibration and the calendar file.
#![cfg(not(target_arch = "wasm32"))]

use attune::content::lessons;
use attune::model::ics::{reminders, Every};
use attune::model::progress::{Confidence, Help, Progress, ReflectionValue};
use attune::model::review::*;
use attune::model::sorted::SortedMap;
use attune::model::summary::{calibration_note, course_results, percent, sure_but_missed};
use attune::model::then_now::{comes_back, Feel, FollowUp, GAP_DAYS};

const DAY_MS: f64 = 86_400_000.0;
/// 1 March 2026, a local day number.
const START: Day = 20_513;

fn all_finished(on: Day) -> Progress {
    let mut p = Progress::default();
    for lesson in lessons() {
        p.finish_lesson(lesson, on);
    }
    p
}

fn item_count() -> usize {
    lessons()
        .iter()
        .map(|l| l.key_ideas.len() + l.checks.len())
        .sum()
}

// ---- the scheduler ---------------------------------------------------------

#[test]
fn finishing_a_lesson_schedules_its_ideas_and_checks_for_the_next_day() {
    let lesson = &lessons()[0];
    let mut p = Progress::default();
    p.finish_lesson(lesson, START);
    assert!(p.is_complete(lesson.slug));
    assert_eq!(p.review.len(), lesson.key_ideas.len() + lesson.checks.len());
    assert_eq!(due_count(&p, START), 0, "nothing the same day");
    assert_eq!(due_count(&p, START + 1), p.review.len());
    // Finishing again keeps each item's place.
    let id = lesson.key_ideas[0].id;
    p.rate(id, Rating::Good, START + 1);
    let before = p.review.get(id).cloned();
    p.finish_lesson(lesson, START + 2);
    assert_eq!(p.review.get(id).cloned(), before);
}

#[test]
fn intervals_grow_after_good_answers_over_months() {
    let mut card = Card::new(START + 1);
    let mut day = START + 1;
    let mut intervals = Vec::new();
    // Reviewed on the day it is due, always Good, for about a year.
    while day < START + 365 {
        card = rate(&card, Rating::Good, day);
        intervals.push(card.interval);
        assert_eq!(card.due, day + card.interval);
        day = card.due;
    }
    assert!(intervals.windows(2).all(|w| w[1] > w[0]), "{intervals:?}");
    assert_eq!(intervals[..4], [3, 8, 20, 50]);
    // Easy grows faster than Good, Good faster than Hard.
    let seen = rate(
        &rate(&Card::new(START), Rating::Good, START),
        Rating::Good,
        START + 3,
    );
    let on = seen.due;
    let [again, hard, good, easy] = Rating::ALL.map(|r| next_interval(&seen, r, on));
    assert!(
        again < hard && hard < good && good < easy,
        "{again} {hard} {good} {easy}"
    );
}

#[test]
fn a_lapse_shrinks_the_interval_and_slows_growth() {
    let mut card = Card::new(START);
    let mut day = START;
    for _ in 0..4 {
        card = rate(&card, Rating::Good, day);
        day = card.due;
    }
    let long = card.interval;
    assert!(long >= 20);
    let lapsed = rate(&card, Rating::Again, day);
    assert_eq!(lapsed.interval, 1);
    assert_eq!(lapsed.due, day + 1);
    assert_eq!(lapsed.lapses, 1);
    assert!(lapsed.ease < card.ease);
    // Growing again, but more slowly than the first time.
    let after = rate(&lapsed, Rating::Good, day + 1);
    assert!(after.interval < long);
    let fresh = rate(
        &rate(&Card::new(START), Rating::Good, START),
        Rating::Good,
        START + 3,
    );
    let relearnt = rate(
        &rate(&after, Rating::Good, after.due),
        Rating::Good,
        after.due,
    );
    assert!(relearnt.ease < fresh.ease);
    // Hard shrinks growth too, never below the floor.
    let mut hard = card.clone();
    for i in 0..40 {
        hard = rate(&hard, Rating::Hard, day + i);
    }
    assert_eq!(hard.ease, 130);
    assert!(hard.interval >= 1 && hard.interval <= MAX_INTERVAL);
}

#[test]
fn a_check_answered_after_help_comes_back_sooner_like_a_gentle_lapse() {
    // A card some way into its schedule.
    let mut card = Card::new(START);
    let mut day = START;
    for _ in 0..3 {
        card = rate(&card, Rating::Good, day);
        day = card.due;
    }
    for rating in Rating::ALL {
        let plain = rate(&card, rating, day);
        let helped = rate_after_help(&card, rating, day);
        // Half the interval, rounded up, at least a day.
        assert_eq!(
            helped.interval,
            plain.interval.div_ceil(2).max(1),
            "{rating:?}"
        );
        assert_eq!(helped.due, day + helped.interval);
        assert_eq!(
            next_interval_after_help(&card, rating, day),
            helped.interval
        );
        // The factor drops by 0.1 at least; Again keeps its own 0.2.
        assert!(helped.ease <= card.ease - HELP_EASE_DROP, "{rating:?}");
        assert_eq!(helped.ease, plain.ease.min(card.ease - HELP_EASE_DROP));
        // Gentler than a lapse: none is counted, and Good after help still
        // waits longer than Again.
        assert_eq!(helped.lapses, plain.lapses, "{rating:?}");
        assert_eq!(helped.reps, plain.reps);
    }
    let again = rate(&card, Rating::Again, day);
    let good_after_help = rate_after_help(&card, Rating::Good, day);
    assert!(good_after_help.interval > again.interval);
    assert!(good_after_help.ease > again.ease);
    assert_eq!(rate_after_help(&card, Rating::Again, day), again);
    // On a first review: Good 2 days instead of 3, Easy 3 instead of 6.
    let new = Card::new(START);
    assert_eq!(rate_after_help(&new, Rating::Good, START).interval, 2);
    assert_eq!(rate_after_help(&new, Rating::Easy, START).interval, 3);
    // The factor never drops below the floor.
    let mut low = card.clone();
    for i in 0..40 {
        low = rate_after_help(&low, Rating::Good, day + i);
    }
    assert_eq!(low.ease, 130);
}

#[test]
fn help_before_the_lesson_first_try_counts_at_the_first_review_only() {
    let lesson = &lessons()[0];
    let check = &lesson.checks[0];
    let other = &lesson.checks[1];
    let mut p = Progress::default();
    p.use_help(check.id, Help::Nudge);
    p.record_check(check, true);
    p.record_check(other, true);
    p.finish_lesson(lesson, START);
    assert!(p.lesson_help_counts(check.id));
    assert!(!p.lesson_help_counts(other.id));
    p.rate(check.id, Rating::Good, START + 1);
    p.rate(other.id, Rating::Good, START + 1);
    assert_eq!(p.review.get(check.id).unwrap().interval, 2);
    assert_eq!(p.review.get(other.id).unwrap().interval, 3);
    // Once reviewed, the lesson's help no longer counts.
    assert!(!p.lesson_help_counts(check.id));
    let card = p.review.get(check.id).cloned().unwrap();
    p.rate(check.id, Rating::Good, card.due);
    assert_eq!(
        p.review.get(check.id),
        Some(&rate(&card, Rating::Good, card.due))
    );
    // Help opened in review counts for that rating, whatever came before.
    let card = p.review.get(other.id).cloned().unwrap();
    p.rate_helped(other.id, Rating::Good, card.due);
    assert_eq!(
        p.review.get(other.id),
        Some(&rate_after_help(&card, Rating::Good, card.due))
    );
    // The lesson's answers, results and the help itself are untouched.
    assert_eq!(p.answer(check.id).unwrap().first, Some(true));
    assert_eq!(p.answer(check.id).unwrap().help, [Help::Nudge]);
}

#[test]
fn no_interval_is_longer_than_a_year() {
    let mut card = Card::new(START);
    let mut day = START;
    for _ in 0..30 {
        card = rate(&card, Rating::Easy, day);
        assert!(card.interval <= MAX_INTERVAL);
        day = card.due + 400; // very late, every time
    }
    assert_eq!(card.interval, MAX_INTERVAL);
}

#[test]
fn a_month_away_brings_no_wall_only_the_daily_cap_oldest_first() {
    let mut p = all_finished(START);
    let total = item_count();
    assert!(total > 2 * DAILY_CAP, "enough items to test the cap");
    // A month away.
    let back = START + 31;
    let mut day = back;
    let mut seen_order = Vec::new();
    let mut cleared = false;
    for _ in 0..10 {
        let today = due_today(&p, day);
        assert_eq!(today.len(), due_count(&p, day));
        assert!(today.len() <= DAILY_CAP, "day {day}: {}", today.len());
        // Oldest due first.
        let dues: Vec<Day> = today
            .iter()
            .map(|id| p.review.get(id).unwrap().due)
            .collect();
        assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
        for id in &today {
            p.rate(id, Rating::Good, day);
            seen_order.push(id.clone());
        }
        // Rated items leave today's list; the cap counts them.
        assert_eq!(due_count(&p, day), 0);
        let left = p.review.iter().any(|(_, c)| c.due <= day);
        assert_eq!(waiting(&p, day), left, "the rest wait for the coming days");
        if p.review.iter().all(|(_, c)| c.last.is_some()) {
            cleared = true;
            break;
        }
        day += 1;
    }
    assert!(cleared, "the backlog is spread over the following days");
    assert_eq!(day - back + 1, total.div_ceil(DAILY_CAP) as Day);
    // Each item once before any comes round again (items rated on the
    // first day come due again on the fourth, after the backlog).
    let first: std::collections::BTreeSet<_> = seen_order[..total].iter().collect();
    assert_eq!(first.len(), total);
}

#[test]
fn items_due_on_different_days_come_oldest_first() {
    let mut p = Progress::default();
    p.finish_lesson(&lessons()[1], START + 5);
    p.finish_lesson(&lessons()[0], START);
    let today = due_today(&p, START + 40);
    let first_lesson_items = lessons()[0].key_ideas.len() + lessons()[0].checks.len();
    for id in &today[..first_lesson_items] {
        assert_eq!(p.review.get(id).unwrap().due, START + 1, "{id}");
    }
}

#[test]
fn a_clock_that_goes_backwards_never_runs_time_backwards_for_an_item() {
    let lesson = &lessons()[0];
    let mut p = Progress::default();
    p.finish_lesson(lesson, START);
    let id = lesson.key_ideas[0].id;
    p.rate(id, Rating::Good, START + 10);
    let rated = p.review.get(id).unwrap().clone();
    assert_eq!(rated.last, Some(START + 10));
    // The clock goes back five days: the item is not due, nothing panics.
    let back = START + 5;
    assert!(!due_today(&p, back).contains(&id.to_string()));
    // Rated anyway (another item due then), on the earlier day: counted as
    // made on the later day, so no due date before the last review.
    let other = lesson.key_ideas[1].id;
    p.rate(other, Rating::Good, START + 10);
    p.rate(other, Rating::Again, back);
    let card = p.review.get(other).unwrap();
    assert_eq!(card.last, Some(START + 10));
    assert!(card.due > START + 10);
    // A card rated in the "future" is neither counted nor offered today.
    assert!(due_count(&p, back) <= DAILY_CAP);
    assert!(next_interval(card, Rating::Good, 0) >= 1);
    // The local day of a clock before 1970 or broken is day 0, not a panic.
    assert_eq!(local_day(-5.0, 0.0), 0);
    assert_eq!(local_day(f64::NAN, 0.0), 0);
}

#[test]
fn the_local_day_follows_the_readers_time_zone() {
    // 1 March 2026 23:30 UTC: still 1 March in London, 2 March in Paris
    // (getTimezoneOffset() = -60), 1 March in New York (+300).
    let ms = 1_772_407_800_000.0;
    assert_eq!(local_day(ms, 0.0), START);
    assert_eq!(local_day(ms, -60.0), START + 1);
    assert_eq!(local_day(ms, 300.0), START);
    assert_eq!(
        attune::model::dates::format_local_day(START),
        "1 March 2026"
    );
}

#[test]
fn questions_certain_but_missed_come_first_and_review_leaves_results_alone() {
    let lesson = &lessons()[0];
    let check = lesson.checks.last().unwrap();
    let wrong = check.options.iter().find(|o| !o.correct).unwrap().id;
    let mut p = Progress::default();
    p.set_confidence(check.id, Some(Confidence::Certain));
    p.choose(check, wrong, true);
    p.record_check(check, false);
    p.finish_lesson(lesson, START);
    let answers_before = p.answers.clone();
    let today = due_today(&p, START + 1);
    assert_eq!(today[0], check.id);
    p.rate(check.id, Rating::Good, START + 1);
    assert_eq!(
        p.answers, answers_before,
        "review never changes first tries"
    );
    // Once reviewed, it takes its turn like any other.
    let later = p.review.get(check.id).unwrap().due;
    assert_ne!(due_today(&p, later + 30)[0], check.id);
}

#[test]
fn items_the_course_no_longer_has_are_kept_but_not_offered() {
    let mut p = Progress::default();
    p.review
        .insert("old-lesson.idea.gone".into(), Card::new(START));
    assert_eq!(due_count(&p, START + 10), 0);
    assert!(due_today(&p, START + 10).is_empty());
    assert_eq!(p.review.len(), 1);
}

#[test]
fn options_come_in_a_new_order_the_same_all_day() {
    for n in 2..=6 {
        for day in START..START + 20 {
            let order = shuffled(n, "what-attunement-is.core-of-attunement", day);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
            assert_ne!(order, (0..n).collect::<Vec<_>>(), "a new order");
            assert_eq!(
                order,
                shuffled(n, "what-attunement-is.core-of-attunement", day)
            );
        }
    }
    let days: std::collections::BTreeSet<Vec<usize>> =
        (START..START + 20).map(|d| shuffled(4, "x.y", d)).collect();
    assert!(days.len() > 3, "the order changes from day to day");
    assert_eq!(shuffled(1, "x", START), vec![0]);
    assert!(shuffled(0, "x", START).is_empty());
}

// ---- then and now ------------------------------------------------------------

fn text(s: &str) -> ReflectionValue {
    ReflectionValue::Text(s.to_string())
}

#[test]
fn a_reflection_comes_back_after_a_week_once_a_day_and_then_rests() {
    let lesson = &lessons()[0];
    let r = &lesson.reflections[0];
    let written = 1_772_323_200_000.0; // 1 March 2026
    let mut p = Progress::default();
    p.set_reflection(r.id, text("My gran knew."), written);
    let day = |n: f64| (written + n * DAY_MS, START + n as Day);
    let (ms, d) = day(6.0);
    assert!(comes_back(&p, ms, d).is_none(), "not within a week");
    let (ms, d) = day(7.0);
    assert_eq!(comes_back(&p, ms, d).map(|(_, r)| r.id), Some(r.id));
    p.add_follow_up(
        r.id,
        FollowUp {
            written: ms,
            feel: Some(Feel::Partly),
            text: "Less than I thought.".into(),
        },
        d,
    );
    assert!(comes_back(&p, ms, d).is_none(), "one a day");
    let (ms, d) = day(7.0 + f64::from(GAP_DAYS) - 1.0);
    assert!(comes_back(&p, ms, d).is_none(), "resting");
    let (ms, d) = day(7.0 + f64::from(GAP_DAYS));
    assert!(comes_back(&p, ms, d).is_some());
    // The earlier words are untouched; the follow-up is beside them.
    assert_eq!(p.reflection(r.id).unwrap().value, text("My gran knew."));
    assert_eq!(p.follow_ups(r.id).len(), 1);
    // "Not now" rests it too, writing nothing.
    p.set_aside(r.id, d);
    assert!(comes_back(&p, ms, d).is_none());
    assert_eq!(p.follow_ups(r.id).len(), 1);
}

#[test]
fn the_one_brought_back_longest_ago_comes_first_then_the_oldest_words() {
    let (a, b) = (&lessons()[0].reflections[0], &lessons()[1].reflections[0]);
    let mut p = Progress::default();
    p.set_reflection(b.id, text("older"), 1.0e12);
    p.set_reflection(a.id, text("newer"), 1.1e12);
    let now = 1.2e12;
    assert_eq!(comes_back(&p, now, START).unwrap().1.id, b.id);
    p.set_aside(b.id, START - 40);
    assert_eq!(comes_back(&p, now, START).unwrap().1.id, a.id);
}

#[test]
fn follow_ups_are_kept_in_date_order_and_empty_ones_are_not_kept() {
    let id = lessons()[0].reflections[0].id;
    let mut p = Progress::default();
    let f = |written: f64, words: &str| FollowUp {
        written,
        feel: None,
        text: words.into(),
    };
    p.add_follow_up(id, f(3.0, "third"), START);
    p.add_follow_up(id, f(1.0, "first"), START);
    p.add_follow_up(id, f(2.0, "  "), START);
    let words: Vec<_> = p.follow_ups(id).iter().map(|f| f.text.as_str()).collect();
    assert_eq!(words, ["first", "third"]);
    assert_eq!(p.revisited.get(id), Some(&START));
}

// ---- where I stand ----------------------------------------------------------

#[test]
fn snapshots_are_kept_by_day_and_a_second_on_one_day_replaces_the_first() {
    let points = |n: u8| {
        let mut m = SortedMap::new();
        m.insert("lean-on-others".to_string(), n);
        m
    };
    let mut p = Progress::default();
    p.save_take(START + 30, points(4));
    p.save_take(START, points(2));
    p.save_take(START + 30, points(5));
    p.save_take(START + 40, SortedMap::new());
    let days: Vec<_> = p.takes.iter().map(|t| t.day).collect();
    assert_eq!(days, [START, START + 30]);
    assert_eq!(p.takes[1].point("lean-on-others"), Some(5));
    assert!(!p.is_blank());
    // A point out of range is kept but not shown.
    let mut odd = points(9);
    odd.insert("show-a-feeling".into(), 3);
    p.save_take(START + 50, odd);
    assert_eq!(p.takes[2].point("lean-on-others"), None);
    assert_eq!(p.takes[2].point("show-a-feeling"), Some(3));
}

/// Short statements that pin no label on the reader. Their reading grade
/// is measured with the learning pages' words
/// (`tests/content.rs`, `the_learning_pages_read_at_grade_nine_or_below`).
#[test]
fn snapshot_wording_is_short_and_makes_no_label() {
    use attune::model::stance::{HIGH, LOW, STATEMENTS};
    for s in &STATEMENTS {
        assert!(s.text.split_whitespace().count() <= 12, "{}", s.text);
    }
    for banned in ["score", "type", "style", "avoidant", "anxious", "secure"] {
        for s in &STATEMENTS {
            assert!(!s.text.to_lowercase().contains(banned), "{}", s.text);
        }
        assert!(!LOW.to_lowercase().contains(banned) && !HIGH.to_lowercase().contains(banned));
    }
}

// ---- how sure was I -----------------------------------------------------------

#[test]
fn course_calibration_counts_first_tries_by_confidence_across_lessons() {
    let mut p = Progress::default();
    let (one, two) = (&lessons()[0], &lessons()[1]);
    let answer = |p: &mut Progress, c: &'static attune::content::Check, sure, right: bool| {
        let option = c.options.iter().find(|o| o.correct == right).unwrap().id;
        p.set_confidence(c.id, Some(sure));
        p.choose(c, option, true);
        p.record_check(
            c,
            attune::model::grading::grade(c, &[option.into()])
                .unwrap()
                .correct,
        );
    };
    answer(&mut p, &one.checks[0], Confidence::Certain, false);
    answer(&mut p, &one.checks[1], Confidence::Certain, true);
    answer(&mut p, &two.checks[0], Confidence::Certain, true);
    answer(&mut p, &two.checks[1], Confidence::Guessing, true);
    answer(&mut p, &one.checks[2], Confidence::FairlySure, false);
    // A second try never counts; a try again after a miss stays a miss.
    p.retry(one.checks[0].id);
    let right = one.checks[0].options.iter().find(|o| o.correct).unwrap().id;
    p.choose(&one.checks[0], right, true);
    p.record_check(&one.checks[0], true);
    let r = course_results(&p, lessons());
    assert_eq!(
        r.by_confidence,
        vec![
            (Confidence::Guessing, 1, 0),
            (Confidence::FairlySure, 0, 1),
            (Confidence::Certain, 2, 1),
        ]
    );
    assert_eq!(r.first_try, 3);
    assert!(calibration_note(&r).unwrap().contains("certain"));
    let missed = sure_but_missed(&p, lessons());
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].1.id, one.checks[0].id);
    assert_eq!(percent(2, 1), 67);
    assert_eq!(percent(0, 0), 0);
}

// ---- the calendar file --------------------------------------------------------

#[test]
fn the_calendar_file_is_valid_ical_and_holds_only_the_apps_words() {
    let url = "https://example.github.io/attune/review";
    let ics = reminders(
        url,
        START + 1,
        19,
        30,
        Every::ThreeDays,
        1_772_407_800_000.0,
    );
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    assert!(!ics.replace("\r\n", "").contains('\n'));
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("DTSTART:20260302T193000\r\n"));
    assert!(unfolded.contains("DTSTAMP:20260301T233000Z\r\n"));
    assert!(unfolded.contains("RRULE:FREQ=DAILY;INTERVAL=3\r\n"));
    assert!(unfolded.contains(&format!("URL:{url}\r\n")));
    assert!(unfolded.contains(url));
    assert!(unfolded.contains("lessons\\, brought back"));
    let weekly = reminders(url, START, 7, 0, Every::Week, 0.0);
    assert!(weekly.contains("RRULE:FREQ=WEEKLY\r\n"));
}
