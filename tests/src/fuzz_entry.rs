//! What the fuzz targets (`tests/fuzz/`) run, here so that `cargo test` can replay the
//! inputs they found (`tests/fuzz/regressions/`) through exactly the same code.
//!
//! Each entry panics only on a bug: a spec error is the expected answer to bad input, but a
//! render error, a generated file that does not parse as Rust, or a panic anywhere is not.

use std::path::{Path, PathBuf};

use generator::Error;
use serde_json::{Value, json};

/// The fragment parser on `text`; a fragment that parses goes through the whole pipeline.
pub fn fragment(text: &str) {
    let file = Path::new("fuzz.txt");
    if generator::load::fragment::parse(file, text).is_ok() {
        pipeline(&[(file.to_path_buf(), text.to_string())]);
    }
}

/// `data`, when it is JSON, as the schema of a request body, of a response and of the
/// component `Fuzz` (so `$ref`s to it recurse) in a one-operation document.
pub fn schema(data: &[u8]) {
    let Ok(schema) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    pipeline(&[(
        PathBuf::from("fuzz.json"),
        schema_document(schema).to_string(),
    )]);
}

/// The one-operation document around `schema`.
pub fn schema_document(schema: Value) -> Value {
    let content = json!({"application/json": {"schema": schema}});
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Fuzz", "version": "1"},
        "paths": {"/things/{id}": {"put": {
            "operationId": "things-update-thing",
            "tags": ["Things"],
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"required": true, "content": content},
            "responses": {"200": {"description": "The thing.", "content": content}}
        }}},
        "components": {"schemas": {"Fuzz": schema}}
    })
}

/// Generates `texts` in memory; every generated Rust file must parse.
pub fn pipeline(texts: &[(PathBuf, String)]) {
    match generator::generate_texts(texts, "fuzz-client") {
        Ok(generated) => {
            for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
                if let Err(e) = syn::parse_file(&file.contents) {
                    panic!("{} does not parse: {e}\n{}", file.path, file.contents);
                }
            }
        }
        Err(Error::Spec(diags)) => assert!(diags.has_errors(), "a spec error without errors"),
        Err(other) => panic!("a bug, not a spec error: {other}"),
    }
}
