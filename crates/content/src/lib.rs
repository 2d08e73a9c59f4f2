//! The course content model: the lessons in `src/content/lessons/` read,
//! validated and turned into what the app is built from.
//!
//! - [`tree`] and [`error`] (feature `build`): the plain data tree a course
//!   is read into, and everything that can be wrong with it. Types only:
//!   every pass below depends on them, and they on no pass.
//! - [`parse`] (feature `build`): Markdown and TOML into that tree, with
//!   every rule a course must keep checked, so a broken lesson fails the
//!   build with a message naming the file and the problem.
//! - [`validate`] and [`quality`] (feature `build`): every rule a course
//!   must keep, and the rules that keep its checks from being passed
//!   without reading (with the measures behind them); [`cues`], the word
//!   lists and guessers those rules and measures use.
//! - [`codegen`] (feature `build`): that tree into the app's static Rust data
//!   and one JSON text file per lesson, from one pass.
//! - [`hash`]: the hash that names a text file, which the app also uses to
//!   check a fetched file (the only part the app links).

pub mod hash;

#[cfg(feature = "build")]
pub mod helplines;

#[cfg(feature = "build")]
pub mod codegen;
#[cfg(feature = "build")]
pub mod cues;
#[cfg(feature = "build")]
pub mod error;
#[cfg(feature = "build")]
pub mod parse;
#[cfg(feature = "build")]
pub mod quality;
#[cfg(feature = "build")]
pub mod tree;
#[cfg(feature = "build")]
pub mod validate;
