//! What a method argument is, in words: the parameter's description (else its schema's),
//! then its kind of value and the spec's constraints and example.
//!
//! `- `identifier`: Identifier. A string of at most 32 characters, for example
//! `023e105f4ecef8ad9ca31a8372d0c353`.` rather than `- `identifier`: Identifier`.

use super::docs::{code, one_line};
use crate::ir::{Api, Constraints, Param, Prim, TypeKind, TypeRef};

/// How many enum values are listed before the rest are left to the type's docs.
const MAX_VALUES: usize = 12;

/// The list item documenting path parameter `p`.
pub fn path_param_line(api: &Api, p: &Param) -> String {
    let name = p.rust.trim_start_matches("r#");
    let value = value_phrase(api, &p.ty, &p.constraints);
    let example = example_text(&p.docs.example)
        .map(|e| format!(", for example {}", code(&e)))
        .unwrap_or_default();
    match p.docs.description.as_deref().map(first_paragraph) {
        Some(what) if !what.is_empty() => {
            let stop = if what.ends_with(['.', '!', '?']) {
                ""
            } else {
                "."
            };
            format!("- `{name}`: {what}{stop} {}{example}.", capitalized(&value))
        }
        _ => format!("- `{name}`: {value}{example}."),
    }
}

/// The first paragraph of a description, as one line.
fn first_paragraph(text: &str) -> String {
    let paragraph: Vec<&str> = text
        .trim_start()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect();
    one_line(&paragraph.join(" "))
}

/// A scalar example as the text a caller would pass.
pub fn example_text(example: &Option<serde_json::Value>) -> Option<String> {
    match example {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `a string of at most 32 characters`, `an integer from 1 to 100`, `one of `a`, `b``.
fn value_phrase(api: &Api, ty: &TypeRef, c: &Constraints) -> String {
    match ty {
        TypeRef::Prim(Prim::String) => {
            let mut phrase = string_kind(c.format.as_deref());
            phrase.push_str(&length(c.min_length, c.max_length));
            if let Some(p) = &c.pattern {
                phrase.push_str(&format!(" matching {}", code(p)));
            }
            phrase
        }
        TypeRef::Prim(Prim::I32 | Prim::I64 | Prim::U8 | Prim::U16 | Prim::U32 | Prim::U64) => {
            format!("an integer{}", bounds(c.minimum, c.maximum))
        }
        TypeRef::Prim(Prim::F64) => "a number".to_string(),
        TypeRef::Prim(Prim::Bool) => "`true` or `false`".to_string(),
        TypeRef::Prim(Prim::Timestamp) => "an RFC 3339 timestamp".to_string(),
        TypeRef::Prim(Prim::Value) => "any JSON value (a schema without a type)".to_string(),
        TypeRef::Named(id) => match &api.types[id.0].kind {
            TypeKind::Enum { variants } => {
                let listed: Vec<String> = variants
                    .iter()
                    .take(MAX_VALUES)
                    .map(|v| code(&v.wire))
                    .collect();
                let more = variants.len().saturating_sub(MAX_VALUES);
                if more > 0 {
                    format!("one of {}, or {more} more", listed.join(", "))
                } else {
                    format!("one of {}", listed.join(", "))
                }
            }
            _ => format!("a {}", code(&api.types[id.0].name)),
        },
        _ => "a value".to_string(),
    }
}

/// `a string`, `a UUID`, `an email address`, or `a string in the `f` format`.
fn string_kind(format: Option<&str>) -> String {
    let known = match format {
        None => "a string",
        Some("uuid") => "a UUID",
        Some("date") => "a date (`YYYY-MM-DD`)",
        Some("date-time") => "an RFC 3339 date-time",
        Some("email") => "an email address",
        Some("uri" | "url") => "a URL",
        Some("hostname") => "a host name",
        Some("ipv4") => "an IPv4 address",
        Some("ipv6") => "an IPv6 address",
        Some(other) => return format!("a string in the {} format", code(other)),
    };
    known.to_string()
}

fn length(min: Option<u64>, max: Option<u64>) -> String {
    let chars = |n: u64| if n == 1 { "character" } else { "characters" };
    match (min.filter(|n| *n > 0), max) {
        (Some(a), Some(b)) if a == b => format!(" of exactly {a} {}", chars(a)),
        (Some(a), Some(b)) => format!(" of {a} to {b} {}", chars(b)),
        (Some(a), None) => format!(" of at least {a} {}", chars(a)),
        (None, Some(b)) => format!(" of at most {b} {}", chars(b)),
        (None, None) => String::new(),
    }
}

fn bounds(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!(" from {a} to {b}"),
        (Some(a), None) => format!(" of at least {a}"),
        (None, Some(b)) => format!(" of at most {b}"),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Docs;

    fn api() -> Api {
        Api {
            crate_name: "c".into(),
            title: String::new(),
            description: None,
            version: String::new(),
            default_base_url: String::new(),
            types: Vec::new(),
            groups: Vec::new(),
            areas: Vec::new(),
            schemes: Vec::new(),
            credential_sets: Vec::new(),
            keywords: Vec::new(),
            credential_policy: crate::ir::CredentialPolicy::Strict,
            request_id_header: None,
        }
    }

    fn param(description: Option<&str>, example: Option<serde_json::Value>) -> Param {
        Param {
            rust: "identifier".into(),
            wire: "identifier".into(),
            ty: TypeRef::Prim(Prim::String),
            max_length: Some(32),
            docs: Docs {
                description: description.map(str::to_string),
                example,
                ..Docs::default()
            },
            constraints: Constraints {
                max_length: Some(32),
                ..Constraints::default()
            },
        }
    }

    #[test]
    fn arguments_say_what_the_value_is() {
        let p = param(
            Some("Identifier"),
            Some("023e105f4ecef8ad9ca31a8372d0c353".into()),
        );
        assert_eq!(
            path_param_line(&api(), &p),
            "- `identifier`: Identifier. A string of at most 32 characters, for example `023e105f4ecef8ad9ca31a8372d0c353`."
        );
        let bare = param(None, None);
        assert_eq!(
            path_param_line(&api(), &bare),
            "- `identifier`: a string of at most 32 characters."
        );
        let long = param(Some("The zone [beta].\nIt holds.\n\nMore."), None);
        assert_eq!(
            path_param_line(&api(), &long),
            "- `identifier`: The zone \\[beta\\]. It holds. A string of at most 32 characters."
        );
    }

    #[test]
    fn constraints_in_words() {
        let c = Constraints {
            format: Some("uuid".into()),
            min_length: Some(36),
            max_length: Some(36),
            pattern: Some("^[0-9a-f-]+$".into()),
            ..Constraints::default()
        };
        assert_eq!(
            value_phrase(&api(), &TypeRef::Prim(Prim::String), &c),
            "a UUID of exactly 36 characters matching `^[0-9a-f-]+$`"
        );
        let int = Constraints {
            minimum: Some(1),
            maximum: Some(100),
            ..Constraints::default()
        };
        assert_eq!(
            value_phrase(&api(), &TypeRef::Prim(Prim::U32), &int),
            "an integer from 1 to 100"
        );
    }
}
