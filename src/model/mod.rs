//! The pure model: no browser APIs, so all of it is tested on the host with
//! plain `cargo test`.

pub mod backup;
pub mod codec;
pub mod dates;
pub mod first_screen;
pub mod grading;
pub mod ics;
pub mod json;
pub mod keys;
pub mod merge;
pub mod newer;
pub mod progress;
pub mod review;
pub mod routes;
pub mod sealed;
pub mod settings;
pub mod sorted;
pub mod stance;
pub mod stored;
pub mod summary;
pub mod sync;
pub mod then_now;
pub mod validate;
pub mod workbook;
