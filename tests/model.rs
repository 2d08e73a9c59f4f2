//! Host tests of the pure model: progress, grading, the stored format and
//! its migrations, and results.
#![cfg(not(target_arch = "wasm32"))]

use attune::content::{
    lessons, Check, CheckHelp, CheckKind, CheckOption, ChecklistItem, Reflection, ReflectionKind,
    TextId,
};
use attune::model::codec::{decode, encode, DecodeError, SCHEMA_VERSION};
use attune::model::grading::{grade, options_to_explain, GradeError};
use attune::model::progress::*;
use attune::model::summary::{calibration_note, lesson_results};

static SINGLE: Check = Check {
    id: "t.single",
    kind: CheckKind::Single,
    scenario: None,
    prompt: TextId(3),
    options: &[
        CheckOption {
            id: "a",
            text: TextId(5),
            correct: true,
            explanation: TextId(0),
        },
        CheckOption {
            id: "b",
            text: TextId(6),
            correct: false,
            explanation: TextId(1),
        },
        CheckOption {
            id: "c",
            text: TextId(7),
            correct: false,
            explanation: TextId(1),
        },
    ],
    help: CheckHelp::NONE,
};

static MULTIPLE: Check = Check {
    id: "t.multiple",
    kind: CheckKind::Multiple,
    scenario: Some(TextId(2)),
    prompt: TextId(3),
    options: &[
        CheckOption {
            id: "a",
            text: TextId(5),
            correct: true,
            explanation: TextId(0),
        },
        CheckOption {
            id: "b",
            text: TextId(6),
            correct: true,
            explanation: TextId(0),
        },
        CheckOption {
            id: "c",
            text: TextId(7),
            correct: false,
            explanation: TextId(1),
        },
    ],
    help: CheckHelp::NONE,
};

/// The same question as SINGLE after an edit made `b` the right answer.
static SINGLE_EDITED: Check = Check {
    id: "t.single",
    kind: CheckKind::Single,
    scenario: None,
    prompt: TextId(3),
    options: &[
        CheckOption {
            id: "a",
            text: TextId(5),
            correct: false,
            explanation: TextId(1),
        },
        CheckOption {
            id: "b",
            text: TextId(6),
            correct: true,
            explanation: TextId(0),
        },
    ],
    help: CheckHelp::NONE,
};

static CHECKLIST: Reflection = Reflection {
    id: "t.list",
    prompt: TextId(3),
    response: TextId(4),
    kind: ReflectionKind::Checklist {
        items: &[
            ChecklistItem {
                id: "x",
                text: TextId(8),
            },
            ChecklistItem {
                id: "y",
                text: TextId(9),
            },
        ],
    },
};

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---- grading -------------------------------------------------------------

#[test]
fn single_choice_is_right_only_with_the_right_option() {
    assert!(grade(&SINGLE, &ids(&["a"])).unwrap().correct);
    assert!(!grade(&SINGLE, &ids(&["b"])).unwrap().correct);
}

#[test]
fn multiple_choice_needs_exactly_the_right_set() {
    assert!(grade(&MULTIPLE, &ids(&["a", "b"])).unwrap().correct);
    assert!(grade(&MULTIPLE, &ids(&["b", "a"])).unwrap().correct);
    let partial = grade(&MULTIPLE, &ids(&["a"])).unwrap();
    assert!(!partial.correct);
    assert_eq!(partial.missed, 1);
    let extra = grade(&MULTIPLE, &ids(&["a", "b", "c"])).unwrap();
    assert!(!extra.correct);
    assert_eq!(extra.wrong, 1);
}

#[test]
fn grading_refuses_bad_input_with_a_message() {
    assert_eq!(grade(&SINGLE, &[]), Err(GradeError::NothingChosen));
    assert_eq!(
        grade(&SINGLE, &ids(&["a", "b"])),
        Err(GradeError::TooManyChosen)
    );
    assert_eq!(
        grade(&SINGLE, &ids(&["z"])),
        Err(GradeError::UnknownOption("z".into()))
    );
    assert!(GradeError::NothingChosen
        .message()
        .contains("Choose an answer first"));
}

#[test]
fn explanations_shown_are_the_chosen_then_the_right_ones() {
    let shown: Vec<_> = options_to_explain(&SINGLE, &ids(&["b"]), false)
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(shown, ["b"]);
    let shown: Vec<_> = options_to_explain(&SINGLE, &ids(&["b"]), true)
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(shown, ["a", "b", "c"]);
}

#[test]
fn every_real_question_can_be_answered_right() {
    for lesson in lessons() {
        for check in lesson.checks {
            let right: Vec<String> = check
                .options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.id.to_string())
                .collect();
            assert!(grade(check, &right).unwrap().correct, "{}", check.id);
        }
    }
}

// ---- progress ------------------------------------------------------------

#[test]
fn a_single_choice_replaces_the_last_and_clears_the_result() {
    let mut p = Progress::default();
    p.choose(&SINGLE, "b", true);
    p.record_check(&SINGLE, false);
    p.choose(&SINGLE, "a", true);
    let a = p.answer("t.single").unwrap();
    assert_eq!(a.selected, ids(&["a"]));
    assert_eq!(a.checked, None);
    assert_eq!(a.tries, 1);
}

#[test]
fn multiple_choices_add_and_remove() {
    let mut p = Progress::default();
    p.choose(&MULTIPLE, "a", true);
    p.choose(&MULTIPLE, "b", true);
    p.choose(&MULTIPLE, "a", true);
    p.choose(&MULTIPLE, "b", false);
    assert_eq!(p.answer("t.multiple").unwrap().selected, ids(&["a"]));
    p.choose(&MULTIPLE, "nope", true);
    assert_eq!(p.answer("t.multiple").unwrap().selected, ids(&["a"]));
}

#[test]
fn retry_keeps_confidence_and_clears_the_rest() {
    let mut p = Progress::default();
    p.choose(&SINGLE, "b", true);
    p.set_confidence("t.single", Some(Confidence::Certain));
    p.record_check(&SINGLE, false);
    p.retry("t.single");
    let a = p.answer("t.single").unwrap();
    assert!(a.selected.is_empty());
    assert_eq!(a.checked, None);
    assert_eq!(a.confidence, Some(Confidence::Certain));
}

#[test]
fn an_answer_to_a_changed_question_is_marked_stale() {
    let mut p = Progress::default();
    p.choose(&SINGLE, "a", true);
    p.record_check(&SINGLE, true);
    assert!(!p.is_stale(&SINGLE));
    assert!(p.is_stale(&SINGLE_EDITED));
}

/// SINGLE with its options shown in another order.
static SINGLE_REORDERED: Check = Check {
    id: "t.single",
    kind: CheckKind::Single,
    scenario: None,
    prompt: TextId(3),
    options: &[
        CheckOption {
            id: "c",
            text: TextId(7),
            correct: false,
            explanation: TextId(1),
        },
        CheckOption {
            id: "a",
            text: TextId(5),
            correct: true,
            explanation: TextId(0),
        },
        CheckOption {
            id: "b",
            text: TextId(6),
            correct: false,
            explanation: TextId(1),
        },
    ],
    help: CheckHelp::NONE,
};

#[test]
fn an_answer_is_not_stale_when_only_the_order_of_the_options_changed() {
    let mut p = Progress::default();
    p.choose(&SINGLE, "a", true);
    p.record_check(&SINGLE, true);
    assert!(!p.is_stale(&SINGLE_REORDERED));
    // Checked against the new order, the old one reads the same.
    let mut q = Progress::default();
    q.choose(&SINGLE_REORDERED, "a", true);
    q.record_check(&SINGLE_REORDERED, true);
    assert!(!q.is_stale(&SINGLE));
    assert!(q.is_stale(&SINGLE_EDITED));
}

#[test]
fn help_is_kept_with_the_first_try_in_the_order_offered() {
    let mut p = Progress::default();
    p.use_help("t.single", Help::Passage);
    p.use_help("t.single", Help::Nudge);
    p.use_help("t.single", Help::Nudge);
    assert!(p.helped_first("t.single"));
    p.choose(&SINGLE, "b", true);
    p.record_check(&SINGLE, false);
    // Help after the first try belongs to no first try: not kept.
    p.use_help("t.single", Help::AnotherWay);
    let a = p.answer("t.single").unwrap().clone();
    assert_eq!(a.help, [Help::Nudge, Help::Passage]);
    assert_eq!(a.first, Some(false), "help changes no result");
    // Nor help after the answer was shown, before any try.
    p.reveal("t.multiple");
    p.use_help("t.multiple", Help::Nudge);
    assert!(!p.helped_first("t.multiple"));
    assert!(!p.helped_first("t.none"));
    // It round-trips through the stored form.
    let back = decode(&encode(&p).unwrap()).unwrap().progress;
    assert_eq!(back.answer("t.single").unwrap().help, a.help);
}

#[test]
fn reflections_keep_their_created_time_and_drop_when_emptied() {
    let mut p = Progress::default();
    p.set_reflection("r", ReflectionValue::Text("first".into()), 10.0);
    p.set_reflection("r", ReflectionValue::Text("second".into()), 20.0);
    let e = p.reflection("r").unwrap();
    assert_eq!((e.created, e.edited), (10.0, 20.0));
    assert_eq!(e.value, ReflectionValue::Text("second".into()));
    p.set_reflection("r", ReflectionValue::Text("  ".into()), 30.0);
    assert!(p.reflection("r").is_none());
}

#[test]
fn a_checklist_value_fits_only_its_items() {
    assert!(ReflectionValue::Checklist(ids(&["x"])).fits(&CHECKLIST));
    assert!(!ReflectionValue::Checklist(ids(&["gone"])).fits(&CHECKLIST));
    assert!(!ReflectionValue::Scale(3).fits(&CHECKLIST));
}

#[test]
fn course_map_state_minutes_and_resume_point() {
    let course = lessons();
    let first = &course[0];
    let mut p = Progress::default();
    assert_eq!(lesson_state(&p, first), LessonState::NotStarted);
    assert_eq!(lesson_percent(&p, first), 0);
    assert_eq!(minutes_left(&p, first), first.minutes);
    assert!(
        resume_point(&p, course).is_none(),
        "a new reader starts, not continues"
    );

    let last_section = first.sections.last().unwrap().id;
    p.set_position(first.slug, last_section);
    assert_eq!(lesson_state(&p, first), LessonState::InProgress);
    assert!(minutes_left(&p, first) < first.minutes);
    let (lesson, section) = resume_point(&p, course).unwrap();
    assert_eq!(lesson.slug, first.slug);
    assert_eq!(section.as_deref(), Some(last_section));

    p.complete(first.slug);
    assert_eq!(lesson_state(&p, first), LessonState::Complete);
    assert_eq!(lesson_percent(&p, first), 100);
    assert_eq!(minutes_left(&p, first), 0);
    let (next, _) = resume_point(&p, course).unwrap();
    assert_eq!(
        next.slug, course[1].slug,
        "a finished lesson resumes at the next one"
    );
}

#[test]
fn resetting_a_lesson_forgets_only_that_lesson() {
    let course = lessons();
    let (one, two) = (&course[0], &course[1]);
    let mut p = Progress::default();
    p.choose(&one.checks[0], one.checks[0].options[0].id, true);
    p.choose(&two.checks[0], two.checks[0].options[0].id, true);
    p.set_reflection(one.reflections[0].id, ReflectionValue::Scale(2), 1.0);
    p.complete(one.slug);
    p.reset_lesson(one);
    assert!(p.answer(one.checks[0].id).is_none());
    assert!(p.reflection(one.reflections[0].id).is_none());
    assert!(!p.is_complete(one.slug));
    assert!(p.answer(two.checks[0].id).is_some());
}

// ---- results -------------------------------------------------------------

#[test]
fn results_count_first_tries_and_confidence() {
    let lesson = &lessons()[0];
    let mut p = Progress::default();
    let (c0, c1) = (&lesson.checks[0], &lesson.checks[1]);
    let right = |c: &Check| c.options.iter().find(|o| o.correct).unwrap().id;
    let wrong = |c: &Check| c.options.iter().find(|o| !o.correct).unwrap().id;
    p.choose(c0, right(c0), true);
    p.set_confidence(c0.id, Some(Confidence::Guessing));
    p.record_check(c0, true);
    p.choose(c1, wrong(c1), true);
    p.set_confidence(c1.id, Some(Confidence::Certain));
    p.record_check(c1, false);
    let r = lesson_results(&p, lesson);
    assert_eq!(
        (r.answered, r.first_try, r.total),
        (2, 1, lesson.checks.len())
    );
    assert_eq!(
        r.by_confidence,
        vec![(Confidence::Guessing, 1, 0), (Confidence::Certain, 0, 1)]
    );
    assert!(calibration_note(&r).unwrap().contains("certain"));
    assert_eq!(
        calibration_note(&lesson_results(&Progress::default(), lesson)),
        None
    );
}

// ---- stored format ---------------------------------------------------------

fn sample() -> Progress {
    let mut p = Progress::default();
    p.choose(&SINGLE, "a", true);
    p.set_confidence("t.single", Some(Confidence::FairlySure));
    p.record_check(&SINGLE, true);
    p.set_reflection(
        "t.text",
        ReflectionValue::Text("<img src=x onerror=alert(1)> </script>".into()),
        1.5e12,
    );
    p.set_reflection("t.list", ReflectionValue::Checklist(ids(&["x"])), 1.5e12);
    p.set_position("lesson", "intro");
    p.complete("lesson");
    p
}

#[test]
fn encode_then_decode_gives_back_the_same_progress() {
    let p = sample();
    let decoded = decode(&encode(&p).unwrap()).unwrap();
    assert_eq!(decoded.progress, p);
    assert_eq!(decoded.migrated_from, None);
}

#[test]
fn every_released_schema_fixture_still_loads() {
    // One fixture per schema version ever released; add one with each bump.
    for version in 1..=SCHEMA_VERSION {
        let path = format!("tests/fixtures/schema-v{version}.json");
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let decoded = decode(&raw).unwrap_or_else(|e| panic!("{path}: {e}"));
        let migrated = (version < SCHEMA_VERSION).then_some(version);
        assert_eq!(decoded.migrated_from, migrated, "{path}");
        assert!(!decoded.progress.answers.is_empty(), "{path} holds answers");
        assert!(
            !decoded.progress.reflections.is_empty(),
            "{path} holds reflections"
        );
        // Migrated data re-encodes in today's schema and reads back the same.
        assert_eq!(
            decode(&encode(&decoded.progress).unwrap())
                .unwrap()
                .progress,
            decoded.progress
        );
    }
}

#[test]
fn the_schema_1_fixture_loads_into_schema_2_with_nothing_lost() {
    use attune::model::json;
    #[derive(serde::Deserialize)]
    struct V1 {
        progress: Progress,
    }
    let raw = std::fs::read_to_string("tests/fixtures/schema-v1.json").unwrap();
    // Format 1's fields, read as they are.
    let v1 = json::from_str::<V1>(&raw).unwrap().progress;
    let v2 = decode(&raw).unwrap();
    assert_eq!(v2.migrated_from, Some(1));
    let p = v2.progress;
    assert_eq!(p.answers, v1.answers);
    assert_eq!(p.reflections, v1.reflections);
    assert_eq!(p.positions, v1.positions);
    assert_eq!(p.completed, v1.completed);
    assert_eq!(p.last_lesson, v1.last_lesson);
    // The finished lesson's ideas and checks are in the schedule, due at once.
    let lesson = &lessons()[0];
    assert!(p.is_complete(lesson.slug));
    assert_eq!(p.review.len(), lesson.key_ideas.len() + lesson.checks.len());
    assert!(p.review.iter().all(|(_, c)| c.due == 0 && c.last.is_none()));
    assert!(p.follow_ups.is_empty() && p.takes.is_empty());
    // Written back as format 2, it reads the same, unmigrated.
    let again = decode(&encode(&p).unwrap()).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.progress, p);
    assert!(encode(&p).unwrap().starts_with(r#"{"schema":3,"#));
}

#[test]
fn the_schema_2_fixture_loads_into_schema_3_with_no_help_used() {
    use attune::model::json;
    #[derive(serde::Deserialize)]
    struct V2 {
        progress: Progress,
    }
    let raw = std::fs::read_to_string("tests/fixtures/schema-v2.json").unwrap();
    let v2 = json::from_str::<V2>(&raw).unwrap().progress;
    let v3 = decode(&raw).unwrap();
    assert_eq!(v3.migrated_from, Some(2));
    // Nothing lost, nothing added: format 2 kept no help.
    assert_eq!(v3.progress, v2);
    assert!(v3.progress.answers.iter().all(|(_, a)| a.help.is_empty()));
    let again = decode(&encode(&v3.progress).unwrap()).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.progress, v3.progress);
}

#[test]
fn the_schema_3_fixture_keeps_the_help_used_with_each_first_try() {
    let raw = std::fs::read_to_string("tests/fixtures/schema-v3.json").unwrap();
    let p = decode(&raw).unwrap().progress;
    let help = |id: &str| p.answer(id).unwrap().help.clone();
    assert_eq!(
        help("what-attunement-is.core-of-attunement"),
        [Help::Nudge, Help::AnotherWay]
    );
    assert_eq!(help("what-attunement-is.the-crying-toddler"), []);
    assert_eq!(help("what-attunement-is.the-restless-dog"), [Help::Passage]);
}

#[test]
fn help_is_refused_where_it_cannot_be() {
    for (raw, field) in [
        // Formats 1 and 2 kept no help.
        (
            r#"{"schema":2,"progress":{"answers":{"a.b":{"help":["nudge"]}}}}"#,
            "progress.answers.help",
        ),
        (
            r#"{"schema":1,"progress":{"answers":{"a.b":{"help":["nudge"]}}}}"#,
            "progress.answers.help",
        ),
    ] {
        match decode(raw) {
            Err(DecodeError::WrongShape { field: f, .. }) => assert_eq!(f, field, "{raw}"),
            other => panic!("{raw}: {other:?}"),
        }
    }
    // A kind of help this version does not know.
    assert!(matches!(
        decode(r#"{"schema":3,"progress":{"answers":{"a.b":{"help":["hint"]}}}}"#),
        Err(DecodeError::WrongShape { .. })
    ));
    assert!(decode(r#"{"schema":3,"progress":{"answers":{"a.b":{"help":["passage"]}}}}"#).is_ok());
}

#[test]
fn format_2_fields_are_checked_as_they_are_read() {
    let ok = r#"{"schema":2,"progress":{"review":{"a.b":{"due":5,"interval":3,"ease":250,"reps":1,"lapses":0,"last":2}}}}"#;
    assert!(decode(ok).is_ok());
    let bad = [
        // Format 1 claiming format 2's fields.
        (
            r#"{"schema":1,"progress":{"takes":[{"day":3,"points":{}}]}}"#,
            "progress.takes",
        ),
        // Days, intervals and growth out of range.
        (
            r#"{"schema":2,"progress":{"review":{"a.b":{"due":99999999,"interval":3,"ease":250,"reps":1,"lapses":0,"last":2}}}}"#,
            "progress.review",
        ),
        (
            r#"{"schema":2,"progress":{"review":{"a.b":{"due":5,"interval":9999,"ease":250,"reps":1,"lapses":0,"last":2}}}}"#,
            "progress.review",
        ),
        (
            r#"{"schema":2,"progress":{"review":{"a.b":{"due":5,"interval":3,"ease":9,"reps":1,"lapses":0,"last":2}}}}"#,
            "progress.review",
        ),
        (
            r#"{"schema":2,"progress":{"review":{"a.b":{"due":5,"interval":3,"ease":250,"reps":1,"lapses":0,"last":-2}}}}"#,
            "progress.review",
        ),
        (
            r#"{"schema":2,"progress":{"review":{"a.b":{"due":5,"interval":3,"ease":250,"reps":1,"lapses":0,"last":2,"x":1}}}}"#,
            "progress.review",
        ),
        (
            r#"{"schema":2,"progress":{"revisited":{"a.b":4294967295}}}"#,
            "progress.revisited",
        ),
        (
            r#"{"schema":2,"progress":{"takes":[{"day":3,"points":{"lean-on-others":300}}]}}"#,
            "progress.takes",
        ),
        (
            r#"{"schema":2,"progress":{"follow_ups":{"a.b":[{"written":1e17,"feel":null,"text":"x"}]}}}"#,
            "progress.follow_ups",
        ),
        (
            r#"{"schema":2,"progress":{"follow_ups":{"a.b":[{"written":1,"feel":"angry","text":"x"}]}}}"#,
            "progress.follow_ups",
        ),
    ];
    for (raw, field) in bad {
        let err = decode(raw).unwrap_err();
        assert!(err.to_string().contains(field), "{raw}: {err}");
    }
    // Ids that cannot be ours are refused wherever they appear.
    for raw in [
        r#"{"schema":2,"progress":{"review":{"__proto__":{"due":5,"interval":3,"ease":250,"reps":1,"lapses":0,"last":2}}}}"#,
        r#"{"schema":2,"progress":{"follow_ups":{"<b>":[]}}}"#,
        r#"{"schema":2,"progress":{"revisited":{"A":3}}}"#,
        r#"{"schema":2,"progress":{"takes":[{"day":3,"points":{"constructor ":2}}]}}"#,
    ] {
        assert!(matches!(decode(raw), Err(DecodeError::BadId(_))), "{raw}");
    }
    // Counts are capped.
    let one = r#"{"written":1,"feel":"still","text":""}"#;
    let many = vec![one; 51].join(",");
    let raw = format!(r#"{{"schema":2,"progress":{{"follow_ups":{{"a.b":[{many}]}}}}}}"#);
    assert!(matches!(decode(&raw), Err(DecodeError::WrongShape { .. })));
    let take = r#"{"day":3,"points":{}}"#;
    let many = vec![take; 101].join(",");
    let raw = format!(r#"{{"schema":2,"progress":{{"takes":[{many}]}}}}"#);
    assert!(matches!(decode(&raw), Err(DecodeError::WrongShape { .. })));
}

#[test]
fn unreadable_data_is_reported_not_loaded() {
    assert!(matches!(decode("{not json"), Err(DecodeError::NotJson(_))));
    assert!(matches!(
        decode("null"),
        Err(DecodeError::WrongShape { .. })
    ));
    let huge_array = format!("[{}0]", "0,".repeat(100_000));
    assert!(matches!(
        decode(&huge_array),
        Err(DecodeError::WrongShape { .. })
    ));
    assert!(matches!(
        decode(&"x".repeat(6 * 1024 * 1024)),
        Err(DecodeError::TooLarge(_))
    ));
}

#[test]
fn whatever_decodes_can_be_written_back() {
    // Stored data with a time no date can hold is kept aside (the caller
    // keeps the raw text), never loaded: it could not be saved again, and
    // a save that failed must not be replaced by an empty document.
    let far = r#"{"schema":2,"progress":{"reflections":{"r":{"value":{"scale":3},"created":1e16,"edited":1e16}}}}"#;
    assert!(matches!(decode(far), Err(DecodeError::WrongShape { .. })));
    let edge = r#"{"schema":2,"progress":{"reflections":{"r":{"value":{"scale":3},"created":8.64e15,"edited":-8.64e15}}}}"#;
    let decoded = decode(edge).unwrap().progress;
    let written = encode(&decoded).unwrap();
    assert_eq!(decode(&written).unwrap().progress, decoded);
    let fixture = std::fs::read_to_string("tests/fixtures/schema-v1.json").unwrap();
    let decoded = decode(&fixture).unwrap().progress;
    assert_eq!(
        decode(&encode(&decoded).unwrap()).unwrap().progress,
        decoded
    );
}

#[test]
fn a_wrong_shape_names_the_field() {
    let err = decode(r#"{"schema":1,"progress":{"answers":{"q1":{"selected":"a"}}}}"#).unwrap_err();
    match err {
        DecodeError::WrongShape { field, .. } => assert_eq!(field, "progress.answers[\"q1\"]"),
        other => panic!("{other:?}"),
    }
    let err = decode(r#"{"schema":1,"progress":{"completed":7}}"#).unwrap_err();
    assert!(err.to_string().contains("progress.completed"), "{err}");
    let err = decode(r#"{"schema":"one"}"#).unwrap_err();
    assert!(err.to_string().contains("schema"), "{err}");
}

#[test]
fn data_from_a_newer_version_is_refused_as_newer() {
    let raw = format!(r#"{{"schema":{},"progress":{{}}}}"#, SCHEMA_VERSION + 1);
    assert_eq!(
        decode(&raw),
        Err(DecodeError::NewerSchema(SCHEMA_VERSION + 1))
    );
}

/// A newer version adds a part (`marks`), a field inside one answer, and
/// changes the shape of another part (`positions`): this version still
/// shows every part it can read, not a blank course.
#[test]
fn a_newer_versions_progress_shows_every_part_this_version_reads() {
    use attune::model::stored::stored;
    use attune::model::sync::Stored;
    let raw = std::fs::read_to_string("tests/fixtures/schema-v3.json").unwrap();
    let known = decode(&raw).unwrap().progress;
    let mut doc: serde_json::Value = serde_json::from_str(&raw).unwrap();
    doc["schema"] = (SCHEMA_VERSION + 1).into();
    doc["progress"]["marks"] = serde_json::json!({"what-attunement-is.p3": {"note": "mine"}});
    doc["progress"]["answers"]["what-attunement-is.core-of-attunement"]["shared"] = true.into();
    doc["progress"]["positions"] = serde_json::json!([{"lesson": "what-attunement-is"}]);
    let Stored::Newer {
        version,
        readable_part,
    } = stored(Some(&doc.to_string()))
    else {
        panic!("not read as newer");
    };
    assert_eq!(version, SCHEMA_VERSION + 1);
    assert!(!known.reflections.is_empty() && !known.answers.is_empty());
    assert_eq!(readable_part.reflections, known.reflections);
    assert_eq!(readable_part.completed, known.completed);
    assert_eq!(readable_part.review, known.review);
    assert_eq!(readable_part.takes, known.takes);
    assert_eq!(readable_part.answers, known.answers);
    // The part whose shape changed is left out whole, not half-read.
    assert!(!known.positions.is_empty());
    assert!(readable_part.positions.is_empty());

    // A part that reads but fails this version's checks is left out alone.
    doc["progress"]["positions"] = serde_json::json!({"not an id <b>": "x"});
    let Stored::Newer { readable_part, .. } = stored(Some(&doc.to_string())) else {
        panic!("not read as newer");
    };
    assert_eq!(readable_part.reflections, known.reflections);
}

/// A small deterministic generator, so the fuzz test needs no crate and
/// fails the same way every time.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn arbitrary_bytes_never_panic_the_loader() {
    let mut rng = Lcg(42);
    let valid = encode(&sample()).unwrap();
    let alphabet = br#"{}[]":,0123456789.-eEtrufalsn \schemaprogressanswersreflections"#;
    for round in 0..3000 {
        let text: String = if round % 2 == 0 {
            // Random bytes from a JSON-ish alphabet.
            let len = (rng.next() % 200) as usize;
            (0..len)
                .map(|_| alphabet[(rng.next() as usize) % alphabet.len()] as char)
                .collect()
        } else {
            // A valid document with a few bytes changed or cut.
            let mut bytes = valid.clone().into_bytes();
            for _ in 0..(1 + rng.next() % 4) {
                let i = (rng.next() as usize) % bytes.len();
                bytes[i] = alphabet[(rng.next() as usize) % alphabet.len()];
            }
            bytes.truncate((rng.next() as usize) % (bytes.len() + 1));
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let _ = decode(&text);
    }
}

#[test]
fn checking_again_cannot_turn_a_miss_into_a_first_try() {
    let lesson = &lessons()[0];
    let c = &lesson.checks[0];
    let right = c.options.iter().find(|o| o.correct).unwrap().id;
    let wrong = c.options.iter().find(|o| !o.correct).unwrap().id;
    let mut p = Progress::default();
    p.set_confidence(c.id, Some(Confidence::Certain));
    p.choose(c, wrong, true);
    p.record_check(c, false);
    p.retry(c.id);
    p.choose(c, right, true);
    p.record_check(c, true);
    let r = lesson_results(&p, lesson);
    assert_eq!(r.first_try, 0);
    assert_eq!(r.by_confidence, vec![(Confidence::Certain, 0, 1)]);
    assert!(calibration_note(&r).unwrap().contains("certain"));
}

#[test]
fn an_answer_seen_before_checking_is_no_first_try() {
    let lesson = &lessons()[0];
    let c = &lesson.checks[0];
    let right = c.options.iter().find(|o| o.correct).unwrap().id;
    let mut p = Progress::default();
    p.reveal(c.id);
    p.choose(c, right, true);
    p.record_check(c, true);
    assert_eq!(lesson_results(&p, lesson).first_try, 0);
    assert_eq!(p.answer(c.id).unwrap().first, None);
}
