//! The types every input is read as, by both readers, and the comparison.

use super::reference::serde_json_reads;
use attune::model::json::{self, MAX_DEPTH};
use attune::model::progress::{Answer, Confidence, Progress, ReflectionEntry, ReflectionValue};
use attune::model::sorted::{SortedMap, SortedSet};
use attune::model::{backup, codec};
use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Any JSON value as a reader reports it: which kind of number it chose,
/// floats to the bit, and objects' keys in the order read, repeats kept.
#[derive(Debug, PartialEq)]
pub enum Any {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(Bits),
    Str(String),
    List(Vec<Any>),
    Object(Vec<(String, Any)>),
}

/// An `f64` compared by its bits, so `-0.0` is not `0.0`.
#[derive(PartialEq)]
pub struct Bits(u64);

impl fmt::Debug for Bits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:e}", f64::from_bits(self.0))
    }
}

impl<'de> Deserialize<'de> for Any {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AnyVisitor;

        impl<'de> Visitor<'de> for AnyVisitor {
            type Value = Any;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Any, E> {
                Ok(Any::Null)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Any, E> {
                Ok(Any::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Any, E> {
                Ok(Any::U64(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Any, E> {
                Ok(Any::I64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Any, E> {
                Ok(Any::F64(Bits(v.to_bits())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Any, E> {
                Ok(Any::Str(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Any, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Any::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Any, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Any::Object(entries))
            }
        }

        d.deserialize_any(AnyVisitor)
    }
}

// Copies of the private types src/model/codec.rs and backup.rs read with;
// `app_entry_points_agree` checks the copies still match what they do.

/// The stored envelope, as written (tests/json.rs).
#[derive(Debug, PartialEq, Deserialize)]
struct Envelope {
    schema: u64,
    progress: Progress,
}

/// codec.rs: the first look at stored data.
#[derive(Debug, PartialEq, Deserialize)]
pub struct SchemaOnly {
    pub schema: u64,
}

/// codec.rs: the stored data's progress.
#[derive(Debug, PartialEq, Deserialize)]
pub struct EnvelopeIn {
    #[serde(default)]
    pub progress: Progress,
}

/// backup.rs: a backup file's head.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupIn {
    app: String,
    schema: u64,
    #[serde(default, deserialize_with = "attune::model::dates::timestamp")]
    exported: f64,
    progress: IgnoredAny,
}

/// Reads `text` as every target type with both readers; see [`agree`].
pub fn every_target_agrees(text: &str) {
    agree::<IgnoredAny>(text);
    agree::<Any>(text);
    agree::<BTreeMap<String, Any>>(text);
    agree::<Vec<String>>(text);
    agree::<String>(text);
    agree::<f64>(text);
    agree::<u64>(text);
    agree::<i64>(text);
    agree::<u8>(text);
    agree::<Option<bool>>(text);
    agree::<Confidence>(text);
    agree::<ReflectionValue>(text);
    agree::<ReflectionEntry>(text);
    agree::<Answer>(text);
    agree::<SortedMap<String>>(text);
    agree::<SortedSet>(text);
    agree::<Progress>(text);
    agree::<Envelope>(text);
    agree::<SchemaOnly>(text);
    agree::<EnvelopeIn>(text);
    agree::<BackupIn>(text);
    app_entry_points_agree(text);
}

/// Both readers accept `text` as a `T` and read the same value, or both
/// refuse it, but for the depth limit below (and a struct written as an
/// array, see reference.rs).
fn agree<T: DeserializeOwned + PartialEq + fmt::Debug>(text: &str) {
    let ours = json::from_str::<T>(text);
    let deep = nesting(text) > MAX_DEPTH;
    assert!(
        !(deep && ours.is_ok()),
        "nested deeper than MAX_DEPTH: {text:?}"
    );
    let name = std::any::type_name::<T>();
    match (serde_json_reads::<T>(text), ours) {
        (Ok(reference), Ok(ours)) => assert_eq!(ours, reference, "{name} from {text:?}"),
        (Err(_), Err(_)) => {}
        // The difference: nesting deeper than MAX_DEPTH is refused, even in a
        // value that is skipped (serde_json allows 127 levels in a value it
        // keeps and any depth in one it skips). Attune's data nests five deep.
        (Ok(_), Err(_)) if deep => {}
        (reference, ours) => {
            panic!("{name} from {text:?}:\n  serde_json: {reference:?}\n  ours: {ours:?}")
        }
    }
}

/// How deeply the text's brackets nest (outside strings), valid or not.
pub fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for b in text.bytes() {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (_, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The app's own readers (which use only ours) against the same steps
/// taken with serde_json: what `codec::decode` and `backup::check_backup`
/// accept, serde_json reads to the same progress.
fn app_entry_points_agree(text: &str) {
    if nesting(text) > MAX_DEPTH {
        return;
    }
    // Formats 1 and 2 are read through their migrations, the same here as
    // in the app.
    let schema = serde_json_reads::<SchemaOnly>(text).map(|s| s.schema);
    let envelope = serde_json_reads::<EnvelopeIn>(text)
        .map_err(drop)
        .and_then(|e| match schema {
            Ok(1) => codec::from_v1(e.progress)
                .and_then(codec::from_v2)
                .map_err(drop),
            Ok(2) => codec::from_v2(e.progress).map_err(drop),
            _ => Ok(e.progress),
        })
        // And checked, as the app checks everything it reads.
        .and_then(|p| match attune::model::validate::check_progress(&p) {
            Ok(()) => Ok(p),
            Err(_) => Err(()),
        });
    let stored = text.trim_start().starts_with('{')
        && schema.is_ok_and(|s| (1..=codec::SCHEMA_VERSION).contains(&s))
        && envelope.is_ok();
    match codec::decode(text) {
        Ok(decoded) => {
            assert!(stored, "codec::decode reads {text:?}");
            assert_eq!(Ok(&decoded.progress), envelope.as_ref());
        }
        Err(codec::DecodeError::NewerSchema(_)) => {}
        Err(e) => assert!(!stored, "codec::decode refuses {text:?}: {e}"),
    }
    if let Ok(preview) = backup::check_backup(text) {
        let head = serde_json_reads::<BackupIn>(text);
        assert!(head.is_ok_and(|h| h.app == "attune" && h.exported == preview.exported));
        assert!(stored, "check_backup reads {text:?}");
        assert_eq!(Ok(&preview.progress), envelope.as_ref());
    }
}
