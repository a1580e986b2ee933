//! Encoding of arguments: path segments and query values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::error::Error;

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so a
/// value stays inside its own path segment whatever it holds (`/`, `?`, `#`, `%`, spaces).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path parameter as one encoded segment, after its checks.
pub(crate) fn path_segment(
    name: &str,
    value: &str,
    max_length: Option<usize>,
) -> Result<String, Error> {
    let invalid = |reason: String| Error::InvalidArgument {
        name: name.to_string(),
        reason,
    };
    if value.is_empty() {
        return Err(invalid("must not be empty (it is a path segment)".into()));
    }
    if let Some(max) = max_length {
        let n = value.chars().count();
        if n > max {
            return Err(invalid(format!(
                "is {n} characters long, longer than the maximum of {max}"
            )));
        }
    }
    // URL parsers treat `.` and `..` segments (even encoded) as directory steps.
    if value == "." || value == ".." {
        return Err(invalid(format!(
            "`{value}` cannot be sent as a path segment"
        )));
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// An argument as text: strings as they are, numbers and booleans printed, `null` absent,
/// arrays joined with commas (OpenAPI's `simple` style), objects as JSON.
pub(crate) fn to_text(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(to_text)
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => Some(other.to_string()),
    }
}

/// Query pairs of one parameter in OpenAPI's default `form` style with `explode: true`:
/// a list repeats the name, an object sends each member under its own name, `null` sends
/// nothing.
pub(crate) fn query_pairs(name: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                if let Some(text) = to_text(item) {
                    out.push((name.to_string(), text));
                }
            }
        }
        Value::Object(members) => {
            for (member, v) in members {
                query_pairs(member, v, out);
            }
        }
        other => out.extend(to_text(other).map(|t| (name.to_string(), t))),
    }
}
