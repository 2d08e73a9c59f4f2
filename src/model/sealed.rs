//! Protected backups: the envelope around an encrypted plain backup, and the
//! checks a file must pass before any decryption is tried. Pure, so every
//! rule here is tested on the host (tests/sealed.rs); the WebCrypto calls
//! that seal and open are in `crate::crypto`.
//!
//! A protected backup is one JSON object (README, "Protected backups"):
//!
//! ```text
//! {"app":"attune","encrypted":1,"kdf":"PBKDF2-SHA-256","iterations":600000,
//!  "salt":"<16 bytes>","cipher":"AES-256-GCM","iv":"<12 bytes>",
//!  "data":"<ciphertext and 16-byte tag>"}
//! ```
//!
//! Bytes are standard base64 with padding. `data` decrypts to the plain
//! backup file (`super::backup`), so plain and protected backups share one
//! reader and one schema migration. The header up to `cipher` is the GCM
//! additional data ([`header_aad`]): changing any of it makes opening fail.
//! The IV and the tag need no such binding: GCM fails by itself when either
//! changes.

use super::backup::MAX_BACKUP_BYTES;
use super::json;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::Deserialize;

/// The envelope format this build writes and reads. A newer number is
/// refused as [`CryptoError::UnknownVersion`], never guessed at.
pub const FORMAT_VERSION: u64 = 1;
pub const KDF: &str = "PBKDF2-SHA-256";
pub const CIPHER: &str = "AES-256-GCM";
/// OWASP's figure for PBKDF2-HMAC-SHA256 (2023): 70 to 130 ms in the
/// three engines on the test machine (README), longer on a phone.
pub const ITERATIONS: u32 = 600_000;
/// Fewer would make a stolen file cheaper to guess than Attune promises.
pub const MIN_ITERATIONS: u32 = ITERATIONS;
/// More would let a hostile file keep the tab busy for minutes before it is
/// refused (this many take about 2 s on the test machine, far longer on an
/// old phone).
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// AES-GCM's tag, 128 bits, at the end of `data`.
pub const TAG_BYTES: usize = 16;
/// The shortest passphrase Attune accepts for a new protected file.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Larger files are refused unread: the largest plain backup, encrypted and
/// in base64, with room for the header.
pub const MAX_SEALED_BYTES: usize = (MAX_BACKUP_BYTES + TAG_BYTES).div_ceil(3) * 4 + 1024;
const APP: &str = "attune";

/// How every sealed text begins (`Sealed::to_json` writes its fields in
/// this order). Anything else is read as plain stored data, so a changed
/// envelope is refused and kept aside like any unreadable value.
const SEALED_START: &str = r#"{"app":"attune","encrypted":"#;

/// Whether stored text is the lock's ciphertext (or a protected backup's).
pub fn is_sealed(raw: &str) -> bool {
    raw.starts_with(SEALED_START)
}

/// Why a file could not be protected or opened, in words for the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum CryptoError {
    TooLarge(usize),
    /// The file ends before the envelope does, or `data` is shorter than a
    /// tag: cut short while it was downloaded or copied.
    Truncated,
    /// Not a protected backup this page can read (not JSON, wrong types,
    /// missing or unknown fields, bad base64, wrong lengths).
    Malformed(String),
    /// Made by a newer Attune.
    UnknownVersion(u64),
    /// Another key derivation or cipher, or an iteration count out of bounds.
    UnsupportedParameters(String),
    /// AES-GCM refused the tag. It cannot tell a wrong key from changed
    /// bytes, so neither can we.
    WrongPassphraseOrDamaged,
    /// No WebCrypto here (an insecure context, or a very old browser).
    CryptoUnavailable(String),
    /// WebCrypto failed in some other way.
    Failed(String),
}

impl std::fmt::Display for CryptoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge(n) => write!(f, "The file is too large to be an Attune backup ({} KB).", n / 1024),
            Self::Truncated => f.write_str("The file is incomplete. It may have been cut short while it was downloaded or copied."),
            Self::Malformed(why) => write!(f, "This is not a protected Attune backup that this page can read ({why})."),
            Self::UnknownVersion(v) => write!(f, "This protected backup was made by a newer version of Attune (format {v}). Reload the page to update Attune, then try again."),
            Self::UnsupportedParameters(why) => write!(f, "This protected backup uses settings Attune does not accept ({why})."),
            Self::WrongPassphraseOrDamaged => f.write_str("The passphrase is wrong, or the file was changed or damaged. Attune cannot tell which. Check the passphrase and try again."),
            Self::CryptoUnavailable(why) => write!(f, "This browser cannot encrypt or decrypt on this page ({why}). Attune needs an up-to-date browser and a secure (https) address for it."),
            Self::Failed(why) => write!(f, "The browser could not finish ({why})."),
        }
    }
}

/// What turns a passphrase into a key: PBKDF2-SHA-256 with these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KdfParams {
    pub iterations: u32,
    pub salt: [u8; SALT_BYTES],
}

impl KdfParams {
    /// The parameters for a new file, around a fresh random salt.
    pub fn new(salt: [u8; SALT_BYTES]) -> Self {
        Self {
            iterations: ITERATIONS,
            salt,
        }
    }
}

/// Refuses iteration counts outside [`MIN_ITERATIONS`]..=[`MAX_ITERATIONS`].
pub fn check_iterations(iterations: u64) -> Result<u32, CryptoError> {
    match u32::try_from(iterations) {
        Ok(n) if (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&n) => Ok(n),
        _ => Err(CryptoError::UnsupportedParameters(format!(
            "{iterations} rounds of key derivation; Attune accepts {MIN_ITERATIONS} to {MAX_ITERATIONS}"
        ))),
    }
}

/// A protected backup, read or about to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Sealed {
    pub kdf: KdfParams,
    pub iv: [u8; IV_BYTES],
    /// The ciphertext followed by the 16-byte tag, as WebCrypto gives it.
    pub data: Vec<u8>,
}

/// The envelope's fields up to `cipher`, exactly as written: the GCM
/// additional data, so every one of them is authenticated.
pub fn header_aad(kdf: &KdfParams) -> Vec<u8> {
    format!("{}}}", header(kdf)).into_bytes()
}

/// `{"app":…,"cipher":"AES-256-GCM"` (no closing brace). Every value is a
/// constant, a number or base64, so none needs escaping.
fn header(kdf: &KdfParams) -> String {
    format!(
        r#"{{"app":"{APP}","encrypted":{FORMAT_VERSION},"kdf":"{KDF}","iterations":{},"salt":"{}","cipher":"{CIPHER}""#,
        kdf.iterations,
        BASE64.encode(kdf.salt)
    )
}

/// The first look at a file: is it a protected backup at all? Anything with
/// an `encrypted` field is, and goes to [`Sealed::parse`] to be checked;
/// everything else to the plain backup's checks. A file that is no longer
/// JSON (cut short, most likely) counts as protected when it names the
/// field near its start, as every protected file does, so the reader hears
/// what is wrong with a protected file, not that it is no backup at all.
pub fn is_protected(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        encrypted: Option<serde::de::IgnoredAny>,
    }
    let text = text.trim_start();
    if !text.starts_with('{') {
        return false;
    }
    match json::from_str::<Probe>(text) {
        Ok(probe) => probe.encrypted.is_some(),
        Err(_) => names_encrypted_near_start(text.as_bytes()),
    }
}

/// `"encrypted"` followed by a colon (a key, not a value) in the first 256
/// bytes.
fn names_encrypted_near_start(text: &[u8]) -> bool {
    const KEY: &[u8] = b"\"encrypted\"";
    let head = &text[..text.len().min(256)];
    head.windows(KEY.len()).enumerate().any(|(at, window)| {
        window == KEY
            && head[at + KEY.len()..]
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                == Some(&b':')
    })
}

#[derive(Deserialize)]
struct VersionOnly {
    encrypted: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    app: String,
    // Checked by `VersionOnly` first; here only allowed.
    #[serde(rename = "encrypted")]
    _version: u64,
    kdf: String,
    iterations: u64,
    salt: String,
    cipher: String,
    iv: String,
    data: String,
}

impl Sealed {
    /// The file's text.
    pub fn to_json(&self) -> String {
        format!(
            r#"{},"iv":"{}","data":"{}"}}"#,
            header(&self.kdf),
            BASE64.encode(self.iv),
            BASE64.encode(&self.data)
        )
    }

    /// The GCM additional data for this file.
    pub fn aad(&self) -> Vec<u8> {
        header_aad(&self.kdf)
    }

    /// Reads and checks a protected backup: the version first (so a newer
    /// format is named, not called broken), then every field, strictly.
    /// Whether the passphrase is right is for decryption to find out.
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        if text.len() > MAX_SEALED_BYTES {
            return Err(CryptoError::TooLarge(text.len()));
        }
        // A complete envelope ends with its closing brace; one cut short
        // anywhere (in `data`, most likely) does not.
        if !text.trim_end().ends_with('}') {
            return Err(CryptoError::Truncated);
        }
        let malformed = |e: json::Error| CryptoError::Malformed(e.to_string());
        if !text.trim_start().starts_with('{') {
            return Err(CryptoError::Malformed("it is not a JSON object".into()));
        }
        match json::from_str::<VersionOnly>(text)
            .map_err(malformed)?
            .encrypted
        {
            FORMAT_VERSION => {}
            0 => return Err(CryptoError::Malformed("format 0 does not exist".into())),
            v => return Err(CryptoError::UnknownVersion(v)),
        }
        let file: EnvelopeIn = json::from_str(text).map_err(malformed)?;
        if file.app != APP {
            return Err(CryptoError::Malformed(format!(
                "it was made by `{}`",
                file.app
            )));
        }
        if file.kdf != KDF {
            return Err(CryptoError::UnsupportedParameters(format!(
                "key derivation `{}`; Attune uses {KDF}",
                file.kdf
            )));
        }
        if file.cipher != CIPHER {
            return Err(CryptoError::UnsupportedParameters(format!(
                "cipher `{}`; Attune uses {CIPHER}",
                file.cipher
            )));
        }
        let iterations = check_iterations(file.iterations)?;
        let salt = fixed::<SALT_BYTES>("salt", &file.salt)?;
        let iv = fixed::<IV_BYTES>("iv", &file.iv)?;
        let data = decode("data", &file.data)?;
        if data.len() < TAG_BYTES {
            return Err(CryptoError::Truncated);
        }
        Ok(Self {
            kdf: KdfParams { iterations, salt },
            iv,
            data,
        })
    }
}

/// Standard base64 with padding, strictly: no spaces, no missing padding,
/// no stray bits, so each byte string has exactly one spelling.
fn decode(field: &str, text: &str) -> Result<Vec<u8>, CryptoError> {
    BASE64
        .decode(text)
        .map_err(|_| CryptoError::Malformed(format!("`{field}` is not base64")))
}

fn fixed<const N: usize>(field: &str, text: &str) -> Result<[u8; N], CryptoError> {
    decode(field, text)?
        .try_into()
        .map_err(|_| CryptoError::Malformed(format!("`{field}` must be {N} bytes")))
}

/// Why a new passphrase was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseProblem {
    TooShort,
    /// The two copies the reader typed differ.
    Mismatch,
}

impl std::fmt::Display for PassphraseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooShort => write!(
                f,
                "Use at least {MIN_PASSPHRASE_CHARS} characters. A few words you will remember work well."
            ),
            Self::Mismatch => f.write_str("The two passphrases are not the same. Type it again."),
        }
    }
}

/// Checks a passphrase the reader chose, typed twice. Only a length: a
/// strength score would guess badly at what is hard to guess (see README).
pub fn check_new_passphrase(passphrase: &str, again: &str) -> Result<(), PassphraseProblem> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        Err(PassphraseProblem::TooShort)
    } else if passphrase != again {
        Err(PassphraseProblem::Mismatch)
    } else {
        Ok(())
    }
}
