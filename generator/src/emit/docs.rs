//! Documentation attributes from spec text, safe for rustdoc.
//!
//! Spec descriptions are Markdown written for web pages. Pasted as they are, a fenced or
//! indented code block would become a Rust doctest (and fail), and rustdoc's lints would
//! fail on bare URLs, brackets and HTML: lines are made safe here and in
//! [`markdown`](super::markdown). A line cannot close the doc comment early, since each
//! line is its own `#[doc = "..."]` string literal (quote escapes it), so `*/` or `"#` are
//! harmless; control characters are dropped.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::ir::Docs;

/// One `#[doc = " line"]` per line, which prettyplease prints as `/// line`.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = attr_text(line);
        quote! { #[doc = #text] }
    });
    quote! { #(#attrs)* }
}

/// One `#![doc = " line"]` per line: documentation of the enclosing module or crate.
pub fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = attr_text(line);
        quote! { #![doc = #text] }
    });
    quote! { #(#attrs)* }
}

/// The text of one doc attribute: a leading space, and no line break or control character
/// (spec text pasted into a line, an operationId say, must not start a code block of its
/// own, which rustdoc would compile as a doctest).
fn attr_text(line: &str) -> String {
    if line.is_empty() {
        return String::new();
    }
    let flat: String = line
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(" {flat}")
}

/// The lines of a spec text made safe for rustdoc: code fences become `text` blocks,
/// indentation that Markdown would read as code is removed, control characters are dropped,
/// and what rustdoc would report (bare URLs, brackets it would resolve as item links, HTML)
/// is escaped or wrapped (see [`markdown`](super::markdown)).
pub fn sanitize(text: &str) -> Vec<String> {
    let lines = block_lines(text);
    let safe = super::markdown::make_safe(&lines.join("\n"));
    let mut lines: Vec<String> = safe.lines().map(str::to_string).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A spec text as one line of safe Markdown, for a title or the middle of a sentence: line
/// breaks and runs of blanks become one space.
pub fn one_line(text: &str) -> String {
    let flat: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let flat = flat.join(" ");
    let safe = super::markdown::make_safe(&flat);
    if safe.contains('\n') {
        code(&flat)
    } else {
        safe
    }
}

/// The line pass of [`sanitize`]: fences, indentation, control characters.
fn block_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    let mut table = false;
    for raw in text.lines() {
        let clean: String = raw
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect::<String>()
            .replace('\t', "    ");
        let trimmed = clean.trim_start();
        if trimmed.starts_with("```") {
            // Whatever language the fence names, rustdoc must not compile it.
            lines.push(if in_fence { "```" } else { "```text" }.to_string());
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(clean.trim_end().to_string());
            continue;
        }
        let line = trimmed.trim_end();
        table = match (table, is_delimiter_row(line)) {
            (_, true) => true,
            (true, false) => line.contains('|'),
            (false, false) => false,
        };
        let line = if table && !is_delimiter_row(line) {
            table_row(line)
        } else {
            collapse_markers(line)
        };
        lines.push(line);
    }
    if in_fence {
        lines.push("```".to_string());
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

/// `---|:---:|---`: the row under a table's header.
fn is_delimiter_row(line: &str) -> bool {
    line.contains('|') && line.contains('-') && line.chars().all(|c| "|-: ".contains(c))
}

/// A table row whose first cell starts like a quote or a list (`>`, `-`, `1.`: an operator
/// in a table of operators) would end the table there: its first character is escaped.
fn table_row(line: &str) -> String {
    if line.starts_with(['>', '-', '+', '*', '#']) || list_marker(line).is_some() {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

/// A quote or list marker followed by more blanks, `>      text` or `-     text`, would open
/// a code block inside the quote or item (which rustdoc compiles); no author means that,
/// so the blanks after each marker become one.
fn collapse_markers(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if let Some(after) = rest.strip_prefix('>') {
            out.push('>');
            if after.starts_with(' ') {
                out.push(' ');
            }
            rest = after.trim_start();
        } else if let Some(len) = list_marker(rest) {
            out.push_str(&rest[..len]);
            out.push(' ');
            rest = rest[len..].trim_start();
        } else {
            break;
        }
    }
    out.push_str(rest);
    out
}

/// The length of a list marker (`-`, `*`, `+`, `1.`, `12)`) at the start of `line`, when a
/// blank follows it.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let len = match line.as_bytes().get(digits) {
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return None,
    };
    line[len..].starts_with(' ').then_some(len)
}

/// A spec name as inline code on one doc line, whatever it holds: line breaks and control
/// characters become spaces (a name must not start a code block), the fence is one backtick
/// longer than the longest run inside, and an empty name is said in words.
pub fn code(name: &str) -> String {
    let flat: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.trim().is_empty() {
        return if name.is_empty() {
            "(an empty name)".to_string()
        } else {
            "(a name of blanks)".to_string()
        };
    }
    let longest = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // Inline code that starts or ends with a backtick needs a space inside the fence.
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// The doc lines of an item: summary, description, example, deprecation.
pub fn item_lines(docs: &Docs, fallback: &str) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(s) = &docs.summary {
        lines.extend(sanitize(s));
    }
    if let Some(d) = &docs.description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(sanitize(d));
    }
    if lines.is_empty() {
        lines.push(fallback.to_string());
    }
    if let Some(example) = &docs.example {
        lines.push(String::new());
        lines.extend(example_lines(example));
    }
    if docs.deprecated {
        lines.push(String::new());
        lines.push("Deprecated by the API.".to_string());
    }
    lines
}

/// `Example: `"60m"`` for short values, a `json` block for long ones.
fn example_lines(example: &Value) -> Vec<String> {
    let compact = example.to_string();
    if compact.len() <= 80 && !compact.contains('`') {
        return vec![format!("Example: `{compact}`")];
    }
    let pretty = serde_json::to_string_pretty(example).unwrap_or(compact);
    let mut lines = vec!["Example:".to_string(), String::new(), "```json".to_string()];
    lines.extend(pretty.lines().map(|l| {
        l.chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .replace("```", "` ` `")
    }));
    lines.push("```".to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_never_become_doctests() {
        let lines = sanitize("Intro\n```\nfn main() {}\n```\n    indented code\n```js\nx\n");
        assert_eq!(
            lines,
            [
                "Intro",
                "```text",
                "fn main() {}",
                "```",
                "indented code",
                "```text",
                "x",
                "```"
            ]
        );
    }

    #[test]
    fn quotes_lists_and_tables_never_open_code_blocks() {
        let table =
            "Operator | Name\n---|---\n==   | Equals\n>    | Greater\n- x  | Minus\n\n>    quoted";
        assert_eq!(
            sanitize(table),
            [
                "Operator | Name",
                "---|---",
                "==   | Equals",
                "\\>    | Greater",
                "\\- x  | Minus",
                "",
                "> quoted"
            ]
        );
        assert_eq!(
            sanitize("-      item\n1.     first"),
            ["- item", "1. first"]
        );
    }

    #[test]
    fn one_line_texts_are_flat_and_safe() {
        assert_eq!(
            one_line("Zone\n  settings [beta]"),
            "Zone settings \\[beta\\]"
        );
        assert_eq!(one_line("see\thttps://a.io."), "see <https://a.io>.");
    }

    #[test]
    fn names_are_one_line_of_inline_code() {
        assert_eq!(code("type"), "`type`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("x\n```\nfn main() {}"), "````x ``` fn main() {}````");
        assert_eq!(code(""), "(an empty name)");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(sanitize("a\u{7}b */ \"# `c`"), ["ab */ \"# `c`"]);
    }

    #[test]
    fn examples_are_inline_when_short() {
        assert_eq!(
            example_lines(&Value::String("60m".into())),
            ["Example: `\"60m\"`"]
        );
        let long = serde_json::json!({"a": "x".repeat(90)});
        assert_eq!(example_lines(&long)[2], "```json");
    }
}
