//! Every rule a course must keep, checked on the parsed tree: ids, texts,
//! placement of activities, the shape of each check and reflection, the
//! recap's ties to the lessons, and (in `quality`) the rules that keep the
//! checks from being passed without reading.

use crate::error::ContentError;
use crate::quality;
use crate::tree::{Block, Check, CheckKind, Course, Inline, Lesson, ReflectionKind};
use std::collections::BTreeSet;

/// Every rule a course must keep. Returns all problems, not just the first.
pub fn validate(course: &Course) -> Vec<ContentError> {
    let mut v = Validator::default();
    if course.lessons.is_empty() {
        v.errors.push(ContentError::NoLessons);
    }
    for lesson in &course.lessons {
        v.lesson(lesson);
    }
    if let Some(recap) = &course.recap {
        v.recap(course, recap);
    }
    let mut errors = v.errors;
    errors.extend(
        quality::check(course)
            .into_iter()
            .map(ContentError::Quality),
    );
    errors
}

/// Counts the words of a run of inline text.
pub fn inline_words(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| i.text().split_whitespace().count())
        .sum()
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

/// The problems found so far, and the ids and slugs already taken across
/// the whole course (lessons and recap), so none is used twice.
#[derive(Default)]
struct Validator {
    errors: Vec<ContentError>,
    ids: BTreeSet<String>,
    slugs: BTreeSet<String>,
}

impl Validator {
    fn claim(&mut self, id: &str) {
        if !is_id(id) {
            self.errors.push(ContentError::BadId(id.to_string()));
        }
        if !self.ids.insert(id.to_string()) {
            self.errors.push(ContentError::DuplicateId(id.to_string()));
        }
    }

    fn slug(&mut self, slug: &str) {
        if !is_slug(slug) {
            self.errors.push(ContentError::BadSlug(slug.to_string()));
        }
        if !self.slugs.insert(slug.to_string()) {
            self.errors
                .push(ContentError::DuplicateSlug(slug.to_string()));
        }
    }

    fn not_empty(&mut self, text: &str, place: String) {
        if text.trim().is_empty() {
            self.errors.push(ContentError::EmptyText { place });
        }
    }

    fn head(&mut self, slug: &str, title: &str, summary: &str, minutes: u32) {
        self.slug(slug);
        self.not_empty(title, format!("{slug}: title"));
        self.not_empty(summary, format!("{slug}: summary"));
        if !(3..=12).contains(&minutes) {
            self.errors.push(ContentError::MinutesOutOfRange {
                lesson: slug.to_string(),
                minutes,
            });
        }
    }

    fn lesson(&mut self, lesson: &Lesson) {
        use ContentError::*;
        let slug = &lesson.slug;
        self.head(slug, &lesson.title, &lesson.summary, lesson.minutes);
        if lesson.key_ideas.is_empty() {
            self.errors.push(TooFewActivities {
                lesson: slug.clone(),
                what: "at least one key idea",
            });
        }
        for idea in &lesson.key_ideas {
            self.claim(&idea.id);
            let name = idea.id.strip_prefix(&format!("{slug}.idea."));
            if !name.is_some_and(is_slug) {
                self.errors.push(BadIdeaId {
                    lesson: slug.clone(),
                    id: idea.id.clone(),
                });
            }
            self.not_empty(&idea.text, format!("{}: text", idea.id));
            self.not_empty(&idea.recall, format!("{}: recall", idea.id));
            if !idea.recall.trim_end().ends_with('?') {
                self.errors.push(RecallNotAQuestion(idea.id.clone()));
            }
        }

        let placed = self.sections(lesson);
        let mut own: Vec<&str> = Vec::new();
        for check in &lesson.checks {
            self.check(check);
            self.passage(check, lesson);
            own.push(&check.id);
        }
        for reflection in &lesson.reflections {
            self.reflection(reflection);
            own.push(&reflection.id);
        }
        for id in &placed {
            if !own.contains(&id.as_str()) {
                self.errors.push(UnknownActivity {
                    lesson: slug.clone(),
                    id: id.clone(),
                });
            }
        }
        for id in &own {
            match placed.iter().filter(|p| p == id).count() {
                0 => self.errors.push(ActivityNotPlaced {
                    lesson: slug.clone(),
                    id: id.to_string(),
                }),
                1 => {}
                _ => self.errors.push(ActivityPlacedTwice {
                    lesson: slug.clone(),
                    id: id.to_string(),
                }),
            }
        }

        // Scenario checks are counted by `quality`; a lesson also keeps one
        // plain knowledge check, and reflections of more than one kind.
        let knowledge = lesson
            .checks
            .iter()
            .filter(|c| c.scenario.is_none())
            .count();
        let kinds: BTreeSet<_> = lesson.reflections.iter().map(|r| r.kind as u8).collect();
        for (missing, what) in [
            (knowledge < 1, "at least one knowledge check"),
            (lesson.reflections.len() < 2, "at least two reflections"),
            (kinds.len() < 2, "reflections of at least two kinds"),
        ] {
            if missing {
                self.errors.push(TooFewActivities {
                    lesson: slug.clone(),
                    what,
                });
            }
        }
    }

    /// Checks the sections and returns the ids their markers place, in
    /// order.
    fn sections(&mut self, lesson: &Lesson) -> Vec<String> {
        let slug = &lesson.slug;
        let mut section_ids = BTreeSet::new();
        let mut placed = Vec::new();
        for section in &lesson.sections {
            if !is_slug(&section.id) || !section_ids.insert(section.id.clone()) {
                self.errors
                    .push(ContentError::BadId(format!("{slug}#{}", section.id)));
            }
            if section.blocks.is_empty() {
                self.errors.push(ContentError::EmptyText {
                    place: format!("{slug}#{}", section.id),
                });
            }
            let mut words = 0;
            for block in &section.blocks {
                match block {
                    Block::Paragraph(p) | Block::CareNote(p) => words += inline_words(p),
                    Block::List(items) => {
                        words += items.iter().map(|i| inline_words(i)).sum::<usize>()
                    }
                    Block::Figure { alt, src, .. } => {
                        self.not_empty(alt, format!("{slug}: alt text of {src}"))
                    }
                    Block::Activity(id) => placed.push(id.clone()),
                }
            }
            if words > 170 {
                self.errors.push(ContentError::SectionTooLong {
                    lesson: slug.clone(),
                    section: section.id.clone(),
                    words,
                });
            }
        }
        placed
    }

    fn check(&mut self, check: &Check) {
        use ContentError::*;
        self.claim(&check.id);
        self.not_empty(&check.prompt, format!("{}: prompt", check.id));
        for (text, what) in [
            (&check.scenario, "scenario"),
            (&check.nudge, "nudge"),
            (&check.another_way, "another_way"),
        ] {
            if let Some(text) = text {
                self.not_empty(text, format!("{}: {what}", check.id));
            }
        }
        if check.options.len() < 2 {
            self.errors.push(TooFewOptions(check.id.clone()));
        }
        let mut option_ids = BTreeSet::new();
        for option in &check.options {
            if !is_slug(&option.id) || !option_ids.insert(option.id.clone()) {
                self.errors
                    .push(BadId(format!("{}/{}", check.id, option.id)));
            }
            self.not_empty(&option.text, format!("{}/{}", check.id, option.id));
            if option.explanation.trim().is_empty() {
                self.errors.push(MissingExplanation {
                    question: check.id.clone(),
                    option: option.id.clone(),
                });
            }
        }
        let correct = check.options.iter().filter(|o| o.correct).count();
        match check.kind {
            CheckKind::Single if correct != 1 => self.errors.push(SingleNeedsOneCorrect {
                id: check.id.clone(),
                found: correct,
            }),
            CheckKind::Multiple if correct == 0 => {
                self.errors.push(MultipleNeedsACorrect(check.id.clone()))
            }
            _ => {}
        }
    }

    /// A check's passage must be a section of `lesson`, so its link always
    /// lands on an element of the page.
    fn passage(&mut self, check: &Check, lesson: &Lesson) {
        if let Some(passage) = &check.passage {
            if !lesson.sections.iter().any(|s| &s.id == passage) {
                self.errors.push(ContentError::UnknownPassage {
                    check: check.id.clone(),
                    lesson: lesson.slug.clone(),
                    passage: passage.clone(),
                });
            }
        }
    }

    fn reflection(&mut self, reflection: &crate::tree::Reflection) {
        use ContentError::*;
        let id = &reflection.id;
        self.claim(id);
        self.not_empty(&reflection.prompt, format!("{id}: prompt"));
        self.not_empty(&reflection.response, format!("{id}: response"));
        match reflection.kind {
            ReflectionKind::Scale => {
                if reflection.low.is_none() || reflection.high.is_none() {
                    self.errors.push(ScaleNeedsLabels(id.clone()));
                }
            }
            ReflectionKind::Checklist => {
                if reflection.items.len() < 2 {
                    self.errors.push(ChecklistNeedsItems(id.clone()));
                }
                let mut item_ids = BTreeSet::new();
                for item in &reflection.items {
                    if !is_slug(&item.id) || !item_ids.insert(item.id.clone()) {
                        self.errors.push(BadId(format!("{id}/{}", item.id)));
                    }
                    self.not_empty(&item.text, format!("{id}/{}", item.id));
                }
            }
            ReflectionKind::Text => {
                if reflection.steps.len() == 1 {
                    self.errors.push(TooFewSteps(id.clone()));
                }
                for (n, step) in reflection.steps.iter().enumerate() {
                    self.not_empty(step, format!("{id}: step {}", n + 1));
                }
            }
        }
        if reflection.kind != ReflectionKind::Checklist && !reflection.items.is_empty() {
            self.errors.push(ItemsOnlyForChecklist(id.clone()));
        }
        if reflection.kind != ReflectionKind::Text && !reflection.steps.is_empty() {
            self.errors.push(StepsOnlyForText(id.clone()));
        }
    }

    fn recap(&mut self, course: &Course, recap: &crate::tree::Recap) {
        self.head(&recap.slug, &recap.title, &recap.summary, recap.minutes);
        for item in &recap.checks {
            self.check(&item.check);
            if item.check.kind != CheckKind::Single || item.check.scenario.is_none() {
                self.errors
                    .push(ContentError::RecapNotAScenario(item.check.id.clone()));
            }
            match course.lessons.iter().find(|l| l.slug == item.lesson) {
                Some(lesson) => self.passage(&item.check, lesson),
                None => self.errors.push(ContentError::RecapUnknownLesson {
                    id: item.check.id.clone(),
                    lesson: item.lesson.clone(),
                }),
            }
        }
        for lesson in &course.lessons {
            if !recap.checks.iter().any(|c| c.lesson == lesson.slug) {
                self.errors
                    .push(ContentError::RecapMissesLesson(lesson.slug.clone()));
            }
        }
    }
}
