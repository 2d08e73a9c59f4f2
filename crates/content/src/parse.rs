//! Build-time reader for the course files under `src/content/lessons/`.
//!
//! Used by `build.rs`, `scripts/export-text` and the host tests, never by
//! the app. It turns each lesson's Markdown and TOML into a plain data tree
//! and validates it, so a broken content file fails the build (and `cargo
//! test`) instead of reaching a reader. Keeping the parser out of the wasm
//! keeps Markdown and TOML code out of the download.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// The whole course, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub lessons: Vec<Lesson>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub slug: String,
    pub title: String,
    pub minutes: u32,
    pub summary: String,
    pub key_ideas: Vec<KeyIdea>,
    pub sections: Vec<Section>,
    pub checks: Vec<Check>,
    pub reflections: Vec<Reflection>,
}

/// One of a lesson's key ideas: shown at the lesson's end and in the
/// workbook, and brought back in review by its `recall` question. Its id is
/// stable, like an activity's: the review schedule hangs on it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyIdea {
    /// `<lesson slug>.idea.<name>`.
    pub id: String,
    pub text: String,
    /// A question that asks the reader to bring the idea back to mind, e.g.
    /// "What do you remember about boundaries and closeness?"
    pub recall: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Figure {
        src: String,
        alt: String,
        caption: String,
    },
    /// A check or reflection placed here by `?[id]`.
    Activity(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emphasis(String),
    Strong(String),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub id: String,
    pub kind: CheckKind,
    #[serde(default)]
    pub scenario: Option<String>,
    pub prompt: String,
    #[serde(rename = "option", default)]
    pub options: Vec<CheckOption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    Single,
    Multiple,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckOption {
    pub id: String,
    pub text: String,
    pub correct: bool,
    #[serde(default)]
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    pub id: String,
    pub kind: ReflectionKind,
    pub prompt: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub low: Option<String>,
    #[serde(default)]
    pub high: Option<String>,
    pub response: String,
    #[serde(rename = "item", default)]
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReflectionKind {
    Text,
    Scale,
    Checklist,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
}

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

/// Everything that can be wrong with the content. Each names the file or id
/// so the author can find it.
#[derive(Debug, Clone, PartialEq)]
pub enum ContentError {
    Io(String, String),
    Toml(String, String),
    Markdown {
        file: String,
        line: usize,
        message: String,
    },
    MissingPair(String),
    NoLessons,
    DuplicateId(String),
    DuplicateSlug(String),
    BadId(String),
    BadSlug(String),
    UnknownActivity {
        lesson: String,
        id: String,
    },
    ActivityNotPlaced {
        lesson: String,
        id: String,
    },
    ActivityPlacedTwice {
        lesson: String,
        id: String,
    },
    EmptyText {
        place: String,
    },
    SingleNeedsOneCorrect {
        id: String,
        found: usize,
    },
    MultipleNeedsACorrect(String),
    TooFewOptions(String),
    MissingExplanation {
        question: String,
        option: String,
    },
    ScaleNeedsLabels(String),
    /// A key idea's id must be `<lesson slug>.idea.<name>`.
    BadIdeaId {
        lesson: String,
        id: String,
    },
    /// A key idea's recall prompt must be a question.
    RecallNotAQuestion(String),
    ChecklistNeedsItems(String),
    ItemsOnlyForChecklist(String),
    SectionTooLong {
        lesson: String,
        section: String,
        words: usize,
    },
    MinutesOutOfRange {
        lesson: String,
        minutes: u32,
    },
    TooFewActivities {
        lesson: String,
        what: &'static str,
    },
    MissingFigure {
        lesson: String,
        src: String,
    },
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ContentError::*;
        match self {
            Io(file, e) => write!(f, "{file}: cannot read: {e}"),
            Toml(file, e) => write!(f, "{file}: {e}"),
            Markdown {
                file,
                line,
                message,
            } => write!(f, "{file}:{line}: {message}"),
            MissingPair(stem) => write!(f, "{stem}: needs both a .md and a .toml file"),
            NoLessons => write!(f, "no lessons found"),
            DuplicateId(id) => write!(f, "id `{id}` is used more than once"),
            DuplicateSlug(s) => write!(f, "slug `{s}` is used by more than one lesson"),
            BadId(id) => write!(f, "id `{id}` must be lowercase letters, digits, - and ."),
            BadSlug(s) => write!(f, "slug `{s}` must be lowercase letters, digits and -"),
            UnknownActivity { lesson, id } => {
                write!(
                    f,
                    "{lesson}: `?[{id}]` names no check or reflection of this lesson"
                )
            }
            ActivityNotPlaced { lesson, id } => {
                write!(f, "{lesson}: `{id}` is never placed with `?[{id}]`")
            }
            ActivityPlacedTwice { lesson, id } => {
                write!(f, "{lesson}: `{id}` is placed more than once")
            }
            EmptyText { place } => write!(f, "{place}: text is empty"),
            SingleNeedsOneCorrect { id, found } => {
                write!(
                    f,
                    "{id}: a single-choice check needs exactly one correct option, found {found}"
                )
            }
            MultipleNeedsACorrect(id) => {
                write!(
                    f,
                    "{id}: a multiple-choice check needs at least one correct option"
                )
            }
            TooFewOptions(id) => write!(f, "{id}: a check needs at least two options"),
            MissingExplanation { question, option } => {
                write!(f, "{question}: option `{option}` has no explanation")
            }
            ScaleNeedsLabels(id) => write!(f, "{id}: a scale needs `low` and `high` labels"),
            BadIdeaId { lesson, id } => {
                write!(
                    f,
                    "{lesson}: key idea id `{id}` must be `{lesson}.idea.<name>`"
                )
            }
            RecallNotAQuestion(id) => write!(f, "{id}: `recall` must be a question ending in `?`"),
            ChecklistNeedsItems(id) => write!(f, "{id}: a checklist needs at least two items"),
            ItemsOnlyForChecklist(id) => write!(f, "{id}: only a checklist may have items"),
            SectionTooLong {
                lesson,
                section,
                words,
            } => write!(
                f,
                "{lesson}#{section}: {words} words of prose (at most 170)"
            ),
            MinutesOutOfRange { lesson, minutes } => {
                write!(f, "{lesson}: {minutes} minutes (a lesson takes 3 to 12)")
            }
            TooFewActivities { lesson, what } => write!(f, "{lesson}: needs {what}"),
            MissingFigure { lesson, src } => write!(f, "{lesson}: figure `{src}` does not exist"),
        }
    }
}

/// Reads every lesson pair in `dir` (sorted by file name) and validates the
/// course. `public_dir` is where figure files must exist.
pub fn load_course(dir: &Path, public_dir: &Path) -> Result<Course, Vec<ContentError>> {
    let mut stems = BTreeSet::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| vec![ContentError::Io(dir.display().to_string(), e.to_string())])?;
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
    let course = Course { lessons };
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
/// `- ` lists, `![alt](src "caption")` figures and `?[id]` activity markers.
pub fn parse_markdown(file: &str, text: &str) -> Result<Vec<Section>, ContentError> {
    let err = |line: usize, message: &str| ContentError::Markdown {
        file: file.to_string(),
        line,
        message: message.to_string(),
    };
    let mut sections: Vec<Section> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();

    // Closes the open paragraph or list, if any, into the current section.
    fn flush(sections: &mut [Section], paragraph: &mut Vec<&str>, list: &mut Vec<Vec<Inline>>) {
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
        }
    }

    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            flush(&mut sections, &mut paragraph, &mut list);
            continue;
        }
        if let Some(rest) = line.strip_prefix("## ") {
            flush(&mut sections, &mut paragraph, &mut list);
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
            flush(&mut sections, &mut paragraph, &mut list);
            let id = rest
                .strip_suffix(']')
                .ok_or_else(|| err(line_no, "an activity marker is `?[id]` on its own line"))?;
            if let Some(s) = sections.last_mut() {
                s.blocks.push(Block::Activity(id.to_string()));
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("![") {
            flush(&mut sections, &mut paragraph, &mut list);
            let figure = parse_figure(rest)
                .ok_or_else(|| err(line_no, "a figure is `![alt](src \"caption\")`"))?;
            if let Some(s) = sections.last_mut() {
                s.blocks.push(figure);
            }
            continue;
        }
        if let Some(item) = line.strip_prefix("- ") {
            if !paragraph.is_empty() {
                flush(&mut sections, &mut paragraph, &mut list);
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
            flush(&mut sections, &mut paragraph, &mut list);
        }
        paragraph.push(line.trim());
    }
    flush(&mut sections, &mut paragraph, &mut list);
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

/// Splits `*emphasis*` and `**strong**` out of a line of text. An unmatched
/// marker is kept as a literal character.
pub fn parse_inline(text: &str) -> Vec<Inline> {
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

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// Counts the words of a run of inline text.
pub fn inline_words(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Strong(t) => {
                t.split_whitespace().count()
            }
        })
        .sum()
}

/// Every rule a course must keep. Returns all problems, not just the first.
pub fn validate(course: &Course) -> Vec<ContentError> {
    use ContentError::*;
    let mut errors = Vec::new();
    if course.lessons.is_empty() {
        errors.push(NoLessons);
    }
    let mut slugs = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let mut claim = |id: &str, errors: &mut Vec<ContentError>| {
        if !is_id(id) {
            errors.push(BadId(id.to_string()));
        }
        if !ids.insert(id.to_string()) {
            errors.push(DuplicateId(id.to_string()));
        }
    };
    let empty = |text: &str, place: String, errors: &mut Vec<ContentError>| {
        if text.trim().is_empty() {
            errors.push(EmptyText { place });
        }
    };
    for lesson in &course.lessons {
        let slug = &lesson.slug;
        if !is_slug(slug) {
            errors.push(BadSlug(slug.clone()));
        }
        if !slugs.insert(slug.clone()) {
            errors.push(DuplicateSlug(slug.clone()));
        }
        empty(&lesson.title, format!("{slug}: title"), &mut errors);
        empty(&lesson.summary, format!("{slug}: summary"), &mut errors);
        if !(3..=12).contains(&lesson.minutes) {
            errors.push(MinutesOutOfRange {
                lesson: slug.clone(),
                minutes: lesson.minutes,
            });
        }
        if lesson.key_ideas.is_empty() {
            errors.push(TooFewActivities {
                lesson: slug.clone(),
                what: "at least one key idea",
            });
        }
        for idea in &lesson.key_ideas {
            claim(&idea.id, &mut errors);
            let name = idea.id.strip_prefix(&format!("{slug}.idea."));
            if !name.is_some_and(is_slug) {
                errors.push(BadIdeaId {
                    lesson: slug.clone(),
                    id: idea.id.clone(),
                });
            }
            empty(&idea.text, format!("{}: text", idea.id), &mut errors);
            empty(&idea.recall, format!("{}: recall", idea.id), &mut errors);
            if !idea.recall.trim_end().ends_with('?') {
                errors.push(RecallNotAQuestion(idea.id.clone()));
            }
        }

        let mut section_ids = BTreeSet::new();
        let mut placed: Vec<&str> = Vec::new();
        for section in &lesson.sections {
            if !is_slug(&section.id) || !section_ids.insert(section.id.clone()) {
                errors.push(BadId(format!("{slug}#{}", section.id)));
            }
            if section.blocks.is_empty() {
                errors.push(EmptyText {
                    place: format!("{slug}#{}", section.id),
                });
            }
            let mut words = 0;
            for block in &section.blocks {
                match block {
                    Block::Paragraph(p) => words += inline_words(p),
                    Block::List(items) => {
                        words += items.iter().map(|i| inline_words(i)).sum::<usize>()
                    }
                    Block::Figure { alt, src, .. } => {
                        empty(alt, format!("{slug}: alt text of {src}"), &mut errors)
                    }
                    Block::Activity(id) => placed.push(id),
                }
            }
            if words > 170 {
                errors.push(SectionTooLong {
                    lesson: slug.clone(),
                    section: section.id.clone(),
                    words,
                });
            }
        }

        let mut own: Vec<&str> = Vec::new();
        for check in &lesson.checks {
            claim(&check.id, &mut errors);
            own.push(&check.id);
            empty(&check.prompt, format!("{}: prompt", check.id), &mut errors);
            if let Some(s) = &check.scenario {
                empty(s, format!("{}: scenario", check.id), &mut errors);
            }
            if check.options.len() < 2 {
                errors.push(TooFewOptions(check.id.clone()));
            }
            let mut option_ids = BTreeSet::new();
            for option in &check.options {
                if !is_slug(&option.id) || !option_ids.insert(option.id.clone()) {
                    errors.push(BadId(format!("{}/{}", check.id, option.id)));
                }
                empty(
                    &option.text,
                    format!("{}/{}", check.id, option.id),
                    &mut errors,
                );
                if option.explanation.trim().is_empty() {
                    errors.push(MissingExplanation {
                        question: check.id.clone(),
                        option: option.id.clone(),
                    });
                }
            }
            let correct = check.options.iter().filter(|o| o.correct).count();
            match check.kind {
                CheckKind::Single if correct != 1 => errors.push(SingleNeedsOneCorrect {
                    id: check.id.clone(),
                    found: correct,
                }),
                CheckKind::Multiple if correct == 0 => {
                    errors.push(MultipleNeedsACorrect(check.id.clone()))
                }
                _ => {}
            }
        }
        for reflection in &lesson.reflections {
            claim(&reflection.id, &mut errors);
            own.push(&reflection.id);
            empty(
                &reflection.prompt,
                format!("{}: prompt", reflection.id),
                &mut errors,
            );
            empty(
                &reflection.response,
                format!("{}: response", reflection.id),
                &mut errors,
            );
            match reflection.kind {
                ReflectionKind::Scale => {
                    if reflection.low.is_none() || reflection.high.is_none() {
                        errors.push(ScaleNeedsLabels(reflection.id.clone()));
                    }
                }
                ReflectionKind::Checklist => {
                    if reflection.items.len() < 2 {
                        errors.push(ChecklistNeedsItems(reflection.id.clone()));
                    }
                    let mut item_ids = BTreeSet::new();
                    for item in &reflection.items {
                        if !is_slug(&item.id) || !item_ids.insert(item.id.clone()) {
                            errors.push(BadId(format!("{}/{}", reflection.id, item.id)));
                        }
                        empty(
                            &item.text,
                            format!("{}/{}", reflection.id, item.id),
                            &mut errors,
                        );
                    }
                }
                ReflectionKind::Text => {}
            }
            if reflection.kind != ReflectionKind::Checklist && !reflection.items.is_empty() {
                errors.push(ItemsOnlyForChecklist(reflection.id.clone()));
            }
        }

        for id in &placed {
            if !own.contains(id) {
                errors.push(UnknownActivity {
                    lesson: slug.clone(),
                    id: id.to_string(),
                });
            }
        }
        for id in &own {
            match placed.iter().filter(|p| *p == id).count() {
                0 => errors.push(ActivityNotPlaced {
                    lesson: slug.clone(),
                    id: id.to_string(),
                }),
                1 => {}
                _ => errors.push(ActivityPlacedTwice {
                    lesson: slug.clone(),
                    id: id.to_string(),
                }),
            }
        }

        let scenarios = lesson
            .checks
            .iter()
            .filter(|c| c.scenario.is_some())
            .count();
        let knowledge = lesson.checks.len() - scenarios;
        let kinds: BTreeSet<_> = lesson.reflections.iter().map(|r| r.kind as u8).collect();
        for (missing, what) in [
            (knowledge < 2, "at least two knowledge checks"),
            (scenarios < 1, "at least one scenario question"),
            (lesson.reflections.len() < 2, "at least two reflections"),
            (kinds.len() < 2, "reflections of at least two kinds"),
        ] {
            if missing {
                errors.push(TooFewActivities {
                    lesson: slug.clone(),
                    what,
                });
            }
        }
    }
    errors
}
