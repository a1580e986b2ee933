//! Documentation attributes from spec text, safe for rustdoc.
//!
//! Spec descriptions are Markdown written for web pages. Three things would go wrong if they
//! were pasted as they are: a fenced or indented code block would become a Rust doctest
//! (and fail); a line could not close the doc comment early, since each line is its own
//! `#[doc = "..."]` string literal (quote escapes it), so `*/` or `"#` are harmless; and
//! control characters are dropped.

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

/// The lines of a spec text made safe: code fences become `text` blocks, indentation that
/// Markdown would read as code is removed, control characters are dropped.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
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
        lines.push(if in_fence {
            clean.trim_end().to_string()
        } else {
            trimmed.trim_end().to_string()
        });
    }
    if in_fence {
        lines.push("```".to_string());
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
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
