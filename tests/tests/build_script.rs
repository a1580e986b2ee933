//! The client a build script generates (`tests/build-script`: `generator::Builder` in
//! `build.rs`, `include!` in `lib.rs`) is a working client, and the library call writes
//! exactly what `generate` writes, minus the crate around it.

use fixture_build_script::pets::pets::{UpdateBody, UpdateParams};
use fixture_build_script::types::{Owner, PetStatus};
use fixture_build_script::{Client, Credentials};
use generator::{Builder, Layout};
use serde_json::json;
use tests::{Scratch, read_tree, root};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn envelope(result: serde_json::Value) -> serde_json::Value {
    json!({"success": true, "errors": [], "messages": [], "result": result})
}

#[tokio::test]
async fn the_included_client_calls_the_api() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/pets/p1"))
        .and(query_param("verbose", "true"))
        .and(header("authorization", "Bearer secret"))
        .and(body_json(json!({"name": "Rex"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!({
            "id": "p1", "name": "Rex", "status": "active", "owner": {"vat": "DE1"}
        }))))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::token("secret"))
        .build()
        .expect("a client");
    let params = UpdateParams::new().verbose(true);
    let body = UpdateBody::new().name("Rex");
    let pet = client
        .pets()
        .update("p1", &params, &body)
        .await
        .expect("the mock answers");
    assert_eq!((pet.id.as_str(), pet.name.as_str()), ("p1", "Rex"));
    assert_eq!(pet.status, Some(PetStatus::Active));
    assert!(matches!(pet.owner, Some(Owner::Company(c)) if c.vat == "DE1"));
}

#[test]
fn the_builder_writes_the_modules_generate_writes() {
    let spec = root().join("tests/build-script/spec.yaml");
    let scratch = Scratch::new("builder");
    let modules = scratch.path().join("modules");
    let whole = scratch.path().join("crate");
    let builder = Builder::new()
        .spec(&spec)
        .crate_name("pets")
        .dialect(generator::dialect::Choice::Cloudflare)
        .cargo_metadata(false);
    builder
        .clone()
        .out_dir(&modules)
        .generate()
        .expect("modules");
    builder
        .layout(Layout::Crate)
        .out_dir(&whole)
        .generate()
        .expect("a crate");
    let modules = read_tree(&modules);
    let whole = read_tree(&whole);
    // The same files but the manifest and README; the same modules but the crate root.
    let in_src: Vec<(String, &Vec<u8>)> = whole
        .iter()
        .filter_map(|(p, c)| p.strip_prefix("src/").map(|p| (p.to_string(), c)))
        .collect();
    let names =
        |files: &[(String, &Vec<u8>)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    let module_refs: Vec<(String, &Vec<u8>)> =
        modules.iter().map(|(p, c)| (p.clone(), c)).collect();
    assert_eq!(names(&module_refs), names(&in_src));
    for ((p, a), (_, b)) in module_refs.iter().zip(&in_src) {
        if p == "lib.rs" || p == "pets/mod.rs" {
            assert_ne!(a, b, "{p} differs: no crate attributes, no area features");
        } else {
            assert_eq!(
                String::from_utf8_lossy(a),
                String::from_utf8_lossy(b),
                "{p}"
            );
        }
    }
    let lib = modules
        .iter()
        .find(|(p, _)| p == "lib.rs")
        .map(|(_, c)| String::from_utf8_lossy(c).into_owned())
        .expect("a lib.rs");
    assert!(
        !lib.contains("#!["),
        "an included root holds no inner attributes:\n{lib}"
    );
    assert!(
        !lib.contains("cfg(feature"),
        "every area is compiled:\n{lib}"
    );
}

#[test]
fn without_out_dir_the_builder_says_what_to_do() {
    // Tests run without `OUT_DIR`; a build script has it.
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let err = Builder::new()
        .spec(root().join("tests/build-script/spec.yaml"))
        .cargo_metadata(false)
        .generate()
        .expect_err("no folder to write to");
    assert!(err.to_string().contains("Builder::out_dir"), "{err}");
}
