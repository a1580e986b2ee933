//! OpenAPI 3.1 read as the 3.0 the later stages know, on the JSON before the typed read.
//!
//! 3.1 changed the schema dialect to JSON Schema 2020-12; everything else is 3.0 with a few
//! additions. Each 3.1 form is rewritten into the 3.0 form that admits the same values:
//!
//! ```text
//! type: [string, "null"]          type: string, nullable: true
//! type: [string, integer]         anyOf: [{type: string, ..}, {type: integer, ..}]
//! const: circle                   enum: [circle]          (a one-value enum: pinned)
//! examples: [a, b]                example: a              (warning when more are dropped)
//! exclusiveMinimum: 0             minimum: 0, exclusiveMinimum: true
//! contentEncoding: base64         format: byte
//! contentMediaType: image/png     format: binary          (warning: the media type is dropped)
//! $ref: X, description: d         allOf: [{$ref: X}], description: d
//! prefixItems: [A, B]             items: {anyOf: [A, B]}  (warning: positions are dropped)
//! true / false as a schema        {} / {not: {}}
//! webhooks                        left out, with a warning
//! ```
//!
//! Every rewrite records where its values were written ([`Sources::moved`]), so messages
//! about the rewritten schema still point into the user's file.

use serde_json::{Map, Value, json};

use super::sources::Sources;
use super::walk::{Part, Visitor, walk};
use crate::diag::{Diagnostics, pointer_push};

/// Leaves out `webhooks` (requests the API sends, which a client does not call) and gives
/// a document without `paths` (optional in 3.1) an empty one.
pub fn prepare_document(doc: &mut Value, sources: &Sources, warnings: &mut Diagnostics) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    if let Some(hooks) = root.remove("webhooks") {
        let names: Vec<String> = hooks
            .as_object()
            .map(|m| m.keys().map(|k| format!("`{k}`")).collect())
            .unwrap_or_default();
        let message = format!(
            "webhooks are left out ({}): a webhook is a request the API sends, not one a client makes",
            names.join(", ")
        );
        warnings.push(
            sources
                .warning("#/webhooks", message)
                .help("handle webhook requests in your server; their schemas can be shared through `components/schemas`"),
        );
    }
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
}

/// Rewrites every 3.1 schema of `doc` (and the operations without `responses`) into 3.0.
pub fn normalize(
    doc: &mut Value,
    sources: &mut Sources,
    warnings: &mut Diagnostics,
    errors: &mut Diagnostics,
) {
    let mut n = Normalizer {
        sources,
        warnings,
        errors,
    };
    walk(&mut n, Part::Document, doc, "#");
}

struct Normalizer<'a> {
    sources: &'a mut Sources,
    warnings: &'a mut Diagnostics,
    errors: &'a mut Diagnostics,
}

impl Visitor for Normalizer<'_> {
    fn visit(&mut self, part: Part, value: &mut Value, pointer: &str) -> bool {
        match part {
            // 3.1 made `responses` optional.
            Part::Operation => {
                if let Some(op) = value.as_object_mut() {
                    op.entry("responses")
                        .or_insert_with(|| Value::Object(Map::new()));
                }
            }
            Part::Schema => self.schema(value, pointer),
            _ => {}
        }
        true
    }
}

impl Normalizer<'_> {
    fn warn(&mut self, pointer: &str, message: String) {
        let d = self.sources.warning(pointer, message);
        self.warnings.push(d);
    }

    fn schema(&mut self, value: &mut Value, p: &str) {
        if let Value::Bool(b) = value {
            if !*b {
                self.warn(
                    p,
                    "the schema `false` admits no value; it is read as any value".into(),
                );
            }
            *value = if *b { json!({}) } else { json!({"not": {}}) };
            return;
        }
        let Some(s) = value.as_object_mut() else {
            return;
        };
        self.ref_siblings(s, p);
        self.constant(s, p);
        self.examples(s, p);
        self.exclusive_bounds(s, p);
        self.content(s, p);
        if s.get("items") == Some(&Value::Bool(true)) {
            s.insert("items".into(), json!({}));
        }
        self.prefix_items(s, p);
        self.types(s, p);
    }

    /// `{$ref: X, description: d}`: in 3.1 the keywords beside a `$ref` apply too (3.0
    /// ignores them), so the reference becomes the last allOf branch.
    fn ref_siblings(&mut self, s: &mut Map<String, Value>, p: &str) {
        let ignorable = ["$ref", "$comment", "$id", "$schema", "$anchor"];
        if !s.contains_key("$ref") || s.keys().all(|k| ignorable.contains(&k.as_str())) {
            return;
        }
        let Some(reference) = s.remove("$ref") else {
            return;
        };
        let all_of = s.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(branches) = all_of {
            let at = pointer_push(&pointer_push(p, "allOf"), &branches.len().to_string());
            branches.push(json!({ "$ref": reference }));
            self.sources.moved(&at, p, false);
        } else {
            s.insert("$ref".into(), reference);
        }
    }

    /// `const: v` is `enum: [v]`, the 3.0 way to pin a value.
    fn constant(&mut self, s: &mut Map<String, Value>, p: &str) {
        let Some(c) = s.remove("const") else {
            return;
        };
        let at = pointer_push(p, "const");
        if let Some(Value::Array(values)) = s.get("enum")
            && !values.contains(&c)
        {
            let d = self
                .sources
                .error(&at, format!("`const: {c}` is not one of the schema's `enum` values, so no value can match"))
                .help("remove the `const` or the `enum`, or make the `enum` hold the constant");
            self.errors.push(d);
        }
        s.insert("enum".into(), Value::Array(vec![c]));
        self.sources.moved(&pointer_push(p, "enum"), &at, false);
    }

    /// `examples: [a, b]`: the first is the 3.0 `example`.
    fn examples(&mut self, s: &mut Map<String, Value>, p: &str) {
        let Some(Value::Array(list)) = s.get("examples") else {
            return;
        };
        let list = list.clone();
        s.remove("examples");
        let at = pointer_push(p, "examples");
        if list.len() > 1 || s.contains_key("example") {
            self.warn(
                &at,
                format!(
                    "only one of the schema's examples is shown in the docs ({} dropped)",
                    list.len() - usize::from(!s.contains_key("example"))
                ),
            );
        }
        if let Some(first) = list.into_iter().next()
            && !s.contains_key("example")
        {
            s.insert("example".into(), first);
            self.sources
                .moved(&pointer_push(p, "example"), &pointer_push(&at, "0"), true);
        }
    }

    /// Numeric `exclusiveMinimum: 0` is 3.0's `minimum: 0, exclusiveMinimum: true` (or
    /// nothing, where `minimum` is stricter).
    fn exclusive_bounds(&mut self, s: &mut Map<String, Value>, p: &str) {
        for (exclusive, inclusive, stricter) in [
            ("exclusiveMinimum", "minimum", 1.0),
            ("exclusiveMaximum", "maximum", -1.0),
        ] {
            let Some(e) = s.get(exclusive).and_then(Value::as_f64) else {
                continue;
            };
            let bound = s.remove(exclusive).unwrap_or(Value::Null);
            let inclusive_wins = s
                .get(inclusive)
                .and_then(Value::as_f64)
                .is_some_and(|m| (m - e) * stricter > 0.0);
            if inclusive_wins {
                continue;
            }
            s.insert(inclusive.into(), bound);
            s.insert(exclusive.into(), Value::Bool(true));
            let from = pointer_push(p, exclusive);
            self.sources.moved(&pointer_push(p, inclusive), &from, true);
        }
    }

    /// `contentEncoding: base64` is `format: byte`; `contentMediaType` without an encoding
    /// is binary data, `format: binary`.
    fn content(&mut self, s: &mut Map<String, Value>, p: &str) {
        let encoding = s.remove("contentEncoding");
        let media = s.remove("contentMediaType");
        let format = match (&encoding, &media) {
            (Some(Value::String(e)), _) if e == "base64" || e == "base64url" => "byte",
            (Some(e), _) => {
                let e = e.as_str().map_or_else(|| e.to_string(), str::to_string);
                let message =
                    format!("`contentEncoding: {e}` is not kept; the value is read as a string");
                self.warn(&pointer_push(p, "contentEncoding"), message);
                return;
            }
            (None, Some(m)) => {
                if m.as_str() != Some("application/octet-stream") {
                    let m = m.as_str().map_or_else(|| m.to_string(), str::to_string);
                    let message = format!(
                        "`contentMediaType: {m}` is read as binary data (`format: binary`); the media type is not kept"
                    );
                    self.warn(&pointer_push(p, "contentMediaType"), message);
                }
                "binary"
            }
            (None, None) => return,
        };
        if !s.contains_key("format") {
            s.insert("format".into(), Value::String(format.into()));
            let from = if encoding.is_some() {
                "contentEncoding"
            } else {
                "contentMediaType"
            };
            self.sources
                .moved(&pointer_push(p, "format"), &pointer_push(p, from), false);
        }
    }

    /// `prefixItems: [A, B]` (a tuple) is an array whose items are any of A, B (and of
    /// `items`, the schema of the items after them).
    fn prefix_items(&mut self, s: &mut Map<String, Value>, p: &str) {
        let Some(Value::Array(prefix)) = s.remove("prefixItems") else {
            return;
        };
        let at = pointer_push(p, "prefixItems");
        let items_ptr = pointer_push(p, "items");
        let rest = s.remove("items");
        let closed = rest == Some(Value::Bool(false));
        let n = prefix.len();
        let mut alternatives = prefix;
        let mut places: Vec<String> = (0..n).map(|i| pointer_push(&at, &i.to_string())).collect();
        if let Some(rest @ Value::Object(_)) = rest {
            alternatives.push(rest);
            places.push(items_ptr.clone());
        }
        let mut distinct: Vec<(Value, String)> = Vec::new();
        for (alt, place) in alternatives.into_iter().zip(places) {
            if !distinct.iter().any(|(a, _)| *a == alt) {
                distinct.push((alt, place));
            }
        }
        if closed && !s.contains_key("maxItems") {
            s.insert("maxItems".into(), Value::from(n));
        }
        s.entry("type")
            .or_insert_with(|| Value::String("array".into()));
        self.warn(&at, format!("the tuple's {n} item schemas (`prefixItems`) are read as the schema of every item (any of them); their positions are not kept"));
        let items = match distinct.len() {
            0 => json!({}),
            1 => {
                let (only, place) = distinct.remove(0);
                self.sources.moved(&items_ptr, &place, true);
                only
            }
            _ => {
                let any_of = pointer_push(&items_ptr, "anyOf");
                for (i, (_, place)) in distinct.iter().enumerate() {
                    self.sources
                        .moved(&pointer_push(&any_of, &i.to_string()), place, true);
                }
                self.sources.moved(&items_ptr, &at, false);
                json!({ "anyOf": distinct.into_iter().map(|(a, _)| a).collect::<Vec<_>>() })
            }
        };
        s.insert("items".into(), items);
    }

    /// `type: [string, "null"]` is a nullable string; `type: [string, integer]` an anyOf of
    /// one schema per type, each with the keywords that apply to it.
    fn types(&mut self, s: &mut Map<String, Value>, p: &str) {
        let Some(Value::Array(list)) = s.get("type") else {
            return;
        };
        let type_ptr = pointer_push(p, "type");
        let mut types: Vec<String> = Vec::new();
        for t in list {
            match t.as_str() {
                Some(t) if !types.iter().any(|x| x == t) => types.push(t.to_string()),
                Some(_) => {}
                None => {
                    let d = self
                        .sources
                        .error(&type_ptr, format!("`type` lists {t}, which is not a type name"))
                        .help("list type names: string, integer, number, boolean, object, array, null");
                    self.errors.push(d);
                    return;
                }
            }
        }
        s.remove("type");
        let nullable = types.iter().any(|t| t == "null");
        types.retain(|t| t != "null");
        // Every integer is a number: `[integer, number]` is a number.
        if types.iter().any(|t| t == "number") {
            types.retain(|t| t != "integer");
        }
        if nullable {
            if types.is_empty() {
                s.insert("type".into(), Value::String("null".into()));
                return;
            }
            s.insert("nullable".into(), Value::Bool(true));
            self.sources
                .moved(&pointer_push(p, "nullable"), &type_ptr, false);
        }
        match types.as_slice() {
            [] => {}
            [one] => {
                s.insert("type".into(), Value::String(one.clone()));
            }
            _ => self.split(s, p, &types),
        }
    }

    /// One alternative per type, each taking the keywords of its type from `s`.
    fn split(&mut self, s: &mut Map<String, Value>, p: &str, types: &[String]) {
        let numeric_format = s
            .get("format")
            .and_then(Value::as_str)
            .is_some_and(|f| ["int32", "int64", "float", "double"].contains(&f));
        let values = s.remove("enum");
        let mut alternatives = Vec::new();
        for t in types {
            let mut alt = Map::new();
            alt.insert("type".into(), Value::String(t.clone()));
            for key in keywords_of(t, numeric_format) {
                if let Some(v) = s.get(*key) {
                    alt.insert(key.to_string(), v.clone());
                }
            }
            if let Some(Value::Array(values)) = &values {
                let fitting: Vec<Value> = values.iter().filter(|v| fits(t, v)).cloned().collect();
                alt.insert("enum".into(), Value::Array(fitting));
            }
            alternatives.push(Value::Object(alt));
        }
        for t in types {
            for key in keywords_of(t, numeric_format) {
                s.remove(*key);
            }
        }
        if let Some(Value::Array(values)) = &values
            && values.contains(&Value::Null)
        {
            s.insert("nullable".into(), Value::Bool(true));
        }
        let union = Value::Array(alternatives);
        // Beside an anyOf of its own, the type union is one more allOf branch.
        let base = if !s.contains_key("anyOf") {
            s.insert("anyOf".into(), union);
            pointer_push(p, "anyOf")
        } else {
            let Value::Array(branches) = s.entry("allOf").or_insert_with(|| json!([])) else {
                return;
            };
            branches.push(json!({ "anyOf": union }));
            let at = pointer_push(p, "allOf");
            pointer_push(
                &pointer_push(&at, &(branches.len() - 1).to_string()),
                "anyOf",
            )
        };
        for i in 0..types.len() {
            self.sources
                .moved(&pointer_push(&base, &i.to_string()), p, true);
        }
    }
}

/// The keywords that apply to values of type `t`.
fn keywords_of(t: &str, numeric_format: bool) -> &'static [&'static str] {
    match (t, numeric_format) {
        ("string", false) => &["minLength", "maxLength", "pattern", "format"],
        ("string", true) => &["minLength", "maxLength", "pattern"],
        ("integer" | "number", true) => &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "format",
        ],
        ("integer" | "number", false) => &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        ("object", _) => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        ("array", _) => &["items", "minItems", "maxItems", "uniqueItems"],
        _ => &[],
    }
}

/// Whether an `enum` value is of type `t`.
fn fits(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn normalized(schema: Value) -> (Value, Sources, Diagnostics) {
        let mut doc = json!({"components": {"schemas": {"s": schema}}});
        let mut sources = Sources::in_memory(Path::new("spec.yaml"));
        let mut warnings = Diagnostics::default();
        let mut errors = Diagnostics::default();
        normalize(&mut doc, &mut sources, &mut warnings, &mut errors);
        assert!(!errors.has_errors(), "{errors}");
        (doc["components"]["schemas"]["s"].clone(), sources, warnings)
    }

    #[test]
    fn type_arrays_become_nullable_types_or_unions() {
        let (s, _, _) = normalized(json!({"type": ["string", "null"], "maxLength": 3}));
        assert_eq!(
            s,
            json!({"type": "string", "nullable": true, "maxLength": 3})
        );
        let (s, sources, _) = normalized(json!({
            "type": ["string", "integer", "object"], "description": "d", "format": "uuid",
            "minimum": 1, "properties": {"a": {"const": 1}}, "enum": ["x", 2, {"a": 1}]
        }));
        assert_eq!(
            s,
            json!({"description": "d", "anyOf": [
                {"type": "string", "format": "uuid", "enum": ["x"]},
                {"type": "integer", "minimum": 1, "enum": [2]},
                {"type": "object", "properties": {"a": {"enum": [1]}}, "enum": [{"a": 1}]},
            ]})
        );
        // Messages about the alternatives point at the keywords the user wrote.
        assert_eq!(
            sources
                .origin_of("#/components/schemas/s/anyOf/2/properties/a/enum")
                .1,
            "#/components/schemas/s/properties/a/const"
        );
    }

    #[test]
    fn keywords_of_3_1_have_their_3_0_spelling() {
        let (s, sources, warnings) = normalized(json!({
            "type": "integer", "exclusiveMinimum": 0, "maximum": 10, "exclusiveMaximum": 20,
            "examples": [1, 2]
        }));
        assert_eq!(
            s,
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "example": 1})
        );
        assert_eq!(
            warnings.warnings().count(),
            1,
            "the second example is dropped"
        );
        assert_eq!(
            sources.origin_of("#/components/schemas/s/minimum").1,
            "#/components/schemas/s/exclusiveMinimum"
        );
        let (s, _, _) = normalized(json!({"$ref": "#/components/schemas/t", "description": "d"}));
        assert_eq!(
            s,
            json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/t"}]})
        );
        let (s, _, _) = normalized(json!({"$ref": "#/components/schemas/t"}));
        assert_eq!(s, json!({"$ref": "#/components/schemas/t"}));
        let (s, _, _) = normalized(json!({"type": "string", "contentEncoding": "base64"}));
        assert_eq!(s, json!({"type": "string", "format": "byte"}));
        let (s, _, w) = normalized(json!({"type": "string", "contentMediaType": "image/png"}));
        assert_eq!(s, json!({"type": "string", "format": "binary"}));
        assert_eq!(w.warnings().count(), 1);
    }

    #[test]
    fn tuples_are_arrays_of_any_of_their_items() {
        let (s, sources, w) = normalized(json!({
            "type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false
        }));
        assert_eq!(
            s,
            json!({"type": "array", "maxItems": 2, "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}})
        );
        assert_eq!(w.warnings().count(), 1);
        assert_eq!(
            sources
                .origin_of("#/components/schemas/s/items/anyOf/1/type")
                .1,
            "#/components/schemas/s/prefixItems/1/type"
        );
        let (s, _, _) =
            normalized(json!({"prefixItems": [{"type": "string"}, {"type": "string"}]}));
        assert_eq!(s, json!({"type": "array", "items": {"type": "string"}}));
    }
}
