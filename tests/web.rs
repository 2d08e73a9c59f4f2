//! Browser tests (wasm-bindgen-test in headless Chromium, Firefox and WebKit;
//! see scripts/test): the storage adapter against real localStorage, and the
//! app mounting.
#![cfg(target_arch = "wasm32")]

use attune::boot::Boot;
use attune::model::codec::{self, SCHEMA_VERSION};
use attune::model::keys::{self, Prefix};
use attune::model::progress::{Progress, ReflectionValue};
use attune::model::sync::Stored;
use attune::state::AppState;
use attune::storage::{StorageError, Store, PROGRESS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn raw_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The site these tests are published at, and a key of its.
const BASE: &str = "/web-test/";

fn key(name: &str) -> String {
    Prefix::new(BASE).key(name)
}

/// Each test starts from a storage with none of our keys.
fn fresh_store() -> Store {
    let store = Store::open(Prefix::new(BASE));
    store.remove_all_ours().unwrap();
    store
}

fn sample() -> Progress {
    let mut p = Progress::default();
    p.set_reflection(
        "t.r",
        ReflectionValue::Text("<img src=x onerror=alert(1)>".into()),
        1.0,
    );
    p.set_position("what-attunement-is", "intro");
    p
}

fn save(store: &Store, progress: &Progress) -> Result<String, StorageError> {
    let text = codec::encode(progress).unwrap();
    store.save_text(&PROGRESS, &text, Some(progress))?;
    Ok(text)
}

fn read(store: &Store) -> Option<Stored<Progress>> {
    let raw = store.read(keys::PROGRESS).ok()??;
    (PROGRESS.decode)(&raw)
}

#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage_under_this_sites_key() {
    let store = fresh_store();
    assert_eq!(store.read(keys::PROGRESS), Ok(None));
    let written = save(&store, &sample()).unwrap();
    assert_eq!(read(&store), Some(Stored::Readable(sample())));
    assert_eq!(
        raw_storage().get_item(&key(keys::PROGRESS)).unwrap(),
        Some(written.clone())
    );
    assert!(written.contains(&format!("\"schema\":{SCHEMA_VERSION}")));
    // Its summary for the first screen, beside it; sealed text removes it.
    assert!(raw_storage()
        .get_item(&key(keys::GLANCE))
        .unwrap()
        .is_some());
    store
        .save_text(&PROGRESS, r#"{"app":"attune","encrypted":1}"#, None)
        .unwrap();
    assert_eq!(raw_storage().get_item(&key(keys::GLANCE)).unwrap(), None);
    store.remove_all_ours().unwrap();
}

#[wasm_bindgen_test]
fn what_cannot_be_read_is_kept_aside_and_an_earlier_copy_never_replaced() {
    let store = fresh_store();
    raw_storage()
        .set_item(&key(keys::PROGRESS), "{not json")
        .unwrap();
    match read(&store) {
        Some(Stored::Unreadable { raw, .. }) => assert_eq!(raw, "{not json"),
        other => panic!("expected unreadable, got {other:?}"),
    }
    assert!(store.keep_aside("{not json"));
    assert!(store.keep_aside("{not json"), "kept already");
    assert_eq!(store.kept_aside().as_deref(), Some("{not json"));
    // A second bad value is not kept, and the first copy stays.
    assert!(!store.keep_aside("null"));
    assert_eq!(store.kept_aside().as_deref(), Some("{not json"));
    // Reading never writes.
    assert_eq!(
        raw_storage()
            .get_item(&key(keys::PROGRESS))
            .unwrap()
            .as_deref(),
        Some("{not json")
    );
    store.remove_all_ours().unwrap();
}

#[wasm_bindgen_test]
fn data_from_a_newer_version_is_read_where_it_fits() {
    let store = fresh_store();
    let newer = format!(
        r#"{{"schema":{},"progress":{{"completed":["x"]}},"extra":true}}"#,
        SCHEMA_VERSION + 1
    );
    raw_storage()
        .set_item(&key(keys::PROGRESS), &newer)
        .unwrap();
    match read(&store) {
        Some(Stored::Newer {
            version,
            readable_part,
        }) => {
            assert_eq!(version, SCHEMA_VERSION + 1);
            assert!(
                readable_part.is_complete("x"),
                "shown read-only where it fits"
            );
        }
        other => panic!("expected newer, got {other:?}"),
    }
    store.remove_all_ours().unwrap();
}

#[wasm_bindgen_test]
fn removing_our_data_leaves_other_sites_keys_and_other_builds_keys() {
    let store = fresh_store();
    let others = [
        ("another-site:prefs", "keep me"),
        ("attune:/attune-next/progress", "another build's"),
    ];
    for (k, v) in others {
        raw_storage().set_item(k, v).unwrap();
    }
    raw_storage()
        .set_item("attune:progress", "a build from before")
        .unwrap();
    save(&store, &sample()).unwrap();
    store.remove_all_ours().unwrap();
    assert_eq!(raw_storage().get_item(&key(keys::PROGRESS)).unwrap(), None);
    assert_eq!(
        raw_storage().get_item("attune:progress").unwrap(),
        None,
        "ours, from before"
    );
    for (k, v) in others {
        assert_eq!(
            raw_storage().get_item(k).unwrap().as_deref(),
            Some(v),
            "{k}"
        );
        raw_storage().remove_item(k).unwrap();
    }
}

/// Builds before kept everything under `attune:<name>` for every site of the
/// origin: today's names as they stood, moved once into this site's.
#[wasm_bindgen_test]
fn what_builds_before_saved_moves_to_this_sites_keys_once() {
    fresh_store();
    let before = [
        ("attune:progress", "{\"schema\":2,\"progress\":{}}"),
        ("attune:settings", "{\"version\":1,\"theme\":\"dark\"}"),
        ("attune:glance", "{\"v\":1}"),
        ("attune:backup", "kept aside before"),
    ];
    for (k, v) in before {
        raw_storage().set_item(k, v).unwrap();
    }
    // This site already has settings of its own: those stay, and the old
    // ones too (another build on the origin may still read them).
    raw_storage()
        .set_item(&key(keys::SETTINGS), "mine")
        .unwrap();
    let store = Store::open(Prefix::new(BASE));
    for (name, value) in [
        (keys::PROGRESS, before[0].1),
        (keys::GLANCE, before[2].1),
        (keys::KEPT_ASIDE, before[3].1),
    ] {
        assert_eq!(store.read(name).unwrap().as_deref(), Some(value), "{name}");
        assert_eq!(
            raw_storage().get_item(&format!("attune:{name}")).unwrap(),
            None,
            "{name} moved"
        );
    }
    assert_eq!(store.read(keys::SETTINGS).unwrap().as_deref(), Some("mine"));
    assert_eq!(
        raw_storage()
            .get_item("attune:settings")
            .unwrap()
            .as_deref(),
        Some(before[1].1)
    );
    // Another build at another address finds nothing left to move.
    let next = Store::open(Prefix::new("/attune-next/"));
    assert_eq!(next.read(keys::PROGRESS).unwrap(), None);
    next.remove_all_ours().unwrap();
    store.remove_all_ours().unwrap();
}

#[wasm_bindgen_test]
fn a_blocked_storage_reports_unavailable_instead_of_panicking() {
    let store = Store::memory_only(Prefix::new(BASE), "SecurityError: blocked".into());
    assert!(matches!(
        store.unavailable(),
        Some(StorageError::Unavailable(_))
    ));
    assert!(matches!(
        store.read(keys::PROGRESS),
        Err(StorageError::Unavailable(_))
    ));
    assert!(matches!(
        save(&store, &sample()),
        Err(StorageError::Unavailable(_))
    ));
    assert!(!store.keep_aside("x"));
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_quota_exceeded() {
    let store = fresh_store();
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    // Fill our own keys until the browser refuses (about 5 MB in Chromium).
    while raw_storage()
        .set_item(&key(&format!("fill-{filled}")), &chunk)
        .is_ok()
        && filled < 64
    {
        filled += 1;
    }
    let mut big = Progress::default();
    big.set_reflection("t.big", ReflectionValue::Text("y".repeat(600 * 1024)), 1.0);
    let result = save(&store, &big);
    store.remove_all_ours().unwrap();
    assert_eq!(result, Err(StorageError::QuotaExceeded));
}

/// Runs `f` while `target[name]` is replaced by a getter or function made
/// from `body`, as a privacy setting or a broken storage would behave.
fn with_replaced(target: &JsValue, name: &str, as_getter: bool, body: &str, f: impl FnOnce()) {
    let object: &js_sys::Object = target.unchecked_ref();
    let original = js_sys::Reflect::get_own_property_descriptor(object, &name.into()).unwrap();
    let function = js_sys::Function::new_no_args(body);
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    let slot = if as_getter { "get" } else { "value" };
    js_sys::Reflect::set(&descriptor, &slot.into(), &function).unwrap();
    js_sys::Object::define_property(object, &name.into(), &descriptor);
    f();
    if original.is_undefined() {
        js_sys::Reflect::delete_property(object, &name.into()).unwrap();
    } else {
        js_sys::Object::define_property(object, &name.into(), original.unchecked_ref());
    }
}

/// WebKit (its user agent names AppleWebKit without Chrome), where a
/// window's own properties cannot be replaced once read.
fn engine_keeps_window_properties() -> bool {
    let agent = web_sys::window()
        .unwrap()
        .navigator()
        .user_agent()
        .unwrap_or_default();
    agent.contains("AppleWebKit") && !agent.contains("Chrome")
}

#[wasm_bindgen_test]
fn a_storage_that_throws_on_access_means_memory_only() {
    let window: JsValue = web_sys::window().unwrap().into();
    with_replaced(
        &window,
        "localStorage",
        true,
        "throw new DOMException('The operation is insecure.', 'SecurityError')",
        || {
            let store = Store::open(Prefix::new(BASE));
            // WebKit goes on answering the app's own earlier-used getter
            // with the storage it gave before, once a page has read it, so
            // in a run where an earlier test used storage the replacement
            // does not reach the app there (the test passes alone in
            // WebKit, and in every run in Chromium and Firefox). Said, not
            // skipped silently.
            if store.unavailable().is_none() && engine_keeps_window_properties() {
                web_sys::console::log_1(
                    &"WebKit kept window.localStorage as first read: run this test alone to check it"
                        .into(),
                );
                return;
            }
            assert!(
                matches!(store.unavailable(), Some(StorageError::Unavailable(why)) if why.contains("SecurityError"))
            );
            assert!(matches!(
                save(&store, &sample()),
                Err(StorageError::Unavailable(_))
            ));
        },
    );
    assert!(
        Store::open(Prefix::new(BASE)).unavailable().is_none(),
        "restored after the test"
    );
}

#[wasm_bindgen_test]
fn a_storage_that_throws_on_write_reports_it() {
    let store = fresh_store();
    let prototype = js_sys::Reflect::get(&js_sys::global(), &"Storage".into())
        .and_then(|s| js_sys::Reflect::get(&s, &"prototype".into()))
        .unwrap();
    with_replaced(
        &prototype,
        "setItem",
        false,
        "throw new DOMException('Broken', 'InvalidStateError')",
        || match save(&store, &sample()) {
            Err(StorageError::Failed(why)) => assert!(why.contains("InvalidStateError"), "{why}"),
            other => panic!("expected a failed write, got {other:?}"),
        },
    );
    assert!(save(&store, &sample()).is_ok());
    store.remove_all_ours().unwrap();
}

/// What `navigator.permissions` says about persistent storage: "granted",
/// "denied", "prompt", or None where the engine does not know the name.
async fn persistent_storage_permission() -> Option<String> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let permissions = js_sys::Reflect::get(&navigator, &"permissions".into()).ok()?;
    let query: js_sys::Function = js_sys::Reflect::get(&permissions, &"query".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"name".into(), &"persistent-storage".into()).ok()?;
    let promise: js_sys::Promise = query
        .call1(&permissions, &descriptor)
        .ok()?
        .dyn_into()
        .ok()?;
    let status = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    js_sys::Reflect::get(&status, &"state".into())
        .ok()?
        .as_string()
}

#[wasm_bindgen_test]
async fn asking_to_persist_answers_or_waits_for_the_reader() {
    use attune::storage::{request_persistence, Persistence};
    use std::{cell::Cell, rc::Rc};
    // Engines differ: Chromium decides at once (headless, usually refused);
    // WebKitGTK has no persist() (Unsupported); Firefox shows the reader a
    // permission prompt and the promise waits for their answer, which
    // headless never comes. The app shows "does not say" until an answer
    // arrives, so a wait is fine, but only while the reader is being asked.
    let permission = persistent_storage_permission().await;
    let answer = Rc::new(Cell::new(None));
    let slot = answer.clone();
    wasm_bindgen_futures::spawn_local(async move { slot.set(Some(request_persistence().await)) });
    for _ in 0..30 {
        if answer.get().is_some() {
            break;
        }
        sleep(100).await;
    }
    match answer.get() {
        Some(Persistence::Granted) => assert_ne!(permission.as_deref(), Some("denied")),
        Some(_) => assert_ne!(permission.as_deref(), Some("granted")),
        None => assert_eq!(
            permission.as_deref(),
            Some("prompt"),
            "persist() gave no answer within 3 s, yet no prompt is pending"
        ),
    }
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_the_course() {
    let store = fresh_store();
    save(&store, &sample()).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let boot = Boot {
        base: String::new(),
        path: "/".to_string(),
        store,
    };
    let state = AppState::new(&boot, false);
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        leptos::prelude::view! { <attune::app::App state=state base=String::new() path="/".to_string() /> }
    });
    // Let the router and effects run, as Leptos's own tests do: a turn of
    // the executor, not a guess at a time.
    for _ in 0..3 {
        leptos::task::tick().await;
    }
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Attune"), "header rendered: {text}");
    assert!(text.contains("Gail Berry"), "attribution rendered");
    assert!(host.query_selector("main#main").unwrap().is_some());
    // What was saved is what the page shows: the reader is offered their
    // place in lesson 1, not the course's start.
    assert!(text.contains("Continue where you left off"), "{text}");
    assert!(
        text.contains(&format!("Lesson: {}", attune::content::lessons()[0].title)),
        "{text}"
    );
    drop(handle);
}

use wasm_bindgen::{JsCast, JsValue};

/// Waits `ms` milliseconds, letting effects and the router run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
