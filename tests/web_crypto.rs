//! Browser tests of the WebCrypto adapter (src/crypto.rs) in headless
//! Chromium, Firefox and WebKit (scripts/test): protected backups sealed
//! and opened with each engine's own PBKDF2 and AES-GCM, refused when the
//! passphrase is wrong or a byte changed, and the fixture every engine made
//! opened by every engine.
//!
//! The fixtures come from tests/make_crypto_fixture.rs, run in each engine
//! by scripts/make-crypto-fixtures.
#![cfg(target_arch = "wasm32")]

#[path = "common/sealed_fixture.rs"]
#[allow(dead_code)] // each test file uses part of it
mod fixture;

use attune::crypto::{
    derive_key, open, open_text, open_with_passphrase, random_bytes, seal, seal_text,
    seal_with_passphrase, CryptoError,
};
use attune::model::backup::check_backup;
use attune::model::sealed::{header_aad, KdfParams, Sealed, ITERATIONS, SALT_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The fixtures, as committed. A new engine's fixture is added here too.
const FIXTURES: [(&str, &str); 3] = [
    (
        "chromium",
        include_str!("fixtures/encrypted-backup-chromium.json"),
    ),
    (
        "firefox",
        include_str!("fixtures/encrypted-backup-firefox.json"),
    ),
    (
        "webkit",
        include_str!("fixtures/encrypted-backup-webkit.json"),
    ),
];

/// Which engine runs the test, from its user agent.
fn engine() -> &'static str {
    let agent = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    if agent.contains("Firefox/") {
        "firefox"
    } else if agent.contains("Chrome/") {
        "chromium"
    } else {
        "webkit"
    }
}

#[wasm_bindgen_test]
async fn a_backup_sealed_in_this_browser_opens_with_its_passphrase() {
    let plain = fixture::plain_backup();
    let text = seal_with_passphrase(fixture::PASSPHRASE, &plain)
        .await
        .unwrap();
    for words in ["Quiet", "listening", "what-attunement-is", "harbour"] {
        assert!(!text.contains(words), "{words} in {text}");
    }
    let file = Sealed::parse(&text).unwrap();
    assert_eq!(file.kdf.iterations, ITERATIONS);
    let opened = open_with_passphrase(&file, fixture::PASSPHRASE)
        .await
        .unwrap();
    assert_eq!(opened, plain);
    assert_eq!(check_backup(&opened).unwrap().progress, fixture::progress());
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_is_refused() {
    let text = seal_with_passphrase("the right words", "{}").await.unwrap();
    let file = Sealed::parse(&text).unwrap();
    for wrong in ["the right word", "The right words", ""] {
        assert_eq!(
            open_with_passphrase(&file, wrong).await,
            Err(CryptoError::WrongPassphraseOrDamaged)
        );
    }
}

#[wasm_bindgen_test]
async fn a_changed_byte_salt_count_or_header_is_refused() {
    let text = seal_with_passphrase("the right words", "{\"a\":1}")
        .await
        .unwrap();
    let file = Sealed::parse(&text).unwrap();
    let key = derive_key("the right words", &file.kdf).await.unwrap();
    for i in [0, file.data.len() / 2, file.data.len() - 1] {
        let mut changed = file.clone();
        changed.data[i] ^= 1;
        assert_eq!(
            open_text(&key, &changed).await,
            Err(CryptoError::WrongPassphraseOrDamaged),
            "data byte {i}"
        );
    }
    let mut changed = file.clone();
    changed.iv[0] ^= 1;
    assert_eq!(
        open_text(&key, &changed).await,
        Err(CryptoError::WrongPassphraseOrDamaged)
    );
    // Another salt or count is another key.
    let mut changed = file.clone();
    changed.kdf.salt[0] ^= 1;
    let text = changed.to_json();
    let changed = Sealed::parse(&text).unwrap();
    assert_eq!(
        open_with_passphrase(&changed, "the right words").await,
        Err(CryptoError::WrongPassphraseOrDamaged)
    );
    let more = text.replacen("600000", "600001", 1);
    assert_eq!(
        open_with_passphrase(&Sealed::parse(&more).unwrap(), "the right words").await,
        Err(CryptoError::WrongPassphraseOrDamaged)
    );
    // The right key and bytes, another header: refused (the additional data).
    let other = header_aad(&KdfParams {
        iterations: ITERATIONS + 1,
        ..file.kdf.clone()
    });
    assert_eq!(
        open(&key, &file.iv, &file.data, &other).await,
        Err(CryptoError::WrongPassphraseOrDamaged)
    );
    assert_eq!(open_text(&key, &file).await, Ok("{\"a\":1}".to_string()));
}

#[wasm_bindgen_test]
async fn each_seal_has_its_own_iv_and_each_file_its_own_salt() {
    let one = Sealed::parse(
        &seal_with_passphrase("same words here", "same")
            .await
            .unwrap(),
    )
    .unwrap();
    let two = Sealed::parse(
        &seal_with_passphrase("same words here", "same")
            .await
            .unwrap(),
    )
    .unwrap();
    assert_ne!(one.kdf.salt, two.kdf.salt);
    assert_ne!(one.iv, two.iv);
    assert_ne!(one.data, two.data);
    // One key, many seals (the lock's way): a new IV every time.
    let key = derive_key("same words here", &one.kdf).await.unwrap();
    let (iv_a, _) = seal(&key, b"x", b"").await.unwrap();
    let (iv_b, _) = seal(&key, b"x", b"").await.unwrap();
    assert_ne!(iv_a, iv_b);
    let sealed = seal_text(&key, &one.kdf, "again").await.unwrap();
    assert_eq!(open_text(&key, &sealed).await, Ok("again".to_string()));
}

#[wasm_bindgen_test]
async fn the_key_cannot_be_read_back_and_only_encrypts_and_decrypts() {
    let key = derive_key("some words", &KdfParams::new(random_bytes().unwrap()))
        .await
        .unwrap();
    assert!(!key.extractable());
    assert_eq!(key.type_(), "secret");
    let usages: Vec<String> = key.usages().iter().filter_map(|u| u.as_string()).collect();
    assert_eq!(usages.len(), 2);
    assert!(usages.contains(&"encrypt".to_string()) && usages.contains(&"decrypt".to_string()));
    let algorithm = key.algorithm().unwrap();
    let name = js_sys::Reflect::get(&algorithm, &"name".into()).unwrap();
    let length = js_sys::Reflect::get(&algorithm, &"length".into()).unwrap();
    assert_eq!(name.as_string().as_deref(), Some("AES-GCM"));
    assert_eq!(length.as_f64(), Some(256.0));
}

#[wasm_bindgen_test]
async fn an_empty_passphrase_makes_no_key_in_any_engine() {
    let kdf = KdfParams::new(random_bytes().unwrap());
    assert!(matches!(
        derive_key("", &kdf).await,
        Err(CryptoError::Failed(_))
    ));
}

#[wasm_bindgen_test]
async fn counts_out_of_bounds_are_refused_before_any_work() {
    for iterations in [1, 599_999, 10_000_001] {
        let kdf = KdfParams {
            iterations,
            salt: [7; SALT_BYTES],
        };
        assert!(matches!(
            derive_key("words", &kdf).await,
            Err(CryptoError::UnsupportedParameters(_))
        ));
    }
}

#[wasm_bindgen_test]
async fn without_crypto_subtle_the_reader_is_told_not_crashed() {
    // As on a page served over plain http: `crypto.subtle` is undefined.
    let crypto: JsValue = web_sys::window().unwrap().crypto().unwrap().into();
    let object: &js_sys::Object = crypto.unchecked_ref();
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&descriptor, &"value".into(), &JsValue::UNDEFINED).unwrap();
    js_sys::Object::define_property(object, &"subtle".into(), &descriptor);
    let result = seal_with_passphrase("some words", "{}").await;
    js_sys::Reflect::delete_property(object, &"subtle".into()).unwrap();
    assert!(
        matches!(result, Err(CryptoError::CryptoUnavailable(_))),
        "{result:?}"
    );
    assert!(
        seal_with_passphrase("some words", "{}").await.is_ok(),
        "restored"
    );
}

/// The file each engine made, opened here: a backup protected in one
/// browser opens in the others.
#[wasm_bindgen_test]
async fn the_fixture_every_engine_made_opens_here() {
    for (maker, text) in FIXTURES {
        let file = Sealed::parse(text).unwrap_or_else(|e| panic!("{maker}: {e}"));
        let opened = open_with_passphrase(&file, fixture::PASSPHRASE)
            .await
            .unwrap_or_else(|e| panic!("made by {maker}, opened in {}: {e}", engine()));
        assert_eq!(opened, fixture::SEALED_PLAIN, "{maker}");
    }
}

/// How long deriving a key takes here (the reader waits this long when
/// saving or opening a protected backup, or unlocking). A measurement, not a
/// test: `make bench` runs it (`--include-ignored`) and prints the median.
#[wasm_bindgen_test]
#[ignore = "a benchmark: make bench runs it"]
async fn time_to_derive_a_key() {
    let mut times = Vec::new();
    for run in 0..3 {
        // A new salt and passphrase each time: Firefox's NSS remembers a
        // key it derived, and a second derivation of it takes no time.
        let kdf = KdfParams::new(random_bytes().unwrap());
        let passphrase = format!("words to time, run {run}");
        let start = now();
        derive_key(&passphrase, &kdf).await.unwrap();
        times.push(now() - start);
    }
    times.sort_by(f64::total_cmp);
    console_log!(
        "derive_key, {ITERATIONS} iterations, in {}: median {:.0} ms (runs: {:?})",
        engine(),
        times[1],
        times
    );
}

fn now() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into())
        .unwrap()
        .unchecked_into();
    now.call0(&performance).unwrap().as_f64().unwrap()
}

/// The lock (src/session_key.rs): a new IV for every write under one key,
/// opened by that key and by the passphrase, never by a wrong one or by
/// the same passphrase with another salt (a passphrase chosen again).
#[wasm_bindgen_test]
async fn the_lock_seals_each_write_anew_and_opens_only_with_its_key() {
    use attune::session_key::{choose, open, seal, unlock};
    let text = r#"{"schema":2,"progress":{"completed":["what-attunement-is"]}}"#;
    let key = choose("a lock passphrase").await.expect("a key");
    let first = seal(&key, text.into()).await.expect("sealed");
    let second = seal(&key, text.into()).await.expect("sealed");
    assert_ne!(first, second, "a new IV for each write");
    assert!(attune::model::sealed::is_sealed(&first));
    assert!(!first.contains("what-attunement-is"));
    assert_eq!(open(&key, second.clone()).await.as_deref(), Ok(text));

    let again = unlock("a lock passphrase", &first).await.expect("unlocks");
    assert_eq!(open(&again, second.clone()).await.as_deref(), Ok(text));
    assert!(unlock("a lock passphrase!", &first).await.is_err());
    let chosen_again = choose("a lock passphrase").await.expect("a key");
    assert!(open(&chosen_again, first).await.is_err());
}
