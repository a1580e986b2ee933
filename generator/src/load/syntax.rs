//! Messages for text that does not parse: malformed, truncated, nested too deep, binary.
//!
//! serde_json and yaml_serde stop at 128 levels of nesting ("recursion limit exceeded"), so
//! a hostile document cannot overflow the stack while it is read; these helpers turn their
//! terse errors into sentences that say what to do.

use crate::diag::{Diagnostic, Position};
use std::path::Path;

/// The deepest nesting of arrays and objects the JSON and YAML readers accept.
pub const MAX_TEXT_DEPTH: usize = 128;

/// What to do about JSON or YAML that nests deeper than [`MAX_TEXT_DEPTH`].
const DEPTH_HELP: &str =
    "move deeply nested schemas into `components/schemas` and refer to them with `$ref`";

/// An error for text of kind `what` ("JSON", "YAML") that did not parse: `reason` is the
/// parser's message without its position, `rest` the text after the error position.
pub fn parse_error(
    file: &Path,
    position: Option<Position>,
    what: &str,
    reason: &str,
    eof: bool,
    rest: &str,
) -> Diagnostic {
    let (message, help) = if reason.starts_with("recursion limit exceeded") {
        (
            format!(
                "the {what} nests deeper than {MAX_TEXT_DEPTH} levels, the most the reader accepts"
            ),
            DEPTH_HELP.to_string(),
        )
    } else if eof || rest.trim().is_empty() {
        (
            format!("the {what} ends early, as if the file were cut short: {reason}"),
            format!(
                "complete the {what} (close every open string, array and object) or restore the whole file"
            ),
        )
    } else {
        (
            format!("the {what} is malformed: {reason}"),
            format!("fix the {what} syntax at this line and column"),
        )
    };
    let mut d = Diagnostic::error(file, "#", message).help(help);
    d.pointer = None;
    d.with_position(position)
}

/// A parser message without its trailing " at line L column C" (we print our own).
pub fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

/// An error when `text` holds a NUL byte: binary data, not a spec.
pub fn binary_data(file: &Path, text: &str) -> Option<Diagnostic> {
    let at = text.find('\0')?;
    Some(
        Diagnostic::at(
            file,
            Position::of_offset(text, at),
            "the file holds binary data (a NUL byte), not spec text",
        )
        .help("give a fragment file or an OpenAPI 3.0 JSON/YAML document; is this the right file?"),
    )
}

/// An error when YAML flow collections (`{a: {b: [...]}}`) nest deeper than
/// [`MAX_TEXT_DEPTH`]: checked on the text before parsing, because the YAML scanner's time
/// grows with the square of the nesting (200,000 levels take minutes) before its own depth
/// limit is reached. An opener counts where a flow collection can start: after `:`, `,`,
/// `-`, `?`, another opener, or at the start of a line; quoted scalars (which start where a
/// collection could) and comments are skipped.
pub fn yaml_flow_depth(file: &Path, text: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    // The last character that is not a blank, and the last character.
    let (mut previous, mut last) = ('\n', '\n');
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let token_start = matches!(previous, '\n' | ':' | ',' | '-' | '?' | '{' | '[');
        match c {
            '"' | '\'' if token_start => skip_quoted(&mut chars, c),
            '#' if last.is_whitespace() => while chars.next_if(|&(_, c)| c != '\n').is_some() {},
            '{' | '[' if token_start => {
                depth += 1;
                if depth > MAX_TEXT_DEPTH {
                    let message = format!(
                        "the YAML nests deeper than {MAX_TEXT_DEPTH} levels, the most the reader accepts"
                    );
                    return Some(
                        Diagnostic::at(file, Position::of_offset(text, at), message)
                            .help(DEPTH_HELP),
                    );
                }
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if matches!(c, '{' | '[') && !token_start {
            // Part of a plain scalar (`a: x[1`): what follows it is no token start either.
            previous = 'x';
        } else if !c.is_whitespace() || c == '\n' {
            previous = c;
        }
        last = c;
    }
    None
}

/// Skips a quoted scalar up to its closing quote (`\"` escapes in double quotes, `''` in
/// single quotes).
fn skip_quoted(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, quote: char) {
    while let Some((_, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.next_if(|&(_, c)| c == '\'').is_some() {
                continue;
            }
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_tell_depth_truncation_and_syntax_apart() {
        let f = Path::new("f.json");
        let deep = parse_error(f, None, "JSON", "recursion limit exceeded", false, "]]");
        assert!(deep.message.contains("deeper than 128 levels"), "{deep}");
        let cut = parse_error(f, None, "JSON", "EOF while parsing", true, "");
        assert!(cut.message.contains("ends early"), "{cut}");
        let bad = parse_error(f, None, "JSON", "expected `:`", false, "x}");
        assert!(bad.message.contains("malformed"), "{bad}");
        assert_eq!(strip_position("oops at line 1 column 2"), "oops");
        assert!(binary_data(f, "a\0b").is_some());
        assert!(binary_data(f, "ab").is_none());
    }

    #[test]
    fn yaml_flow_depth_is_checked_before_parsing() {
        let f = Path::new("f.yaml");
        let deep = format!("a: {}1{}", "[".repeat(200), "]".repeat(200));
        let d = yaml_flow_depth(f, &deep).expect("too deep");
        assert_eq!(
            d.position,
            Some(Position {
                line: 1,
                column: 132
            })
        );
        let quoted = format!(
            "a: \"{}\"\nb: '{}' # {}",
            "[".repeat(200),
            "{".repeat(200),
            "[".repeat(200)
        );
        assert!(yaml_flow_depth(f, &quoted).is_none());
        let plain = format!("a: x{}", "[".repeat(200));
        assert!(yaml_flow_depth(f, &plain).is_none());
        assert!(yaml_flow_depth(f, "a: {b: [1, {c: 2}]}").is_none());
    }
}
