//! Attune's JSON reader (src/model/json) against serde_json, on random
//! input: for every input and every target type, both readers accept it
//! and read the same value (floats to the bit, maps with their repeats in
//! order), or both refuse it. Neither may panic (release builds abort).
//!
//! The differences that are meant, each allowed as narrowly as it can be:
//! - a struct written as an array is refused (differential/reference.rs);
//! - nesting deeper than `json::MAX_DEPTH` is refused, even inside a value
//!   that is skipped (differential/targets.rs, `agree`).
//!
//! The entry cap and the date range are in the types' own `Deserialize`,
//! which both readers run, so they are not differences.
//!
//! Each property runs `CASES` cases (a few seconds in a debug build);
//! `PROPTEST_CASES=100000 cargo test --test json_differential` runs more.
#![cfg(not(target_arch = "wasm32"))]

mod differential;

use differential::gen::{arbitrary_text, attune_text};
use differential::reference::serde_json_reads;
use differential::targets::every_target_agrees;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const CASES: u32 = 1000;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        // Inputs are cheap; a failure shrinks to the smallest text.
        max_shrink_iters: 10_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/json_differential.proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_reads_alike(text in arbitrary_text()) {
        every_target_agrees(&text);
    }

    #[test]
    fn attune_data_reads_alike(text in attune_text()) {
        every_target_agrees(&text);
    }
}

/// The reference is serde_json itself in all but structs-as-arrays.
#[test]
fn the_reference_differs_from_serde_json_only_on_structs_as_arrays() {
    use attune::model::progress::Progress;
    for text in ["[]", "[{}]", "[{},{},{},[],null]"] {
        assert!(serde_json::from_str::<Progress>(text).is_ok(), "{text}");
        assert!(serde_json_reads::<Progress>(text).is_err(), "{text}");
        assert!(
            attune::model::json::from_str::<Progress>(text).is_err(),
            "{text}"
        );
    }
    let text = r#"{"answers":{"q":{"selected":["a"],"tries":2}},"completed":["l"]}"#;
    let plain: Progress = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json_reads::<Progress>(text).unwrap(), plain);
    let list = r#"[1,"a",{"b":[true,null]},-0.5]"#;
    let plain: serde_json::Value = serde_json::from_str(list).unwrap();
    assert_eq!(serde_json_reads::<serde_json::Value>(list).unwrap(), plain);
}
