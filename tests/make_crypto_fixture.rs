//! Makes this engine's protected-backup fixture (ignored in test runs):
//! scripts/make-crypto-fixtures runs it in Chromium, Firefox and WebKit and
//! writes what it prints to tests/fixtures/encrypted-backup-<engine>.json.
//! Kept apart from tests/web_crypto.rs, which needs the fixtures to exist.
#![cfg(target_arch = "wasm32")]

#[path = "common/sealed_fixture.rs"]
#[allow(dead_code)] // each test file uses part of it
mod fixture;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Prints the fixture between markers, with the engine's user agent.
#[wasm_bindgen_test]
#[ignore]
async fn make_fixture() {
    let text = attune::crypto::seal_with_passphrase(fixture::PASSPHRASE, fixture::SEALED_PLAIN)
        .await
        .expect("WebCrypto seals in this engine");
    let agent = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    console_log!("FIXTURE-AGENT {agent}");
    console_log!("FIXTURE-BEGIN{text}FIXTURE-END");
}
