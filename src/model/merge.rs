//! Merging copies of the reader's progress.
//!
//! Two tabs: a three-way merge against the copy this tab last read or
//! wrote (the base). Whatever this tab changed since the base is kept (a
//! deletion too); everything else comes from the other tab's copy. So when
//! two tabs edit different items, neither edit is lost, and "start this
//! lesson again" in one tab is not undone by the other.
//!
//! A backup being imported: a two-way merge that keeps everything from
//! both, preferring the further-along answer and the later-edited
//! reflection where both have the same item.

use super::progress::{Answer, Progress};
use super::sorted::{SortedMap, SortedSet};
use super::sync::Document;

/// Progress is saved through the sync machine (`sync`), which merges with
/// [`merge_tabs`].
impl Document for Progress {
    fn merge(base: &Self, ours: &Self, theirs: &Self) -> Self {
        merge_tabs(base, ours, theirs)
    }

    fn is_blank(&self) -> bool {
        Progress::is_blank(self)
    }
}

/// Three-way merge of two tabs' copies (see the module comment).
pub fn merge_tabs(base: &Progress, ours: &Progress, theirs: &Progress) -> Progress {
    let pick = |b: &Option<String>, o: &Option<String>, t: &Option<String>| {
        if o != b {
            o.clone()
        } else {
            t.clone()
        }
    };
    Progress {
        answers: merge_map3(&base.answers, &ours.answers, &theirs.answers),
        reflections: merge_map3(&base.reflections, &ours.reflections, &theirs.reflections),
        positions: merge_map3(&base.positions, &ours.positions, &theirs.positions),
        completed: merge_set3(&base.completed, &ours.completed, &theirs.completed),
        last_lesson: pick(&base.last_lesson, &ours.last_lesson, &theirs.last_lesson),
    }
}

// Loops that insert, rather than `collect()`: collecting into a sorted map
// sorts a Vec first, and the sort code for each item type cost ~7 KB of
// gzipped wasm. A key met twice is decided twice, the same way.
fn merge_map3<T: Clone + PartialEq>(
    base: &SortedMap<T>,
    ours: &SortedMap<T>,
    theirs: &SortedMap<T>,
) -> SortedMap<T> {
    let mut out = SortedMap::new();
    for k in base.keys().chain(ours.keys()).chain(theirs.keys()) {
        let (b, o, t) = (base.get(k), ours.get(k), theirs.get(k));
        if let Some(v) = if o != b { o } else { t } {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

fn merge_set3(base: &SortedSet, ours: &SortedSet, theirs: &SortedSet) -> SortedSet {
    let mut out = SortedSet::new();
    for k in base.iter().chain(ours).chain(theirs) {
        let (b, o) = (base.contains(k), ours.contains(k));
        let keep = if o != b { o } else { theirs.contains(k) };
        if keep {
            out.insert(k.clone());
        }
    }
    out
}

/// Two-way merge for importing a backup into what the reader has now.
pub fn merge_backup(current: &Progress, backup: &Progress) -> Progress {
    let mut out = current.clone();
    for (id, theirs) in &backup.answers {
        let take = out
            .answers
            .get(id)
            .is_none_or(|mine| answer_rank(theirs) > answer_rank(mine));
        if take {
            out.answers.insert(id.clone(), theirs.clone());
        }
    }
    for (id, theirs) in &backup.reflections {
        let take = out
            .reflections
            .get(id)
            .is_none_or(|mine| theirs.edited > mine.edited);
        if take {
            out.reflections.insert(id.clone(), theirs.clone());
        }
    }
    for (slug, section) in &backup.positions {
        out.positions.get_or_insert_with(slug, || section.clone());
    }
    for slug in &backup.completed {
        out.completed.insert(slug.clone());
    }
    if out.last_lesson.is_none() {
        out.last_lesson.clone_from(&backup.last_lesson);
    }
    out
}

/// How far an answer has got: more Checks, then a result, then a choice.
fn answer_rank(a: &Answer) -> (u32, u8) {
    let stage = u8::from(a.checked.is_some()) * 2 + u8::from(!a.selected.is_empty());
    (a.tries, stage + u8::from(a.confidence.is_some()))
}
