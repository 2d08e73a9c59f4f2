//! Small sorted containers keyed by `String`, in place of `BTreeMap` and
//! `BTreeSet` for the reader's progress.
//!
//! Why: the B-tree code is generic over the value type, so each of the four
//! progress collections carried its own copy of node splitting, merging,
//! stealing and cloning, about 31 KB of raw wasm. The collections here hold
//! a few dozen entries at most, where a sorted `Vec` is as fast. Keys live
//! in their own `Vec<String>`, so the search, the key insertion and removal
//! and the key encoding are one non-generic copy shared by all of them; only
//! the value moves are per type.
//!
//! The JSON is the same as `BTreeMap`/`BTreeSet` wrote: an object with its
//! keys in sorted order, an array for the set. Reading accepts any order and
//! keeps the last of a repeated key, as `BTreeMap` did. Entries are read in
//! the order they come and sorted once at the end if they were not in order
//! already ([`put_in_order`]), so reading costs O(n log n) however the keys
//! arrive (inserting each in its place cost O(n²) moves). That one sort is
//! shared by every value type: a sort per type, or a `collect` into a
//! `BTreeMap`, would bring in kilobytes of wasm each.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;

/// Where `key` is in the sorted `keys`, or where it would go.
fn find(keys: &[String], key: &str) -> Result<usize, usize> {
    keys.binary_search_by(|k| k.as_str().cmp(key))
}

/// The most entries a map or set may have when it is read (a repeated key
/// counts each time). Every map and set Attune saves is keyed by a content
/// id (a lesson, section, check, reflection or key idea), one entry per
/// id: 7 lessons, 34 sections, 21 checks and 15 reflections today. Review
/// schedules and follow-ups add at most an entry per check, key idea and
/// reflection, so a reader's data stays within a few hundred entries a
/// map. 2 000 is over ten times all the ids (tests/sorted.rs checks this
/// as the course grows); more was not written by Attune, and refusing it
/// keeps reading hostile data quick.
pub const MAX_ENTRIES: usize = 2_000;

fn too_many<E: serde::de::Error>(len: usize) -> Result<(), E> {
    if len > MAX_ENTRIES {
        Err(E::custom(TOO_MANY))
    } else {
        Ok(())
    }
}

/// Why a map or set with more than [`MAX_ENTRIES`] is refused.
pub const TOO_MANY: &str = "more entries than Attune ever saves";

/// Puts entries read in any order into key order, in place: the `keys`,
/// and the values beside them through `swap_values`, moved in step. Of a
/// repeated key, the entry read last is kept, as inserting each into a
/// `BTreeMap` would keep it. Returns how many entries are kept, at the
/// front; the caller drops the rest.
///
/// Keys already in order with no repeats, as Attune writes them, cost
/// n - 1 comparisons and no move. Others are heapsorted by key and then
/// by when they were read (at most 2 n log2 n comparisons and as many
/// swaps, whatever the order), then repeats are dropped (n - 1 more).
///
/// Only the keys' type is generic (one copy in the app: `String`); the
/// values move through `swap_values`, so every map shares this code. A
/// sort per value type, or a `collect` into a `BTreeMap`, would add
/// kilobytes to the wasm (std's `sort_unstable_by`: 3 KB gzip).
pub fn put_in_order<K: Ord>(keys: &mut Vec<K>, swap_values: &mut dyn FnMut(usize, usize)) -> usize {
    if keys.windows(2).all(|w| w[0].cmp(&w[1]) == Ordering::Less) {
        return keys.len();
    }
    let len = keys.len();
    let mut entries = Entries {
        read_at: (0..len).collect(),
        keys,
        swap_values,
    };
    // Heapsort: a heap with the greatest entry at the front, then the front
    // moved to the end of the part not yet sorted, one at a time.
    for node in (0..len / 2).rev() {
        entries.sift_down(node, len);
    }
    for end in (1..len).rev() {
        entries.swap(0, end);
        entries.sift_down(0, end);
    }
    // Of each run of one key, the last was read last: keep only it. Swaps
    // only touch places before `at`, so each key is compared in its sorted
    // place.
    let mut kept = 0;
    for at in 0..len {
        let repeated = entries
            .keys
            .get(at + 1)
            .is_some_and(|next| entries.keys[at].cmp(next) == Ordering::Equal);
        if !repeated {
            if kept != at {
                entries.swap(kept, at);
            }
            kept += 1;
        }
    }
    entries.keys.truncate(kept);
    kept
}

/// Entries being put in order: their keys, when each was read, and how to
/// move their values.
struct Entries<'a, K> {
    keys: &'a mut Vec<K>,
    read_at: Vec<usize>,
    swap_values: &'a mut dyn FnMut(usize, usize),
}

impl<K: Ord> Entries<'_, K> {
    /// By key, then by when it was read: no two entries are equal.
    fn less(&self, a: usize, b: usize) -> bool {
        let by_key = self.keys[a].cmp(&self.keys[b]);
        by_key.then(self.read_at[a].cmp(&self.read_at[b])) == Ordering::Less
    }

    fn swap(&mut self, a: usize, b: usize) {
        self.keys.swap(a, b);
        self.read_at.swap(a, b);
        (self.swap_values)(a, b);
    }

    /// Moves the entry at `node` down the heap held in `..end` to its place.
    fn sift_down(&mut self, mut node: usize, end: usize) {
        loop {
            let mut child = 2 * node + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && self.less(child, child + 1) {
                child += 1;
            }
            if !self.less(node, child) {
                return;
            }
            self.swap(node, child);
            node = child;
        }
    }
}

/// A map from `String` keys to `V`, iterated in key order.
#[derive(Clone, PartialEq)]
pub struct SortedMap<V> {
    /// Sorted, no repeats; `values[i]` belongs to `keys[i]`.
    keys: Vec<String>,
    values: Vec<V>,
}

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        Self {
            keys: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<V> SortedMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        find(&self.keys, key).is_ok()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        find(&self.keys, key).ok().map(|i| &self.values[i])
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        find(&self.keys, key).ok().map(|i| &mut self.values[i])
    }

    /// Sets `key` to `value`, replacing (and dropping) any earlier value.
    pub fn insert(&mut self, key: String, value: V) {
        // Attune writes keys in order, so reading them back only appends.
        if self.keys.last().is_none_or(|last| *last < key) {
            self.keys.push(key);
            self.values.push(value);
            return;
        }
        match find(&self.keys, &key) {
            Ok(i) => self.values[i] = value,
            Err(i) => {
                self.keys.insert(i, key);
                self.values.insert(i, value);
            }
        }
    }

    /// The value for `key`, first inserting `make()` if there is none. The
    /// key is copied only when it is new.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let i = match find(&self.keys, key) {
            Ok(i) => i,
            Err(i) => {
                self.keys.insert(i, key.to_string());
                self.values.insert(i, make());
                i
            }
        };
        &mut self.values[i]
    }

    /// Removes `key`; says whether it was there.
    pub fn remove(&mut self, key: &str) -> bool {
        match find(&self.keys, key) {
            Ok(i) => {
                self.keys.remove(i);
                self.values.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// The keys, in order.
    pub fn keys(&self) -> std::slice::Iter<'_, String> {
        self.keys.iter()
    }

    /// The entries, in key order.
    pub fn iter(&self) -> std::iter::Zip<std::slice::Iter<'_, String>, std::slice::Iter<'_, V>> {
        self.keys.iter().zip(self.values.iter())
    }
}

impl<V: Default> SortedMap<V> {
    /// The value for `key`, inserting the default if there is none.
    pub fn get_or_default(&mut self, key: &str) -> &mut V {
        self.get_or_insert_with(key, V::default)
    }
}

impl<'a, V> IntoIterator for &'a SortedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Zip<std::slice::Iter<'a, String>, std::slice::Iter<'a, V>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<V: fmt::Debug> fmt::Debug for SortedMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for SortedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SortedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = SortedMap<V>;

            // The words serde uses for `BTreeMap`, so error texts stay as they were.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let (mut keys, mut values) = (Vec::new(), Vec::new());
                while let Some((k, v)) = access.next_entry::<String, V>()? {
                    keys.push(k);
                    values.push(v);
                    too_many(keys.len())?;
                }
                // A repeated key keeps its last value, as in a `BTreeMap`.
                let kept = put_in_order(&mut keys, &mut |a, b| values.swap(a, b));
                values.truncate(kept);
                Ok(SortedMap { keys, values })
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A set of strings, iterated in order.
#[derive(Clone, Default, PartialEq)]
pub struct SortedSet {
    /// Sorted, no repeats.
    items: Vec<String>,
}

impl SortedSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn contains(&self, item: &str) -> bool {
        find(&self.items, item).is_ok()
    }

    /// Adds `item`; says whether it was new.
    pub fn insert(&mut self, item: String) -> bool {
        if self.items.last().is_none_or(|last| *last < item) {
            self.items.push(item);
            return true;
        }
        match find(&self.items, &item) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, item);
                true
            }
        }
    }

    /// Removes `item`; says whether it was there.
    pub fn remove(&mut self, item: &str) -> bool {
        match find(&self.items, item) {
            Ok(i) => {
                self.items.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.items.iter()
    }
}

impl<'a> IntoIterator for &'a SortedSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Debug for SortedSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for SortedSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for SortedSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor;

        impl<'de> Visitor<'de> for SetVisitor {
            type Value = SortedSet;

            // The words serde uses for `BTreeSet`, so error texts stay as they were.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = access.next_element::<String>()? {
                    items.push(item);
                    too_many(items.len())?;
                }
                // A repeated item is kept once, as in a `BTreeSet`.
                put_in_order(&mut items, &mut |_, _| {});
                Ok(SortedSet { items })
            }
        }

        deserializer.deserialize_seq(SetVisitor)
    }
}
