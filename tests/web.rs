//! Browser tests (wasm-bindgen-test in headless Chromium, Firefox and WebKit;
//! see scripts/test): the storage adapter against real localStorage, and the
//! app mounting.
#![cfg(target_arch = "wasm32")]

use attune::boot::Boot;
use attune::model::codec::SCHEMA_VERSION;
use attune::model::progress::{Progress, ReflectionValue};
use attune::model::sync::Stored;
use attune::state::AppState;
use attune::storage::{StorageError, Store, BACKUP_KEY, PROGRESS, PROGRESS_KEY, SETTINGS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn raw_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Each test starts from a storage with none of our keys.
fn fresh_store() -> Store {
    let store = Store::open();
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

#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage() {
    let store = fresh_store();
    assert_eq!(store.load(&PROGRESS, None), Some(Stored::Nothing));
    let written = store.save(&PROGRESS, &sample()).unwrap();
    assert_eq!(
        store.load(&PROGRESS, None),
        Some(Stored::Readable(sample()))
    );
    // Still the text this tab wrote: known without reading it.
    assert_eq!(
        store.load(&PROGRESS, Some(&written)),
        Some(Stored::Unchanged)
    );
    raw_storage()
        .set_item(PROGRESS_KEY, &written.replace("\"schema\"", " \"schema\""))
        .unwrap();
    assert_eq!(
        store.load(&PROGRESS, Some(&written)),
        Some(Stored::Readable(sample()))
    );
    assert!(raw_storage()
        .get_item(PROGRESS_KEY)
        .unwrap()
        .unwrap()
        .contains(&format!("\"schema\":{SCHEMA_VERSION}")));
}

#[wasm_bindgen_test]
fn unreadable_data_is_reported_and_kept_aside_once() {
    let store = fresh_store();
    raw_storage().set_item(PROGRESS_KEY, "{not json").unwrap();
    match store.load(&PROGRESS, None) {
        Some(Stored::Unreadable { raw, .. }) => {
            assert_eq!(raw, "{not json");
            store.keep_aside(&raw);
        }
        other => panic!("expected unreadable, got {other:?}"),
    }
    assert_eq!(
        raw_storage().get_item(BACKUP_KEY).unwrap().as_deref(),
        Some("{not json")
    );
    // A second bad value keeps the first copy.
    store.keep_aside("null");
    assert_eq!(
        raw_storage().get_item(BACKUP_KEY).unwrap().as_deref(),
        Some("{not json")
    );
    // Reading never writes.
    assert_eq!(
        raw_storage().get_item(PROGRESS_KEY).unwrap().as_deref(),
        Some("{not json")
    );
}

#[wasm_bindgen_test]
fn data_from_a_newer_version_is_never_rewritten() {
    let store = fresh_store();
    let newer = format!(
        r#"{{"schema":{},"progress":{{"completed":["x"]}},"extra":true}}"#,
        SCHEMA_VERSION + 1
    );
    raw_storage().set_item(PROGRESS_KEY, &newer).unwrap();
    match store.load(&PROGRESS, None) {
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
    assert_eq!(raw_storage().get_item(PROGRESS_KEY).unwrap(), Some(newer));
}

#[wasm_bindgen_test]
fn removing_our_data_leaves_other_sites_keys() {
    let store = fresh_store();
    raw_storage()
        .set_item("another-site:prefs", "keep me")
        .unwrap();
    store.save(&PROGRESS, &sample()).unwrap();
    store.remove_all_ours().unwrap();
    assert_eq!(raw_storage().get_item(PROGRESS_KEY).unwrap(), None);
    assert_eq!(
        raw_storage()
            .get_item("another-site:prefs")
            .unwrap()
            .as_deref(),
        Some("keep me")
    );
    raw_storage().remove_item("another-site:prefs").unwrap();
}

#[wasm_bindgen_test]
fn a_blocked_storage_reports_unavailable_instead_of_panicking() {
    let store = Store::memory_only("SecurityError: blocked".into());
    assert!(matches!(
        store.unavailable(),
        Some(StorageError::Unavailable(_))
    ));
    assert_eq!(store.load(&PROGRESS, None), None);
    assert!(matches!(
        store.save(&PROGRESS, &sample()),
        Err(StorageError::Unavailable(_))
    ));
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_quota_exceeded() {
    let store = fresh_store();
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    // Fill our own keys until the browser refuses (about 5 MB in Chromium).
    while raw_storage()
        .set_item(&format!("attune:fill-{filled}"), &chunk)
        .is_ok()
        && filled < 64
    {
        filled += 1;
    }
    let mut big = Progress::default();
    big.set_reflection("t.big", ReflectionValue::Text("y".repeat(600 * 1024)), 1.0);
    let result = store.save(&PROGRESS, &big);
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

#[wasm_bindgen_test]
fn a_storage_that_throws_on_access_means_memory_only() {
    let window: JsValue = web_sys::window().unwrap().into();
    with_replaced(
        &window,
        "localStorage",
        true,
        "throw new DOMException('The operation is insecure.', 'SecurityError')",
        || {
            let store = Store::open();
            assert!(
                matches!(store.unavailable(), Some(StorageError::Unavailable(why)) if why.contains("SecurityError"))
            );
            assert!(matches!(
                store.save(&PROGRESS, &sample()),
                Err(StorageError::Unavailable(_))
            ));
        },
    );
    assert!(
        Store::open().unavailable().is_none(),
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
        || match store.save(&PROGRESS, &sample()) {
            Err(StorageError::Failed(why)) => assert!(why.contains("InvalidStateError"), "{why}"),
            other => panic!("expected a failed write, got {other:?}"),
        },
    );
    assert!(store.save(&PROGRESS, &sample()).is_ok());
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
    store.save(&PROGRESS, &sample()).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let boot = Boot {
        sealed: false,
        base: String::new(),
        path: "/".to_string(),
        progress: store.load(&PROGRESS, None),
        settings: store.load(&SETTINGS, None),
        store,
    };
    let state = AppState::new(&boot, false);
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        leptos::prelude::view! { <attune::app::App state=state base=String::new() path="/".to_string() /> }
    });
    // Let the router and effects run.
    sleep(100).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Attune"), "header rendered: {text}");
    assert!(text.contains("Gail Berry"), "attribution rendered");
    assert!(host.query_selector("main#main").unwrap().is_some());
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
