//! Turns the lesson files and the recap into static Rust data (`$OUT_DIR/course.rs`).
//!
//! Parsing and validation happen here, on the build machine, so the shipped
//! wasm carries neither a Markdown nor a TOML parser, and a broken lesson
//! file stops the build with a message naming the file and the problem.
//! The long texts go to one JSON file per lesson instead, which
//! `scripts/export-text` writes into the site from the same generator
//! (`attune_content::codegen`, in `crates/content`); the data here names each file by its hash.

use attune_content::{codegen, parse};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/content/lessons");
    println!("cargo:rerun-if-changed=src/content/recap.toml");
    println!("cargo:rerun-if-changed=public/figures");
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
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("course.rs");
    std::fs::write(&out, generated.rust).expect("write generated course");
}
