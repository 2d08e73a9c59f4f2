//! Support for tests/json_differential.rs.

pub mod gen;
pub mod reference;
pub mod targets;
