//! The parts of an OpenAPI document, for walks over its JSON before the typed read.
//!
//! Resolving `$ref`s across files and rewriting OpenAPI 3.1 schemas both need to know what
//! a JSON value *is*: a `$ref` where a schema belongs is hoisted as a schema, one where a
//! parameter belongs is a parameter, and `$ref` inside an `example` is only data. [`walk`]
//! visits every part the generator reads, telling each what it is.

use serde_json::Value;

use super::fragment::METHODS;
use crate::diag::pointer_push;

/// What an object of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole document.
    Document,
    /// A path item (an entry of `paths`, a callback's, `components/pathItems`).
    PathItem,
    /// An operation of a path item.
    Operation,
    /// A parameter.
    Parameter,
    /// A request body.
    RequestBody,
    /// A response.
    Response,
    /// A header of a response or encoding.
    Header,
    /// A media type's entry in `content`.
    MediaType,
    /// An encoding of a multipart or form body's property.
    Encoding,
    /// A schema.
    Schema,
    /// An example object.
    Example,
    /// A link.
    Link,
    /// A callback (a map of path items).
    Callback,
    /// A security scheme.
    SecurityScheme,
}

impl Part {
    /// The `components` section that holds parts of this kind.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            Part::Schema => "schemas",
            Part::Parameter => "parameters",
            Part::RequestBody => "requestBodies",
            Part::Response => "responses",
            Part::Header => "headers",
            Part::Example => "examples",
            Part::Link => "links",
            Part::Callback => "callbacks",
            Part::SecurityScheme => "securitySchemes",
            Part::PathItem => "pathItems",
            Part::Document | Part::Operation | Part::MediaType | Part::Encoding => return None,
        })
    }

    /// "a schema", "a path item": for messages.
    pub fn what(self) -> &'static str {
        match self {
            Part::Document => "a document",
            Part::PathItem => "a path item",
            Part::Operation => "an operation",
            Part::Parameter => "a parameter",
            Part::RequestBody => "a request body",
            Part::Response => "a response",
            Part::Header => "a header",
            Part::MediaType => "a media type",
            Part::Encoding => "an encoding",
            Part::Schema => "a schema",
            Part::Example => "an example",
            Part::Link => "a link",
            Part::Callback => "a callback",
            Part::SecurityScheme => "a security scheme",
        }
    }
}

/// Told about every part of a walk, outermost first.
pub trait Visitor {
    /// Visits `value`, a `part` at `pointer`; may rewrite it. Returns whether to walk into
    /// what `value` holds after the visit.
    fn visit(&mut self, part: Part, value: &mut Value, pointer: &str) -> bool;
}

/// Visits `value` (a `part` at `pointer`) and everything in it the generator reads.
pub fn walk(visitor: &mut dyn Visitor, part: Part, value: &mut Value, pointer: &str) {
    if !visitor.visit(part, value, pointer) {
        return;
    }
    for (segments, child_part) in children(part, value) {
        let mut child_ptr = pointer.to_string();
        let mut child = Some(&mut *value);
        for s in &segments {
            child_ptr = pointer_push(&child_ptr, s);
            child = child.and_then(|c| match c {
                Value::Object(m) => m.get_mut(s.as_str()),
                Value::Array(a) => s.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                _ => None,
            });
        }
        if let Some(child) = child {
            walk(visitor, child_part, child, &child_ptr);
        }
    }
}

/// The parts directly inside `value`, as key paths from it.
fn children(part: Part, value: &Value) -> Vec<(Vec<String>, Part)> {
    let mut out = Vec::new();
    let Some(obj) = value.as_object() else {
        return out;
    };
    match part {
        Part::Document => {
            each(obj, "paths", Part::PathItem, true, &mut out);
            each(obj, "webhooks", Part::PathItem, true, &mut out);
            if let Some(components) = obj.get("components") {
                for (key, child) in COMPONENT_SECTIONS {
                    if let Some(map) = components.get(key).and_then(Value::as_object) {
                        for name in map.keys() {
                            let path = vec!["components".into(), key.to_string(), name.clone()];
                            out.push((path, child));
                        }
                    }
                }
            }
        }
        Part::PathItem => {
            for m in METHODS {
                if obj.contains_key(m) {
                    out.push((vec![m.to_string()], Part::Operation));
                }
            }
            items(obj, "parameters", Part::Parameter, &mut out);
        }
        Part::Operation => {
            items(obj, "parameters", Part::Parameter, &mut out);
            single(obj, "requestBody", Part::RequestBody, &mut out);
            each(obj, "responses", Part::Response, true, &mut out);
            each(obj, "callbacks", Part::Callback, true, &mut out);
        }
        Part::Parameter | Part::Header => {
            single(obj, "schema", Part::Schema, &mut out);
            each(obj, "content", Part::MediaType, false, &mut out);
            each(obj, "examples", Part::Example, false, &mut out);
        }
        Part::RequestBody => each(obj, "content", Part::MediaType, false, &mut out),
        Part::Response => {
            each(obj, "headers", Part::Header, false, &mut out);
            each(obj, "content", Part::MediaType, false, &mut out);
            each(obj, "links", Part::Link, false, &mut out);
        }
        Part::MediaType => {
            single(obj, "schema", Part::Schema, &mut out);
            each(obj, "examples", Part::Example, false, &mut out);
            each(obj, "encoding", Part::Encoding, false, &mut out);
        }
        Part::Encoding => each(obj, "headers", Part::Header, false, &mut out),
        Part::Callback => {
            for name in obj.keys().filter(|k| !k.starts_with("x-")) {
                out.push((vec![name.clone()], Part::PathItem));
            }
        }
        Part::Schema => schema_children(obj, &mut out),
        Part::Example | Part::Link | Part::SecurityScheme => {}
    }
    out
}

/// The members of the map at `key`, as parts of kind `part` (`x-` extensions left out
/// where `skip_extensions`).
fn each(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    part: Part,
    skip_extensions: bool,
    out: &mut Vec<(Vec<String>, Part)>,
) {
    if let Some(map) = obj.get(key).and_then(Value::as_object) {
        for name in map.keys() {
            if !(skip_extensions && name.starts_with("x-")) {
                out.push((vec![key.to_string(), name.clone()], part));
            }
        }
    }
}

/// `components` sections and what their entries are.
const COMPONENT_SECTIONS: [(&str, Part); 10] = [
    ("schemas", Part::Schema),
    ("responses", Part::Response),
    ("parameters", Part::Parameter),
    ("examples", Part::Example),
    ("requestBodies", Part::RequestBody),
    ("headers", Part::Header),
    ("securitySchemes", Part::SecurityScheme),
    ("links", Part::Link),
    ("callbacks", Part::Callback),
    ("pathItems", Part::PathItem),
];

/// The subschemas the generator reads (and `prefixItems`, which 3.1 documents turn into
/// `items`). `$defs` are reached through the `$ref`s that name them.
fn schema_children(obj: &serde_json::Map<String, Value>, out: &mut Vec<(Vec<String>, Part)>) {
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for name in props.keys() {
            out.push((vec!["properties".into(), name.clone()], Part::Schema));
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if obj.get(key).is_some_and(Value::is_object) {
            out.push((vec![key.to_string()], Part::Schema));
        }
    }
    for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
        items(obj, key, Part::Schema, out);
    }
}

fn single(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    part: Part,
    out: &mut Vec<(Vec<String>, Part)>,
) {
    if obj.contains_key(key) {
        out.push((vec![key.to_string()], part));
    }
}

fn items(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    part: Part,
    out: &mut Vec<(Vec<String>, Part)>,
) {
    if let Some(list) = obj.get(key).and_then(Value::as_array) {
        for i in 0..list.len() {
            out.push((vec![key.to_string(), i.to_string()], part));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Record(Vec<(Part, String)>);

    impl Visitor for Record {
        fn visit(&mut self, part: Part, _: &mut Value, pointer: &str) -> bool {
            self.0.push((part, pointer.to_string()));
            true
        }
    }

    #[test]
    fn visits_what_the_generator_reads_and_not_example_data() {
        let mut doc = serde_json::json!({
            "paths": {"/a": {
                "parameters": [{"name": "p", "schema": {"type": "string"}}],
                "get": {"responses": {"200": {"content": {"application/json": {
                    "schema": {"properties": {"x": {"items": {"$ref": "#/s"}}}},
                    "example": {"$ref": "data"}
                }}}}}
            }, "x-ext": {"get": {}}},
            "components": {"schemas": {"s": {"allOf": [{}]}}}
        });
        let mut r = Record(Vec::new());
        walk(&mut r, Part::Document, &mut doc, "#");
        let seen: Vec<String> = r.0.iter().map(|(p, s)| format!("{p:?} {s}")).collect();
        assert_eq!(
            seen,
            [
                "Document #",
                "PathItem #/paths/~1a",
                "Operation #/paths/~1a/get",
                "Response #/paths/~1a/get/responses/200",
                "MediaType #/paths/~1a/get/responses/200/content/application~1json",
                "Schema #/paths/~1a/get/responses/200/content/application~1json/schema",
                "Schema #/paths/~1a/get/responses/200/content/application~1json/schema/properties/x",
                "Schema #/paths/~1a/get/responses/200/content/application~1json/schema/properties/x/items",
                "Parameter #/paths/~1a/parameters/0",
                "Schema #/paths/~1a/parameters/0/schema",
                "Schema #/components/schemas/s",
                "Schema #/components/schemas/s/allOf/0",
            ]
        );
    }
}
