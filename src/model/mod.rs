//! The pure model: no browser APIs, so all of it is tested on the host with
//! plain `cargo test`.

pub mod codec;
pub mod grading;
pub mod progress;
pub mod routes;
pub mod settings;
pub mod summary;
