//! `multipart/form-data` bodies: one part per member, file parts for bytes.

use serde::Serialize;

use super::encode::to_text;

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    name: String,
    value: PartValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PartValue {
    Text(String),
    File(Vec<u8>),
}

impl Part {
    /// A text part; `None` (and JSON `null`) makes no part. Non-string values are sent as
    /// their JSON text.
    pub(crate) fn text(name: &str, value: &impl Serialize) -> Option<Part> {
        let value = serde_json::to_value(value).ok()?;
        let text = match &value {
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => value.to_string(),
            other => to_text(other)?,
        };
        Some(Part {
            name: name.to_string(),
            value: PartValue::Text(text),
        })
    }

    /// A file part with the given bytes; `None` makes no part.
    pub(crate) fn file(name: &str, bytes: Option<&[u8]>) -> Option<Part> {
        bytes.map(|b| Part {
            name: name.to_string(),
            value: PartValue::File(b.to_vec()),
        })
    }
}

/// A value sent as `multipart/form-data` (generated for each multipart body type).
pub trait Multipart {
    /// The parts, in order.
    fn parts(&self) -> Vec<Part>;
}

/// A free-form body: each member of an object is a text part.
impl Multipart for serde_json::Value {
    fn parts(&self) -> Vec<Part> {
        match self {
            serde_json::Value::Object(members) => members
                .iter()
                .filter_map(|(k, v)| Part::text(k, v))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A body whose schema is no object (a bare binary string): one file part named `file`.
impl Multipart for [u8] {
    fn parts(&self) -> Vec<Part> {
        Part::file("file", Some(self)).into_iter().collect()
    }
}

/// The body's content type (with its boundary) and bytes.
pub(crate) fn encode(parts: &[Part]) -> (String, Vec<u8>) {
    let boundary = boundary(parts);
    let mut out = Vec::new();
    for part in parts {
        let name = part.name.replace(['"', '\r', '\n'], "_");
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
        );
        match &part.value {
            PartValue::Text(text) => {
                out.extend_from_slice(b"\r\n\r\n");
                out.extend_from_slice(text.as_bytes());
            }
            PartValue::File(bytes) => {
                out.extend_from_slice(
                    format!(
                        "; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                out.extend_from_slice(bytes);
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), out)
}

/// A boundary that occurs in no part.
fn boundary(parts: &[Part]) -> String {
    let occurs = |b: &str| {
        parts.iter().any(|p| match &p.value {
            PartValue::Text(t) => t.contains(b),
            PartValue::File(bytes) => bytes.windows(b.len()).any(|w| w == b.as_bytes()),
        })
    };
    (0u64..)
        .map(|n| format!("----generated-client-boundary-{n:x}"))
        .find(|b| !occurs(b))
        .unwrap_or_default()
}
