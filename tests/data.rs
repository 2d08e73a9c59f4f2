//! Host tests of the reader-data model: merging tabs' copies, backups
//! (export, import checks, merge), and the workbook.
#![cfg(not(target_arch = "wasm32"))]

use attune::model::backup::{check_backup, export, ImportError, MAX_BACKUP_BYTES};
use attune::model::codec::SCHEMA_VERSION;
use attune::model::merge::{merge_backup, merge_tabs};
use attune::model::progress::{Progress, ReflectionValue};

fn text(s: &str) -> ReflectionValue {
    ReflectionValue::Text(s.to_string())
}

fn base() -> Progress {
    let mut p = Progress::default();
    p.set_reflection("l.a", text("first"), 1.0);
    p.set_position("l", "intro");
    p
}

#[test]
fn two_tabs_editing_different_items_keep_both_edits() {
    let base = base();
    let mut tab_a = base.clone();
    tab_a.set_reflection("l.b", text("from tab A"), 2.0);
    let mut tab_b = base.clone();
    tab_b.set_reflection("l.c", text("from tab B"), 3.0);
    tab_b.complete("l");
    // Tab B saved first; tab A merges before it writes.
    let merged = merge_tabs(&base, &tab_a, &tab_b);
    assert_eq!(merged.reflection("l.b").unwrap().value, text("from tab A"));
    assert_eq!(merged.reflection("l.c").unwrap().value, text("from tab B"));
    assert_eq!(merged.reflection("l.a").unwrap().value, text("first"));
    assert!(merged.is_complete("l"));
}

#[test]
fn a_deletion_in_one_tab_is_not_undone_by_the_other() {
    let base = base();
    let mut ours = base.clone();
    ours.set_reflection("l.a", text(""), 2.0); // emptied = removed
    let mut theirs = base.clone();
    theirs.set_position("l", "later");
    let merged = merge_tabs(&base, &ours, &theirs);
    assert!(merged.reflection("l.a").is_none());
    assert_eq!(merged.positions.get("l").map(String::as_str), Some("later"));
}

#[test]
fn the_same_item_edited_in_both_tabs_keeps_this_tabs_edit() {
    let base = base();
    let mut ours = base.clone();
    ours.set_reflection("l.a", text("ours"), 2.0);
    let mut theirs = base.clone();
    theirs.set_reflection("l.a", text("theirs"), 3.0);
    assert_eq!(
        merge_tabs(&base, &ours, &theirs)
            .reflection("l.a")
            .unwrap()
            .value,
        text("ours")
    );
    // With no change here, theirs comes through.
    assert_eq!(
        merge_tabs(&base, &base, &theirs)
            .reflection("l.a")
            .unwrap()
            .value,
        text("theirs")
    );
}

#[test]
fn export_then_check_gives_back_identical_progress() {
    let mut p = base();
    p.set_reflection(
        "what-attunement-is.felt-understood",
        text("<img src=x onerror=alert(1)>"),
        5.0,
    );
    let file = export(&p, 1_795_636_511_018.0).unwrap();
    let preview = check_backup(&file).expect("a fresh export is valid");
    assert_eq!(preview.progress, p);
    assert_eq!((preview.reflections, preview.answers), (2, 0));
    assert_eq!(preview.exported, 1_795_636_511_018.0);
}

#[test]
fn bad_backups_are_refused_with_a_reason() {
    let too_big = "x".repeat(MAX_BACKUP_BYTES + 1);
    assert!(matches!(
        check_backup(&too_big),
        Err(ImportError::TooLarge(_))
    ));
    let not_backups = [
        "{not json",
        "[]",
        // Another app's file.
        r#"{"app":"other","schema":1,"progress":{}}"#,
        // Fields no Attune backup has, at the top and inside.
        r#"{"app":"attune","schema":1,"progress":{},"extra":1}"#,
        r#"{"app":"attune","schema":1,"progress":{"evil":{}}}"#,
        // A time no date can hold would make the data unwritable once
        // merged in: refused here, before it can reach the reader's data.
        r#"{"app":"attune","schema":1,"progress":{"reflections":{"what-attunement-is.y":{"value":{"text":"x"},"created":1e16,"edited":1e16}}}}"#,
        r#"{"app":"attune","schema":1,"exported":-1e300,"progress":{}}"#,
    ];
    for text in not_backups {
        assert!(
            matches!(check_backup(text), Err(ImportError::NotABackup(_))),
            "{text}"
        );
    }
    let newer = r#"{"app":"attune","schema":99,"progress":{}}"#;
    assert_eq!(check_backup(newer), Err(ImportError::Newer(99)));
    let proto = r#"{"app":"attune","schema":1,"progress":{"positions":{"__proto__":"x"}}}"#;
    assert_eq!(
        check_backup(proto),
        Err(ImportError::BadId("__proto__".into()))
    );
    let markup = r#"{"app":"attune","schema":1,"progress":{"completed":["<b>x</b>"]}}"#;
    assert!(matches!(check_backup(markup), Err(ImportError::BadId(_))));
}

#[test]
fn merging_a_backup_keeps_both_and_prefers_later_edits() {
    let mut current = Progress::default();
    current.set_reflection("l.a", text("newer here"), 10.0);
    current.set_reflection("l.only-here", text("mine"), 1.0);
    let mut backup = Progress::default();
    backup.set_reflection("l.a", text("older in backup"), 5.0);
    backup.set_reflection("l.only-there", text("theirs"), 1.0);
    backup.complete("l");
    let merged = merge_backup(&current, &backup);
    assert_eq!(merged.reflection("l.a").unwrap().value, text("newer here"));
    assert!(merged.reflection("l.only-here").is_some());
    assert!(merged.reflection("l.only-there").is_some());
    assert!(merged.is_complete("l"));
}

// ---- format 2: review, follow-ups, snapshots --------------------------------

use attune::content::lessons;
use attune::model::review::{Day, Rating};
use attune::model::sorted::SortedMap;
use attune::model::then_now::{Feel, FollowUp};

const DAY: Day = 20_513;

fn follow_up(written: f64, words: &str) -> FollowUp {
    FollowUp {
        written,
        feel: Some(Feel::Still),
        text: words.to_string(),
    }
}

fn finished() -> Progress {
    let mut p = Progress::default();
    p.set_reflection(
        "what-attunement-is.felt-understood",
        text("My gran knew."),
        1.0,
    );
    p.finish_lesson(&lessons()[0], DAY);
    p
}

#[test]
fn a_review_rated_in_one_tab_and_a_follow_up_written_in_another_both_survive() {
    let base = finished();
    let idea = lessons()[0].key_ideas[0].id;
    let reflection = "what-attunement-is.felt-understood";
    let mut tab_a = base.clone();
    tab_a.rate(idea, Rating::Good, DAY + 1);
    let mut tab_b = base.clone();
    tab_b.add_follow_up(reflection, follow_up(9.0, "Still true."), DAY + 8);
    // Either tab may save first; both orders keep both.
    for merged in [
        merge_tabs(&base, &tab_a, &tab_b),
        merge_tabs(&base, &tab_b, &tab_a),
    ] {
        assert_eq!(merged.review.get(idea), tab_a.review.get(idea));
        assert_eq!(merged.follow_ups(reflection), tab_b.follow_ups(reflection));
        assert_eq!(merged.revisited.get(reflection), Some(&(DAY + 8)));
        assert_eq!(
            merged.reflection(reflection).unwrap().value,
            text("My gran knew.")
        );
    }
}

#[test]
fn follow_ups_to_one_reflection_from_two_tabs_are_both_kept_in_date_order() {
    let reflection = "what-attunement-is.felt-understood";
    let mut base = finished();
    base.add_follow_up(reflection, follow_up(5.0, "earlier"), DAY);
    let mut ours = base.clone();
    ours.add_follow_up(reflection, follow_up(20.0, "ours"), DAY + 1);
    let mut theirs = base.clone();
    theirs.add_follow_up(reflection, follow_up(10.0, "theirs"), DAY + 1);
    let merged = merge_tabs(&base, &ours, &theirs);
    let words: Vec<_> = merged
        .follow_ups(reflection)
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(words, ["earlier", "theirs", "ours"]);
    // Start the lesson again in one tab: its follow-ups and schedule go, and
    // the other tab's unchanged copy does not bring them back.
    let mut reset = base.clone();
    reset.reset_lesson(&lessons()[0]);
    let merged = merge_tabs(&base, &reset, &base);
    assert!(merged.follow_ups(reflection).is_empty());
    assert!(merged.review.is_empty());
}

#[test]
fn snapshots_from_two_tabs_are_both_kept() {
    let points = |n: u8| {
        let mut m = SortedMap::new();
        m.insert("set-a-limit".to_string(), n);
        m
    };
    let mut base = Progress::default();
    base.save_take(DAY, points(1));
    let mut ours = base.clone();
    ours.save_take(DAY + 30, points(3));
    let mut theirs = base.clone();
    theirs.save_take(DAY + 20, points(2));
    let days: Vec<_> = merge_tabs(&base, &ours, &theirs)
        .takes
        .iter()
        .map(|t| t.day)
        .collect();
    assert_eq!(days, [DAY, DAY + 20, DAY + 30]);
}

#[test]
fn backups_of_every_released_format_import() {
    for version in 1..=SCHEMA_VERSION {
        let raw =
            std::fs::read_to_string(format!("tests/fixtures/schema-v{version}.json")).unwrap();
        // A backup is the stored envelope with the app's name and a date.
        let file = raw.replacen('{', r#"{"app":"attune","exported":1772323200000.0,"#, 1);
        let preview = check_backup(&file).unwrap_or_else(|e| panic!("v{version}: {e}"));
        assert!(preview.answers > 0 && preview.reflections > 0, "v{version}");
        assert!(!preview.progress.review.is_empty(), "v{version}");
    }
    let v2 = std::fs::read_to_string("tests/fixtures/schema-v2.json").unwrap();
    let file = v2.replacen('{', r#"{"app":"attune","#, 1);
    let preview = check_backup(&file).unwrap();
    assert_eq!(preview.progress.takes.len(), 2);
    assert_eq!(
        preview
            .progress
            .follow_ups("what-attunement-is.felt-understood")
            .len(),
        1
    );
    // And an export of today's format reads back the same.
    let again = check_backup(&export(&preview.progress, 1.0).unwrap()).unwrap();
    assert_eq!(again.progress, preview.progress);
    // Format 3 keeps the help used with each first try.
    let v3 = std::fs::read_to_string("tests/fixtures/schema-v3.json").unwrap();
    let preview = check_backup(&v3.replacen('{', r#"{"app":"attune","#, 1)).unwrap();
    assert!(preview
        .progress
        .helped_first("what-attunement-is.core-of-attunement"));
}

#[test]
fn merging_a_backup_keeps_the_further_reviewed_card_and_every_follow_up() {
    let idea = lessons()[0].key_ideas[0].id;
    let reflection = "what-attunement-is.felt-understood";
    let mut current = finished();
    current.add_follow_up(reflection, follow_up(10.0, "here"), DAY + 8);
    let mut backup = finished();
    backup.rate(idea, Rating::Good, DAY + 1);
    backup.rate(idea, Rating::Good, DAY + 4);
    backup.add_follow_up(reflection, follow_up(20.0, "there"), DAY + 40);
    backup.save_take(DAY, SortedMap::new());
    let mut points = SortedMap::new();
    points.insert("set-a-limit".to_string(), 2u8);
    backup.save_take(DAY, points);
    let merged = merge_backup(&current, &backup);
    assert_eq!(merged.review.get(idea).unwrap().reps, 2);
    let words: Vec<_> = merged
        .follow_ups(reflection)
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(words, ["here", "there"]);
    assert_eq!(merged.revisited.get(reflection), Some(&(DAY + 40)));
    assert_eq!(merged.takes.len(), 1);
    // Importing the same backup twice adds nothing more.
    assert_eq!(merge_backup(&merged, &backup), merged);
}
