//! Repairs of real-world spec mistakes that would otherwise stop the typed reading.
//!
//! Each repair is small, named, and reported as a warning with its pointer, so a reviewer
//! sees what the generator assumed. Anything not listed here is an error, not a guess.

use serde_json::{Map, Value};

use super::Sources;
use crate::diag::{Diagnostics, pointer_push};

/// Applies every repair to an OpenAPI document held as JSON.
pub fn repair_document(sources: &Sources, doc: &mut Value, diags: &mut Diagnostics) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let item_ptr = pointer_push("#/paths", path);
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (key, value) in item.iter_mut() {
            let ptr = pointer_push(&item_ptr, key);
            if key == "parameters" {
                repair_parameters(sources, &ptr, value, diags);
            } else if let Some(op) = value.as_object_mut() {
                if let Some(params) = op.get_mut("parameters") {
                    repair_parameters(sources, &pointer_push(&ptr, "parameters"), params, diags);
                }
                repair_responses(sources, &ptr, op, diags);
            }
        }
    }
}

/// A parameter with neither `schema` nor `content` (the 2023 Cloudflare spec has two, such as
/// `comment.present` on the DNS records list) is read as taking any value.
fn repair_parameters(sources: &Sources, ptr: &str, params: &mut Value, diags: &mut Diagnostics) {
    let Some(list) = params.as_array_mut() else {
        return;
    };
    for (i, param) in list.iter_mut().enumerate() {
        let Some(param) = param.as_object_mut() else {
            continue;
        };
        if param.contains_key("$ref")
            || param.contains_key("schema")
            || param.contains_key("content")
        {
            continue;
        }
        let p = pointer_push(ptr, &i.to_string());
        let schema = Map::from_iter([("type".to_string(), Value::String("string".into()))]);
        param.insert("schema".into(), Value::Object(schema));
        diags.push(
            sources
                .warning(
                    &p,
                    "parameter has neither `schema` nor `content`; it is read as a string",
                )
                .help("add `schema: {type: string}` (or the real type) to the parameter"),
        );
    }
}

/// A response without `description` (required by OpenAPI) gets an empty one.
fn repair_responses(
    sources: &Sources,
    op_ptr: &str,
    op: &mut Map<String, Value>,
    diags: &mut Diagnostics,
) {
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    for (status, response) in responses.iter_mut() {
        let Some(response) = response.as_object_mut() else {
            continue;
        };
        if response.contains_key("$ref") || response.contains_key("description") {
            continue;
        }
        let p = pointer_push(&pointer_push(op_ptr, "responses"), status);
        response.insert("description".into(), Value::String(String::new()));
        diags.push(
            sources
                .warning(&p, "response has no `description`, which OpenAPI requires")
                .help("add a one-line description of the response"),
        );
    }
}
