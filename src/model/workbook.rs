//! "My workbook": the course's key ideas with the reader's own answers and
//! reflections, as Markdown to download. The printable page shows the same.
//! The course's words come from the lessons' loaded text files, passed in,
//! so every lesson's text is here before any of the file is written.

use super::dates::{format_day, Zone};
use super::progress::{Progress, ReflectionValue};
use crate::content::{Lesson, LessonText, Reflection, ReflectionKind, ARTICLE_TITLE};
use std::fmt::Write as _;

/// The reader's answer to a reflection, in words.
pub fn describe_reflection(
    reflection: &Reflection,
    value: &ReflectionValue,
    text: LessonText,
) -> String {
    match (value, &reflection.kind) {
        (ReflectionValue::Text(t), _) => t.clone(),
        (ReflectionValue::Scale(n), ReflectionKind::Scale { low, high }) => {
            format!(
                "{n} out of 5 (1 = {}, 5 = {})",
                text.get(*low),
                text.get(*high)
            )
        }
        (ReflectionValue::Checklist(ids), ReflectionKind::Checklist { items }) => items
            .iter()
            .filter(|i| ids.iter().any(|id| id == i.id))
            .map(|i| text.get(i.text))
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::from("(from an earlier version of this exercise)"),
    }
}

/// The steps of a guided practice, in words (none for other reflections).
pub fn practice_steps(reflection: &Reflection, text: LessonText) -> Vec<&'static str> {
    match &reflection.kind {
        ReflectionKind::Text { steps, .. } => steps.iter().map(|s| text.get(*s)).collect(),
        _ => Vec::new(),
    }
}

/// The whole workbook as Markdown. The reader's words are quoted as they
/// wrote them: this is a text file, nothing in it is run. Each lesson comes
/// with its loaded text, so none can be missing.
pub fn workbook_markdown(
    lessons: &[(&Lesson, LessonText)],
    progress: &Progress,
    now_ms: f64,
    zone: &Zone,
) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# My Attune workbook\n");
    let _ = writeln!(
        md,
        "Made on {}. Based on \u{201c}{ARTICLE_TITLE}\u{201d} by Gail Berry (Life Coach Directory). Education, not therapy.\n",
        format_day(now_ms, zone)
    );
    for (i, &(lesson, text)) in lessons.iter().enumerate() {
        let _ = writeln!(md, "## Lesson {}: {}\n", i + 1, lesson.title);
        let _ = writeln!(md, "### Key ideas\n");
        for idea in lesson.key_ideas {
            let _ = writeln!(md, "- {}", text.get(idea.text));
        }
        let written: Vec<_> = progress.written_reflections(lesson).collect();
        if !written.is_empty() {
            let _ = writeln!(md, "\n### My reflections\n");
            for (r, entry) in written {
                let _ = writeln!(md, "**{}**\n", text.get(r.prompt));
                let steps = practice_steps(r, text);
                for (n, step) in steps.iter().enumerate() {
                    let _ = writeln!(md, "{}. {step}", n + 1);
                }
                if !steps.is_empty() {
                    md.push('\n');
                }
                for line in describe_reflection(r, &entry.value, text).lines() {
                    let _ = writeln!(md, "> {line}");
                }
                let _ = writeln!(md, "\n_{}_\n", format_day(entry.edited, zone));
            }
        }
        let answered: Vec<_> = lesson
            .checks
            .iter()
            .filter_map(|c| {
                progress
                    .answer(c.id)
                    .filter(|a| a.checked.is_some())
                    .map(|a| (c, a))
            })
            .collect();
        if !answered.is_empty() {
            let _ = writeln!(md, "\n### My answers\n");
            for (c, a) in answered {
                let chosen: Vec<_> = c
                    .options
                    .iter()
                    .filter(|o| a.selected.iter().any(|s| s == o.id))
                    .map(|o| text.get(o.text))
                    .collect();
                let verdict = if a.checked == Some(true) {
                    "right"
                } else {
                    "not yet right"
                };
                let _ = writeln!(
                    md,
                    "- {} \u{2014} {} ({verdict})",
                    text.get(c.prompt),
                    chosen.join("; ")
                );
            }
        }
        md.push('\n');
    }
    md
}
