//! The WebCrypto adapter: the only code that derives keys, encrypts or
//! decrypts, and all of it is the browser's own (`crypto.subtle`,
//! `crypto.getRandomValues`): no cipher, KDF or random source is written
//! here. The envelope and its checks are pure, in `model::sealed`.
//!
//! Key derivation is kept apart from encryption: it is slow on purpose
//! (600 000 rounds, about half a second), so a caller that seals often (the
//! lock, on every save) derives once per session and keeps the
//! non-extractable [`CryptoKey`], which never leaves the browser's crypto
//! code, and seals and opens with it.

use crate::model::backup::MAX_BACKUP_BYTES;
pub use crate::model::sealed::CryptoError;
use crate::model::sealed::{self, KdfParams, Sealed, IV_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
pub use web_sys::CryptoKey;
use web_sys::SubtleCrypto;

/// The session's key: a non-extractable WebCrypto key (the browser never
/// hands its bytes to any script) and the settings it was derived with.
pub struct Key {
    pub key: web_sys::CryptoKey,
    pub kdf: KdfParams,
}

fn crypto() -> Result<web_sys::Crypto, CryptoError> {
    web_sys::window()
        .ok_or_else(|| CryptoError::CryptoUnavailable("no window".into()))?
        .crypto()
        .map_err(|e| CryptoError::CryptoUnavailable(js_text(&e)))
}

/// `crypto.subtle`, which browsers leave undefined outside secure contexts
/// (a page over plain http other than localhost).
fn subtle() -> Result<SubtleCrypto, CryptoError> {
    js_sys::Reflect::get(crypto()?.as_ref(), &"subtle".into())
        .ok()
        .and_then(|s| s.dyn_into::<SubtleCrypto>().ok())
        .ok_or_else(|| {
            CryptoError::CryptoUnavailable("no crypto.subtle: the page is not secure".into())
        })
}

/// `N` random bytes from the browser's `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], CryptoError> {
    let array = js_sys::Uint8Array::new_with_length(N as u32);
    crypto()?
        .get_random_values_with_js_u8_array(&array)
        .map_err(|e| CryptoError::Failed(js_text(&e)))?;
    let mut bytes = [0; N];
    array.copy_to(&mut bytes);
    // Sixteen or twelve zero bytes mean a broken or replaced
    // getRandomValues, never chance: refuse to use them as salt or IV.
    if N >= 8 && bytes.iter().all(|&b| b == 0) {
        return Err(CryptoError::Failed(
            "the browser gave no random bytes".into(),
        ));
    }
    Ok(bytes)
}

/// The AES-256-GCM key for `passphrase` under `kdf` (PBKDF2-SHA-256),
/// usable only to encrypt and decrypt, never to be read back. The
/// passphrase is taken as typed, in Unicode normal form C, so the same
/// words typed on another device give the same key.
pub async fn derive_key(passphrase: &str, kdf: &KdfParams) -> Result<CryptoKey, CryptoError> {
    let iterations = sealed::check_iterations(kdf.iterations.into())?;
    // WebKit refuses to derive from nothing, the others do not: refused
    // here alike. Attune never lets a reader choose an empty passphrase.
    if passphrase.is_empty() {
        return Err(CryptoError::Failed(
            "an empty passphrase makes no key".into(),
        ));
    }
    let subtle = subtle()?;
    let normalized = String::from(js_sys::JsString::from(passphrase).normalize("NFC"));
    let secret = js_sys::Uint8Array::from(normalized.as_bytes());
    let base = subtle
        .import_key_with_str("raw", &secret, "PBKDF2", false, &usages("deriveKey", None))
        .map_err(failed)?;
    let base: CryptoKey = settle(base).await.map_err(failed)?.unchecked_into();
    let salt = js_sys::Uint8Array::from(&kdf.salt[..]);
    let params = web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &salt);
    let target = web_sys::AesDerivedKeyParams::new("AES-GCM", 256);
    let key = subtle
        .derive_key_with_object_and_object(
            &params,
            &base,
            &target,
            false,
            &usages("encrypt", Some("decrypt")),
        )
        .map_err(failed)?;
    Ok(settle(key).await.map_err(failed)?.unchecked_into())
}

/// Encrypts `plaintext` under `key` with a fresh random IV (never chosen by
/// the caller, so never reused), authenticating `aad` with it. Returns the
/// IV and the ciphertext followed by its 16-byte tag.
pub async fn seal(
    key: &CryptoKey,
    plaintext: &[u8],
    aad: &[u8],
) -> Result<([u8; IV_BYTES], Vec<u8>), CryptoError> {
    let iv = random_bytes::<IV_BYTES>()?;
    let promise = subtle()?
        .encrypt_with_object_and_u8_array(&gcm(&iv, aad), key, plaintext)
        .map_err(failed)?;
    let data = settle(promise).await.map_err(failed)?;
    Ok((iv, js_sys::Uint8Array::new(&data).to_vec()))
}

/// Decrypts what [`seal`] made, if `key`, `iv`, `aad` and every byte of
/// `data` are as they were.
pub async fn open(
    key: &CryptoKey,
    iv: &[u8; IV_BYTES],
    data: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let promise = subtle()?
        .decrypt_with_object_and_u8_array(&gcm(iv, aad), key, data)
        .map_err(failed)?;
    match settle(promise).await {
        Ok(plain) => Ok(js_sys::Uint8Array::new(&plain).to_vec()),
        // A wrong key and a changed byte look the same to GCM.
        Err(e) if dom_name(&e).as_deref() == Some("OperationError") => {
            Err(CryptoError::WrongPassphraseOrDamaged)
        }
        Err(e) => Err(failed(e)),
    }
}

/// `text` sealed with a key derived under `kdf`, as an envelope.
pub async fn seal_text(
    key: &CryptoKey,
    kdf: &KdfParams,
    text: &str,
) -> Result<Sealed, CryptoError> {
    let (iv, data) = seal(key, text.as_bytes(), &sealed::header_aad(kdf)).await?;
    Ok(Sealed {
        kdf: kdf.clone(),
        iv,
        data,
    })
}

/// The text inside an envelope, with a key derived under its `kdf` (the
/// caller holding a key checks that `file.kdf` is the one it derived with).
pub async fn open_text(key: &CryptoKey, file: &Sealed) -> Result<String, CryptoError> {
    let plain = open(key, &file.iv, &file.data, &file.aad()).await?;
    String::from_utf8(plain).map_err(|_| CryptoError::Malformed("what it holds is not text".into()))
}

/// A protected backup of `text` (a plain backup file): a new salt, a key
/// derived from `passphrase`, and the envelope's JSON.
pub async fn seal_with_passphrase(passphrase: &str, text: &str) -> Result<String, CryptoError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(CryptoError::TooLarge(text.len()));
    }
    let kdf = KdfParams::new(random_bytes()?);
    let key = derive_key(passphrase, &kdf).await?;
    Ok(seal_text(&key, &kdf, text).await?.to_json())
}

/// The plain backup inside a protected one, or why not.
pub async fn open_with_passphrase(file: &Sealed, passphrase: &str) -> Result<String, CryptoError> {
    if passphrase.is_empty() {
        // No protected file has one: certainly the wrong passphrase.
        return Err(CryptoError::WrongPassphraseOrDamaged);
    }
    let key = derive_key(passphrase, &file.kdf).await?;
    open_text(&key, file).await
}

fn gcm(iv: &[u8; IV_BYTES], aad: &[u8]) -> web_sys::AesGcmParams {
    let params = web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(&iv[..]));
    params.set_additional_data(&js_sys::Uint8Array::from(aad));
    params.set_tag_length(128);
    params
}

fn usages(first: &str, second: Option<&str>) -> js_sys::Array {
    let list = js_sys::Array::of1(&first.into());
    if let Some(second) = second {
        list.push(&second.into());
    }
    list
}

async fn settle(promise: js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// Any other WebCrypto refusal; "not supported" means no usable WebCrypto.
fn failed(e: JsValue) -> CryptoError {
    match dom_name(&e).as_deref() {
        Some("NotSupportedError") => CryptoError::CryptoUnavailable(js_text(&e)),
        _ => CryptoError::Failed(js_text(&e)),
    }
}

fn dom_name(e: &JsValue) -> Option<String> {
    e.dyn_ref::<web_sys::DomException>().map(|ex| ex.name())
}

fn js_text(e: &JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "unknown error".to_string())
}
