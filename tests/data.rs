//! Host tests of the reader-data model: merging tabs' copies, backups
//! (export, import checks, merge), and the workbook.
#![cfg(not(target_arch = "wasm32"))]

use attune::model::backup::{check_backup, export, ImportError, MAX_BACKUP_BYTES};
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
