//! Spec text (JSON or YAML) into a `serde_json::Value`, with messages that say what to do.
//!
//! YAML is read through [`JsonValue`], which takes integers the way JSON does: an integer
//! beyond 64 bits (`maximum: 18446744073709552000`, valid YAML and valid JSON Schema) is a
//! float, as serde_json reads the same literal in a JSON document, where serde_json's own
//! `Value` would refuse it ("JSON number out of range").

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::syntax;
use crate::diag::{Diagnostic, Position};

/// A parsed spec file: its value, the text it was read from (a leading byte-order mark
/// removed), and whether that text is YAML (else JSON).
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The whole file as JSON.
    pub value: Value,
    /// The text, for positions in later messages.
    pub text: String,
    /// Whether the text is YAML.
    pub is_yaml: bool,
}

/// Parses `text` as JSON when it opens with `{` (after blanks), else as YAML.
pub fn parse(file: &Path, text: &str) -> Result<Parsed, Diagnostic> {
    let trimmed = text.trim_start_matches('\u{feff}');
    let is_yaml = !trimmed.trim_start().starts_with('{');
    let value = if is_yaml {
        parse_yaml(file, trimmed)?
    } else {
        parse_json(file, trimmed)?
    };
    Ok(Parsed {
        value,
        text: trimmed.to_string(),
        is_yaml,
    })
}

fn parse_json(file: &Path, text: &str) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        let position = Position {
            line: e.line(),
            column: e.column(),
        };
        let reason = e.to_string();
        syntax::parse_error(
            file,
            Some(position),
            "JSON",
            syntax::strip_position(&reason),
            e.is_eof(),
            rest_after(text, position),
        )
    })
}

fn parse_yaml(file: &Path, text: &str) -> Result<Value, Diagnostic> {
    if let Some(d) = syntax::yaml_flow_depth(file, text) {
        return Err(d);
    }
    match yaml_serde::from_str::<JsonValue>(text) {
        Ok(JsonValue(v)) => Ok(v),
        Err(e) => {
            let position = e.location().map(|l| Position {
                line: l.line(),
                column: l.column(),
            });
            let rest = position.map_or("", |p| rest_after(text, p));
            let reason = e.to_string();
            Err(syntax::parse_error(
                file,
                position,
                "YAML",
                syntax::strip_position(&reason),
                false,
                rest,
            ))
        }
    }
}

/// The text after a parser's line and column (columns count bytes from 1, as both parsers do).
fn rest_after(text: &str, at: Position) -> &str {
    let line_start = if at.line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(at.line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let offset = (line_start + at.column.saturating_sub(1)).min(text.len());
    text.get(offset..).unwrap_or("")
}

/// A `serde_json::Value` read from YAML the way JSON reads numbers (see the module docs).
pub struct JsonValue(pub Value);

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor).map(JsonValue)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    // Beyond 64 bits: the nearest float, as JSON reads `18446744073709552000`.
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        JsonValue::deserialize(d).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(JsonValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some((key, JsonValue(v))) = map.next_entry::<String, JsonValue>()? {
            members.insert(key, v);
        }
        Ok(Value::Object(members))
    }
}

/// A float as JSON holds it; YAML's `.inf` and `.nan`, which JSON has no spelling for, are
/// `null` (as serde_json's own `Value` makes them).
fn float(v: f64) -> Value {
    Number::from_f64(v).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        parse(Path::new("f.yaml"), text).expect("parses").value
    }

    #[test]
    fn integers_beyond_64_bits_are_floats_as_in_json() {
        let v = yaml("max: 18446744073709552000\nmin: -9223372036854776000\nbig: 1e400\n");
        let json: Value =
            serde_json::from_str(r#"{"max": 18446744073709552000, "min": -9223372036854776000}"#)
                .expect("json");
        assert_eq!(v["max"], json["max"]);
        assert_eq!(v["min"], json["min"]);
        assert_eq!(v["max"].as_f64(), Some(18446744073709551616.0));
        assert!(v["min"].is_f64() && v["max"].is_f64());
    }

    #[test]
    fn ordinary_values_are_as_before() {
        let v = yaml("a: 1\nb: -2\nc: 1.5\nd: [true, null, x]\n200: {e: ~}\n");
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": -2, "c": 1.5, "d": [true, null, "x"], "200": {"e": null}})
        );
        assert!(v["a"].is_u64() && v["b"].is_i64());
    }

    #[test]
    fn json_and_yaml_errors_keep_their_positions() {
        let e = parse(Path::new("f.json"), "{\"a\": }").expect_err("malformed");
        assert!(e.position.is_some(), "{e}");
        let e = parse(Path::new("f.yaml"), "a: [1,\n").expect_err("malformed");
        assert!(e.message.contains("YAML"), "{e}");
    }
}
