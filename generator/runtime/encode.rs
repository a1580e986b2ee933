//! Encoding of arguments: path segments and query values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::error::Error;

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so a
/// value stays inside its own path segment whatever it holds (`/`, `?`, `#`, `%`, spaces).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A path parameter as one encoded segment, after its checks.
pub(crate) fn path_segment(name: &str, value: &str, max_length: Option<usize>) -> Result<String, Error> {
    let invalid = |reason: String| Error::InvalidArgument { name: name.to_string(), reason };
    if value.is_empty() {
        return Err(invalid("must not be empty (it is a path segment)".into()));
    }
    if let Some(max) = max_length {
        let n = value.chars().count();
        if n > max {
            return Err(invalid(format!("is {n} characters long, longer than the maximum of {max}")));
        }
    }
    // URL parsers treat `.` and `..` segments (even encoded) as directory steps.
    if value == "." || value == ".." {
        return Err(invalid(format!("`{value}` cannot be sent as a path segment")));
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// A value that can be sent as query parameters: each item of the returned list is one
/// `name=value` pair (`form` style, `explode: true`).
pub trait ToQuery {
    /// The values to send; empty sends nothing.
    fn to_query(&self) -> Vec<String>;
}

macro_rules! to_query_display {
    ($($t:ty),*) => {$(
        impl ToQuery for $t {
            fn to_query(&self) -> Vec<String> {
                vec![self.to_string()]
            }
        }
    )*};
}

to_query_display!(String, str, bool, i32, i64, u8, u16, u32, u64, f64, jiff::Timestamp);

impl<T: ToQuery + ?Sized> ToQuery for &T {
    fn to_query(&self) -> Vec<String> {
        (**self).to_query()
    }
}

impl<T: ToQuery> ToQuery for Option<T> {
    fn to_query(&self) -> Vec<String> {
        self.as_ref().map(ToQuery::to_query).unwrap_or_default()
    }
}

impl<T: ToQuery> ToQuery for Vec<T> {
    fn to_query(&self) -> Vec<String> {
        self.iter().flat_map(ToQuery::to_query).collect()
    }
}

impl ToQuery for serde_json::Value {
    fn to_query(&self) -> Vec<String> {
        match self {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Array(items) => items.iter().flat_map(ToQuery::to_query).collect(),
            other => vec![other.to_string()],
        }
    }
}

/// A `multipart/form-data` body from a value that serializes to a JSON object: each member
/// becomes one part, strings as they are, other values as JSON text. Returns the content
/// type (with its boundary) and the bytes.
pub(crate) fn multipart<B: serde::Serialize + ?Sized>(body: &B) -> Result<(String, Vec<u8>), String> {
    let value = serde_json::to_value(body).map_err(|e| format!("cannot be encoded: {e}"))?;
    let serde_json::Value::Object(members) = value else {
        return Err("a multipart body must be an object".into());
    };
    let boundary = boundary(&members);
    let mut out = Vec::new();
    for (name, value) in &members {
        let text = match value {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let name = name.replace(['"', '\r', '\n'], "_");
        out.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((format!("multipart/form-data; boundary={boundary}"), out))
}

/// A boundary that appears in none of the values.
fn boundary(members: &serde_json::Map<String, serde_json::Value>) -> String {
    let text = serde_json::Value::Object(members.clone()).to_string();
    (0u32..)
        .map(|n| format!("----generated-client-boundary-{n}"))
        .find(|b| !text.contains(b.as_str()))
        .unwrap_or_default()
}
