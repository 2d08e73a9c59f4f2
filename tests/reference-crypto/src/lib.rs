//! RustCrypto's PBKDF2-HMAC-SHA-256 and AES-256-GCM behind functions that
//! are not generic, so they are compiled here, optimised (Attune's
//! Cargo.toml: `[profile.dev.package.reference-crypto]`), and not
//! unoptimised into each test: 600 000 rounds then take a tenth of a
//! second instead of two.
//!
//! These are the reference the host tests hold the protected-backup format
//! to (tests/sealed.rs). No cryptography is written here, only called.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

/// The 32-byte key PBKDF2-HMAC-SHA-256 derives from `passphrase` (its
/// UTF-8 bytes), `salt` and `iterations`.
pub fn pbkdf2_sha256(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<sha2::Sha256, 32>(passphrase.as_bytes(), salt, iterations)
}

/// AES-256-GCM with a 12-byte IV and a 16-byte tag after the ciphertext.
pub fn seal(key: &[u8; 32], iv: &[u8; 12], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    Aes256Gcm::new(key.into())
        .encrypt(
            Nonce::from_slice(iv),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("AES-GCM encrypts any message of a test's size")
}

/// The plaintext, or `None` when the tag does not match.
pub fn open(key: &[u8; 32], iv: &[u8; 12], aad: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    Aes256Gcm::new(key.into())
        .decrypt(Nonce::from_slice(iv), Payload { msg: data, aad })
        .ok()
}
