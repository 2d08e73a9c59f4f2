//! Host tests of the lesson text files (`text/<slug>-<hash>.json`): the
//! generator shared by build.rs and scripts/export-text, the indices the
//! shipped data holds into them, and the check the app makes on a fetched
//! file before showing any of it.
#![cfg(not(target_arch = "wasm32"))]

use attune::content::text::decode;
use attune::content::{
    lessons, recap, Block, Inline, Lesson, LessonText, ReflectionKind, TextError, TextId,
};
use attune_content::{codegen, parse};
use std::path::Path;

fn course() -> parse::Course {
    match parse::load_content(Path::new("src/content"), Path::new("public")) {
        Ok(c) => c,
        Err(errors) => panic!("content errors: {errors:#?}"),
    }
}

fn generated() -> codegen::Generated {
    codegen::generate(&course(), Path::new("public"))
}

/// Every text id a shipped lesson holds, in the order the generator numbers
/// them: key ideas, sections, checks, then reflections.
fn text_ids(lesson: &Lesson) -> Vec<TextId> {
    let inline = |i: &Inline| match i {
        Inline::Text(t) | Inline::Emphasis(t) | Inline::Strong(t) | Inline::Link(t, _) => *t,
    };
    let mut ids: Vec<TextId> = lesson
        .key_ideas
        .iter()
        .flat_map(|k| [k.text, k.recall])
        .collect();
    for section in lesson.sections {
        ids.push(section.heading);
        for block in section.blocks {
            match block {
                Block::Paragraph(parts) | Block::CareNote(parts) => {
                    ids.extend(parts.iter().map(inline))
                }
                Block::List(items) => ids.extend(items.iter().flat_map(|i| i.iter().map(inline))),
                Block::Figure { alt, caption, .. } => ids.extend([*alt, *caption]),
                Block::Check(_) | Block::Reflection(_) => {}
            }
        }
    }
    for check in lesson.checks {
        ids.extend(check.scenario);
        ids.push(check.prompt);
        ids.extend(check.options.iter().flat_map(|o| [o.text, o.explanation]));
        ids.extend(check.help.nudge);
        ids.extend(check.help.another_way);
    }
    for r in lesson.reflections {
        ids.push(r.prompt);
        match &r.kind {
            ReflectionKind::Text { hint, steps } => {
                ids.extend(*hint);
                ids.extend(steps.iter().copied());
            }
            ReflectionKind::Scale { low, high } => ids.extend([*low, *high]),
            ReflectionKind::Checklist { items } => ids.extend(items.iter().map(|i| i.text)),
        }
        ids.push(r.response);
    }
    ids
}

#[test]
fn the_shipped_data_names_each_text_file_by_its_hash_and_count() {
    let generated = generated();
    assert_eq!(generated.texts.len(), lessons().len());
    for (file, lesson) in generated.texts.iter().zip(lessons()) {
        assert_eq!(lesson.text_file, file.path);
        assert_eq!(lesson.text_hash, file.hash);
        assert_eq!(lesson.text_count, file.strings.len());
        assert_eq!(
            file.path,
            format!(
                "text/{}-{:016x}.json",
                lesson.slug,
                codegen::fnv1a(file.json.as_bytes())
            )
        );
        // What the app decodes is exactly what was generated.
        assert_eq!(decode(lesson, &file.json), Ok(file.strings.clone()));
    }
}

#[test]
fn every_text_id_is_in_range_and_every_text_is_used_once() {
    for lesson in lessons().iter().chain([recap()]) {
        let ids: Vec<usize> = text_ids(lesson).iter().map(|t| usize::from(t.0)).collect();
        let expected: Vec<usize> = (0..lesson.text_count).collect();
        assert_eq!(ids, expected, "{}", lesson.slug);
    }
}

#[test]
fn the_files_hold_the_long_texts_of_the_lesson() {
    let course = course();
    for (file, parsed) in generated().texts.iter().zip(&course.lessons) {
        let first_paragraph = parsed.sections[0].blocks.iter().find_map(|b| match b {
            parse::Block::Paragraph(p) => Some(p),
            _ => None,
        });
        if let Some(parse::Inline::Text(t)) = first_paragraph.and_then(|p| p.first()) {
            assert!(file.strings.contains(t), "{}", parsed.slug);
        }
        for check in &parsed.checks {
            for option in &check.options {
                assert!(file.strings.contains(&option.explanation));
            }
        }
    }
}

#[test]
fn every_short_text_reads_as_written_in_the_lesson_file() {
    let course = course();
    let generated = generated();
    for ((lesson, parsed), file) in lessons().iter().zip(&course.lessons).zip(generated.texts) {
        let text = LessonText::keep(file.strings);
        for (idea, p) in lesson.key_ideas.iter().zip(&parsed.key_ideas) {
            assert_eq!(idea.id, p.id);
            assert_eq!(text.get(idea.text), p.text);
            assert_eq!(text.get(idea.recall), p.recall);
        }
        assert_eq!(lesson.key_ideas.len(), parsed.key_ideas.len());
        for (section, p) in lesson.sections.iter().zip(&parsed.sections) {
            assert_eq!(text.get(section.heading), p.heading);
        }
        for (check, p) in lesson.checks.iter().zip(&parsed.checks) {
            assert_eq!(check.id, p.id);
            assert_eq!(text.get(check.prompt), p.prompt);
            // Help before the answer: its texts from the file, its passage
            // in the data, and the options in the order written.
            assert_eq!(check.help.nudge.map(|t| text.get(t)), p.nudge.as_deref());
            assert_eq!(
                check.help.another_way.map(|t| text.get(t)),
                p.another_way.as_deref()
            );
            assert_eq!(
                check.help.passage.as_ref().map(|p| (p.lesson, p.section)),
                p.passage.as_deref().map(|s| (lesson.slug, s))
            );
            let order: Vec<&str> = check.options.iter().map(|o| o.id).collect();
            let written: Vec<&str> = p.options.iter().map(|o| o.id.as_str()).collect();
            assert_eq!(order, written, "{}", check.id);
            for option in check.options {
                let p = p.options.iter().find(|o| o.id == option.id);
                assert_eq!(Some(text.get(option.text)), p.map(|o| o.text.as_str()));
                assert_eq!(Some(option.correct), p.map(|o| o.correct));
            }
        }
        for (r, p) in lesson.reflections.iter().zip(&parsed.reflections) {
            assert_eq!(r.id, p.id);
            assert_eq!(text.get(r.prompt), p.prompt);
            assert_eq!(text.get(r.response), p.response);
            match &r.kind {
                ReflectionKind::Text { hint, steps } => {
                    assert_eq!(hint.map(|h| text.get(h)), p.hint.as_deref());
                    let steps: Vec<&str> = steps.iter().map(|s| text.get(*s)).collect();
                    assert_eq!(steps, p.steps);
                }
                ReflectionKind::Scale { low, high } => {
                    assert_eq!(Some(text.get(*low)), p.low.as_deref());
                    assert_eq!(Some(text.get(*high)), p.high.as_deref());
                }
                ReflectionKind::Checklist { items } => {
                    let got: Vec<_> = items.iter().map(|i| (i.id, text.get(i.text))).collect();
                    let want: Vec<_> = p
                        .items
                        .iter()
                        .map(|i| (i.id.as_str(), i.text.as_str()))
                        .collect();
                    assert_eq!(got, want);
                }
            }
        }
        // Only what the home page and the header show stays in the wasm.
        assert_eq!(
            (lesson.title, lesson.summary, lesson.minutes),
            (
                parsed.title.as_str(),
                parsed.summary.as_str(),
                parsed.minutes
            )
        );
    }
}

#[test]
fn the_recap_ships_as_a_lesson_of_checks_with_its_own_text_file() {
    let course = course();
    let parsed = course.recap.as_ref().expect("the course has a recap");
    let file = generated().recap.expect("a recap text file");
    let shipped = recap();
    assert_eq!(shipped.slug, "course-recap");
    assert!(
        lessons().iter().all(|l| l.slug != shipped.slug),
        "not a lesson"
    );
    assert_eq!(
        (shipped.title, shipped.summary, shipped.minutes),
        (
            parsed.title.as_str(),
            parsed.summary.as_str(),
            parsed.minutes
        )
    );
    assert!(shipped.sections.is_empty() && shipped.reflections.is_empty());
    assert!(shipped.key_ideas.is_empty());
    assert_eq!(shipped.text_file, file.path);
    assert!(file.path.starts_with("text/course-recap-"));
    assert_eq!(shipped.text_hash, file.hash);
    assert_eq!(decode(shipped, &file.json), Ok(file.strings.clone()));
    let text = LessonText::keep(file.strings);
    assert_eq!(shipped.checks.len(), parsed.checks.len());
    for (check, p) in shipped.checks.iter().zip(&parsed.checks) {
        assert_eq!(check.id, p.check.id);
        assert_eq!(
            check.scenario.map(|s| text.get(s)),
            p.check.scenario.as_deref()
        );
        assert_eq!(text.get(check.prompt), p.check.prompt);
        // A recap question's passage is in the lesson it draws on.
        assert_eq!(
            check.help.passage.as_ref().map(|s| (s.lesson, s.section)),
            p.check.passage.as_deref().map(|s| (p.lesson.as_str(), s))
        );
        assert_eq!(
            check.help.nudge.map(|t| text.get(t)),
            p.check.nudge.as_deref()
        );
        for option in check.options {
            let p = p.check.options.iter().find(|o| o.id == option.id);
            assert_eq!(Some(text.get(option.text)), p.map(|o| o.text.as_str()));
            assert_eq!(
                Some(text.get(option.explanation)),
                p.map(|o| o.explanation.as_str())
            );
            assert_eq!(Some(option.correct), p.map(|o| o.correct));
        }
    }
    // A lesson's file is not the recap's.
    assert_eq!(
        decode(shipped, &generated().texts[0].json),
        Err(TextError::Damaged)
    );
}

#[test]
fn the_files_are_the_same_on_every_build_and_change_with_their_text() {
    let course = course();
    let a = codegen::generate(&course, Path::new("public"));
    let b = codegen::generate(&course, Path::new("public"));
    assert_eq!(a.rust, b.rust);
    for (x, y) in a.texts.iter().zip(&b.texts) {
        assert_eq!((&x.path, &x.json), (&y.path, &y.json));
    }
    let mut edited = course.clone();
    let lesson = &mut edited.lessons[0];
    let explanation = &mut lesson.checks[0].options[0].explanation;
    explanation.push_str(" Edited.");
    let c = codegen::generate(&edited, Path::new("public"));
    assert_ne!(c.texts[0].path, a.texts[0].path, "an edit renames the file");
    for (x, y) in c.texts.iter().zip(&a.texts).skip(1) {
        assert_eq!(x.path, y.path, "other lessons keep their files");
    }
}

#[test]
fn json_escaping_round_trips_through_serde_json() {
    let mut course = course();
    let tricky = "Quotes \" and \\ back\\slashes,\na newline, a tab\t, \u{1} and é ✓ \u{1F49B}";
    course.lessons[0].checks[0].options[0].explanation = tricky.to_string();
    let file = &codegen::generate(&course, Path::new("public")).texts[0];
    let decoded: Vec<String> = serde_json::from_str(&file.json).expect("valid JSON");
    assert_eq!(decoded, file.strings);
    assert!(decoded.iter().any(|s| s == tricky));
}

#[test]
fn a_stale_damaged_or_foreign_file_is_refused() {
    let generated = generated();
    let lesson = &lessons()[0];
    let json = &generated.texts[0].json;
    // Same number of strings, one changed: an older or newer version.
    let stale = json.replacen("a", "b", 1);
    assert_eq!(decode(lesson, &stale), Err(TextError::Damaged));
    // Cut short in transit.
    assert_eq!(
        decode(lesson, &json[..json.len() / 2]),
        Err(TextError::Damaged)
    );
    // Another lesson's file.
    assert_eq!(
        decode(lesson, &generated.texts[1].json),
        Err(TextError::Damaged)
    );
    assert_eq!(decode(lesson, ""), Err(TextError::Damaged));
}

#[test]
fn every_failure_reads_as_words() {
    for e in [
        TextError::Network,
        TextError::Status(404),
        TextError::Damaged,
    ] {
        assert!(e.message().ends_with('.'));
    }
    assert!(TextError::Status(503).message().contains("503"));
}
