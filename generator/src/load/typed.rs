//! The JSON document read as `openapiv3::OpenAPI`, with every type error reported.
//!
//! serde stops at the first value of the wrong type, so one run would show one problem. When
//! the whole document does not deserialize, each part (a path item, a component, a top-level
//! field) is deserialized on its own, and the errors of all parts are reported together.

use openapiv3::{
    Components, Info, OpenAPI, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema,
    SecurityScheme, Server, Tag,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::fragment::METHODS;
use super::{Sources, path_to_pointer};
use crate::diag::{Diagnostics, pointer_push};

/// The typed document, or every type error found in its parts. Path-item keys that are no
/// method are errors in `diags` either way.
pub fn read(raw: &Value, sources: &Sources, diags: &mut Diagnostics) -> Option<OpenAPI> {
    unknown_methods(raw, sources, diags);
    let before = diags.error_count();
    let whole = match serde_path_to_error::deserialize::<_, OpenAPI>(raw) {
        Ok(doc) => return Some(doc),
        Err(e) => e,
    };
    if let Some(root) = raw.as_object() {
        for (key, value) in root {
            let ptr = pointer_push("#", key);
            match key.as_str() {
                "info" => check::<Info>(value, &ptr, sources, diags),
                "servers" => check::<Vec<Server>>(value, &ptr, sources, diags),
                "tags" => check::<Vec<Tag>>(value, &ptr, sources, diags),
                "paths" => each::<PathItem>(value, &ptr, sources, diags),
                "components" => components(value, &ptr, sources, diags),
                _ => {}
            }
        }
    }
    if diags.error_count() == before {
        // The problem is outside the parts checked one by one: report serde's own finding.
        report(&whole, "#", sources, diags);
    }
    None
}

/// The keys a path item may hold besides its operations (and `x-` extensions).
const PATH_ITEM_FIELDS: &[&str] = &["$ref", "summary", "description", "servers", "parameters"];

/// A path item key that is no method (`fetch`, `GET`) would be dropped without a word by
/// openapiv3, and the operation with it: it is an error.
fn unknown_methods(raw: &Value, sources: &Sources, diags: &mut Diagnostics) {
    let Some(paths) = raw.get("paths").and_then(Value::as_object) else {
        return;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for key in item.keys() {
            let known = METHODS.contains(&key.as_str())
                || PATH_ITEM_FIELDS.contains(&key.as_str())
                || key.starts_with("x-");
            if !known {
                let ptr = pointer_push(&pointer_push("#/paths", path), key);
                diags.push(
                    sources
                        .error(&ptr, format!("unknown HTTP method `{key}` in the path item of `{path}`; expected one of {}", METHODS.join(", ")))
                        .help("write the method in lower case as OpenAPI does, or start an extension's name with `x-`"),
                );
            }
        }
    }
}

/// Each component on its own, by the kind of its section.
fn components(value: &Value, ptr: &str, sources: &Sources, diags: &mut Diagnostics) {
    let Some(sections) = value.as_object() else {
        return check::<Components>(value, ptr, sources, diags);
    };
    for (section, entries) in sections {
        let p = pointer_push(ptr, section);
        match section.as_str() {
            "schemas" => each::<ReferenceOr<Schema>>(entries, &p, sources, diags),
            "responses" => each::<ReferenceOr<Response>>(entries, &p, sources, diags),
            "parameters" => each::<ReferenceOr<Parameter>>(entries, &p, sources, diags),
            "requestBodies" => each::<ReferenceOr<RequestBody>>(entries, &p, sources, diags),
            "securitySchemes" => each::<ReferenceOr<SecurityScheme>>(entries, &p, sources, diags),
            _ => {}
        }
    }
}

/// Every member of the map `value` as a `T`; a `value` that is no map is checked as a map.
fn each<T: DeserializeOwned>(value: &Value, ptr: &str, sources: &Sources, diags: &mut Diagnostics) {
    let Some(entries) = value.as_object() else {
        return check::<indexmap::IndexMap<String, T>>(value, ptr, sources, diags);
    };
    for (name, entry) in entries {
        check::<T>(entry, &pointer_push(ptr, name), sources, diags);
    }
}

fn check<T: DeserializeOwned>(
    value: &Value,
    ptr: &str,
    sources: &Sources,
    diags: &mut Diagnostics,
) {
    if let Err(e) = serde_path_to_error::deserialize::<_, T>(value) {
        report(&e, ptr, sources, diags);
    }
}

fn report(
    e: &serde_path_to_error::Error<serde_json::Error>,
    base: &str,
    sources: &Sources,
    diags: &mut Diagnostics,
) {
    let inner = path_to_pointer(e.path());
    let pointer = format!("{base}{}", inner.strip_prefix('#').unwrap_or(&inner));
    let message = format!("not a valid OpenAPI 3.0 document: {}", e.inner());
    diags.push(
        sources
            .error(&pointer, message)
            .help("fix the value at this pointer; see the OpenAPI 3.0.3 specification"),
    );
}
