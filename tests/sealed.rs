//! Host tests of protected backups (src/model/sealed.rs), with RustCrypto's
//! PBKDF2 and AES-GCM standing in for WebCrypto: they prove the format is
//! what the README says (anyone with the passphrase and these two
//! primitives can open a file), that every field is checked or
//! authenticated, and they open the fixture each browser made.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/sealed_fixture.rs"]
#[allow(dead_code)] // each test file uses part of it
mod fixture;

use attune::model::backup::{check_backup, file_name};
use attune::model::dates::Zone;
use attune::model::sealed::*;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

const SALT: [u8; SALT_BYTES] = *b"sixteen byte slt";
const IV: [u8; IV_BYTES] = *b"twelve bytes";

/// The AES-256 key, as the README describes it: PBKDF2-HMAC-SHA-256 of the
/// passphrase's UTF-8 with the file's salt and iteration count.
type Key = [u8; 32];

fn key(passphrase: &str, kdf: &KdfParams) -> Key {
    reference_crypto::pbkdf2_sha256(passphrase, &kdf.salt, kdf.iterations)
}

fn seal_with(key: &Key, kdf: &KdfParams, iv: [u8; IV_BYTES], plain: &str, aad: &[u8]) -> String {
    let data = reference_crypto::seal(key, &iv, aad, plain.as_bytes());
    Sealed {
        kdf: kdf.clone(),
        iv,
        data,
    }
    .to_json()
}

/// Opens a file the way the app does: the model's checks, then AES-GCM with
/// the model's additional data.
fn open_with(key: &Key, text: &str) -> Result<String, CryptoError> {
    let file = Sealed::parse(text)?;
    let plain = reference_crypto::open(key, &file.iv, &file.aad(), &file.data)
        .ok_or(CryptoError::WrongPassphraseOrDamaged)?;
    Ok(String::from_utf8(plain).unwrap())
}

fn open(text: &str, passphrase: &str) -> Result<String, CryptoError> {
    let file = Sealed::parse(text)?;
    open_with(&key(passphrase, &file.kdf), text)
}

/// One sealed file for the tests below, and the key that made it.
struct Made {
    key: Key,
    text: String,
}

fn made() -> Made {
    let kdf = KdfParams::new(SALT);
    let key = key("right passphrase", &kdf);
    let text = seal_with(&key, &kdf, IV, &fixture::plain_backup(), &header_aad(&kdf));
    Made { key, text }
}

/// The file with `from` (which must occur once) replaced by `to`.
fn edited(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from} in {text}");
    text.replacen(from, to, 1)
}

fn field(text: &str, name: &str) -> String {
    let start = text.find(&format!("\"{name}\":\"")).unwrap() + name.len() + 4;
    text[start..start + text[start..].find('"').unwrap()].to_string()
}

#[test]
fn the_file_and_its_additional_data_are_exactly_as_documented() {
    let kdf = KdfParams::new(SALT);
    let header = r#"{"app":"attune","encrypted":1,"kdf":"PBKDF2-SHA-256","iterations":600000,"salt":"c2l4dGVlbiBieXRlIHNsdA==","cipher":"AES-256-GCM""#;
    assert_eq!(header_aad(&kdf), format!("{header}}}").into_bytes());
    let file = Sealed {
        kdf,
        iv: IV,
        data: vec![0xff; 17],
    };
    assert_eq!(
        file.to_json(),
        format!(r#"{header},"iv":"dHdlbHZlIGJ5dGVz","data":"//////////////////////8="}}"#)
    );
    assert_eq!(Sealed::parse(&file.to_json()), Ok(file));
}

#[test]
fn a_backup_sealed_with_the_passphrase_opens_to_the_same_progress() {
    let made = made();
    let plain = open(&made.text, "right passphrase").expect("opens");
    assert_eq!(plain, fixture::plain_backup());
    assert_eq!(check_backup(&plain).unwrap().progress, fixture::progress());
    // Nothing the reader wrote shows in the file.
    for words in [
        "Quiet",
        "listening",
        "what-attunement-is",
        "right passphrase",
    ] {
        assert!(!made.text.contains(words), "{words}");
    }
}

#[test]
fn a_wrong_passphrase_is_refused() {
    let made = made();
    for wrong in [
        "wrong passphrase",
        "Right passphrase",
        "right passphrase ",
        "",
    ] {
        assert_eq!(
            open(&made.text, wrong),
            Err(CryptoError::WrongPassphraseOrDamaged)
        );
    }
}

#[test]
fn a_file_sealed_without_its_header_as_additional_data_does_not_open() {
    // The header is bound to the ciphertext: the right key alone is not enough.
    let kdf = KdfParams::new(SALT);
    let key = key("right passphrase", &kdf);
    for aad in [
        &b""[..],
        b"{}",
        &header_aad(&KdfParams {
            iterations: 600_001,
            ..kdf.clone()
        }),
    ] {
        let text = seal_with(&key, &kdf, IV, "{}", aad);
        assert_eq!(
            open_with(&key, &text),
            Err(CryptoError::WrongPassphraseOrDamaged)
        );
    }
}

/// How a changed file must be refused.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Refused {
    /// Before decryption: not a file this page reads.
    Malformed,
    /// Before decryption: parameters Attune does not accept.
    Unsupported,
    /// By AES-GCM: another key, or bytes that do not match the tag.
    Wrong,
}

fn refusal(result: Result<String, CryptoError>) -> Option<Refused> {
    match result {
        Err(CryptoError::Malformed(_)) => Some(Refused::Malformed),
        Err(CryptoError::UnsupportedParameters(_)) => Some(Refused::Unsupported),
        Err(CryptoError::WrongPassphraseOrDamaged) => Some(Refused::Wrong),
        _ => None,
    }
}

#[test]
fn every_header_field_changed_is_refused_with_the_right_error() {
    use Refused::*;
    let Made { text, .. } = made();
    let salt = field(&text, "salt");
    let mut other_salt = SALT;
    other_salt[0] ^= 1;
    let cases = [
        ("app", r#""app":"attune""#, r#""app":"attuned""#, Malformed),
        (
            "version 0",
            r#""encrypted":1"#,
            r#""encrypted":0"#,
            Malformed,
        ),
        (
            "version as text",
            r#""encrypted":1"#,
            r#""encrypted":"1""#,
            Malformed,
        ),
        ("kdf", "PBKDF2-SHA-256", "PBKDF2-SHA-1", Unsupported),
        ("cipher", "AES-256-GCM", "AES-128-GCM", Unsupported),
        ("iterations up", "600000", "600001", Wrong),
        ("iterations too few", "600000", "599999", Unsupported),
        ("iterations too many", "600000", "10000001", Unsupported),
        (
            "iterations huge",
            "600000",
            "99999999999999999999",
            Malformed,
        ),
        ("iterations negative", "600000", "-600000", Malformed),
        ("iterations as text", "600000", "\"600000\"", Malformed),
        ("salt byte", &salt, &BASE64.encode(other_salt), Wrong),
        ("salt short", &salt, &BASE64.encode(&SALT[..15]), Malformed),
        ("salt not base64", &salt, "not base64!", Malformed),
        // The same bytes with a stray bit in the padding: one spelling only.
        (
            "salt respelled",
            &salt,
            &salt.replace("dA==", "dB=="),
            Malformed,
        ),
    ];
    for (what, from, to, expected) in cases {
        let got = open(&edited(&text, from, to), "right passphrase");
        assert_eq!(refusal(got.clone()), Some(expected), "{what}: {got:?}");
    }
}

#[test]
fn a_newer_format_is_named_not_called_broken() {
    let made = made();
    let newer = edited(&made.text, r#""encrypted":1"#, r#""encrypted":2"#);
    assert_eq!(
        open(&newer, "right passphrase"),
        Err(CryptoError::UnknownVersion(2))
    );
    // A newer format may have other fields; the version is read first.
    let other_shape = r#"{"app":"attune","encrypted":7,"suite":"argon2id","blob":"…"}"#;
    assert_eq!(
        Sealed::parse(other_shape),
        Err(CryptoError::UnknownVersion(7))
    );
    assert!(CryptoError::UnknownVersion(7)
        .to_string()
        .contains("newer version of Attune"));
}

#[test]
fn every_byte_of_the_iv_ciphertext_and_tag_is_authenticated() {
    let Made { key, text } = made();
    let file = Sealed::parse(&text).unwrap();
    for i in 0..IV_BYTES {
        let mut changed = file.clone();
        changed.iv[i] ^= 0x80;
        assert_eq!(
            open_with(&key, &changed.to_json()),
            Err(CryptoError::WrongPassphraseOrDamaged),
            "iv {i}"
        );
    }
    // The ciphertext, then the 16-byte tag at its end.
    for i in 0..file.data.len() {
        let mut changed = file.clone();
        changed.data[i] ^= 1;
        assert_eq!(
            open_with(&key, &changed.to_json()),
            Err(CryptoError::WrongPassphraseOrDamaged),
            "data {i}"
        );
    }
    let mut longer = file.clone();
    longer.data.push(0);
    assert_eq!(
        open_with(&key, &longer.to_json()),
        Err(CryptoError::WrongPassphraseOrDamaged)
    );
    for keep in [file.data.len() - 1, TAG_BYTES] {
        let mut shorter = file.clone();
        shorter.data.truncate(keep);
        assert_eq!(
            open_with(&key, &shorter.to_json()),
            Err(CryptoError::WrongPassphraseOrDamaged),
            "{keep}"
        );
    }
    for keep in [TAG_BYTES - 1, 1, 0] {
        let mut shorter = file.clone();
        shorter.data.truncate(keep);
        assert_eq!(
            open_with(&key, &shorter.to_json()),
            Err(CryptoError::Truncated),
            "{keep}"
        );
    }
    let iv = field(&text, "iv");
    let short_iv = edited(&text, &iv, &BASE64.encode(&IV[..11]));
    assert!(matches!(
        Sealed::parse(&short_iv),
        Err(CryptoError::Malformed(_))
    ));
}

#[test]
fn a_file_cut_short_anywhere_is_refused_as_incomplete() {
    let text = made().text;
    for end in 0..text.len() {
        assert_eq!(
            Sealed::parse(&text[..end]),
            Err(CryptoError::Truncated),
            "cut at {end}"
        );
    }
    assert!(
        Sealed::parse(&format!("{text}\n")).is_ok(),
        "a final newline is fine"
    );
}

#[test]
fn missing_unknown_and_repeated_fields_are_refused() {
    let text = made().text;
    for name in ["app", "kdf", "iterations", "salt", "cipher", "iv", "data"] {
        let start = text.find(&format!(",\"{name}\":")).unwrap_or(1);
        let rest = &text[start + 1..];
        let end = rest
            .find(",\"")
            .map(|i| start + 1 + i + 1)
            .unwrap_or(text.len() - 1);
        let without = format!(
            "{}{}",
            &text[..start + usize::from(start == 1)],
            &text[end..]
        );
        assert!(
            matches!(Sealed::parse(&without), Err(CryptoError::Malformed(_))),
            "{name}: {without}"
        );
    }
    let extra = edited(
        &text,
        r#""cipher":"AES-256-GCM""#,
        r#""cipher":"AES-256-GCM","note":"hi""#,
    );
    assert!(matches!(
        Sealed::parse(&extra),
        Err(CryptoError::Malformed(_))
    ));
    let twice = edited(
        &text,
        r#""cipher":"AES-256-GCM""#,
        r#""cipher":"AES-256-GCM","cipher":"AES-256-GCM""#,
    );
    assert!(matches!(
        Sealed::parse(&twice),
        Err(CryptoError::Malformed(_))
    ));
}

#[test]
fn the_header_is_authenticated_by_value_not_by_spacing() {
    // Reordering or spacing the same values is not a change to any field.
    let Made { key, text } = made();
    let spaced = text.replace("\":", "\" : ").replace(",\"", ",\n  \"");
    assert_eq!(open_with(&key, &spaced), Ok(fixture::plain_backup()));
}

#[test]
fn hostile_files_are_refused_without_panicking() {
    let made = made();
    let huge = format!(
        r#"{{"encrypted":1,"data":"{}"}}"#,
        "A".repeat(MAX_SEALED_BYTES)
    );
    assert_eq!(Sealed::parse(&huge), Err(CryptoError::TooLarge(huge.len())));
    // Large but allowed, and garbage: refused quickly, unread by AES.
    let big = edited(
        &made.text,
        &field(&made.text, "data"),
        &"A".repeat(MAX_SEALED_BYTES - 2048),
    );
    assert_eq!(
        open_with(&made.key, &big),
        Err(CryptoError::WrongPassphraseOrDamaged)
    );
    let data = field(&made.text, "data");
    let hostile = [
        String::new(),
        "null".into(),
        "[]".into(),
        "{}".into(),
        r#"{"encrypted":null}"#.into(),
        r#"{"encrypted":1}"#.into(),
        "{\"encrypted\":1".repeat(2) + "}",
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!(r#"{{"encrypted":{}1{}}}"#, "[".repeat(500), "]".repeat(500)),
        edited(&made.text, &format!("\"{data}\""), "null"),
        edited(&made.text, &format!("\"{data}\""), "[1,2,3]"),
        edited(&made.text, &format!("\"{data}\""), "\"%%%%\""),
        edited(&made.text, &format!("\"{data}\""), &format!("\"{data} \"")),
        edited(
            &made.text,
            &format!("\"{data}\""),
            &format!("\"{}\"", data.trim_end_matches('=')),
        ),
        edited(&made.text, r#""salt":""#, r#""salt":{"x":"#).replacen(
            "\",\"cipher",
            "\"},\"cipher",
            1,
        ),
        made.text.replace("\"iv\"", "\"\\u0000\""),
    ];
    for text in hostile {
        let got = Sealed::parse(&text);
        assert!(
            matches!(
                got,
                Err(CryptoError::Malformed(_)
                    | CryptoError::Truncated
                    | CryptoError::UnknownVersion(_))
            ),
            "{got:?} for {}",
            &text[..text.len().min(80)]
        );
    }
}

#[test]
fn iteration_counts_have_bounds() {
    assert_eq!(check_iterations(600_000), Ok(600_000));
    assert_eq!(check_iterations(10_000_000), Ok(10_000_000));
    for n in [0, 1, 599_999, 10_000_001, u64::from(u32::MAX) + 1, u64::MAX] {
        assert!(
            matches!(
                check_iterations(n),
                Err(CryptoError::UnsupportedParameters(_))
            ),
            "{n}"
        );
    }
    assert_eq!(KdfParams::new(SALT).iterations, ITERATIONS);
    const { assert!(ITERATIONS >= 600_000) };
}

#[test]
fn only_files_with_an_encrypted_field_are_taken_for_protected() {
    assert!(is_protected(&made().text));
    assert!(is_protected(r#"{"encrypted":99}"#));
    assert!(is_protected(r#" {"encrypted":"x"}"#));
    assert!(!is_protected(&fixture::plain_backup()));
    // Cut short, no longer JSON: still known by its field, and so refused
    // as incomplete rather than as "not a backup".
    let text = made().text;
    assert!(is_protected(&text[..text.len() / 2]));
    assert!(is_protected(r#"{ "encrypted" : 1, "app":"#));
    assert_eq!(
        Sealed::parse(&text[..text.len() / 2]),
        Err(CryptoError::Truncated)
    );
    // A broken plain backup that merely holds the word is not taken for one.
    let plain = fixture::plain_backup().replace("Quiet evenings", "encrypted");
    assert!(!is_protected(&plain[..plain.len() - 3]));
    assert!(!is_protected(r#"{"app":"attune","text":"encrypted","#));
    for other in [
        "",
        "{not json",
        "[]",
        r#"[{"encrypted":1}]"#,
        r#"{"app":"attune"}"#,
    ] {
        assert!(!is_protected(other), "{other}");
    }
}

#[test]
fn new_passphrases_need_eight_characters_typed_the_same_twice() {
    assert_eq!(
        check_new_passphrase("", ""),
        Err(PassphraseProblem::TooShort)
    );
    assert_eq!(
        check_new_passphrase("seven77", "seven77"),
        Err(PassphraseProblem::TooShort)
    );
    // Characters, not bytes: eight accented letters are enough.
    assert_eq!(check_new_passphrase("éééééééé", "éééééééé"), Ok(()));
    assert_eq!(
        check_new_passphrase("🐚🐚🐚🐚🐚🐚🐚", "🐚🐚🐚🐚🐚🐚🐚"),
        Err(PassphraseProblem::TooShort)
    );
    assert_eq!(
        check_new_passphrase("eight888", "eight889"),
        Err(PassphraseProblem::Mismatch)
    );
    assert_eq!(
        check_new_passphrase("eight888", ""),
        Err(PassphraseProblem::Mismatch)
    );
    assert_eq!(check_new_passphrase("eight888", "eight888"), Ok(()));
}

#[test]
fn protected_files_have_a_name_of_their_own() {
    assert_eq!(
        file_name(1_795_636_511_018.0, &Zone::default(), false),
        "attune-backup-2026-11-25.json"
    );
    assert_eq!(
        file_name(1_795_636_511_018.0, &Zone::default(), true),
        "attune-backup-2026-11-25-protected.json"
    );
}

#[test]
fn every_error_reads_as_a_sentence() {
    let errors = [
        CryptoError::TooLarge(9_000_000),
        CryptoError::Truncated,
        CryptoError::Malformed("x".into()),
        CryptoError::UnknownVersion(2),
        CryptoError::UnsupportedParameters("x".into()),
        CryptoError::WrongPassphraseOrDamaged,
        CryptoError::CryptoUnavailable("x".into()),
        CryptoError::Failed("x".into()),
    ];
    for e in errors {
        let text = e.to_string();
        assert!(
            text.starts_with(|c: char| c.is_uppercase()) && text.ends_with('.'),
            "{text}"
        );
    }
    assert_eq!(
        CryptoError::WrongPassphraseOrDamaged.to_string(),
        "The passphrase is wrong, or the file was changed or damaged. Attune cannot tell which. Check the passphrase and try again."
    );
}

/// The file each browser made with WebCrypto (tests/web_crypto.rs), opened
/// here by RustCrypto: every engine writes the documented format.
#[test]
fn the_fixture_made_by_each_browser_opens() {
    for engine in fixture::ENGINES {
        let path = format!("tests/fixtures/encrypted-backup-{engine}.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let plain = open(&text, fixture::PASSPHRASE).unwrap_or_else(|e| panic!("{engine}: {e}"));
        assert_eq!(plain, fixture::SEALED_PLAIN, "{engine}");
        let migrated = attune::model::codec::from_v1(fixture::progress()).unwrap();
        assert_eq!(check_backup(&plain).unwrap().progress, migrated, "{engine}");
        assert_eq!(
            open(&text, "gentle unicode 🐚 harbour"),
            Err(CryptoError::WrongPassphraseOrDamaged)
        );
    }
}

/// The lock stores progress as it stores a protected backup: the envelope
/// around the stored text. Every released schema, locked and opened again,
/// reads exactly as it did unlocked; and only the envelope counts as locked.
#[test]
fn stored_progress_of_every_schema_locks_and_unlocks_to_the_same_reading() {
    use attune::model::sealed::is_sealed;
    for schema in ["schema-v1.json", "schema-v2.json"] {
        let plain = std::fs::read_to_string(format!("tests/fixtures/{schema}")).unwrap();
        let kdf = KdfParams::new(SALT);
        let key = key("lock passphrase", &kdf);
        let locked = seal_with(&key, &kdf, IV, &plain, &header_aad(&kdf));
        assert!(is_sealed(&locked), "{schema}");
        assert!(!is_sealed(&plain), "{schema}");
        let opened = open_with(&key, &locked).expect("opens");
        assert_eq!(opened, plain);
        assert_eq!(
            attune::model::stored::stored(Some(&opened)),
            attune::model::stored::stored(Some(&plain)),
            "{schema}"
        );
        assert!(matches!(
            attune::model::stored::stored(Some(&plain)),
            attune::model::sync::Stored::Readable(_) | attune::model::sync::Stored::Migrated(_)
        ));
        // Turned off again: what is written is the plain text once more.
        assert!(!is_sealed(&opened));
    }
}
