//! Host tests of the sorted containers that replaced `BTreeMap`/`BTreeSet`
//! in the reader's progress: same order, same behaviour, same JSON.
#![cfg(not(target_arch = "wasm32"))]

use attune::model::json;
use attune::model::progress::{Answer, Progress};
use attune::model::sorted::{put_in_order, SortedMap, SortedSet, MAX_ENTRIES, TOO_MANY};
use proptest::prelude::*;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

const KEYS: [&str; 7] = ["m", "b", "z", "a", "b.2", "", "é"];

fn both() -> (SortedMap<u32>, BTreeMap<String, u32>) {
    let (mut ours, mut std) = (SortedMap::new(), BTreeMap::new());
    for (n, k) in KEYS.iter().enumerate() {
        ours.insert(k.to_string(), n as u32);
        std.insert(k.to_string(), n as u32);
    }
    (ours, std)
}

fn entries_of(map: &SortedMap<u32>) -> Vec<(String, u32)> {
    map.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

fn std_entries(map: &BTreeMap<String, u32>) -> Vec<(String, u32)> {
    map.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

#[test]
fn iterates_in_key_order_like_a_btree_map() {
    let (ours, std) = both();
    assert_eq!(entries_of(&ours), std_entries(&std));
    assert!(ours.keys().eq(std.keys()));
    assert_eq!((ours.len(), ours.is_empty()), (KEYS.len(), false));
    assert!(SortedMap::<u32>::new().is_empty());
}

#[test]
fn insert_replaces_and_remove_forgets() {
    let (mut ours, mut std) = both();
    ours.insert("b".into(), 99);
    std.insert("b".into(), 99);
    assert_eq!(ours.get("b"), Some(&99));
    assert!(ours.remove("m"));
    assert!(!ours.remove("m"));
    std.remove("m");
    assert!(!ours.contains_key("m") && ours.contains_key("z"));
    *ours.get_mut("z").unwrap() += 1;
    *std.get_mut("z").unwrap() += 1;
    *ours.get_or_default("new") += 5;
    *std.entry("new".into()).or_default() += 5;
    *ours.get_or_insert_with("a", || 1000) += 1;
    *std.entry("a".into()).or_insert_with(|| 1000) += 1;
    assert_eq!(entries_of(&ours), std_entries(&std));
    assert_eq!(ours.get("missing"), None);
}

#[test]
fn a_set_keeps_each_item_once_in_order() {
    let (mut ours, mut std) = (SortedSet::new(), BTreeSet::new());
    for k in KEYS.iter().chain(&KEYS) {
        ours.insert(k.to_string());
        std.insert(k.to_string());
    }
    assert!(ours.iter().eq(std.iter()));
    assert!(!ours.insert("a".into()));
    assert!(ours.remove("a") && !ours.remove("a"));
    assert!(!ours.contains("a") && ours.contains("z"));
    assert_eq!(ours.len(), KEYS.len() - 1);
}

#[test]
fn encodes_byte_for_byte_like_the_btree_types() {
    let (ours, std) = both();
    let json = serde_json::to_string(&ours).unwrap();
    assert_eq!(json, serde_json::to_string(&std).unwrap());
    let back: SortedMap<u32> = serde_json::from_str(&json).unwrap();
    assert!(back == ours);
    let set: SortedSet = serde_json::from_str(r#"["b","a","b"]"#).unwrap();
    let std_set: BTreeSet<String> = serde_json::from_str(r#"["b","a","b"]"#).unwrap();
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        serde_json::to_string(&std_set).unwrap()
    );
    let empty = serde_json::to_string(&(SortedMap::<u32>::new(), SortedSet::new())).unwrap();
    assert_eq!(empty, "[{},[]]");
}

#[test]
fn decodes_unsorted_input_and_keeps_the_last_of_a_repeated_key() {
    let raw = r#"{"z":1,"a":2,"m":3,"a":4}"#;
    let ours: SortedMap<u32> = serde_json::from_str(raw).unwrap();
    let std: BTreeMap<String, u32> = serde_json::from_str(raw).unwrap();
    assert_eq!(entries_of(&ours), std_entries(&std));
    assert_eq!(ours.get("a"), Some(&4));
}

#[test]
fn decoding_errors_read_as_they_did() {
    for raw in [r#"7"#, r#"[1]"#, r#"{"a":"x"}"#, r#"{"a":1"#, "null"] {
        let ours = serde_json::from_str::<SortedMap<u32>>(raw).unwrap_err();
        let std = serde_json::from_str::<BTreeMap<String, u32>>(raw).unwrap_err();
        assert_eq!(ours.to_string(), std.to_string(), "{raw}");
    }
    for raw in [r#"7"#, r#"{"a":1}"#, r#"["a",1]"#, "null"] {
        let ours = serde_json::from_str::<SortedSet>(raw).unwrap_err();
        let std = serde_json::from_str::<BTreeSet<String>>(raw).unwrap_err();
        assert_eq!(ours.to_string(), std.to_string(), "{raw}");
    }
}

/// The stored progress encodes exactly as a `BTreeMap`-based copy of it.
#[test]
fn progress_json_is_unchanged() {
    #[derive(serde::Serialize)]
    struct Old {
        answers: BTreeMap<String, Answer>,
        positions: BTreeMap<String, String>,
        completed: BTreeSet<String>,
    }
    let mut p = Progress::default();
    let mut old = Old {
        answers: BTreeMap::new(),
        positions: BTreeMap::new(),
        completed: BTreeSet::new(),
    };
    for k in KEYS {
        p.set_confidence(k, None);
        old.answers.insert(k.to_string(), Answer::default());
        p.positions.insert(k.to_string(), format!("s-{k}"));
        old.positions.insert(k.to_string(), format!("s-{k}"));
        p.complete(k);
        old.completed.insert(k.to_string());
    }
    let new = serde_json::to_string(&(&p.answers, &p.positions, &p.completed)).unwrap();
    let was = serde_json::to_string(&(&old.answers, &old.positions, &old.completed)).unwrap();
    assert_eq!(new, was);
}

/// A map or set of `n` entries, keys `k0`… written in reverse order.
fn reversed(n: usize, map: bool) -> String {
    let items: Vec<String> = (0..n)
        .rev()
        .map(|i| {
            if map {
                format!("\"k{i:06}\":{i}")
            } else {
                format!("\"k{i:06}\"")
            }
        })
        .collect();
    let (open, close) = if map { ('{', '}') } else { ('[', ']') };
    format!("{open}{}{close}", items.join(","))
}

#[test]
fn a_file_with_more_entries_than_attune_saves_is_refused() {
    let fine: SortedMap<u32> = json::from_str(&reversed(MAX_ENTRIES, true)).unwrap();
    assert_eq!(fine.len(), MAX_ENTRIES);
    assert!(fine.keys().zip(fine.keys().skip(1)).all(|(a, b)| a < b));
    assert_eq!(fine.get("k000007"), Some(&7));
    let set: SortedSet = json::from_str(&reversed(MAX_ENTRIES, false)).unwrap();
    assert_eq!(set.len(), MAX_ENTRIES);
    let map = json::from_str::<SortedMap<u32>>(&reversed(MAX_ENTRIES + 1, true));
    assert_eq!(map.unwrap_err().what(), TOO_MANY);
    let set = json::from_str::<SortedSet>(&reversed(MAX_ENTRIES + 1, false));
    assert_eq!(set.unwrap_err().what(), TOO_MANY);
    // A repeated key counts each time it is read: that is the work done.
    let repeats = format!("{{{}}}", vec![r#""a":1"#; MAX_ENTRIES + 1].join(","));
    let map = json::from_str::<SortedMap<u32>>(&repeats);
    assert_eq!(map.unwrap_err().what(), TOO_MANY);
}

/// The reason MAX_ENTRIES gives, checked: every saved map is keyed by a
/// content id, and the cap leaves room for the course to grow several times.
#[test]
fn the_cap_is_many_times_the_entries_the_course_can_make() {
    let lessons = attune::content::lessons();
    let ids: usize = lessons
        .iter()
        .map(|l| 1 + l.checks.len() + l.reflections.len() + l.sections.len())
        .sum();
    assert!(ids < 200, "{ids} content ids");
    assert!(MAX_ENTRIES >= 10 * ids, "{MAX_ENTRIES} against {ids} ids");
}

/// A key that counts how often it is compared.
struct Counted<'a> {
    key: u32,
    comparisons: &'a Cell<u64>,
}

impl PartialEq for Counted<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Counted<'_> {}

impl PartialOrd for Counted<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Counted<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.comparisons.set(self.comparisons.get() + 1);
        self.key.cmp(&other.key)
    }
}

/// Reading keys in any order costs O(n log n): at most 2 n log2 n key
/// comparisons and value moves for the sort, and n for the steps either
/// side of it, on every shape of input. (Values move only through the
/// swaps counted here. Inserting each key in its place, as before, moved
/// O(n²) entries: n²/4 swaps here.)
#[test]
fn putting_keys_in_order_costs_n_log_n_comparisons_and_moves() {
    let n = 1 << 14;
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let shapes: [(&str, Vec<u32>); 6] = [
        ("in order", (0..n).collect()),
        ("reversed", (0..n).rev().collect()),
        ("random", (0..n).map(|_| random() as u32).collect()),
        (
            "few keys, repeated",
            (0..n).map(|_| (random() % 8) as u32).collect(),
        ),
        ("all one key", vec![7; n as usize]),
        ("one out of place", (1..n).chain([0]).collect()),
    ];
    let bound = 2 * u64::from(n) * u64::from(n.ilog2()) + 2 * u64::from(n);
    for (shape, keys) in shapes {
        let comparisons = Cell::new(0);
        let mut counted: Vec<Counted> = keys
            .iter()
            .map(|&key| Counted {
                key,
                comparisons: &comparisons,
            })
            .collect();
        // The values are the order the keys were read in.
        let mut values: Vec<usize> = (0..keys.len()).collect();
        let mut swaps = 0u64;
        let kept = put_in_order(&mut counted, &mut |a, b| {
            swaps += 1;
            values.swap(a, b);
        });
        values.truncate(kept);
        let compared = comparisons.get();
        assert!(compared <= bound, "{shape}: {compared} comparisons");
        assert!(swaps <= bound, "{shape}: {swaps} swaps");
        // Sorted, no repeats, and each key with the value read last.
        let mut expected = BTreeMap::new();
        for (i, &key) in keys.iter().enumerate() {
            expected.insert(key, i);
        }
        let got: Vec<(u32, usize)> = counted.iter().map(|c| c.key).zip(values).collect();
        assert_eq!(got, expected.into_iter().collect::<Vec<_>>(), "{shape}");
    }
}

proptest! {
    /// Keys in any order and repeated: read as serde_json reads the same
    /// text into the `BTreeMap` and `BTreeSet` these types replaced.
    #[test]
    fn maps_and_sets_read_as_btree_maps_and_sets_do(
        entries in prop::collection::vec(("[a-d]{0,2}", any::<u32>()), 0..40),
    ) {
        let text = |entries: &[(String, u32)], map: bool| {
            let items: Vec<String> = entries
                .iter()
                .map(|(k, v)| if map { format!("{k:?}:{v}") } else { format!("{k:?}") })
                .collect();
            if map { format!("{{{}}}", items.join(",")) } else { format!("[{}]", items.join(",")) }
        };
        let map_text = text(&entries, true);
        let reference: BTreeMap<String, u32> = serde_json::from_str(&map_text).unwrap();
        for ours in [
            json::from_str::<SortedMap<u32>>(&map_text).unwrap(),
            serde_json::from_str::<SortedMap<u32>>(&map_text).unwrap(),
        ] {
            prop_assert_eq!(entries_of(&ours), std_entries(&reference));
        }
        let set_text = text(&entries, false);
        let reference: BTreeSet<String> = serde_json::from_str(&set_text).unwrap();
        let ours: SortedSet = json::from_str(&set_text).unwrap();
        prop_assert!(ours.iter().eq(reference.iter()));
    }
}
