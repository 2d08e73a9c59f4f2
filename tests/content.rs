//! Host tests of the course content: the build-time parser and validator
//! (shared with build.rs), deliberately broken fixtures (one for the basic
//! rules, one per check-quality rule, one for the recap), the quality
//! measures, and the reading grade of every lesson and the recap.
#![cfg(not(target_arch = "wasm32"))]

use attune_content::cues::{self, Guesser};
use attune_content::parse::{
    self, load_content, load_course, parse_inline, parse_markdown, Block, ContentError, Inline,
};
use attune_content::quality::{self, QualityError};
use std::path::Path;

fn course() -> parse::Course {
    match load_content(Path::new("src/content"), Path::new("public")) {
        Ok(c) => c,
        Err(errors) => panic!("content errors: {errors:#?}"),
    }
}

/// The quality errors a fixture course fails with (it must fail).
fn quality_errors(fixture: &str) -> Vec<QualityError> {
    let errors = load_course(
        &Path::new("tests/fixtures").join(fixture),
        Path::new("public"),
    )
    .expect_err("the fixture must not validate");
    errors
        .into_iter()
        .map(|e| match e {
            ContentError::Quality(q) => q,
            other => panic!("{fixture}: only a quality rule should fail, got: {other}"),
        })
        .collect()
}

#[test]
fn the_course_is_valid_and_matches_the_built_data() {
    let course = course();
    assert!((6..=8).contains(&course.lessons.len()), "6 to 8 lessons");
    let built = attune::content::lessons();
    assert_eq!(built.len(), course.lessons.len());
    for (parsed, shipped) in course.lessons.iter().zip(built) {
        assert_eq!(parsed.slug, shipped.slug);
        assert_eq!(parsed.checks.len(), shipped.checks.len());
        assert_eq!(parsed.reflections.len(), shipped.reflections.len());
        assert_eq!(parsed.sections.len(), shipped.sections.len());
    }
}

/// What ships, against the lesson files read line by line, with no parser:
/// the same lessons in the same order, with every section heading, key
/// idea, check and reflection the files hold, by id.
#[test]
fn the_built_lessons_hold_everything_the_lesson_files_hold() {
    let dir = Path::new("src/content/lessons");
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_string))
        .collect();
    stems.sort();
    let built = attune::content::lessons();
    assert_eq!(stems.len(), built.len(), "one built lesson per lesson file");
    // The quoted value of `key = "..."` on a line of its own.
    let value = |line: &str, key: &str| {
        line.strip_prefix(key)
            .and_then(|rest| rest.trim_start().strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
    };
    for (stem, shipped) in stems.iter().zip(built) {
        let toml = std::fs::read_to_string(dir.join(format!("{stem}.toml"))).unwrap();
        let md = std::fs::read_to_string(dir.join(format!("{stem}.md"))).unwrap();
        let lines: Vec<&str> = toml.lines().collect();
        let slug = lines.iter().find_map(|l| value(l, "slug")).unwrap();
        assert_eq!(shipped.slug, slug, "{stem}");
        // The id on the line after each table header.
        let ids = |header: &str| -> Vec<String> {
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.trim() == header)
                .map(|(i, _)| {
                    value(lines[i + 1], "id")
                        .unwrap_or_else(|| panic!("{stem}: {header} without an id first"))
                })
                .collect()
        };
        let checks: Vec<&str> = shipped.checks.iter().map(|c| c.id).collect();
        assert_eq!(checks, ids("[[check]]"), "{stem}: checks");
        let reflections: Vec<&str> = shipped.reflections.iter().map(|r| r.id).collect();
        assert_eq!(reflections, ids("[[reflection]]"), "{stem}: reflections");
        let key_ideas = lines.iter().filter(|l| l.trim() == "[[key_idea]]").count();
        assert_eq!(shipped.key_ideas.len(), key_ideas, "{stem}: key ideas");
        let headings = md.lines().filter(|l| l.starts_with("## ")).count();
        assert_eq!(shipped.sections.len(), headings, "{stem}: sections");
    }
}

#[test]
fn every_lesson_has_the_required_activities() {
    for lesson in course().lessons {
        let scenarios = lesson
            .checks
            .iter()
            .filter(|c| c.scenario.is_some())
            .count();
        assert!(
            lesson.checks.len() - scenarios >= 1,
            "{}: a knowledge check",
            lesson.slug
        );
        assert!(scenarios >= 2, "{}: two scenarios", lesson.slug);
        assert!(
            lesson.reflections.len() >= 2,
            "{}: two reflections",
            lesson.slug
        );
        assert!(!lesson.key_ideas.is_empty(), "{}: key ideas", lesson.slug);
        assert!(
            (5..=12).contains(&lesson.minutes),
            "{}: 5 to 12 minutes",
            lesson.slug
        );
    }
}

#[test]
fn the_broken_fixture_fails_with_every_mistake_named() {
    let errors = load_course(
        Path::new("tests/fixtures/broken-course"),
        Path::new("public"),
    )
    .expect_err("the broken fixture must not validate");
    let has = |pred: &dyn Fn(&ContentError) -> bool| errors.iter().any(pred);
    assert!(has(
        &|e| matches!(e, ContentError::BadSlug(s) if s == "Broken Lesson")
    ));
    assert!(has(&|e| matches!(
        e,
        ContentError::MinutesOutOfRange { minutes: 30, .. }
    )));
    assert!(has(
        &|e| matches!(e, ContentError::EmptyText { place } if place.contains("summary"))
    ));
    assert!(has(&|e| matches!(
        e,
        ContentError::SingleNeedsOneCorrect { found: 2, .. }
    )));
    assert!(has(
        &|e| matches!(e, ContentError::MissingExplanation { option, .. } if option == "b")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::DuplicateId(id) if id == "broken.two-right")
    ));
    assert!(has(&|e| matches!(
        e,
        ContentError::MultipleNeedsACorrect(_)
    )));
    assert!(has(&|e| matches!(e, ContentError::ScaleNeedsLabels(_))));
    assert!(has(
        &|e| matches!(e, ContentError::UnknownActivity { id, .. } if id == "broken.not-there")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::ActivityNotPlaced { id, .. } if id == "broken.scale")
    ));
    assert!(has(&|e| matches!(e, ContentError::TooFewActivities { .. })));
    assert!(has(
        &|e| matches!(e, ContentError::BadIdeaId { id, .. } if id == "broken.one-idea")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::RecallNotAQuestion(id) if id == "broken.one-idea")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::StepsOnlyForText(id) if id == "broken.scale")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::TooFewSteps(id) if id == "broken.one-step")
    ));
    assert!(has(&|e| matches!(
        e,
        ContentError::EmptyText { place } if place == "broken.one-step: step 1"
    )));
    assert!(has(&|e| matches!(
        e,
        ContentError::UnknownPassage { check, passage, .. }
            if check == "broken.two-right" && passage == "nowhere"
    )));
    // Every error prints as a message that names where to look.
    for e in &errors {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn the_checks_cannot_be_passed_by_surface_features() {
    let course = course();
    let m = quality::measure(&course);
    // The measures the issues asked to see, printed with --nocapture: the
    // course with its recap (what the rules judge), then the lessons alone.
    println!("{m}");
    let lessons_only = parse::Course {
        lessons: course.lessons.clone(),
        recap: None,
    };
    println!("lessons alone:\n{}", quality::measure(&lessons_only));
    let errors = quality::check(&course);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(m.longest_rate() <= 1.0 / 3.0, "{m}");
    assert!(m.application_share() >= 2.0 / 3.0, "{m}");
    assert!(m.fewest_wrong >= 3, "{m}");
    // No guesser that reads only the wording beats chance by a quarter,
    // over the course (the end-to-end layer plays them on the built pages).
    for g in &m.guessers {
        assert!(
            g.times_chance() <= 1.25,
            "{}: {:.2} x chance",
            g.guesser.name(),
            g.times_chance()
        );
    }
    // Caricatures, by the rules that can be computed: at most one in a
    // check, none in a check of three options, and every check keeps at
    // least two plausible wrong options.
    let checks = all_checks(&course);
    for c in &checks {
        let caricatures = c
            .options
            .iter()
            .filter(|o| !o.correct && cues::is_caricature(&o.text))
            .count();
        assert!(caricatures <= 1, "{}: {caricatures} caricatures", c.id);
        if c.options.len() == 3 {
            assert_eq!(caricatures, 0, "{}", c.id);
        }
    }
    assert!(m.thin_checks.is_empty(), "{:?}", m.thin_checks);
    assert!(m.most_caricatures <= 1);
    // Every single-choice check offers at least four options.
    for check in &checks {
        if check.kind == parse::CheckKind::Single {
            assert!(check.options.len() >= 4, "{}", check.id);
        }
    }
    // Nor is the right answer systematically the shortest.
    let singles: Vec<&&parse::Check> = checks
        .iter()
        .filter(|c| c.kind == parse::CheckKind::Single)
        .collect();
    let shortest = singles
        .iter()
        .filter(|c| {
            let len = |t: &str| t.chars().count();
            let right = c.options.iter().find(|o| o.correct).map(|o| len(&o.text));
            let min_wrong = c
                .options
                .iter()
                .filter(|o| !o.correct)
                .map(|o| len(&o.text))
                .min();
            right <= min_wrong
        })
        .count();
    println!(
        "right answer is the shortest option: {shortest} of {}",
        singles.len()
    );
    assert!(shortest * 3 <= singles.len());
    // Some right answers are the less comfortable reading: the gentlest
    // option is wrong in at least a quarter of the single-choice checks.
    let gentlest_wrong = singles
        .iter()
        .filter(|c| Guesser::Gentlest.credit(c) < Some(1.0))
        .count();
    println!(
        "the gentlest option is not (only) the right one: {gentlest_wrong} of {}",
        singles.len()
    );
    assert!(gentlest_wrong * 4 >= singles.len());
}

fn all_checks(course: &parse::Course) -> Vec<&parse::Check> {
    course
        .lessons
        .iter()
        .flat_map(|l| &l.checks)
        .chain(
            course
                .recap
                .iter()
                .flat_map(|r| r.checks.iter().map(|c| &c.check)),
        )
        .collect()
}

#[test]
fn every_check_offers_help_before_the_answer_pointing_into_its_lesson() {
    let course = course();
    for lesson in &course.lessons {
        for c in &lesson.checks {
            let passage = c.passage.as_deref().expect("a passage");
            assert!(lesson.sections.iter().any(|s| s.id == passage), "{}", c.id);
            let nudge = c.nudge.as_deref().expect("a nudge");
            // One sentence, and it does not give the answer away.
            assert_eq!(
                nudge.matches(['.', '?', '!']).count(),
                1,
                "{}: {nudge}",
                c.id
            );
            for o in c.options.iter().filter(|o| o.correct) {
                assert!(!nudge.contains(&o.text), "{}", c.id);
            }
            assert!(
                c.another_way.as_deref().is_some_and(|w| w.len() > 40),
                "{}",
                c.id
            );
        }
    }
    let recap = course.recap.as_ref().unwrap();
    for item in &recap.checks {
        let lesson = course
            .lessons
            .iter()
            .find(|l| l.slug == item.lesson)
            .unwrap();
        let passage = item.check.passage.as_deref().expect("a passage");
        assert!(
            lesson.sections.iter().any(|s| s.id == passage),
            "{}",
            item.check.id
        );
    }
}

#[test]
fn the_word_lists_are_the_ones_the_end_to_end_guessers_use() {
    let spec = std::fs::read_to_string("tests/e2e/guessers.spec.mjs").unwrap();
    for (name, list) in [
        ("HEDGES", cues::HEDGES),
        ("ABSOLUTES", cues::ABSOLUTES),
        ("GENTLE", cues::GENTLE),
        ("HARSH", cues::HARSH),
        ("STOP", cues::STOP),
    ] {
        let start = spec
            .find(&format!("const {name} = ["))
            .unwrap_or_else(|| panic!("{name} in the spec"));
        let body = &spec[start..];
        let body = &body[body.find('[').unwrap() + 1..body.find(']').unwrap()];
        let words: Vec<&str> = body
            .split(',')
            .map(|w| w.trim().trim_matches('"'))
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words, list, "{name}");
    }
}

#[test]
fn cues_are_counted_from_the_words_as_written() {
    assert_eq!(cues::hedges("It may help, and often can."), 3);
    assert_eq!(cues::hedges("She can\u{2019}t, and cannot."), 0);
    assert_eq!(cues::absolutes("She can\u{2019}t, and cannot."), 2);
    assert_eq!(cues::absolutes("Gone for good, at all, never."), 3);
    assert_eq!(cues::absolutes("A goodbye at a party"), 0);
    assert!(cues::gentleness("a kind and gentle word") > cues::gentleness("blame and fault"));
    assert!(cues::is_caricature("He is lying to her"));
    assert!(cues::is_caricature("She will always leave"));
    assert!(!cues::is_caricature("She may need time"));
    assert_eq!(
        cues::names("Later, Mira says \"Big plans\" to Tom's dad. I'm fine. Sam came."),
        ["Mira", "Tom"].map(String::from).into()
    );
}

/// The measures of any course folder (lessons/ and recap.toml), read but
/// not validated: for comparing an earlier edition.
///   ATTUNE_COURSE_DIR=/path cargo test --test content measures_of_a_course_folder -- --ignored --nocapture
#[test]
#[ignore = "needs ATTUNE_COURSE_DIR"]
fn measures_of_a_course_folder() {
    let dir =
        std::path::PathBuf::from(std::env::var("ATTUNE_COURSE_DIR").expect("ATTUNE_COURSE_DIR"));
    let mut stems: Vec<String> = std::fs::read_dir(dir.join("lessons"))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    stems.sort();
    let read = |p: std::path::PathBuf| std::fs::read_to_string(p).unwrap();
    let lessons = stems
        .iter()
        .map(|stem| {
            let lessons = dir.join("lessons");
            parse::parse_lesson(
                stem,
                &read(lessons.join(format!("{stem}.md"))),
                &read(lessons.join(format!("{stem}.toml"))),
            )
            .unwrap()
        })
        .collect();
    let recap = parse::parse_recap(&read(dir.join("recap.toml"))).ok();
    let mut course = parse::Course { lessons, recap };
    // Before the third edition, options were shown in an order mixed by
    // their ids: ATTUNE_HASH_ORDER=1 measures that order.
    if std::env::var_os("ATTUNE_HASH_ORDER").is_some() {
        let hash_order = |c: &mut parse::Check| {
            let id = c.id.clone();
            c.options
                .sort_by_key(|o| attune_content::hash::fnv1a(format!("{id}/{}", o.id).as_bytes()));
        };
        course
            .lessons
            .iter_mut()
            .flat_map(|l| &mut l.checks)
            .for_each(hash_order);
        if let Some(r) = &mut course.recap {
            r.checks
                .iter_mut()
                .map(|c| &mut c.check)
                .for_each(hash_order);
        }
    }
    println!("{}", quality::measure(&course));
    for e in quality::check(&course) {
        println!("  rule: {e}");
    }
}

#[test]
fn the_right_answer_is_longest_only_when_no_wrong_option_is_longer() {
    let course = course();
    let mut check = course.lessons[0].checks[0].clone();
    let right = check.options.iter().position(|o| o.correct).unwrap();
    let longest = check.options.iter().map(|o| o.text.len()).max().unwrap();
    check.options[right].text = "x".repeat(longest);
    assert!(quality::right_is_longest(&check), "a tie counts");
    check.options[right].text = "x".to_string();
    assert!(!quality::right_is_longest(&check));
    check.kind = parse::CheckKind::Multiple;
    check.options[right].text = "x".repeat(longest + 1);
    assert!(
        !quality::right_is_longest(&check),
        "only single-choice checks"
    );
}

#[test]
fn a_course_whose_right_answers_are_longest_fails() {
    assert_eq!(
        quality_errors("quality-longest"),
        [QualityError::RightIsLongest {
            longest: 2,
            singles: 3
        }]
    );
}

#[test]
fn a_check_with_too_few_wrong_options_fails() {
    assert_eq!(
        quality_errors("quality-few-wrong"),
        [QualityError::TooFewWrongOptions {
            check: "few-wrong.two-wrong".to_string(),
            wrong: 2
        }]
    );
}

#[test]
fn a_lesson_with_too_few_application_checks_fails() {
    let errors = quality_errors("quality-few-applications");
    assert!(errors.contains(&QualityError::TooFewApplications {
        lesson: "few-applications".to_string(),
        found: 1
    }));
    // One scenario in three checks is also too low a share for the course.
    assert!(errors.contains(&QualityError::ApplicationShareTooLow {
        applications: 1,
        checks: 3
    }));
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn a_course_with_too_few_applications_overall_fails() {
    assert_eq!(
        quality_errors("quality-share"),
        [QualityError::ApplicationShareTooLow {
            applications: 2,
            checks: 4
        }]
    );
}

#[test]
fn a_course_whose_right_answers_sit_in_one_place_fails() {
    assert_eq!(
        quality_errors("quality-position"),
        [QualityError::RightPositionUneven {
            position: 1,
            found: 3,
            chance: 0.75
        }]
    );
}

#[test]
fn a_check_whose_hedges_or_absolutes_give_the_answer_away_fails() {
    assert_eq!(
        quality_errors("quality-cues"),
        [
            QualityError::CueOutOfBalance {
                check: "cues.hedged".into(),
                cue: "a hedge",
                right: (1, 1),
                wrong: (0, 3)
            },
            QualityError::CueOutOfBalance {
                check: "cues.absolute".into(),
                cue: "an absolute",
                right: (0, 1),
                wrong: (3, 3)
            },
        ]
    );
}

#[test]
fn a_check_without_help_before_the_answer_fails() {
    let missing = |check: &str, part| QualityError::MissingHelp {
        check: check.into(),
        part,
    };
    assert_eq!(
        quality_errors("quality-help"),
        [
            missing("help.no-nudge", "nudge"),
            missing("help.no-other-way", "another way"),
            missing("help.no-passage", "passage"),
        ]
    );
}

#[test]
fn a_scenario_that_retells_its_lesson_fails_and_is_no_application() {
    let errors = quality_errors("quality-lifted");
    let lifted: Vec<&str> = errors
        .iter()
        .filter_map(|e| match e {
            QualityError::LiftedScenario { check, .. } => Some(check.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(lifted, ["lifted.kinds", "lifted.name", "lifted.words"]);
    let why = |id: &str| {
        errors.iter().find_map(|e| match e {
            QualityError::LiftedScenario { check, why } if check == id => Some(why.clone()),
            _ => None,
        })
    };
    assert!(why("lifted.kinds").unwrap().contains("carer, home, work"));
    assert!(why("lifted.name").unwrap().contains("Mira"));
    assert!(why("lifted.words").unwrap().contains("street fills with"));
    // Retold scenarios do not count as applications.
    assert!(errors.contains(&QualityError::ApplicationShareTooLow {
        applications: 2,
        checks: 6
    }));
    assert_eq!(errors.len(), 4, "{errors:?}");
}

#[test]
fn every_quality_error_names_the_rule() {
    for e in [
        QualityError::RightIsLongest {
            longest: 2,
            singles: 3,
        },
        QualityError::TooFewWrongOptions {
            check: "a.b".into(),
            wrong: 1,
        },
        QualityError::TooFewApplications {
            lesson: "a".into(),
            found: 0,
        },
        QualityError::ApplicationShareTooLow {
            applications: 1,
            checks: 3,
        },
        QualityError::CueOutOfBalance {
            check: "a.b".into(),
            cue: "a hedge",
            right: (1, 1),
            wrong: (0, 3),
        },
        QualityError::RightPositionUneven {
            position: 1,
            found: 3,
            chance: 0.75,
        },
        QualityError::MissingHelp {
            check: "a.b".into(),
            part: "nudge",
        },
        QualityError::LiftedScenario {
            check: "a.b".into(),
            why: "names Ana, as the lesson does".into(),
        },
    ] {
        let message = ContentError::Quality(e).to_string();
        assert!(
            message.contains("at least") || message.contains("at most"),
            "{message}"
        );
    }
}

#[test]
fn the_recap_draws_on_every_lesson_with_scenarios_only() {
    let course = course();
    let recap = course.recap.as_ref().expect("the course has a recap");
    assert_eq!(recap.slug, "course-recap");
    assert!((7..=12).contains(&recap.checks.len()));
    for lesson in &course.lessons {
        assert!(
            recap.checks.iter().any(|c| c.lesson == lesson.slug),
            "{}",
            lesson.slug
        );
    }
    for item in &recap.checks {
        assert_eq!(item.check.kind, parse::CheckKind::Single);
        assert!(item.check.scenario.is_some());
        assert!(item.check.options.len() >= 4);
    }
    // Ids are unique across the lessons and the recap.
    let mut ids: Vec<&str> = course
        .lessons
        .iter()
        .flat_map(|l| {
            l.checks
                .iter()
                .map(|c| c.id.as_str())
                .chain(l.reflections.iter().map(|r| r.id.as_str()))
        })
        .chain(recap.checks.iter().map(|c| c.check.id.as_str()))
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all);
}

#[test]
fn a_broken_recap_fails_with_every_mistake_named() {
    let errors = load_content(
        Path::new("tests/fixtures/broken-recap"),
        Path::new("public"),
    )
    .expect_err("the broken recap must not validate");
    let has = |pred: &dyn Fn(&ContentError) -> bool| errors.iter().any(pred);
    assert!(has(&|e| matches!(
        e,
        ContentError::RecapUnknownLesson { lesson, .. } if lesson == "not-a-lesson"
    )));
    assert!(has(
        &|e| matches!(e, ContentError::RecapMissesLesson(slug) if slug == "recap-fixture")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::RecapNotAScenario(id) if id == "recap.not-a-scenario")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::DuplicateId(id) if id == "recap-fixture.one")
    ));
    assert!(has(
        &|e| matches!(e, ContentError::DuplicateSlug(slug) if slug == "recap-fixture")
    ));
    // Without its recap file, the content does not load.
    let missing =
        load_content(Path::new("tests/fixtures"), Path::new("public")).expect_err("no recap.toml");
    assert!(missing
        .iter()
        .any(|e| matches!(e, ContentError::Io(file, _) if file.ends_with("recap.toml"))));
}

#[test]
fn markdown_blocks_are_parsed() {
    let md = "## One {#one}\n\nA *soft* and **firm** line\nthat wraps.\n\n- first\n- second\n\n![Alt](figures/x.svg \"Cap\")\n\n?[l.q]\n\n> A note\n> of *care*.\nAfter it.\n";
    let sections = parse_markdown("t.md", md).expect("valid");
    assert_eq!(sections.len(), 1);
    assert_eq!(sections[0].id, "one");
    let blocks = &sections[0].blocks;
    assert_eq!(
        blocks[0],
        Block::Paragraph(vec![
            Inline::Text("A ".into()),
            Inline::Emphasis("soft".into()),
            Inline::Text(" and ".into()),
            Inline::Strong("firm".into()),
            Inline::Text(" line that wraps.".into()),
        ])
    );
    assert!(matches!(&blocks[1], Block::List(items) if items.len() == 2));
    assert!(matches!(&blocks[2], Block::Figure { caption, .. } if caption == "Cap"));
    assert_eq!(blocks[3], Block::Activity("l.q".into()));
    assert_eq!(
        blocks[4],
        Block::CareNote(vec![
            Inline::Text("A note of ".into()),
            Inline::Emphasis("care".into()),
            Inline::Text(".".into()),
        ])
    );
    assert_eq!(
        blocks[5],
        Block::Paragraph(vec![Inline::Text("After it.".into())])
    );
}

/// The notes of care of a lesson, as plain text.
fn care_notes(lesson: &parse::Lesson) -> Vec<String> {
    lesson
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::CareNote(parts) => Some(parts.iter().map(|p| p.text()).collect()),
            _ => None,
        })
        .collect()
}

/// Issue 22: a note of care wherever the subject is hardest. Lessons 2 and
/// 3 (carers who frightened or harmed), 4 to 6 (limits, quiet and pursuit
/// are not control), 6 and 7 (before the empathy exercises), 7 (if you are
/// struggling). Each note ends with the emergency number and a link to
/// help (`components::help::CareNote`).
#[test]
fn the_hardest_lessons_carry_notes_of_care() {
    let course = course();
    let notes: Vec<Vec<String>> = course.lessons.iter().map(care_notes).collect();
    let has = |lesson: usize, words: &[&str]| {
        notes[lesson]
            .iter()
            .any(|n| words.iter().all(|w| n.contains(w)))
    };
    assert!(notes[0].is_empty(), "lesson 1 needs none");
    for lesson in [1, 2] {
        assert!(
            has(lesson, &["frightened", "fault", "support exists"]),
            "lesson {}",
            lesson + 1
        );
        assert!(
            has(lesson, &["not a lack of focus"]),
            "lesson {}",
            lesson + 1
        );
    }
    for lesson in 3..=5 {
        assert!(has(lesson, &["attachment style"]), "lesson {}", lesson + 1);
    }
    assert!(has(5, &["Following you everywhere", "checking your phone"]));
    assert!(
        has(5, &["feel safe with"]),
        "before the exercise in lesson 6"
    );
    assert!(has(6, &["feel safe with"]), "before trying on feelings");
    assert!(has(6, &["If you are struggling"]));
    // The notes of the empathy exercises come right before them.
    for (lesson, id) in [
        (5, "same-wound-different-coping.their-world"),
        (6, "how-change-happens.try-on-practice"),
    ] {
        let blocks: Vec<&Block> = course.lessons[lesson]
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .collect();
        let at = blocks
            .iter()
            .position(|b| matches!(b, Block::Activity(a) if a == id))
            .unwrap();
        assert!(matches!(blocks[at - 1], Block::CareNote(_)), "{id}");
    }
}

/// Issue 22, item 3: the article's "many reasons", and no blanket
/// "nobody's fault".
#[test]
fn the_lessons_keep_the_articles_many_reasons() {
    let course = course();
    let text = |i: usize| lesson_text(&course.lessons[i]).join(" ");
    let two = text(1);
    assert!(two.contains("a parent or carer"));
    assert!(!two.contains("loving parent"));
    assert!(two.contains("far more than any list could hold"));
    let three = text(2);
    assert!(!three.contains("nobody's fault"));
    assert!(three.contains("A child is never at fault"));
}

/// Every link in the prose names a page of the course, and a section
/// anchor names a section of that lesson.
#[test]
fn every_link_in_the_lessons_names_a_page() {
    use attune::model::routes::{section_anchor, Route};
    let course = course();
    let mut links = 0;
    for lesson in &course.lessons {
        for block in lesson.sections.iter().flat_map(|s| &s.blocks) {
            let parts: Vec<&Inline> = match block {
                Block::Paragraph(p) | Block::CareNote(p) => p.iter().collect(),
                Block::List(items) => items.iter().flatten().collect(),
                _ => continue,
            };
            for part in parts {
                let Inline::Link(_, href) = part else {
                    continue;
                };
                links += 1;
                let route = Route::parse(href);
                assert_ne!(route, Route::NotFound, "{}: {href}", lesson.slug);
                if let (Route::Lesson(slug), Some((_, anchor))) = (&route, href.split_once('#')) {
                    let target = course.lessons.iter().find(|l| &l.slug == slug).unwrap();
                    assert!(
                        target
                            .sections
                            .iter()
                            .any(|s| section_anchor(&s.id) == anchor),
                        "{}: {href}",
                        lesson.slug
                    );
                }
            }
        }
    }
    assert!(links >= 3, "{links} links");
    // The Review page's "when it is hard" link goes to the practice.
    let (slug, section) = attune::pages::review::PRACTICE;
    let lesson = course.lessons.iter().find(|l| l.slug == slug).unwrap();
    assert!(lesson.sections.iter().any(|s| s.id == section));
    assert!(lesson
        .reflections
        .iter()
        .any(|r| r.id == format!("{slug}.{section}") && r.steps.len() == 4));
}

#[test]
fn links_are_parsed_and_anything_else_stays_text() {
    assert_eq!(
        parse_inline("See [the guide](/other-patterns/) now."),
        vec![
            Inline::Text("See ".into()),
            Inline::Link("the guide".into(), "/other-patterns/".into()),
            Inline::Text(" now.".into()),
        ]
    );
    // Only app paths; a broken or outside link is left as it was written.
    for text in [
        "[x](https://example.org/)",
        "[x](/a b/)",
        "[x]",
        "[](/a/)",
        "[x](/a/",
    ] {
        assert_eq!(
            parse_inline(text),
            vec![Inline::Text(text.into())],
            "{text}"
        );
    }
    assert_eq!(
        parse_inline("*a* [b](/c/) **d**"),
        vec![
            Inline::Emphasis("a".into()),
            Inline::Text(" ".into()),
            Inline::Link("b".into(), "/c/".into()),
            Inline::Text(" ".into()),
            Inline::Strong("d".into()),
        ]
    );
}

#[test]
fn markdown_mistakes_are_refused_with_a_line_number() {
    for (md, line) in [
        ("Text before any section.", 1),
        ("## No id\n", 1),
        ("## A {#a}\n\n# Big heading\n", 3),
        ("## A {#a}\n\n<b>html</b>\n", 3),
        ("## A {#a}\n\n?[unclosed\n", 3),
        ("## A {#a}\n\n![alt](x.svg bad caption)\n", 3),
    ] {
        match parse_markdown("t.md", md) {
            Err(ContentError::Markdown { line: l, .. }) => assert_eq!(l, line, "{md:?}"),
            other => panic!("{md:?} should fail, got {other:?}"),
        }
    }
}

#[test]
fn unmatched_emphasis_is_kept_as_text() {
    assert_eq!(parse_inline("2 * 3"), vec![Inline::Text("2 * 3".into())]);
}

// ---- Reading grade -------------------------------------------------------

/// Flesch-Kincaid grade level. Each field (prompt, option, list item, key
/// idea) ends a sentence even without a full stop.
fn fk_grade(fields: &[String]) -> f64 {
    let (mut words, mut sentences, mut syllables) = (0usize, 0usize, 0usize);
    for field in fields {
        let w = word_list(field);
        if w.is_empty() {
            continue;
        }
        words += w.len();
        syllables += w.iter().map(|w| syllable_count(w)).sum::<usize>();
        let ends = field
            .split(['.', '!', '?'])
            .filter(|s| !word_list(s).is_empty())
            .count();
        sentences += ends.max(1);
    }
    0.39 * (words as f64 / sentences.max(1) as f64)
        + 11.8 * (syllables as f64 / words.max(1) as f64)
        - 15.59
}

fn word_list(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn syllable_count(word: &str) -> usize {
    let w = if word.ends_with('e') && !word.ends_with("le") {
        &word[..word.len() - 1]
    } else {
        word
    };
    let mut count = 0;
    let mut in_vowels = false;
    for c in w.chars() {
        let vowel = "aeiouy".contains(c);
        if vowel && !in_vowels {
            count += 1;
        }
        in_vowels = vowel;
    }
    count.max(1)
}

fn lesson_text(lesson: &parse::Lesson) -> Vec<String> {
    let inl = |parts: &[Inline]| parts.iter().map(|p| p.text()).collect::<String>();
    let mut fields = vec![lesson.title.clone(), lesson.summary.clone()];
    for idea in &lesson.key_ideas {
        fields.push(idea.text.clone());
        fields.push(idea.recall.clone());
    }
    for section in &lesson.sections {
        fields.push(section.heading.clone());
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) | Block::CareNote(p) => fields.push(inl(p)),
                Block::List(items) => fields.extend(items.iter().map(|i| inl(i))),
                Block::Figure { caption, .. } => fields.push(caption.clone()),
                Block::Activity(_) => {}
            }
        }
    }
    for c in &lesson.checks {
        fields.extend(check_text(c));
    }
    for r in &lesson.reflections {
        fields.push(r.prompt.clone());
        fields.push(r.response.clone());
        fields.extend(r.hint.clone());
        fields.extend(r.items.iter().map(|i| i.text.clone()));
        fields.extend(r.steps.iter().cloned());
    }
    fields
}

fn check_text(c: &parse::Check) -> Vec<String> {
    let mut fields: Vec<String> = c.scenario.iter().cloned().collect();
    fields.push(c.prompt.clone());
    for o in &c.options {
        fields.push(o.text.clone());
        fields.push(o.explanation.clone());
    }
    fields
}

#[test]
fn the_grade_formula_behaves() {
    assert!(fk_grade(&["The cat sat on the mat.".into()]) < 2.0);
    assert!(fk_grade(&["Institutional considerations notwithstanding, attachment-theoretical conceptualisations necessitate interdisciplinary elaboration.".into()]) > 16.0);
    assert_eq!(syllable_count("little"), 2);
    assert_eq!(syllable_count("make"), 1);
}

#[test]
fn every_lesson_reads_at_grade_nine_or_below() {
    let course = course();
    let recap = course.recap.as_ref().expect("recap");
    let mut recap_text = vec![recap.title.clone(), recap.summary.clone()];
    for c in &recap.checks {
        recap_text.extend(check_text(&c.check));
    }
    let grade = fk_grade(&recap_text);
    println!("{}: reading grade {grade:.1}", recap.slug);
    assert!(grade <= 9.0, "the recap reads at grade {grade:.1}");
    for lesson in course.lessons {
        let grade = fk_grade(&lesson_text(&lesson));
        println!("{}: reading grade {grade:.1}", lesson.slug);
        assert!(
            grade <= 9.0,
            "{} reads at grade {grade:.1}; aim for 9 or lower",
            lesson.slug
        );
    }
}

/// The words of the learning pages (review, then and now, Where I stand,
/// how sure, the closing page), read from their source.
fn learning_text() -> Vec<String> {
    source_text(&[
        "src/pages/review.rs",
        "src/pages/stance.rs",
        "src/pages/course_end.rs",
        "src/components/then_now.rs",
        "src/components/calibration.rs",
        "src/components/stance_chart.rs",
        "src/components/follow_ups.rs",
        "src/model/stance/mod.rs",
        "src/model/stance/take.rs",
        "src/model/review/mod.rs",
        "src/model/review/card.rs",
        "src/model/then_now/mod.rs",
        "src/model/then_now/follow_up.rs",
    ])
}

/// Every string literal of four words or more in `files`.
fn source_text(files: &[&str]) -> Vec<String> {
    let mut fields = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap();
        for line in source.lines() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let mut parts = code.split('"');
            parts.next();
            while let (Some(literal), _) = (parts.next(), parts.next()) {
                // Typographic quotes are written as escapes; a `{` left
                // after them is a format string, whose words are not all
                // there.
                let literal = literal
                    .replace("\\u{2019}", "'")
                    .replace("\\u{201c}", "")
                    .replace("\\u{201d}", "")
                    .replace("\\u{2026}", ".");
                if literal.split_whitespace().count() >= 4 && !literal.contains('{') {
                    fields.push(literal);
                }
            }
        }
    }
    fields
}

#[test]
fn the_learning_pages_read_at_grade_nine_or_below() {
    let fields = learning_text();
    assert!(fields.len() > 40, "{} strings found", fields.len());
    let grade = fk_grade(&fields);
    println!(
        "learning pages: reading grade {grade:.1} over {} strings",
        fields.len()
    );
    assert!(grade <= 9.0, "the learning pages read at grade {grade:.1}");
    // Snapshot, not assessment: no label, type or score about the reader.
    for field in &fields {
        let lower = field.to_lowercase();
        for word in [
            "your score",
            "your type",
            "you are a",
            "attachment style",
            "diagnos",
        ] {
            assert!(!lower.contains(word), "{field}");
        }
    }
}

/// What the privacy tools protect and what not (issue 14): the Your data
/// page, About, and discreet mode's hint. Plain words, no label on the
/// reader, and no word such as "panic" that some readers find distressing.
#[test]
fn the_privacy_words_read_at_grade_nine_or_below() {
    let fields = source_text(&[
        "src/components/privacy_tools.rs",
        "src/pages/data.rs",
        "src/pages/about.rs",
        "src/model/settings.rs",
        "src/components/lock_settings.rs",
    ]);
    assert!(fields.len() > 20, "{} strings found", fields.len());
    let grade = fk_grade(&fields);
    println!(
        "privacy words: reading grade {grade:.1} over {} strings",
        fields.len()
    );
    assert!(grade <= 9.0, "the privacy words read at grade {grade:.1}");
    for field in &fields {
        let lower = field.to_lowercase();
        for word in ["panic", "victim", "abuse", "emergency", "you are a"] {
            assert!(!lower.contains(word), "{field}");
        }
    }
}

/// What a reader is told when the app's interactive parts did not load or
/// stopped (the notice in index.html), and when a file is shared instead
/// of downloaded: plain words, and nothing about a crash or a panic.
#[test]
fn the_notices_of_a_failed_start_and_of_sharing_read_at_grade_nine_or_below() {
    let html = std::fs::read_to_string("index.html").unwrap();
    let template = html
        .split(r#"<template id="start-failed">"#)
        .nth(1)
        .and_then(|rest| rest.split("</template>").next())
        .expect("index.html has the notice's template");
    let notice: Vec<String> = template
        .split(['<', '>'])
        // Text and tags alternate, text first.
        .step_by(2)
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(String::from)
        .collect();
    assert!(notice.len() >= 3, "{notice:?}");
    assert!(notice.iter().any(|t| t.contains("You can still read it")));
    let mut fields = notice;
    fields.extend(source_text(&["src/components/share_file.rs"]));
    let grade = fk_grade(&fields);
    println!(
        "failed start and sharing: reading grade {grade:.1} over {} strings",
        fields.len()
    );
    assert!(grade <= 9.0, "they read at grade {grade:.1}");
    for field in &fields {
        let lower = field.to_lowercase();
        for word in ["panic", "crash", "fatal", "error"] {
            assert!(!lower.contains(word), "{field}");
        }
    }
}

/// The words of help (issue 22): the help list and the notes of care, the
/// course's own guides (finding a therapist, when neither pattern fits),
/// and the helplines' own lines. Grade 9 or below, and none labels the
/// reader (`quality::labels_the_reader`).
#[test]
fn the_words_of_help_read_at_grade_nine_or_below_and_label_no_one() {
    let mut fields = source_text(&[
        "src/components/help.rs",
        "src/components/help_list.rs",
        "src/pages/therapist.rs",
        "src/pages/other_patterns.rs",
        "src/content/helplines.rs",
    ]);
    assert!(fields.len() > 25, "{} strings found", fields.len());
    let list = attune_content::helplines::load(Path::new("src/content/helplines.toml")).unwrap();
    for line in list.countries.iter().flat_map(|c| &c.lines) {
        fields.extend([line.about.clone(), line.hours.clone()]);
    }
    let grade = fk_grade(&fields);
    println!(
        "words of help: reading grade {grade:.1} over {} strings",
        fields.len()
    );
    assert!(grade <= 9.0, "the words of help read at grade {grade:.1}");
    for field in &fields {
        assert_eq!(quality::labels_the_reader(field), None, "{field}");
    }
    // Each guide reads at grade 9 or below on its own, and says it is the
    // course's own.
    for page in ["src/pages/therapist.rs", "src/pages/other_patterns.rs"] {
        let words = source_text(&[page]);
        let grade = fk_grade(&words);
        println!("{page}: reading grade {grade:.1}");
        assert!(grade <= 9.0, "{page} reads at grade {grade:.1}");
        assert!(words.iter().any(|w| w.contains("course's own")), "{page}");
    }
}

/// No lesson text labels the reader either: not the prose, the notes of
/// care, the questions or the reflections.
#[test]
fn no_lesson_labels_the_reader() {
    let course = course();
    for lesson in &course.lessons {
        for field in lesson_text(lesson) {
            assert_eq!(
                quality::labels_the_reader(&field),
                None,
                "{}: {field}",
                lesson.slug
            );
        }
    }
    assert_eq!(
        quality::labels_the_reader("You\u{2019}re a worrier."),
        Some("you're a ")
    );
    assert_eq!(
        quality::labels_the_reader("Your attachment style is anxious."),
        Some("your attachment style")
    );
    assert_eq!(
        quality::labels_the_reader("Many people lean anxious."),
        None
    );
}
