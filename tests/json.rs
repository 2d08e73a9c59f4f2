//! Attune's JSON format (src/model/json) against serde_json, the reference:
//! it must write exactly what serde_json writes for Attune's types, read
//! everything serde_json reads, and refuse what serde_json refuses.
#![cfg(not(target_arch = "wasm32"))]

use attune::model::json;
use attune::model::progress::{Confidence, Progress, ReflectionValue};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Debug;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Envelope {
    schema: u64,
    progress: Progress,
}

fn fixture() -> Envelope {
    let text = std::fs::read_to_string("tests/fixtures/schema-v1.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Format 2: the review schedule, follow-ups and snapshots.
fn fixture_v2() -> Envelope {
    let text = std::fs::read_to_string("tests/fixtures/schema-v2.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Both write the same text, and ours reads back the same value.
fn same_writing<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let ours = json::to_string(value).unwrap();
    assert_eq!(ours, serde_json::to_string(value).unwrap());
    assert_eq!(&json::from_str::<T>(&ours).unwrap(), value, "{ours}");
}

/// Both read `text` as a `T`, to the same value.
fn same_reading<T: DeserializeOwned + PartialEq + Debug>(text: &str) {
    let reference: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let ours: T = json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(ours, reference, "{text}");
}

/// Both refuse `text` as a `T`.
fn same_refusal<T: DeserializeOwned + Debug>(text: &str) {
    assert!(
        serde_json::from_str::<T>(text).is_err(),
        "serde_json reads {text:?}"
    );
    assert!(json::from_str::<T>(text).is_err(), "ours reads {text:?}");
}

#[test]
fn writes_the_saved_progress_as_serde_json_does() {
    same_writing(&fixture());
    same_writing(&fixture_v2());
    same_writing(&Envelope {
        schema: 1,
        progress: Progress::default(),
    });
}

#[test]
fn writes_strings_with_every_escape_as_serde_json_does() {
    let all_ascii: String = (0u8..128).map(char::from).collect();
    for s in [
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "lines\nand\ttabs\r",
        "\u{8}\u{c}\u{1}\u{1f}\u{7f}",
        "café, “quotes”, 😀, 日本語",
        &all_ascii,
    ] {
        same_writing(&s.to_string());
    }
}

#[test]
fn writes_numbers_options_and_enums_as_serde_json_does() {
    same_writing(&(0u64, u64::MAX, u32::MAX, u8::MAX, -5i64, i64::MIN));
    same_writing(&vec![0.0f64, 1.0, 1_764_000_000_000.0, -3.0]);
    same_writing(&(Some(true), None::<bool>, Some("x".to_string())));
    same_writing(&vec![
        Confidence::Guessing,
        Confidence::FairlySure,
        Confidence::Certain,
    ]);
    same_writing(&vec![
        ReflectionValue::Text("a \"b\"".into()),
        ReflectionValue::Scale(4),
        ReflectionValue::Checklist(vec!["one".into(), "two".into()]),
    ]);
    let mut map = BTreeMap::new();
    map.insert("b\"key".to_string(), vec![1u32, 2]);
    map.insert("a".to_string(), vec![]);
    same_writing(&map);
}

#[test]
fn large_whole_floats_are_written_and_read_back() {
    for v in [9_007_199_254_740_993.0f64, 1e16, 8.64e15, -8.64e15, 4.6e18] {
        let text = json::to_string(&v).unwrap();
        assert_eq!(json::from_str::<f64>(&text).unwrap(), v, "{text}");
    }
}

#[test]
fn fractions_are_dropped_when_written() {
    // Attune's floats are whole milliseconds; see the module comment.
    assert_eq!(json::to_string(&1.75f64).unwrap(), "1.0");
    assert_eq!(json::to_string(&f64::NAN).unwrap(), "null");
    assert!(json::to_string(&1e300f64).is_err());
}

#[test]
fn reads_what_serde_json_reads() {
    same_reading::<Envelope>(&std::fs::read_to_string("tests/fixtures/schema-v1.json").unwrap());
    same_reading::<Envelope>(&std::fs::read_to_string("tests/fixtures/schema-v2.json").unwrap());
    same_reading::<Vec<String>>(r#" [ "a" , "\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\" ,"" ] "#);
    same_reading::<BTreeMap<String, u32>>(r#"{"z":1,"a":2,"m":0}"#);
    same_reading::<BTreeMap<String, u32>>(r#"{"a":1,"a":2}"#);
    same_reading::<Vec<f64>>("[0, -0, 1e3, 1E+3, 2.5e-3, 1764000000000.0, 123456789012, -7.25]");
    same_reading::<(u8, u32, u64, i64)>(
        "[255, 4294967295, 18446744073709551615, -9223372036854775808]",
    );
    same_reading::<Vec<Option<bool>>>("[true, null, false]");
    same_reading::<Vec<Confidence>>(r#"["guessing","fairly_sure","certain"]"#);
    same_reading::<Vec<ReflectionValue>>(r#"[{"text":"x"},{"scale":3},{"checklist":["a"]}]"#);
    same_reading::<IgnoredAny>(r#"{"a":[1,{"b":null}],"c":"\u0041","d":-1.5e2,"e":true}"#);
    same_reading::<String>("\n\t \"spaced\" \r\n");
}

#[test]
fn refuses_what_is_not_json() {
    for text in [
        "",
        " ",
        "{",
        "[1,]",
        "[1 2]",
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        "{1:2}",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "tru",
        "nul",
        "True",
        r#""\x""#,
        "\"\u{1}\"",
        r#""\u12""#,
        "\"open",
        "1 2",
        "[]]",
        "'single'",
        "NaN",
    ] {
        same_refusal::<IgnoredAny>(text);
    }
    // Half a surrogate pair is no character (serde_json checks this only
    // when it keeps the string).
    for text in [r#""\ud800""#, r#""\ud800\u0041""#, r#""\udc00""#] {
        same_refusal::<String>(text);
    }
}

#[test]
fn refuses_values_of_the_wrong_kind() {
    same_refusal::<u32>("1.5");
    same_refusal::<u32>("-1");
    same_refusal::<u32>(r#""1""#);
    same_refusal::<u8>("256");
    same_refusal::<f64>("1e999");
    same_refusal::<bool>("1");
    same_refusal::<String>("null");
    same_refusal::<Vec<String>>(r#"{"a":"b"}"#);
    same_refusal::<BTreeMap<String, u32>>(r#"["a"]"#);
    same_refusal::<Confidence>(r#""sure""#);
    same_refusal::<ReflectionValue>(r#"{"text":1}"#);
    same_refusal::<ReflectionValue>(r#"{"text":"a","scale":1}"#);
    same_refusal::<Envelope>(r#"{"schema":1,"progress":{"answers":{"q":{"tries":"x"}}}}"#);
    same_refusal::<Envelope>(r#"{"schema":1,"progress":{"unknown":1}}"#);
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert!(json::from_str::<IgnoredAny>(&deep).is_err());
    let fine = "[".repeat(json::MAX_DEPTH) + &"]".repeat(json::MAX_DEPTH);
    assert!(json::from_str::<IgnoredAny>(&fine).is_ok());
}

#[test]
fn errors_say_where_they_are() {
    let wrong = r#"{"schema":1,"progress":{"answers":{"q1":{"tries":"x"}}}}"#;
    let e = json::from_str::<Envelope>(wrong).unwrap_err();
    assert!(!e.is_syntax());
    assert_eq!(e.path(), "progress.answers[\"q1\"]");

    let unknown = r#"{"schema":1,"progress":{"nope":1}}"#;
    let e = json::from_str::<Envelope>(unknown).unwrap_err();
    assert_eq!(e.path(), "progress");
    assert!(e.what().contains("nope"), "{e}");

    let broken = r#"{"schema":1,"progress":{"answers":{"#;
    let e = json::from_str::<Envelope>(broken).unwrap_err();
    assert!(e.is_syntax());
    assert!(
        e.to_string().contains(&format!("byte {}", broken.len())),
        "{e}"
    );
}

#[test]
fn every_string_survives_a_round_trip() {
    // Every character class the writer treats differently, in every
    // position, checked against serde_json.
    let pieces = [
        "a", "\"", "\\", "\n", "\u{0}", "\u{1f}", "é", "😀", "/", " ",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                same_writing(&format!("{a}{b}{c}"));
            }
        }
    }
}

/// Found by the differential test (tests/json_differential.rs): numbers
/// the first version of this reader refused (`0e999`) or read to other
/// bits than serde_json (`-0` as the whole number 0, tiny numbers as 0,
/// large or long ones an ulp or more away).
#[test]
fn numbers_are_read_to_the_bit_as_serde_json_reads_them() {
    for text in [
        "0e999",
        "-0e999",
        "0.0e400",
        "0e2147483648",
        "1e-400",
        "-0",
        "4.9e-324",
        "2.2250738585072014e-308",
        "1.5304542897703867e-304",
        "-1.5307121718982149e+50",
        "1817284360139501.0",
        "18446744073709551610E64",
        "18446744073709551619.5",
        "1.7976931348623157e308",
    ] {
        let reference: f64 = serde_json::from_str(text).unwrap();
        let ours: f64 = json::from_str(text).unwrap();
        assert_eq!(ours.to_bits(), reference.to_bits(), "{text}");
    }
    // serde_json reads `-0` as the float -0.0, so no whole number.
    same_refusal::<i64>("-0");
    for text in ["1e309", "1e2147483648", "-1.7976931348623159e308"] {
        same_refusal::<f64>(text);
    }
}

/// Also found by the differential test: a value nobody keeps (an unknown
/// field) is checked as serde_json checks it, by its grammar, so a number
/// too large for an `f64` or half a surrogate pair there is no reason to
/// refuse the whole document.
#[test]
fn skipped_values_are_checked_as_serde_json_checks_them() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct SchemaOnly {
        schema: u64,
    }
    for text in [
        r#"{"schema":1,"x":1e999}"#,
        r#"{"schema":1,"x":"\ud800"}"#,
        r#"{"x":{"\udc00":[0e999,"\ud800\u0041"]},"schema":1}"#,
    ] {
        same_reading::<SchemaOnly>(text);
        same_reading::<IgnoredAny>(text);
    }
    for text in [
        r#"{"schema":1,"x":1e}"#,
        r#"{"schema":1,"x":"\u12"}"#,
        r#"{"schema":1,"x":"\x"}"#,
        r#"{"schema":1,"x":[1,]}"#,
        r#"{"schema":1,"x":{"a"}}"#,
    ] {
        same_refusal::<SchemaOnly>(text);
    }
}
