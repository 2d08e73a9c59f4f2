//! The lock's key for this tab: derived from the reader's passphrase once,
//! when they unlock or choose a passphrase, and held only in memory as a
//! non-extractable WebCrypto key (`crate::crypto`). It seals what is saved
//! into the same envelope as a protected backup (`model::sealed`, format in
//! the README), each time with a new IV, and opens it again.
//!
//! Reached only through the `lock` chunk (the unlock page, and [`sealing`]
//! and [`opening`], through which the saver seals and opens) and from the
//! lock's controls on Your data: never in the first load.

use crate::crypto::{self, CryptoError, Key};
use crate::model::sealed::{KdfParams, Sealed};
use crate::split::PageNotLoaded;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// Sealing or opening, under way in the `lock` chunk.
/// Its outcome: the text, or why not in words (said in the chunk, so the
/// first load carries no error messages of the cipher's).
pub type Work = Pin<Box<dyn Future<Output = Result<String, String>>>>;

/// Work handed back from the `lock` chunk, or why it did not arrive.
pub type InChunk = Result<Work, PageNotLoaded>;

/// Declares `async fn $name(..) -> InChunk` whose body runs in the `lock`
/// chunk (`split`), or at once (without). The saver reaches the cipher only
/// through these calls: the chunk boundary is opaque to the optimiser,
/// whereas a function pointer stored in the first load was turned back into
/// a direct call, pulling the cipher and the envelope parser (about 20 KB)
/// into the first load.
macro_rules! in_lock_chunk {
    (fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(lock, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> InChunk $body

        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> InChunk $body
    };
}

in_lock_chunk!(
    fn arrive() {
        Ok(Box::pin(async { Ok(String::new()) }))
    }
);

in_lock_chunk!(
    fn sealing(key: Rc<Key>, text: String) {
        let work = seal(&key, text);
        Ok(Box::pin(
            async move { work.await.map_err(|e| e.to_string()) },
        ))
    }
);

in_lock_chunk!(
    fn opening(key: Rc<Key>, stored: String) {
        let work = open(&key, stored);
        Ok(Box::pin(
            async move { work.await.map_err(|e| e.to_string()) },
        ))
    }
);

/// Fetches the `lock` chunk (unless it is here): once the lock is on, the
/// saver seals with its code, so a passphrase is only taken once it is.
pub async fn here() -> Result<(), PageNotLoaded> {
    arrive().await.map(|_| ())
}

/// A key for a new passphrase: a new random salt, then PBKDF2 (about a
/// tenth of a second on a laptop, longer on a phone).
pub async fn choose(passphrase: &str) -> Result<Rc<Key>, CryptoError> {
    let kdf = KdfParams::new(crypto::random_bytes()?);
    let key = crypto::derive_key(passphrase, &kdf).await?;
    Ok(Rc::new(Key { key, kdf }))
}

/// The key that opens `stored`, the sealed progress, if `passphrase` is the
/// reader's (proven by opening it).
pub async fn unlock(passphrase: &str, stored: &str) -> Result<Rc<Key>, CryptoError> {
    let file = Sealed::parse(stored)?;
    let key = crypto::derive_key(passphrase, &file.kdf).await?;
    crypto::open_text(&key, &file).await?;
    Ok(Rc::new(Key { key, kdf: file.kdf }))
}

/// `text` sealed under `key`, as stored text.
pub fn seal(key: &Key, text: String) -> impl Future<Output = Result<String, CryptoError>> {
    let (key, kdf) = (key.key.clone(), key.kdf.clone());
    async move { Ok(crypto::seal_text(&key, &kdf, &text).await?.to_json()) }
}

/// The text inside `stored`, sealed under `key`.
pub fn open(key: &Key, stored: String) -> impl Future<Output = Result<String, CryptoError>> {
    let (key, kdf) = (key.key.clone(), key.kdf.clone());
    async move {
        let file = Sealed::parse(&stored)?;
        // Sealed under another passphrase (changed in another tab): this key
        // cannot open it.
        if file.kdf != kdf {
            return Err(CryptoError::WrongPassphraseOrDamaged);
        }
        crypto::open_text(&key, &file).await
    }
}
