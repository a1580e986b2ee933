//! The operation fragment exporter, in Rust, so tests need no copy of the shared tool: every
//! operation of a whole OpenAPI document becomes one fragment in the seed's layout, with
//! every `$ref` inlined (a recursive `$ref` is cut to `{}` at its first repeat, a dangling
//! one becomes `{}`). The output matches the team's `export_fragments.py` byte for byte on
//! the vendored spec.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// One exported fragment: its file name and its text.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// `<operationId with unsafe characters replaced>.txt`.
    pub file_name: String,
    /// The fragment.
    pub text: String,
}

/// Every operation of `doc`, in document order.
pub fn export(doc: &Value) -> Vec<Fragment> {
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        let shared = item.get("parameters").filter(|p| !is_empty(p));
        for (method, op) in item {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let mut op = op.clone();
            if let (Some(shared), Some(map)) = (shared, op.as_object_mut())
                && !map.contains_key("parameters")
            {
                map.insert("parameters".into(), shared.clone());
            }
            let id = op
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_string);
            let name: String = id
                .clone()
                .unwrap_or_else(|| format!("{method}{path}"))
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "_.-".contains(c) {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            out.push(Fragment {
                file_name: format!("{name}.txt"),
                text: fragment(doc, path, method, &op),
            });
        }
    }
    out
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

fn fragment(doc: &Value, path: &str, method: &str, op: &Value) -> String {
    let text = |key: &str| {
        op.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let description = text("description")
        .or_else(|| text("summary"))
        .unwrap_or("");
    let tag = op
        .get("tags")
        .and_then(Value::as_array)
        .and_then(|t| t.first())
        .and_then(Value::as_str)
        .unwrap_or("");
    let id = op.get("operationId").and_then(Value::as_str).unwrap_or("");
    let inline = |key: &str| {
        op.get(key)
            .map(|v| inline(doc, v, &mut Vec::new()))
            .unwrap_or(Value::Null)
    };
    let parameters = match inline("parameters") {
        Value::Null => Value::Array(Vec::new()),
        p => p,
    };
    let values = [
        Value::Null,
        Value::Null,
        parameters,
        inline("requestBody"),
        inline("responses"),
        inline("security"),
    ];
    let dumped: Vec<String> = values.iter().map(dump).collect();
    format!(
        "{description}\n{path}\n{method}\n{tag}\n{id}\n{}",
        dumped.join(" ")
    )
}

/// `node` with every `$ref` replaced by its target; a `$ref` already on `stack` is `{}`.
fn inline(doc: &Value, node: &Value, stack: &mut Vec<String>) -> Value {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                if stack.contains(reference) {
                    return Value::Object(Default::default());
                }
                let Some(target) = resolve(doc, reference) else {
                    return Value::Object(Default::default());
                };
                stack.push(reference.clone());
                let inlined = inline(doc, target, stack);
                stack.pop();
                return inlined;
            }
            Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), inline(doc, v, stack)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| inline(doc, v, stack)).collect()),
        other => other.clone(),
    }
}

fn resolve<'d>(doc: &'d Value, reference: &str) -> Option<&'d Value> {
    let mut node = doc;
    for part in reference.strip_prefix("#/")?.split('/') {
        node = node.get(part.replace("~1", "/").replace("~0", "~"))?;
    }
    Some(node)
}

/// Python's `json.dumps(v, indent=0, sort_keys=True, ensure_ascii=False)`.
fn dump(value: &Value) -> String {
    let sorted = sort(value);
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b""),
    );
    sorted
        .serialize(&mut serializer)
        .map(|_| String::from_utf8_lossy(&out).into_owned())
        .unwrap_or_default()
}

/// Keys in code point order at every level.
fn sort(value: &Value) -> Sorted<'_> {
    match value {
        Value::Object(map) => Sorted::Map(map.iter().map(|(k, v)| (k.as_str(), sort(v))).collect()),
        Value::Array(items) => Sorted::List(items.iter().map(sort).collect()),
        other => Sorted::Leaf(other),
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Sorted<'a> {
    Map(BTreeMap<&'a str, Sorted<'a>>),
    List(Vec<Sorted<'a>>),
    Leaf(&'a Value),
}
