//! Writes every lesson's long texts (and the recap's) as `text/<slug>-<hash>.json` into the
//! folder Trunk is building the site in, from the same generator that gives
//! the wasm its data (so names, hashes and indices agree by construction).
//!
//!   export-text [folder]     (default: $TRUNK_STAGING_DIR)

use attune_content::{codegen, parse};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(site) = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map(PathBuf::from)
    else {
        eprintln!("export-text: give the site folder, or run as Trunk's pre_build hook");
        return ExitCode::from(2);
    };
    // The project root, wherever the hook runs from.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let course = match parse::load_content(&root.join("src/content"), &root.join("public")) {
        Ok(course) => course,
        Err(errors) => {
            for e in &errors {
                eprintln!("export-text: content: {e}");
            }
            return ExitCode::FAILURE;
        }
    };
    let generated = codegen::generate(&course, &root.join("public"));
    let mut bytes = 0;
    for file in generated.texts.iter().chain(&generated.recap) {
        let path = site.join(&file.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.json));
        if let Err(e) = written {
            eprintln!("export-text: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        bytes += file.json.len();
    }
    println!(
        "export-text: {} lesson text files and the recap's ({} KB) in {}",
        generated.texts.len(),
        bytes / 1024,
        site.display()
    );
    ExitCode::SUCCESS
}
