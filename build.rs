//! Turns the lesson files and the recap into static Rust data (`$OUT_DIR/course.rs`).
//!
//! Parsing and validation happen here, on the build machine, so the shipped
//! wasm carries neither a Markdown nor a TOML parser, and a broken lesson
//! file stops the build with a message naming the file and the problem.
//! The long texts go to one JSON file per lesson instead, which
//! `scripts/export-text` writes into the site from the same generator
//! (`attune_content::codegen`, in `crates/content`); the data here names each file by its hash.
//!
//! The helplines (`src/content/helplines.toml`) are checked the same way
//! and written to `$OUT_DIR/helplines.rs`: a number in the wrong shape, or
//! a line without its hours, check date or source, stops the build.

use attune_content::{codegen, helplines, parse};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/content/lessons");
    println!("cargo:rerun-if-changed=src/content/recap.toml");
    println!("cargo:rerun-if-changed=public/figures");
    println!("cargo:rerun-if-changed=src/content/helplines.toml");
    let course = match parse::load_content(Path::new("src/content"), Path::new("public")) {
        Ok(course) => course,
        Err(errors) => {
            for e in &errors {
                println!("cargo:warning=content: {e}");
            }
            panic!(
                "{} problem(s) in the course content (see warnings above)",
                errors.len()
            );
        }
    };
    let generated = codegen::generate(&course, Path::new("public"));
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir).join("course.rs");
    std::fs::write(&out, generated.rust).expect("write generated course");
    let list = match helplines::load(Path::new("src/content/helplines.toml")) {
        Ok(list) => list,
        Err(errors) => {
            for e in &errors {
                println!("cargo:warning={e}");
            }
            panic!(
                "{} problem(s) in the helplines (see warnings above)",
                errors.len()
            );
        }
    };
    let out = Path::new(&out_dir).join("helplines.rs");
    std::fs::write(&out, helplines::rust(&list)).expect("write generated helplines");
}
