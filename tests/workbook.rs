//! Host tests of the Markdown workbook (`model::workbook`), given the
//! lessons' texts as the app loads them: the same strings the text files
//! hold, from the generator shared by build.rs and scripts/export-text.
#![cfg(not(target_arch = "wasm32"))]

use attune::content::{lessons, Lesson, LessonText, ReflectionKind};
use attune::model::dates::Zone;
use attune::model::progress::{Progress, ReflectionValue};
use attune::model::workbook::{describe_reflection, practice_steps, workbook_markdown};
use attune_content::{codegen, parse};
use std::path::Path;

const NOW: f64 = 1_795_636_511_018.0;

/// Every lesson with its text, as the loader hands them over.
fn loaded() -> Vec<(&'static Lesson, LessonText)> {
    let course = match parse::load_content(Path::new("src/content"), Path::new("public")) {
        Ok(c) => c,
        Err(errors) => panic!("content errors: {errors:#?}"),
    };
    let generated = codegen::generate(&course, Path::new("public"));
    lessons()
        .iter()
        .zip(generated.texts)
        .map(|(l, file)| (l, LessonText::keep(file.strings)))
        .collect()
}

#[test]
fn the_workbook_holds_key_ideas_and_the_readers_words() {
    let loaded = loaded();
    let (lesson, text) = loaded[0];
    let reflection = &lesson.reflections[0];
    let mut p = Progress::default();
    p.set_reflection(
        reflection.id,
        ReflectionValue::Text("line one\nline two".to_string()),
        NOW,
    );
    let md = workbook_markdown(&loaded, &p, NOW, &Zone::default());
    assert!(md.starts_with("# My Attune workbook"));
    for (l, t) in &loaded {
        assert!(md.contains(l.title));
        for idea in l.key_ideas {
            let idea = t.get(idea.text);
            assert!(!idea.is_empty());
            assert!(md.contains(idea), "{}: {idea}", l.slug);
        }
    }
    assert!(md.contains(&format!("**{}**", text.get(reflection.prompt))));
    assert!(md.contains("> line one\n> line two"));
    assert!(md.contains("25 November 2026"));
    assert!(md.contains("Gail Berry"));
}

#[test]
fn answers_show_the_question_and_the_chosen_options_in_words() {
    let loaded = loaded();
    let (lesson, text) = loaded[0];
    let check = &lesson.checks[0];
    let right: Vec<&str> = check
        .options
        .iter()
        .filter(|o| o.correct)
        .map(|o| o.id)
        .collect();
    let mut p = Progress::default();
    for id in &right {
        p.choose(check, id, true);
    }
    p.record_check(check, true);
    let md = workbook_markdown(&loaded, &p, NOW, &Zone::default());
    let chosen: Vec<&str> = check
        .options
        .iter()
        .filter(|o| o.correct)
        .map(|o| text.get(o.text))
        .collect();
    let line = format!(
        "- {} \u{2014} {} (right)",
        text.get(check.prompt),
        chosen.join("; ")
    );
    assert!(md.contains(&line), "{md}");
}

#[test]
fn scales_and_checklists_are_described_with_their_labels() {
    let loaded = loaded();
    let mut scales = 0;
    let mut checklists = 0;
    for (lesson, text) in &loaded {
        for r in lesson.reflections {
            match &r.kind {
                ReflectionKind::Scale { low, high } => {
                    scales += 1;
                    let shown = describe_reflection(r, &ReflectionValue::Scale(2), *text);
                    assert_eq!(
                        shown,
                        format!(
                            "2 out of 5 (1 = {}, 5 = {})",
                            text.get(*low),
                            text.get(*high)
                        )
                    );
                    assert!(!text.get(*low).is_empty() && !text.get(*high).is_empty());
                }
                ReflectionKind::Checklist { items } => {
                    checklists += 1;
                    let ids = items.iter().take(2).map(|i| i.id.to_string()).collect();
                    let shown = describe_reflection(r, &ReflectionValue::Checklist(ids), *text);
                    let labels: Vec<&str> =
                        items.iter().take(2).map(|i| text.get(i.text)).collect();
                    assert_eq!(shown, labels.join("; "));
                    assert!(labels.iter().all(|l| !l.is_empty()));
                }
                ReflectionKind::Text { .. } => {}
            }
        }
    }
    assert!(scales > 0 && checklists > 0, "the course has both kinds");
}

#[test]
fn a_practice_is_kept_with_its_steps_numbered() {
    let loaded = loaded();
    let practices: Vec<_> = loaded
        .iter()
        .flat_map(|&(l, t)| l.reflections.iter().map(move |r| (r, t)))
        .filter(|(r, t)| !practice_steps(r, *t).is_empty())
        .collect();
    // Two in lesson 7, and the practice for the moment itself in lesson 4.
    assert_eq!(practices.len(), 3, "three guided practices");
    let mut p = Progress::default();
    for (r, _) in &practices {
        p.set_reflection(r.id, ReflectionValue::Text(format!("Done: {}", r.id)), NOW);
    }
    let md = workbook_markdown(&loaded, &p, NOW, &Zone::default());
    for (r, text) in &practices {
        let steps = practice_steps(r, *text);
        assert!(steps.len() >= 2);
        let numbered: String = steps
            .iter()
            .enumerate()
            .map(|(n, s)| format!("{}. {s}\n", n + 1))
            .collect();
        let block = format!("**{}**\n\n{numbered}\n> Done: {}", text.get(r.prompt), r.id);
        assert!(md.contains(&block), "{md}");
    }
    // Other reflections have no steps.
    let (lesson, text) = loaded[0];
    assert!(practice_steps(&lesson.reflections[0], text).is_empty());
}
