//! What the protected-backup fixtures hold: shared by the host test that
//! opens them with RustCrypto (tests/sealed.rs) and the browser tests that
//! make and open them (tests/web_crypto.rs). Change nothing here without
//! making the fixtures again (tests/fixtures/README.md).

use attune::model::backup::export;
use attune::model::progress::{Progress, ReflectionValue};

/// Not ASCII on purpose: the same words must give the same key in every
/// engine (UTF-8, Unicode normal form C).
pub const PASSPHRASE: &str = "gentle ünïcode 🐚 harbour";

/// The fixtures' `exported` time, so their plaintext is known exactly.
pub const EXPORTED: f64 = 1_795_636_511_018.0;

/// The engines that made a fixture each.
pub const ENGINES: [&str; 3] = ["chromium", "firefox", "webkit"];

pub fn progress() -> Progress {
    let mut p = Progress::default();
    p.set_reflection(
        "what-attunement-is.felt-understood",
        ReflectionValue::Text("Quiet evenings — \"listening\" <b>first</b> 🌱".into()),
        EXPORTED - 60_000.0,
    );
    p.set_position("what-attunement-is", "intro");
    p.complete("what-attunement-is");
    p
}

/// The plain backup every fixture encrypts.
pub fn plain_backup() -> String {
    export(&progress(), EXPORTED).expect("a small backup is writable")
}

/// The plain backup the engines sealed into the fixtures, as Attune wrote
/// it then (stored format 1). Kept as written: a protected backup of an
/// older format must open, then import through its migration.
pub const SEALED_PLAIN: &str = r#"{"app":"attune","schema":1,"exported":1795636511018.0,"progress":{"answers":{},"reflections":{"what-attunement-is.felt-understood":{"value":{"text":"Quiet evenings — \"listening\" <b>first</b> 🌱"},"created":1795636451018.0,"edited":1795636451018.0}},"positions":{"what-attunement-is":"intro"},"completed":["what-attunement-is"],"last_lesson":"what-attunement-is"}}"#;
