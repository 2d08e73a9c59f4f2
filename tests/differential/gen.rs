//! Random inputs: arbitrary text, near-JSON made by editing valid JSON,
//! and Attune's own saved data and backups, edited.

use attune::model::progress::{
    Answer, Confidence, Help, Progress, ReflectionEntry, ReflectionValue,
};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::string::string_regex;

/// What near-JSON is made of: JSON's tokens and the cases readers get
/// wrong, valid or not.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    " ",
    "\n",
    "\t",
    "\r",
    "null",
    "true",
    "false",
    "nul",
    "tru",
    "fals",
    "0",
    "-0",
    "-",
    "1",
    "01",
    "-01",
    "00",
    "0e999",
    "0e-999",
    "-0e999",
    "1e-400",
    "1e400",
    "1e308",
    "1e309",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "2.2250738585072014e-308",
    "4.9e-324",
    "2.4e-324",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "9223372036854775807",
    "9007199254740993",
    "1.5",
    "1.",
    ".5",
    "1e",
    "1e+",
    "1E+2",
    "1e-2",
    "+1",
    "-0.0",
    "0.0",
    "1e2147483647",
    "1e2147483648",
    "1e-2147483648",
    "0e2147483648",
    "1e99999999999",
    "123456789012345678901234567890",
    "0.1234567890123456789012345",
    "18446744073709551619.5",
    "\"\"",
    "\"a\"",
    "\"\\ud800\"",
    "\"\\udc00\"",
    "\"\\ud800\\udc00\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud800\\u0041\"",
    "\"\\ud800\\n\"",
    "\"\\u12\"",
    "\"\\u00e9\"",
    "\"\\x\"",
    "\"\\/\"",
    "\"\\u0000\"",
    "\\u",
    "\\ud800",
    "\u{feff}",
    "\u{0}",
    "\u{1}",
    "\u{1f}",
    "\u{7f}",
    "é",
    "😀",
    "\u{2028}",
    "\u{a0}",
    "NaN",
    "Infinity",
    "\"schema\":",
    "\"progress\":",
    "\"answers\":",
    "\"reflections\":",
    "\"positions\":",
    "\"completed\":",
    "\"last_lesson\":",
    "\"app\":",
    "\"exported\":",
    "\"value\":",
    "\"text\":",
    "\"scale\":",
    "\"checklist\":",
    "\"created\":",
    "\"certain\"",
    "\"guessing\"",
];

/// Field names of Attune's saved data, for keys that mean something.
const FIELDS: &[&str] = &[
    "schema",
    "progress",
    "answers",
    "reflections",
    "positions",
    "completed",
    "last_lesson",
    "selected",
    "confidence",
    "checked",
    "tries",
    "revealed",
    "shown",
    "first",
    "fingerprint",
    "help",
    "nudge",
    "another_way",
    "passage",
    "value",
    "created",
    "edited",
    "text",
    "scale",
    "checklist",
    "app",
    "exported",
    "a",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Any characters at all, control characters and surrogates' neighbours
/// included (proptest's `any::<String>()` leaves control characters out).
fn unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..24).prop_map(|c| c.into_iter().collect())
}

/// Text as a careless or hostile writer might make it.
pub fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => unicode(),
        2 => prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat()),
        1 => number().prop_map(|n| format!("[{n}]")),
        1 => number(),
        1 => deep(),
        4 => edited(doc().prop_map(|d| d.to_text(false))),
    ]
}

/// A number's text: valid by the grammar, near it, or at an edge.
pub fn number() -> impl Strategy<Value = String> {
    let regex = |r: &str| string_regex(r).expect("a valid regex");
    prop_oneof![
        select(PIECES)
            .prop_filter("a number", |p| p
                .starts_with(|c: char| c == '-' || c.is_ascii_digit()))
            .prop_map(str::to_string),
        regex("-?(0|[1-9][0-9]{0,24})(\\.[0-9]{1,24})?([eE][+-]?[0-9]{1,11})?"),
        regex("-?1844674407370955161[0-9]{1,3}(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?"),
        regex("-?[0-9]{0,3}\\.?[0-9]{0,3}([eE][-+]?[0-9]{0,3})?"),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| serde_json::to_string(&f).unwrap_or_default()),
    ]
}

/// Arrays and objects nested around the depth limits of both readers.
fn deep() -> impl Strategy<Value = String> {
    let depth = prop_oneof![0usize..140, select(vec![63usize, 64, 65, 127, 128, 129])];
    (depth, any::<bool>(), doc()).prop_map(|(depth, objects, inner)| {
        let (open, close) = if objects {
            ("{\"a\":", "}")
        } else {
            ("[", "]")
        };
        open.repeat(depth) + &inner.to_text(false) + &close.repeat(depth)
    })
}

/// A JSON document as a tree that may hold what a `Value` cannot: keys
/// in any order, repeated keys, numbers as written, unusual escapes.
#[derive(Clone, Debug)]
pub enum Doc {
    /// A literal or a number, as written.
    Raw(String),
    Str(String, Escapes),
    List(Vec<Doc>),
    Object(Vec<(String, Doc)>),
}

#[derive(Clone, Copy, Debug)]
pub enum Escapes {
    /// As serde_json writes it.
    Plain,
    /// Every character as `\uXXXX`, pairs for those beyond the BMP.
    All,
    /// Not escaped at all: quotes, backslashes and control characters as
    /// they are (often not JSON).
    None,
}

fn leaf() -> impl Strategy<Value = Doc> {
    let escapes = prop_oneof![
        6 => Just(Escapes::Plain),
        2 => Just(Escapes::All),
        1 => Just(Escapes::None),
    ];
    prop_oneof![
        select(vec!["null", "true", "false"]).prop_map(|l| Doc::Raw(l.to_string())),
        number().prop_map(Doc::Raw),
        (unicode(), escapes).prop_map(|(s, e)| Doc::Str(s, e)),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![select(FIELDS).prop_map(str::to_string), unicode()]
}

pub fn doc() -> impl Strategy<Value = Doc> {
    leaf().prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Doc::List),
            prop::collection::vec((key(), inner), 0..6).prop_map(Doc::Object),
        ]
    })
}

impl Doc {
    /// serde_json's `Value` as a `Doc`, numbers as serde_json writes them.
    pub fn from_value(value: &serde_json::Value) -> Doc {
        use serde_json::Value as V;
        match value {
            V::Null => Doc::Raw("null".into()),
            V::Bool(b) => Doc::Raw(b.to_string()),
            V::Number(n) => Doc::Raw(n.to_string()),
            V::String(s) => Doc::Str(s.clone(), Escapes::Plain),
            V::Array(items) => Doc::List(items.iter().map(Doc::from_value).collect()),
            V::Object(map) => Doc::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Doc::from_value(v)))
                    .collect(),
            ),
        }
    }

    pub fn to_text(&self, spaced: bool) -> String {
        let mut out = String::new();
        self.write(&mut out, spaced);
        out
    }

    fn write(&self, out: &mut String, spaced: bool) {
        let gap = if spaced { "\n  " } else { "" };
        match self {
            Doc::Raw(raw) => out.push_str(raw),
            Doc::Str(s, escapes) => write_string(out, s, *escapes),
            Doc::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    out.push_str(gap);
                    item.write(out, spaced);
                }
                out.push(']');
            }
            Doc::Object(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    out.push_str(if i > 0 { "," } else { "" });
                    out.push_str(gap);
                    write_string(out, k, Escapes::Plain);
                    out.push_str(if spaced { " : " } else { ":" });
                    v.write(out, spaced);
                }
                out.push('}');
            }
        }
    }

    /// How many values the tree holds, itself included.
    fn count(&self) -> usize {
        1 + match self {
            Doc::Raw(_) | Doc::Str(..) => 0,
            Doc::List(items) => items.iter().map(Doc::count).sum(),
            Doc::Object(entries) => entries.iter().map(|(_, v)| v.count()).sum(),
        }
    }

    /// The `n`th value in document order (0 is the whole tree).
    fn nth(&mut self, n: usize) -> Option<&mut Doc> {
        if n == 0 {
            return Some(self);
        }
        let mut n = n - 1;
        let children: Vec<&mut Doc> = match self {
            Doc::Raw(_) | Doc::Str(..) => return None,
            Doc::List(items) => items.iter_mut().collect(),
            Doc::Object(entries) => entries.iter_mut().map(|(_, v)| v).collect(),
        };
        for child in children {
            let size = child.count();
            if n < size {
                return child.nth(n);
            }
            n -= size;
        }
        None
    }
}

fn write_string(out: &mut String, s: &str, escapes: Escapes) {
    match escapes {
        Escapes::Plain => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
        Escapes::All => {
            out.push('"');
            for unit in s.encode_utf16() {
                out.push_str(&format!("\\u{unit:04x}"));
            }
            out.push('"');
        }
        Escapes::None => {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
    }
}

/// A change to a document's structure.
#[derive(Clone, Debug)]
pub enum Edit {
    /// An object's entries or a list's items in reverse order, or rotated.
    Reorder(Index, bool, Index),
    /// An object's entry written twice, the copy with another value.
    Repeat(Index, Index, Doc),
    Remove(Index, Index),
    Replace(Index, Doc),
    /// An object as the list of its values: a struct "as an array".
    ValuesOnly(Index),
    AddEntry(Index, String, Doc),
    /// The value inside a list or an object of one entry.
    Wrap(Index, bool),
}

pub fn edit() -> impl Strategy<Value = Edit> {
    let small = || leaf().boxed();
    prop_oneof![
        3 => (any::<Index>(), any::<bool>(), any::<Index>()).prop_map(|(n, r, by)| Edit::Reorder(n, r, by)),
        2 => (any::<Index>(), any::<Index>(), small()).prop_map(|(n, e, d)| Edit::Repeat(n, e, d)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(n, e)| Edit::Remove(n, e)),
        3 => (any::<Index>(), prop_oneof![small(), doc().boxed()]).prop_map(|(n, d)| Edit::Replace(n, d)),
        1 => any::<Index>().prop_map(Edit::ValuesOnly),
        1 => (any::<Index>(), key(), small()).prop_map(|(n, k, d)| Edit::AddEntry(n, k, d)),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(n, o)| Edit::Wrap(n, o)),
    ]
}

impl Edit {
    pub fn apply(self, doc: &mut Doc) {
        let count = doc.count();
        let at = |i: &Index| i.index(count);
        match self {
            Edit::Reorder(n, reverse, by) => match doc.nth(at(&n)) {
                Some(Doc::List(items)) => reorder(items, reverse, &by),
                Some(Doc::Object(entries)) => reorder(entries, reverse, &by),
                _ => {}
            },
            Edit::Repeat(n, e, value) => {
                if let Some(Doc::Object(entries)) = doc.nth(at(&n)) {
                    if !entries.is_empty() {
                        let key = entries[e.index(entries.len())].0.clone();
                        entries.push((key, value));
                    }
                }
            }
            Edit::Remove(n, e) => match doc.nth(at(&n)) {
                Some(Doc::List(items)) if !items.is_empty() => {
                    items.remove(e.index(items.len()));
                }
                Some(Doc::Object(entries)) if !entries.is_empty() => {
                    entries.remove(e.index(entries.len()));
                }
                _ => {}
            },
            Edit::Replace(n, value) => {
                if let Some(node) = doc.nth(at(&n)) {
                    *node = value;
                }
            }
            Edit::ValuesOnly(n) => {
                if let Some(node @ Doc::Object(_)) = doc.nth(at(&n)) {
                    if let Doc::Object(entries) = std::mem::replace(node, Doc::List(Vec::new())) {
                        *node = Doc::List(entries.into_iter().map(|(_, v)| v).collect());
                    }
                }
            }
            Edit::AddEntry(n, key, value) => {
                if let Some(Doc::Object(entries)) = doc.nth(at(&n)) {
                    entries.push((key, value));
                }
            }
            Edit::Wrap(n, in_object) => {
                if let Some(node) = doc.nth(at(&n)) {
                    let inner = std::mem::replace(node, Doc::List(Vec::new()));
                    *node = if in_object {
                        Doc::Object(vec![("a".into(), inner)])
                    } else {
                        Doc::List(vec![inner])
                    };
                }
            }
        }
    }
}

fn reorder<T>(items: &mut [T], reverse: bool, by: &Index) {
    if reverse {
        items.reverse();
    } else if !items.is_empty() {
        items.rotate_left(by.index(items.len()));
    }
}

/// A change to the text itself, anywhere, character by character.
#[derive(Clone, Debug)]
pub enum Typo {
    Insert(Index, String),
    Delete(Index, usize),
    Replace(Index, usize, String),
    CutAt(Index),
}

fn typo() -> impl Strategy<Value = Typo> {
    prop_oneof![
        3 => (any::<Index>(), piece()).prop_map(|(i, p)| Typo::Insert(i, p)),
        2 => (any::<Index>(), 1usize..4).prop_map(|(i, n)| Typo::Delete(i, n)),
        3 => (any::<Index>(), 1usize..3, piece()).prop_map(|(i, n, p)| Typo::Replace(i, n, p)),
        1 => any::<Index>().prop_map(Typo::CutAt),
    ]
}

impl Typo {
    fn apply(self, text: &mut String) {
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let at = |i: &Index| boundaries[i.index(boundaries.len())];
        let span = |i: &Index, n: usize| {
            let start = i.index(boundaries.len());
            let end = (start + n).min(boundaries.len() - 1);
            boundaries[start]..boundaries[end]
        };
        match self {
            Typo::Insert(i, piece) => text.insert_str(at(&i), &piece),
            Typo::Delete(i, n) => drop(text.drain(span(&i, n))),
            Typo::Replace(i, n, piece) => text.replace_range(span(&i, n), &piece),
            Typo::CutAt(i) => text.truncate(at(&i)),
        }
    }
}

/// `text`, untouched half the time, else with up to four typos.
pub fn edited(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let typos = prop_oneof![Just(Vec::new()), prop::collection::vec(typo(), 1..5),];
    (text, typos).prop_map(|(mut text, typos)| {
        for typo in typos {
            typo.apply(&mut text);
        }
        text
    })
}

/// Attune's saved data or a backup, as serde_json writes it, then with
/// its structure and its text edited.
pub fn attune_text() -> impl Strategy<Value = String> {
    let edits = prop_oneof![Just(Vec::new()), prop::collection::vec(edit(), 1..4),];
    let document = (attune_value(), edits, any::<bool>()).prop_map(|(value, edits, spaced)| {
        let mut doc = Doc::from_value(&value);
        for edit in edits {
            edit.apply(&mut doc);
        }
        doc.to_text(spaced)
    });
    edited(document)
}

/// The stored envelope or a backup file, whole or in part.
fn attune_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    let schema = prop_oneof![4 => Just(1u64), 1 => any::<u64>()];
    let app = prop_oneof![4 => Just("attune".to_string()), 1 => unicode()];
    prop_oneof![
        4 => (schema.clone(), progress()).prop_map(|(schema, p)| json!({"schema": schema, "progress": p})),
        3 => (app, schema, millis(), progress()).prop_map(|(app, schema, exported, p)| {
            json!({"app": app, "schema": schema, "exported": exported, "progress": p})
        }),
        1 => progress().prop_map(|p| json!(p)),
        1 => answer().prop_map(|a| json!(a)),
        1 => reflection().prop_map(|r| json!(r)),
    ]
}

fn id() -> impl Strategy<Value = String> {
    let regex = |r: &str| string_regex(r).expect("a valid regex");
    prop_oneof![
        4 => regex("[a-z]{1,8}(-[a-z]{1,6}){0,2}(\\.[a-z0-9-]{1,8})?"),
        1 => unicode(),
    ]
}

/// Milliseconds: whole ones within a date's range as Attune writes them,
/// and any float, the edges of the range and beyond it.
fn millis() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (0u64..=8_640_000_000_000_000).prop_map(|n| n as f64),
        2 => -8.64e15..=8.64e15f64,
        1 => select(vec![8.64e15, -8.64e15, 8.64e15 + 1.0, -0.0, 1e-300, 5e-324]),
        1 => any::<f64>(),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    let confidence = prop::option::of(select(Confidence::ALL.to_vec()));
    let flags = (
        any::<Option<bool>>(),
        any::<bool>(),
        any::<bool>(),
        any::<Option<bool>>(),
    );
    let fingerprint = prop_oneof![
        string_regex("([a-z]{1,3}[+-]){0,4}").expect("a valid regex"),
        unicode()
    ];
    let help = prop::collection::vec(
        select(vec![Help::Nudge, Help::AnotherWay, Help::Passage]),
        0..3,
    );
    (
        prop::collection::vec(id(), 0..4),
        confidence,
        flags,
        any::<u32>(),
        fingerprint,
        help,
    )
        .prop_map(
            |(
                selected,
                confidence,
                (checked, revealed, shown, first),
                tries,
                fingerprint,
                help,
            )| {
                Answer {
                    selected,
                    confidence,
                    checked,
                    tries,
                    revealed,
                    shown,
                    first,
                    fingerprint,
                    help,
                }
            },
        )
}

fn reflection() -> impl Strategy<Value = ReflectionEntry> {
    let value = prop_oneof![
        unicode().prop_map(ReflectionValue::Text),
        any::<u8>().prop_map(ReflectionValue::Scale),
        prop::collection::vec(id(), 0..4).prop_map(ReflectionValue::Checklist),
    ];
    (value, millis(), millis()).prop_map(|(value, created, edited)| ReflectionEntry {
        value,
        created,
        edited,
    })
}

fn progress() -> impl Strategy<Value = Progress> {
    let entries = |n| prop::collection::vec((id(), answer()), 0..n);
    (
        entries(5),
        prop::collection::vec((id(), reflection()), 0..5),
        prop::collection::vec((id(), id()), 0..3),
        prop::collection::vec(id(), 0..3),
        prop::option::of(id()),
    )
        .prop_map(
            |(answers, reflections, positions, completed, last_lesson)| {
                let mut p = Progress::default();
                for (k, a) in answers {
                    p.answers.insert(k, a);
                }
                for (k, r) in reflections {
                    p.reflections.insert(k, r);
                }
                for (k, s) in positions {
                    p.positions.insert(k, s);
                }
                for slug in completed {
                    p.complete(&slug);
                }
                p.last_lesson = last_lesson;
                p
            },
        )
}
