//! A property: any small valid OpenAPI document, however hostile its names, generates Rust
//! that parses (`syn::parse_file` on every generated `.rs` file).
//!
//! Documents are random but valid: names from a hostile alphabet (keywords, digits first,
//! emoji, quotes, comment and raw-string delimiters), nested objects, arrays, enums, maps,
//! satisfiable allOf (branches that declare different properties), anyOf, nullable values,
//! `$ref`s to components, path, query and header parameters.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Pieces names are made of.
const PIECES: &[&str] = &[
    "a", "Id", "name", "type", "self", "Self", "super", "crate", "_", "1", "2nd", "🚀", "é",
    "r#\"", "\"#", "*/", "/*", "`", "\\", "-", " ", ".", "fooBar", "foo_bar", "FOO", "async",
    "gen", "Error", "Client", "Option", "result", "<=", ">", "%", "",
];

/// Pieces safe inside a path template's braces (no `{`, `}` or `/`).
const PATH_PIECES: &[&str] = &[
    "a", "id", "self", "type", "typeof", "fn", "crate", "1", "🚀", "_", "-", ".", "Zone",
];

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..4).prop_map(|p| p.concat())
}

fn path_name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PATH_PIECES), 1..3).prop_map(|p| p.concat())
}

/// The components every document has, which schemas may refer to.
const COMPONENTS: &[&str] = &["Thing", "self", "1st 🚀"];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": "string", "format": "date-time"})),
        Just(json!({"type": "integer", "minimum": 0})),
        Just(json!({"type": "integer", "format": "int32"})),
        Just(json!({"type": "number"})),
        Just(json!({"type": "boolean"})),
        Just(json!({})),
        prop::collection::vec(name(), 1..4).prop_map(|v| json!({"type": "string", "enum": v})),
        prop::sample::select(COMPONENTS).prop_map(
            |c| json!({"$ref": format!("#/components/schemas/{}", c.replace('/', "~1"))})
        ),
    ]
}

fn object(inner: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    (
        prop::collection::btree_map(name(), inner, 1..4),
        any::<bool>(),
    )
        .prop_map(|(props, req)| {
            let required: Vec<&String> = props.keys().filter(|_| req).take(1).collect();
            let mut o = json!({"type": "object", "properties": props});
            if !required.is_empty() {
                o["required"] = json!(required);
            }
            o
        })
}

fn schema() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            object(inner.clone()),
            inner
                .clone()
                .prop_map(|i| json!({"type": "array", "items": i})),
            inner
                .clone()
                .prop_map(|i| json!({"type": "object", "additionalProperties": i})),
            inner.clone().prop_map(|mut i| {
                if let Some(o) = i.as_object_mut() {
                    o.insert("nullable".into(), json!(true));
                }
                i
            }),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| json!({"anyOf": [a, b]})),
            // Satisfiable: the branches declare properties under different prefixes.
            (object(inner.clone()), object(inner)).prop_map(|(a, b)| {
                json!({"allOf": [prefixed(a, "left "), prefixed(b, "right ")]})
            }),
        ]
    })
}

/// The object `o` with every property name (and `required` entry) prefixed.
fn prefixed(mut o: Value, prefix: &str) -> Value {
    let rename = |v: &mut Value| {
        if let Some(map) = v.as_object_mut() {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(k, v)| (format!("{prefix}{k}"), v))
                .collect::<Map<String, Value>>();
        }
    };
    if let Some(props) = o.get_mut("properties") {
        rename(props);
    }
    if let Some(Value::Array(req)) = o.get_mut("required") {
        for r in req.iter_mut() {
            *r = json!(format!("{prefix}{}", r.as_str().unwrap_or_default()));
        }
    }
    o
}

/// One operation: (tag, operationId, (area segment, path parameter), query/header
/// parameters, body, result).
type Op = (
    String,
    String,
    (String, String),
    Vec<(String, bool)>,
    Option<Value>,
    Value,
);

fn operation() -> impl Strategy<Value = Op> {
    (
        name(),
        name(),
        (path_name(), path_name()),
        prop::collection::vec((name(), any::<bool>()), 0..3),
        prop::option::of(schema()),
        schema(),
    )
}

fn document(ops: Vec<Op>, components: Vec<Value>) -> Value {
    let mut paths = Map::new();
    for (i, (tag, id, (segment, path_param), params, body, result)) in ops.into_iter().enumerate() {
        let mut parameters = vec![
            json!({"name": path_param, "in": "path", "required": true, "schema": {"type": "string"}}),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (p, header) in params {
            let location = if header { "header" } else { "query" };
            if seen.insert((p.clone(), location)) {
                parameters.push(json!({"name": p, "in": location, "schema": {"type": "string"}}));
            }
        }
        let mut op = json!({
            "operationId": format!("{id}-{i}"),
            "tags": [tag],
            "description": "Hostile */ \"# text with `code` and\n```rust\nfn main() {}\n```",
            "parameters": parameters,
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": result}}}},
        });
        if let Some(body) = body {
            op["requestBody"] =
                json!({"required": true, "content": {"application/json": {"schema": body}}});
        }
        // The segment after the parameter names the operation's area (module and feature).
        paths.insert(
            format!("/p{i}/{{{path_param}}}/{segment}"),
            json!({"post": op}),
        );
    }
    let schemas: Map<String, Value> = COMPONENTS
        .iter()
        .map(|c| c.to_string())
        .zip(components)
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Random */ \"#", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

/// Component bodies: leaves other than references, or objects of them (so the references
/// between components never form an allOf cycle).
fn component() -> impl Strategy<Value = Value> {
    let plain = prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": "integer"})),
        prop::collection::vec(name(), 1..4).prop_map(|v| json!({"type": "string", "enum": v})),
    ];
    prop_oneof![plain.clone(), object(plain)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_specs_generate_rust_that_parses(
        ops in prop::collection::vec(operation(), 1..4),
        components in prop::collection::vec(component(), 3),
    ) {
        let doc = document(ops, components);
        let texts = [(PathBuf::from("random.json"), doc.to_string())];
        let generated = match generator::generate_texts(&texts, "random-client") {
            Ok(g) => g,
            Err(e) => panic!("a valid spec is rejected: {e}\n{doc:#}"),
        };
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Err(e) = syn::parse_file(&file.contents) {
                panic!("{} does not parse: {e}\n{}", file.path, file.contents);
            }
        }
    }
}
