//! How a spec beyond Cloudflare's is laid out in modules and files: versioned paths and
//! file suffixes do not make areas, operations without tags are grouped by their paths, and
//! a very large group continues in more files.

use std::path::PathBuf;

use generator::generate_texts;

/// `count` untagged operations under one versioned resource, and two Twilio-style paths.
fn spec(count: usize) -> String {
    let mut paths = serde_json::Map::new();
    let ok = serde_json::json!({"200": {"description": "ok", "content": {"application/json":
        {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}}});
    for i in 0..count {
        paths.insert(
            format!("/v1/things/t{i:03}"),
            serde_json::json!({"get": {"operationId": format!("get-t{i:03}"), "responses": ok}}),
        );
    }
    paths.insert(
        "/2010-04-01/Accounts/{AccountSid}/Messages.json".into(),
        serde_json::json!({"get": {"operationId": "list-messages", "tags": ["Messages"],
            "parameters": [{"name": "AccountSid", "in": "path", "required": true,
                "schema": {"type": "string"}}], "responses": ok}}),
    );
    paths.insert(
        "/2010-04-01/Accounts.json".into(),
        serde_json::json!({"get": {"operationId": "list-accounts", "responses": ok}}),
    );
    serde_json::json!({"openapi": "3.0.3", "info": {"title": "Big", "version": "1"},
        "servers": [{"url": "https://api.example.com"}], "paths": paths})
    .to_string()
}

fn files(count: usize) -> Vec<String> {
    let generated = generate_texts(&[(PathBuf::from("big.json"), spec(count))], "big")
        .expect("the spec generates");
    for f in &generated.files {
        if f.path.ends_with(".rs") {
            syn::parse_file(&f.contents)
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", f.path));
        }
    }
    generated
        .files
        .into_iter()
        .map(|f| f.path)
        .filter(|p| p.starts_with("src/") && !p.starts_with("src/runtime/"))
        .collect()
}

#[test]
fn areas_skip_versions_and_suffixes_and_untagged_operations_group_by_path() {
    let files = files(3);
    assert_eq!(
        files,
        [
            "src/accounts/accounts.rs",
            "src/accounts/messages.rs",
            "src/accounts/mod.rs",
            "src/auth.rs",
            "src/lib.rs",
            "src/things/mod.rs",
            "src/things/things.rs",
        ],
        "the Twilio-style `Messages` tag lives in the `accounts` area with the untagged \
         `/2010-04-01/Accounts.json`, since the general dialect's area is the first segment"
    );
}

#[test]
fn a_large_group_continues_in_more_files() {
    let files = files(130);
    for part in ["src/things/things/part_2.rs", "src/things/things/part_3.rs"] {
        assert!(files.iter().any(|f| f == part), "{part} in {files:?}");
    }
    assert!(!files.iter().any(|f| f.ends_with("part_4.rs")), "{files:?}");
}
