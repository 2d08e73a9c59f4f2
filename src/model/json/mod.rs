//! JSON for the reader's saved data and backups: a small serde format.
//!
//! Why not serde_json: measured on 7 December 2026 with serde_json behind
//! this module's API (the release build, `node scripts/budget.mjs`), a
//! lesson's first load grows from 299.1 to 307.7 KB gzip (+8.6 KB: the
//! lesson's chunks read its text file with it, `content/text.rs`), over
//! the 300 KB budget; home's from 186.9 to 187.1 KB; only the saving chunk
//! shrinks (31.5 to 28.8 KB). And that is without `serde_path_to_error`,
//! which naming the unreadable field would need. (In 2025, with everything
//! in one module, it cost about 25 KB.) This format reads JSON (RFC 8259) as serde_json reads it (the
//! same values, floats to the bit, and the same refusals) and writes
//! exactly what serde_json writes for Attune's types. tests/json.rs and
//! the differential test, tests/json_differential.rs, check both against
//! serde_json. The deliberate limits:
//! - `f64` values are written as whole numbers (Attune's only floats are
//!   millisecond timestamps);
//! - nesting deeper than [`MAX_DEPTH`] is refused, even in a value that is
//!   skipped, so hostile input cannot exhaust the stack;
//! - a struct is read from an object only, never from an array of its
//!   fields (serde_json takes either; Attune writes objects).
//!
//! Errors name where they happened as a path of object keys
//! (`progress.answers["id"]`), so the reader can be told which part of their
//! data is unreadable.

mod de;
mod error;
mod number;
mod ser;

pub use de::from_str;
pub use error::Error;
pub use ser::to_string;

/// Arrays and objects nested deeper than this are refused.
pub const MAX_DEPTH: usize = 64;
