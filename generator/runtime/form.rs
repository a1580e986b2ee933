//! `application/x-www-form-urlencoded` bodies: the members of a serialized body as
//! `name=value` pairs, each property in the style the spec gives it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};

use super::encode::to_text;

/// The content type of a form body.
pub(crate) const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// How one property of a form body is encoded (OpenAPI's `style` and `explode` in the
/// body's `encoding` map); a property the map does not list is [`FormStyle::Form`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormStyle {
    /// `form`, exploded: a list repeats the name (`tag=a&tag=b`), an object sends each
    /// member under its own name.
    Form,
    /// `form`, not exploded: a list or an object as one comma-separated value
    /// (`tag=a,b`, `point=x,1,y,2`).
    FormNotExploded,
    /// A list as one space-separated value.
    SpaceDelimited,
    /// A list as one `|`-separated value.
    PipeDelimited,
    /// Members and items in brackets, at any depth: `metadata[plan]=pro`,
    /// `items[0][price]=p1`.
    DeepObject,
}

/// The styles of a form body's properties that are not [`FormStyle::Form`], by wire name.
pub(crate) type Styles = &'static [(&'static str, FormStyle)];

/// What the WHATWG form encoding leaves as it is: letters, digits and `*-._` (a space
/// becomes `+`).
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// The members of a form body, or why the body cannot be one.
pub(crate) fn members(body: Value) -> Result<Map<String, Value>, String> {
    match body {
        Value::Object(members) => Ok(members),
        Value::Null => Ok(Map::new()),
        other => Err(format!(
            "is a form body, so it must be an object, not {}",
            match other {
                Value::Array(_) => "a list",
                Value::String(_) => "a string",
                _ => "a number or boolean",
            }
        )),
    }
}

/// The encoded body: each member in its style, in the members' order; `null` members
/// send nothing.
pub(crate) fn encode(members: &Map<String, Value>, styles: &[(&str, FormStyle)]) -> Vec<u8> {
    let mut pairs = Vec::new();
    for (name, value) in members {
        let style = styles
            .iter()
            .find(|(n, _)| n == name)
            .map_or(FormStyle::Form, |(_, s)| *s);
        property(name, value, style, &mut pairs);
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{}={}", component(name), component(value)))
        .collect();
    encoded.join("&").into_bytes()
}

/// The pairs of one property.
fn property(name: &str, value: &Value, style: FormStyle, out: &mut Vec<(String, String)>) {
    let joined = |items: &[Value], separator: &str| {
        let texts: Vec<String> = items.iter().filter_map(to_text).collect();
        texts.join(separator)
    };
    match (style, value) {
        (_, Value::Null) => {}
        (FormStyle::DeepObject, _) => brackets(name.to_string(), value, out),
        (FormStyle::Form, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Array(_) | Value::Object(_) => {
                        brackets(format!("{name}[{i}]"), item, out);
                    }
                    _ => out.extend(to_text(item).map(|t| (name.to_string(), t))),
                }
            }
        }
        (FormStyle::Form, Value::Object(members)) => {
            for (member, v) in members {
                match v {
                    Value::Array(_) | Value::Object(_) => brackets(member.clone(), v, out),
                    _ => out.extend(to_text(v).map(|t| (member.clone(), t))),
                }
            }
        }
        (FormStyle::SpaceDelimited, Value::Array(items)) => {
            out.push((name.to_string(), joined(items, " ")));
        }
        (FormStyle::PipeDelimited, Value::Array(items)) => {
            out.push((name.to_string(), joined(items, "|")));
        }
        (_, Value::Object(members)) => {
            let texts: Vec<String> = members
                .iter()
                .filter_map(|(k, v)| to_text(v).map(|t| format!("{k},{t}")))
                .collect();
            out.push((name.to_string(), texts.join(",")));
        }
        // A list not exploded (`to_text` joins it with commas), or a single value.
        _ => out.extend(to_text(value).map(|t| (name.to_string(), t))),
    }
}

/// A value under `prefix` with its members and items in brackets, at any depth; empty
/// lists and objects send nothing.
fn brackets(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                brackets(format!("{prefix}[{i}]"), item, out);
            }
        }
        Value::Object(members) => {
            for (member, v) in members {
                brackets(format!("{prefix}[{member}]"), v, out);
            }
        }
        other => out.extend(to_text(other).map(|t| (prefix, t))),
    }
}

/// One name or value, form-encoded.
fn component(text: &str) -> String {
    // `%` itself is encoded as `%25`, so every `%20` here stands for a space.
    utf8_percent_encode(text, FORM)
        .to_string()
        .replace("%20", "+")
}
