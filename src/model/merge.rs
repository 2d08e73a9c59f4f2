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
use super::review::Card;
use super::sorted::{SortedMap, SortedSet};
use super::sync::Document;
use super::then_now::FollowUp;

/// Progress is saved through the sync machine (`sync`), which merges with
/// [`merge_tabs`].
impl Document for Progress {
    const LOCKABLE: bool = true;

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
        review: merge_map3(&base.review, &ours.review, &theirs.review),
        follow_ups: merge_follow_ups3(&base.follow_ups, &ours.follow_ups, &theirs.follow_ups),
        revisited: merge_map3(&base.revisited, &ours.revisited, &theirs.revisited),
        takes: merge_list3(&base.takes, &ours.takes, &theirs.takes, |t| {
            f64::from(t.day)
        }),
    }
}

/// Follow-ups, reflection by reflection: each follow-up is an item of its
/// own (by the time it was written), so two tabs adding to the same
/// reflection both keep theirs.
fn merge_follow_ups3(
    base: &SortedMap<Vec<FollowUp>>,
    ours: &SortedMap<Vec<FollowUp>>,
    theirs: &SortedMap<Vec<FollowUp>>,
) -> SortedMap<Vec<FollowUp>> {
    let mut out = SortedMap::new();
    for k in base.keys().chain(ours.keys()).chain(theirs.keys()) {
        let merged = merge_list3(
            list_of(base, k),
            list_of(ours, k),
            list_of(theirs, k),
            |f| f.written,
        );
        if !merged.is_empty() {
            out.insert(k.clone(), merged);
        }
    }
    out
}

fn list_of<'a>(map: &'a SortedMap<Vec<FollowUp>>, key: &str) -> &'a [FollowUp] {
    map.get(key).map_or(&[], Vec::as_slice)
}

fn find_by<T>(list: &[T], key: fn(&T) -> f64, k: f64) -> Option<&T> {
    list.iter().find(|x| key(x) == k)
}

/// Three-way merge of lists whose items are known by a key (a time or a
/// day), kept in key order: the same rule as for maps, item by item.
fn merge_list3<T: Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: fn(&T) -> f64,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in base.iter().chain(ours).chain(theirs) {
        let k = key(item);
        let (b, o, t) = (
            find_by(base, key, k),
            find_by(ours, key, k),
            find_by(theirs, key, k),
        );
        if let Some(v) = if o != b { o } else { t } {
            if let Err(at) = out.binary_search_by(|x| key(x).total_cmp(&k)) {
                out.insert(at, v.clone());
            }
        }
    }
    out
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
    // Review: the card that has seen more reviews (then the later one).
    for (id, theirs) in &backup.review {
        let rank = |c: &Card| (c.reps, c.last);
        let take = out
            .review
            .get(id)
            .is_none_or(|mine| rank(theirs) > rank(mine));
        if take {
            out.review.insert(id.clone(), theirs.clone());
        }
    }
    // Follow-ups and snapshots: everything from both, once.
    for (id, list) in &backup.follow_ups {
        let mine = out.follow_ups.get_or_default(id);
        for f in list {
            if !mine.iter().any(|m| m.written == f.written) {
                let at = mine.partition_point(|m| m.written <= f.written);
                mine.insert(at, f.clone());
            }
        }
    }
    for (id, day) in &backup.revisited {
        let mine = out.revisited.get_or_insert_with(id, || *day);
        *mine = (*mine).max(*day);
    }
    for take in &backup.takes {
        if let Err(at) = out.takes.binary_search_by(|t| t.day.cmp(&take.day)) {
            out.takes.insert(at, take.clone());
        }
    }
    out
}

/// How far an answer has got: more Checks, then a result, then a choice.
fn answer_rank(a: &Answer) -> (u32, u8) {
    let stage = u8::from(a.checked.is_some()) * 2 + u8::from(!a.selected.is_empty());
    (a.tries, stage + u8::from(a.confidence.is_some()))
}
