//! Renders every page a reader can land on to HTML, at build time, with
//! the same components the browser runs (Leptos's server-side rendering,
//! the `ssr` feature). `scripts/prerender.mjs` runs it after the wasm is
//! built and writes each page into the site; the browser then takes the
//! page over instead of building it again (`takeover.rs`).
//!
//! Each page is rendered for a reader with nothing saved, with every text
//! it shows at hand, from the same generator as the text files.
//!
//!   prerender <router base>        e.g. `prerender /attune`
//!
//! Prints a JSON array: for each page its app path, title, description,
//! body HTML, the split module its code is in, and the text files it shows.

use attune::app::App;
use attune::boot::Boot;
use attune::components::lesson_text::remember;
use attune::content::{lessons, recap, LessonText};
use attune::model::routes::Route;
use attune::pages::chunks::Module;
use attune::pages::meta;
use attune::state::AppState;
use attune_content::{codegen, parse};
use leptos::prelude::*;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let base = std::env::args().nth(1).unwrap_or_default();
    if let Err(why) = keep_every_text() {
        eprintln!("prerender: {why}");
        return ExitCode::FAILURE;
    }
    for module in [
        Module::Lesson,
        Module::Journal,
        Module::Data,
        Module::Review,
    ] {
        if block_on(module.load()).is_err() {
            eprintln!("prerender: module {module:?} did not load");
            return ExitCode::FAILURE;
        }
    }
    let mut not_found = meta::all_paths();
    not_found.push("/404".to_string());
    let pages: Vec<_> = not_found.iter().map(|path| page(&base, path)).collect();
    match serde_json::to_string(&pages) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Every lesson's texts, from the lesson files (checked against the data
/// the app was built with, as the browser checks a fetched file).
fn keep_every_text() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let course = parse::load_content(&root.join("src/content"), &root.join("public"))
        .map_err(|errors| format!("{} problem(s) in the course content", errors.len()))?;
    let generated = codegen::generate(&course, &root.join("public"));
    let files = generated.texts.into_iter().chain(generated.recap);
    for (lesson, file) in lessons().iter().chain([recap()]).zip(files) {
        attune::content::text::decode(lesson, &file.json)
            .map_err(|e| format!("{}: {}", lesson.slug, e.message()))?;
        remember(lesson, LessonText::keep(file.strings));
    }
    Ok(())
}

/// One page: its `<head>` facts and its body, rendered.
fn page(base: &str, path: &str) -> serde_json::Value {
    let route = Route::parse(path);
    let boot = Boot::blank(base.to_string(), path.to_string());
    let html = Owner::new_root(None).with(|| {
        let state = AppState::new(&boot, true);
        let (base, path) = (boot.base.clone(), boot.path.clone());
        view! { <App state=state base=base path=path /> }.to_html()
    });
    let module = Module::of(&route).map(|m| format!("{m:?}").to_lowercase());
    let texts: Vec<_> = meta::texts_shown_first(&route)
        .iter()
        .map(|l| l.text_file)
        .collect();
    serde_json::json!({
        "path": path,
        "title": meta::title(&route),
        "description": meta::description(&route),
        "html": html,
        "module": module,
        "texts": texts,
    })
}

/// Runs a future that needs nothing to wake it: without the `split`
/// feature a module's "load" is ready at once.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut context) {
            return out;
        }
    }
}
