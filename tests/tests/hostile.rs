//! The hostile fixture (`tests/fixtures/hostile.yaml`): descriptions that close comments and
//! raw strings, keywords, digits-first, emoji and empty names, names that collide after case
//! conversion. Its generated crate is a workspace member, so `cargo test` and clippy compile
//! it; here it is kept up to date, and its renamed fields still carry their wire names.

use fixture_hostile_client::settings::settings::NewBody;
use fixture_hostile_client::types::{SelfType2, SelfTypeKind};

#[test]
fn the_hostile_fixture_client_is_up_to_date() {
    let root = tests::root();
    let out = root.join("tests/fixtures/hostile-client");
    let settings = generator::Settings::new(
        vec![root.join("tests/fixtures/hostile.yaml")],
        out.as_path(),
    )
    .crate_name("fixture-hostile-client")
    .tests(generator::Tests {
        unions: true,
        operations: false,
    });
    let (_, plan) = generator::check(&settings, &out).expect("the fixture generates");
    assert!(
        plan.is_empty(),
        "tests/fixtures/hostile-client is stale: run `cargo run -p generator`\n{plan:#?}"
    );
}

#[test]
fn hostile_names_keep_their_wire_names() {
    let wire = serde_json::json!({
        "type": "t", "self": "s", "Self": "S", "r#\"": "raw", "": 1.5, "🚀": true,
        "fooBar": "a", "foo_bar": "b", "FooBar": "c", "foo-bar": "d", "\\": "backslash",
        "*/": "star", "kind": "Self"
    });
    let value: SelfType2 = serde_json::from_value(wire.clone()).expect("decodes");
    assert_eq!(value.self_.as_deref(), Some("s"));
    assert_eq!(value.self_2.as_deref(), Some("S"));
    assert_eq!(value.r_hash.as_deref(), Some("raw"));
    assert_eq!(value.empty_3, Some(1.5));
    assert_eq!(value.foo_bar_4.as_deref(), Some("d"));
    assert_eq!(value.kind, Some(SelfTypeKind::SelfValue2));
    assert_eq!(serde_json::to_value(&value).expect("encodes"), wire);
}

#[test]
fn names_the_runtime_or_clippy_takes_are_moved_aside() {
    // A tag "Settings" (the runtime's `Client::settings`), an operation `new` (the handle's
    // constructor), fields `add` and `new` (operator and constructor names for setters),
    // seven path parameters: the crate compiles and passes clippy, and the names are these.
    // The fixture's own server URL is hostile too (it holds `#`): another one is given.
    let client = fixture_hostile_client::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("a client");
    let body = NewBody::new().with_add(1).with_sub(2).with_new(3);
    assert_eq!((body.add, body.sub, body.new), (Some(1), Some(2), Some(3)));
    let call = client
        .settings_api()
        .new_("a", "b", "c", "d", "e", "f", "g", &body);
    assert!(format!("{call:?}").contains("/settings/{a}/{b}/{c}/{d}/{e}/{f}/{g}"));
}
