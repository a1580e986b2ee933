//! The operation fragment layout: header lines, then six JSON values.
//!
//! ```text
//! Updates a configured service token.                  description (may span lines)
//! /zones/{identifier}/access/service_tokens/{uuid}     path
//! put                                                  method
//! Zone-Level Access service tokens                     tag
//! zone-level-access-service-tokens-update-a-service-token   operationId
//! null null [...] {...} {...} [...]                    extra, extra, parameters,
//!                                                      requestBody, responses, security
//! ```
//!
//! The exporter writes descriptions verbatim, so a description with line breaks pushes the
//! other header lines down: the path is the line four above the first line of values.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diag::{Diagnostic, Position, operation_pointer, pointer_push};

/// The HTTP methods an operation may use, as OpenAPI spells them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// One parsed fragment: its place in a document and the operation object.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// The path template, such as `/zones/{identifier}`.
    pub path: String,
    /// The lower-case HTTP method.
    pub method: String,
    /// The operation object, in OpenAPI form.
    pub operation: Value,
    /// Byte ranges of the six values, for positions of later errors.
    pub value_spans: [(usize, usize); 6],
    /// Byte offsets of the path, method, tag and operationId lines.
    pub header_starts: [usize; 4],
}

/// The names of the six values, for error messages.
const VALUE_NAMES: [&str; 6] = [
    "first extra",
    "second extra",
    "parameters",
    "requestBody",
    "responses",
    "security",
];

/// Parses fragment text; `file` only names the source in errors.
pub fn parse(file: &Path, text: &str) -> Result<Fragment, Diagnostic> {
    let lines = line_starts(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::at(
            file,
            Position { line: 1, column: 1 },
            "the fragment is empty",
        )
        .help(LAYOUT_HELP));
    }
    // Candidate header ends: a path line followed by a method line, two more lines, and values.
    let mut first_error = None;
    for (k, &start) in lines.iter().enumerate().skip(5) {
        let header: Vec<&str> = lines_text(text, &lines, k - 4, k);
        if !header[0].starts_with('/') || !METHODS.contains(&header[1]) {
            continue;
        }
        match parse_values(file, text, start) {
            Ok((values, spans)) => {
                let description = text[..lines[k - 4]]
                    .trim_end_matches(['\n', '\r'])
                    .to_string();
                let header_starts = [lines[k - 4], lines[k - 3], lines[k - 2], lines[k - 1]];
                return build(file, text, &description, &header, values, spans).map(|frag| {
                    Fragment {
                        header_starts,
                        ..frag
                    }
                });
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| header_error(file, text, &lines)))
}

const LAYOUT_HELP: &str = "a fragment is five lines (description, path, method, tag, operationId) \
followed by six JSON values: two extras (null, a summary string or a deprecated boolean), \
parameters, requestBody, responses, security";

/// Explains why no line could be the start of the values, using the strict five-line reading.
fn header_error(file: &Path, text: &str, lines: &[usize]) -> Diagnostic {
    let at = |line: usize| Position { line, column: 1 };
    if lines.len() < 6 {
        return Diagnostic::at(
            file,
            at(lines.len().max(1)),
            format!(
                "the header is truncated: {} of 5 header lines before the JSON values",
                lines.len().min(5)
            ),
        )
        .help(LAYOUT_HELP);
    }
    let header = lines_text(text, lines, 1, 5);
    if !header[0].starts_with('/') {
        return Diagnostic::at(
            file,
            at(2),
            format!(
                "expected a path starting with '/' on line 2, found {:?}",
                header[0]
            ),
        )
        .help(LAYOUT_HELP);
    }
    if !METHODS.contains(&header[1]) {
        return Diagnostic::at(
            file,
            at(3),
            format!(
                "unknown HTTP method {:?} on line 3; expected one of {}",
                header[1],
                METHODS.join(", ")
            ),
        )
        .help("write the method in lower case, as OpenAPI does");
    }
    Diagnostic::at(
        file,
        at(6),
        "expected six JSON values after the five header lines",
    )
    .help(LAYOUT_HELP)
}

/// Byte offsets where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect()
}

/// Lines `from..to` without their line breaks.
fn lines_text<'t>(text: &'t str, starts: &[usize], from: usize, to: usize) -> Vec<&'t str> {
    (from..to)
        .map(|i| {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            text[starts[i]..end].trim_end_matches(['\n', '\r'])
        })
        .collect()
}

type Spans = [(usize, usize); 6];

/// Reads exactly six whitespace-separated JSON values from `text[start..]`.
fn parse_values(file: &Path, text: &str, start: usize) -> Result<([Value; 6], Spans), Diagnostic> {
    let rest = &text[start..];
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    let mut values: Vec<Value> = Vec::with_capacity(6);
    let mut spans = [(0, 0); 6];
    for (i, name) in VALUE_NAMES.iter().enumerate() {
        let before = stream.byte_offset();
        match stream.next() {
            Some(Ok(v)) => {
                let begin =
                    start + before + (rest[before..].len() - rest[before..].trim_start().len());
                spans[i] = (begin, start + stream.byte_offset());
                values.push(v);
            }
            Some(Err(e)) => {
                let offset = start + offset_of(rest, e.line(), e.column());
                let reason = e.to_string();
                let mut d = super::syntax::parse_error(
                    file,
                    Some(Position::of_offset(text, offset)),
                    "JSON",
                    super::syntax::strip_position(&reason),
                    e.is_eof(),
                    text.get(offset..).unwrap_or(""),
                );
                d.message = format!("value {} ({name}): {}", i + 1, d.message);
                return Err(d);
            }
            None => {
                return Err(Diagnostic::at(
                    file,
                    Position::of_offset(text, text.len()),
                    format!(
                        "expected six JSON values, found {i}; value {} ({name}) is missing",
                        i + 1
                    ),
                )
                .help(LAYOUT_HELP));
            }
        }
    }
    let end = start + stream.byte_offset();
    if let Some(extra) = text[end..].find(|c: char| !c.is_whitespace()) {
        return Err(Diagnostic::at(
            file,
            Position::of_offset(text, end + extra),
            "unexpected data after the sixth JSON value (security)",
        )
        .help("a fragment holds exactly six JSON values; remove what follows them"));
    }
    let values: [Value; 6] = values
        .try_into()
        .unwrap_or_else(|_| unreachable!("six values were read"));
    Ok((values, spans))
}

/// The byte offset of a serde_json line/column (column counts bytes from 1) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Checks each value's JSON type and assembles the operation object.
fn build(
    file: &Path,
    text: &str,
    description: &str,
    header: &[&str],
    values: [Value; 6],
    spans: Spans,
) -> Result<Fragment, Diagnostic> {
    let [
        extra1,
        extra2,
        parameters,
        request_body,
        responses,
        security,
    ] = values;
    let op_ptr = operation_pointer(header[0], header[1]);
    let wrong = |i: usize, expected: &str, found: &Value| {
        // The extras have no place of their own in the document: point at the operation.
        let pointer = match i {
            2.. => pointer_push(&op_ptr, VALUE_NAMES[i]),
            _ => op_ptr.clone(),
        };
        let mut d = Diagnostic::at(
            file,
            Position::of_offset(text, spans[i].0),
            format!(
                "value {} ({}) must be {expected}, found {}",
                i + 1,
                VALUE_NAMES[i],
                json_kind(found)
            ),
        )
        .help(LAYOUT_HELP);
        d.pointer = Some(pointer);
        d
    };
    let mut op = Map::new();
    if !header[2].is_empty() {
        op.insert(
            "tags".into(),
            Value::Array(vec![Value::String(header[2].to_string())]),
        );
    }
    if !header[3].is_empty() {
        op.insert("operationId".into(), Value::String(header[3].to_string()));
    }
    if !description.is_empty() {
        op.insert("description".into(), Value::String(description.to_string()));
    }
    for (i, extra) in [extra1, extra2].into_iter().enumerate() {
        match extra {
            Value::Null => {}
            Value::String(s) => {
                op.insert("summary".into(), Value::String(s));
            }
            Value::Bool(b) => {
                op.insert("deprecated".into(), Value::Bool(b));
            }
            other => {
                return Err(wrong(
                    i,
                    "null, a string (summary) or a boolean (deprecated)",
                    &other,
                ));
            }
        }
    }
    let slots = [
        (
            2,
            "parameters",
            parameters,
            "an array of parameter objects or null",
        ),
        (
            3,
            "requestBody",
            request_body,
            "a requestBody object or null",
        ),
        (4, "responses", responses, "a responses object"),
        (
            5,
            "security",
            security,
            "an array of security requirements or null",
        ),
    ];
    for (i, key, value, expected) in slots {
        let fits = match &value {
            Value::Null => key != "responses",
            Value::Array(_) => key == "parameters" || key == "security",
            Value::Object(_) => key == "requestBody" || key == "responses",
            _ => false,
        };
        if !fits {
            return Err(wrong(i, expected, &value));
        }
        if !value.is_null() {
            op.insert(key.into(), value);
        }
    }
    Ok(Fragment {
        path: header[0].to_string(),
        method: header[1].to_string(),
        operation: Value::Object(op),
        value_spans: spans,
        header_starts: [0; 4],
    })
}

/// "an object", "a string", ... for messages about JSON types.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
