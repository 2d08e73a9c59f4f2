//! Build-time reader for the course files under `src/content/lessons/`.
//!
//! Used by `build.rs`, `scripts/export-text` and the host tests, never by
//! the app. It turns each lesson's Markdown and TOML into a plain data tree
//! and validates it, so a broken content file fails the build (and `cargo
//! test`) instead of reaching a reader. Keeping the parser out of the wasm
//! keeps Markdown and TOML code out of the download.

pub use crate::error::ContentError;
pub use crate::tree::*;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

/// The lesson's TOML file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonMeta {
    slug: String,
    title: String,
    minutes: u32,
    summary: String,
    #[serde(rename = "key_idea", default)]
    key_ideas: Vec<KeyIdea>,
    #[serde(rename = "check", default)]
    checks: Vec<Check>,
    #[serde(rename = "reflection", default)]
    reflections: Vec<Reflection>,
}

/// The recap's TOML file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecapMeta {
    slug: String,
    title: String,
    minutes: u32,
    summary: String,
    #[serde(rename = "check", default)]
    checks: Vec<RecapCheckToml>,
}

/// A recap question as written: a check with the lesson it is drawn from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecapCheckToml {
    id: String,
    lesson: String,
    kind: CheckKind,
    #[serde(default)]
    scenario: Option<String>,
    prompt: String,
    #[serde(default)]
    nudge: Option<String>,
    #[serde(default)]
    another_way: Option<String>,
    #[serde(default)]
    passage: Option<String>,
    #[serde(rename = "option", default)]
    options: Vec<CheckOption>,
}

/// Reads the whole course from `content_dir`: the lessons in `lessons/` and
/// the recap in `recap.toml`, validated together (ids are unique across
/// both, and the recap must draw on every lesson). `public_dir` is where
/// figure files must exist. This is what the build ships.
pub fn load_content(content_dir: &Path, public_dir: &Path) -> Result<Course, Vec<ContentError>> {
    let (lessons, mut errors) = read_lessons(&content_dir.join("lessons"));
    let recap_path = content_dir.join("recap.toml");
    let recap = match std::fs::read_to_string(&recap_path) {
        Ok(text) => match parse_recap(&text) {
            Ok(recap) => Some(recap),
            Err(e) => {
                errors.push(e);
                None
            }
        },
        Err(e) => {
            errors.push(ContentError::Io(
                recap_path.display().to_string(),
                e.to_string(),
            ));
            None
        }
    };
    finish(Course { lessons, recap }, errors, public_dir)
}

/// Reads every lesson pair in `dir` (sorted by file name) and validates the
/// lessons alone, without a recap. `public_dir` is where figure files must
/// exist.
pub fn load_course(dir: &Path, public_dir: &Path) -> Result<Course, Vec<ContentError>> {
    let (lessons, errors) = read_lessons(dir);
    finish(
        Course {
            lessons,
            recap: None,
        },
        errors,
        public_dir,
    )
}

/// Validates a course read with `errors` so far, and checks its figures.
fn finish(
    course: Course,
    mut errors: Vec<ContentError>,
    public_dir: &Path,
) -> Result<Course, Vec<ContentError>> {
    errors.extend(validate(&course));
    for lesson in &course.lessons {
        for section in &lesson.sections {
            for block in &section.blocks {
                if let Block::Figure { src, .. } = block {
                    if !public_dir.join(src).is_file() {
                        errors.push(ContentError::MissingFigure {
                            lesson: lesson.slug.clone(),
                            src: src.clone(),
                        });
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(course)
    } else {
        Err(errors)
    }
}

/// Every lesson pair in `dir`, sorted by file name, and what could not be
/// read or parsed.
fn read_lessons(dir: &Path) -> (Vec<Lesson>, Vec<ContentError>) {
    let mut stems = BTreeSet::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            return (
                Vec::new(),
                vec![ContentError::Io(dir.display().to_string(), e.to_string())],
            )
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str());
        if matches!(ext, Some("md") | Some("toml")) {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                stems.insert(stem.to_string());
            }
        }
    }
    let mut lessons = Vec::new();
    let mut errors = Vec::new();
    for stem in &stems {
        let md_path = dir.join(format!("{stem}.md"));
        let toml_path = dir.join(format!("{stem}.toml"));
        if !md_path.exists() || !toml_path.exists() {
            errors.push(ContentError::MissingPair(stem.clone()));
            continue;
        }
        let read = |p: &Path| {
            std::fs::read_to_string(p)
                .map_err(|e| ContentError::Io(p.display().to_string(), e.to_string()))
        };
        match (read(&md_path), read(&toml_path)) {
            (Ok(md), Ok(toml_text)) => match parse_lesson(stem, &md, &toml_text) {
                Ok(lesson) => lessons.push(lesson),
                Err(e) => errors.extend(e),
            },
            (a, b) => errors.extend(a.err().into_iter().chain(b.err())),
        }
    }
    (lessons, errors)
}

/// Parses the recap's TOML.
pub fn parse_recap(toml_text: &str) -> Result<Recap, ContentError> {
    let meta: RecapMeta = toml::from_str(toml_text)
        .map_err(|e| ContentError::Toml("recap.toml".to_string(), e.to_string()))?;
    Ok(Recap {
        slug: meta.slug,
        title: meta.title,
        minutes: meta.minutes,
        summary: meta.summary,
        checks: meta
            .checks
            .into_iter()
            .map(|c| RecapCheck {
                lesson: c.lesson,
                check: Check {
                    id: c.id,
                    kind: c.kind,
                    scenario: c.scenario,
                    prompt: c.prompt,
                    nudge: c.nudge,
                    another_way: c.another_way,
                    passage: c.passage,
                    options: c.options,
                },
            })
            .collect(),
    })
}

/// Parses one lesson from its two files' text. `name` is used in messages.
pub fn parse_lesson(
    name: &str,
    markdown: &str,
    toml_text: &str,
) -> Result<Lesson, Vec<ContentError>> {
    let meta: LessonMeta = toml::from_str(toml_text)
        .map_err(|e| vec![ContentError::Toml(format!("{name}.toml"), e.to_string())])?;
    let sections = parse_markdown(&format!("{name}.md"), markdown).map_err(|e| vec![e])?;
    Ok(Lesson {
        slug: meta.slug,
        title: meta.title,
        minutes: meta.minutes,
        summary: meta.summary,
        key_ideas: meta.key_ideas,
        sections,
        checks: meta.checks,
        reflections: meta.reflections,
    })
}

/// The small Markdown subset the lessons use: `## Heading {#id}`, paragraphs,
/// `- ` lists, `![alt](src "caption")` figures, `?[id]` activity markers and
/// `> ` lines, which make a note of care.
pub fn parse_markdown(file: &str, text: &str) -> Result<Vec<Section>, ContentError> {
    let err = |line: usize, message: &str| ContentError::Markdown {
        file: file.to_string(),
        line,
        message: message.to_string(),
    };
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let mut note: Vec<&str> = Vec::new();

    // Closes the open paragraph, list or note, if any, into the current
    // section.
    fn flush(
        sections: &mut [Section],
        paragraph: &mut Vec<&str>,
        list: &mut Vec<Vec<Inline>>,
        note: &mut Vec<&str>,
    ) {
        if let Some(section) = sections.last_mut() {
            if !paragraph.is_empty() {
                section
                    .blocks
                    .push(Block::Paragraph(parse_inline(&paragraph.join(" "))));
                paragraph.clear();
            }
            if !list.is_empty() {
                section.blocks.push(Block::List(std::mem::take(list)));
            }
            if !note.is_empty() {
                section
                    .blocks
                    .push(Block::CareNote(parse_inline(&note.join(" "))));
                note.clear();
            }
        }
    }

    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            flush(&mut sections, &mut paragraph, &mut list, &mut note);
            continue;
        }
        if let Some(rest) = line.strip_prefix("## ") {
            flush(&mut sections, &mut paragraph, &mut list, &mut note);
            let (heading, id) = split_heading(rest)
                .ok_or_else(|| err(line_no, "a section heading needs an id: `## Heading {#id}`"))?;
            sections.push(Section {
                id,
                heading,
                blocks: Vec::new(),
            });
            continue;
        }
        if sections.is_empty() {
            return Err(err(line_no, "text before the first `## ` section"));
        }
        if line.starts_with('#') {
            return Err(err(line_no, "only `## ` headings are allowed"));
        }
        if line.contains('<') && line.contains('>') {
            return Err(err(line_no, "HTML is not allowed in lessons"));
        }
        if let Some(rest) = line.strip_prefix("?[") {
            flush(&mut sections, &mut paragraph, &mut list, &mut note);
            let id = rest
                .strip_suffix(']')
                .ok_or_else(|| err(line_no, "an activity marker is `?[id]` on its own line"))?;
            if let Some(s) = sections.last_mut() {
                s.blocks.push(Block::Activity(id.to_string()));
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("![") {
            flush(&mut sections, &mut paragraph, &mut list, &mut note);
            let figure = parse_figure(rest)
                .ok_or_else(|| err(line_no, "a figure is `![alt](src \"caption\")`"))?;
            if let Some(s) = sections.last_mut() {
                s.blocks.push(figure);
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("> ") {
            if note.is_empty() {
                flush(&mut sections, &mut paragraph, &mut list, &mut note);
            }
            note.push(rest.trim());
            continue;
        }
        if !note.is_empty() {
            flush(&mut sections, &mut paragraph, &mut list, &mut note);
        }
        if let Some(item) = line.strip_prefix("- ") {
            if !paragraph.is_empty() {
                flush(&mut sections, &mut paragraph, &mut list, &mut note);
            }
            list.push(parse_inline(item.trim()));
            continue;
        }
        if !list.is_empty() {
            if raw.starts_with("  ") {
                // A wrapped list item continues the last item.
                if let Some(last) = list.last_mut() {
                    last.push(Inline::Text(" ".to_string()));
                    last.extend(parse_inline(line.trim()));
                }
                continue;
            }
            flush(&mut sections, &mut paragraph, &mut list, &mut note);
        }
        paragraph.push(line.trim());
    }
    flush(&mut sections, &mut paragraph, &mut list, &mut note);
    if sections.is_empty() {
        return Err(err(1, "a lesson needs at least one `## ` section"));
    }
    Ok(sections)
}

fn split_heading(rest: &str) -> Option<(String, String)> {
    let open = rest.rfind("{#")?;
    let id = rest[open + 2..].strip_suffix('}')?;
    let heading = rest[..open].trim();
    if heading.is_empty() || id.is_empty() {
        return None;
    }
    Some((heading.to_string(), id.to_string()))
}

fn parse_figure(rest: &str) -> Option<Block> {
    let (alt, rest) = rest.split_once("](")?;
    let inner = rest.strip_suffix(')')?;
    let (src, caption) = match inner.split_once(' ') {
        Some((src, caption)) => (
            src,
            caption
                .trim()
                .strip_prefix('"')?
                .strip_suffix('"')?
                .to_string(),
        ),
        None => (inner, String::new()),
    };
    Some(Block::Figure {
        src: src.to_string(),
        alt: alt.to_string(),
        caption,
    })
}

/// Splits `[links](/path/)`, `*emphasis*` and `**strong**` out of a line of
/// text. An unmatched marker, or a link to anything but an app path (one
/// that starts with `/`), is kept as literal characters.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((before, link, after)) = split_link(rest) {
        out.extend(parse_emphasis(before));
        out.push(link);
        rest = after;
    }
    out.extend(parse_emphasis(rest));
    out
}

/// The text before the first `[text](/path)` link, the link, and the rest.
fn split_link(text: &str) -> Option<(&str, Inline, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| i + from) {
        let parsed = text[open + 1..].split_once("](").and_then(|(label, rest)| {
            let (href, after) = rest.split_once(')')?;
            let plain = !label.is_empty() && !label.contains(['[', '*']);
            (plain && href.starts_with('/') && !href.contains(char::is_whitespace))
                .then(|| (Inline::Link(label.to_string(), href.to_string()), after))
        });
        match parsed {
            Some((link, after)) => return Some((&text[..open], link, after)),
            None => from = open + 1,
        }
    }
    None
}

/// Splits `*emphasis*` and `**strong**` out of text without links.
fn parse_emphasis(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(pos) = rest.find('*') {
        let (before, after) = rest.split_at(pos);
        plain.push_str(before);
        let (marker, make): (&str, fn(String) -> Inline) = if after.starts_with("**") {
            ("**", Inline::Strong)
        } else {
            ("*", Inline::Emphasis)
        };
        let body = &after[marker.len()..];
        match body.find(marker) {
            Some(end) if end > 0 => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(make(body[..end].to_string()));
                rest = &body[end + marker.len()..];
            }
            _ => {
                plain.push_str(marker);
                rest = body;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

pub use crate::validate::{inline_words, validate};
