//! FNV-1a: a tiny stable hash, the same on every machine and build. The
//! build uses it to order check options and to name each lesson's text file
//! after its content; the app uses it to prove a fetched text file is the
//! one this build was made with.

/// The 64-bit FNV-1a hash of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
