//! Finds where a JSON pointer's value starts in block-style YAML, for line and column in
//! errors.
//!
//! A best effort, run only when an error is reported: it follows indentation through block
//! mappings (`key:` lines) and block sequences (`- ` lines), and gives up (no position)
//! inside flow collections (`{...}`, `[...]`) it would have to descend into, on anchors it
//! would have to follow, and on anything else it does not recognise. A position it gives
//! is the start of the value, or of the `- ` item.

/// One line of the text: where it starts (bytes) and how far it is indented (spaces).
#[derive(Clone, Copy)]
struct Line<'t> {
    start: usize,
    indent: usize,
    text: &'t str,
}

impl Line<'_> {
    fn at(&self, col: usize) -> &str {
        self.text.get(col..).unwrap_or("")
    }
}

/// Byte offset, in `text`, of the value that `tokens` (unescaped pointer segments) name.
pub fn locate(text: &str, tokens: &[String]) -> Option<usize> {
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches(' ');
        let blank = content.is_empty() || content.starts_with('#');
        let marker = content.starts_with("---") || content.starts_with("...");
        if !blank && !marker {
            lines.push(Line {
                start,
                indent: body.len() - content.len(),
                text: body,
            });
        }
        start += raw.len();
    }
    let first = lines.first()?;
    let (l, col) = node(&lines, 0, first.indent, lines.len(), tokens)?;
    Some(lines[l].start + col)
}

/// The node starting at line `l`, column `col`, spanning lines up to `end` (exclusive).
fn node(
    lines: &[Line],
    l: usize,
    col: usize,
    end: usize,
    tokens: &[String],
) -> Option<(usize, usize)> {
    let Some((token, rest)) = tokens.split_first() else {
        return Some((l, col));
    };
    let here = lines[l].at(col);
    if is_dash(here) {
        sequence(lines, l, col, end, token.parse().ok()?, rest)
    } else if here.starts_with(['{', '[', '&', '*', '!', '|', '>']) {
        None
    } else {
        mapping(lines, l, col, end, token, rest)
    }
}

fn is_dash(s: &str) -> bool {
    s == "-" || s.starts_with("- ")
}

/// Lines in `l..end` that start an entry of the collection at column `col`: the first line,
/// and every later line indented exactly `col` (for a sequence, starting with `- `).
fn entries(lines: &[Line], l: usize, col: usize, end: usize, dashes: bool) -> Vec<usize> {
    let mut out = vec![l];
    out.extend(
        (l + 1..end).filter(|&i| lines[i].indent == col && is_dash(lines[i].at(col)) == dashes),
    );
    // An entry ends where a line indented less than the collection begins.
    if let Some(stop) = (l + 1..end).find(|&i| lines[i].indent < col) {
        out.retain(|&i| i < stop);
    }
    out
}

fn sequence(
    lines: &[Line],
    l: usize,
    col: usize,
    end: usize,
    index: usize,
    rest: &[String],
) -> Option<(usize, usize)> {
    let items = entries(lines, l, col, end, true);
    let at = *items.get(index)?;
    let item_end = items.get(index + 1).copied().unwrap_or(end);
    let after = lines[at].at(col + 1);
    let inline = after.trim_start_matches(' ');
    if inline.is_empty() {
        // `-` alone: the item is the block below it.
        let next = at + 1;
        (next < item_end && lines[next].indent > col)
            .then_some(())
            .and_then(|_| node(lines, next, lines[next].indent, item_end, rest))
            .or_else(|| rest.is_empty().then_some((at, col)))
    } else {
        let item_col = col + 1 + (after.len() - inline.len());
        node(lines, at, item_col, item_end, rest)
    }
}

fn mapping(
    lines: &[Line],
    l: usize,
    col: usize,
    end: usize,
    key: &str,
    rest: &[String],
) -> Option<(usize, usize)> {
    let keys = entries(lines, l, col, end, false);
    for (n, &at) in keys.iter().enumerate() {
        let (name, value_at) = split_key(lines[at].at(col))?;
        if name != key {
            continue;
        }
        let entry_end = keys.get(n + 1).copied().unwrap_or(end);
        let after = lines[at].at(col + value_at);
        let inline = after.trim_start_matches(' ');
        if !inline.is_empty() && !inline.starts_with('#') {
            // A value on the key's line is a scalar or a flow collection: the end of the road.
            let value_col = col + value_at + (after.len() - inline.len());
            return rest.is_empty().then_some((at, value_col));
        }
        let next = at + 1;
        if next >= entry_end {
            return None;
        }
        return node(lines, next, lines[next].indent, entry_end, rest);
    }
    None
}

/// A mapping entry's key (unquoted) and the byte offset just past its `:`.
fn split_key(s: &str) -> Option<(String, usize)> {
    let (name, after) = match s.chars().next()? {
        q @ ('"' | '\'') => {
            let close = s[1..].find(q)? + 1;
            (s[1..close].to_string(), close + 1)
        }
        _ => {
            let colon = s
                .match_indices(':')
                .find(|(i, _)| s[i + 1..].is_empty() || s[i + 1..].starts_with([' ', '\t']))?;
            (s[..colon.0].trim_end().to_string(), colon.0)
        }
    };
    let colon = after + s[after..].find(':')?;
    s[after..colon]
        .trim()
        .is_empty()
        .then_some((name, colon + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::locate::pointer_tokens;

    const DOC: &str = "# c\nopenapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - {name: page, in: query}\n        - name: id\n          in: path\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/x'}\nlist:\n- one\n-\n  two: 2\n";

    fn at(pointer: &str) -> Option<&'static str> {
        locate(DOC, &pointer_tokens(pointer)).map(|i| DOC[i..].lines().next().unwrap_or(""))
    }

    #[test]
    fn follows_block_mappings_and_sequences() {
        assert_eq!(at("#/openapi"), Some("3.0.3"));
        assert_eq!(
            at("#/paths/~1a~1{id}/get/parameters/0"),
            Some("{name: page, in: query}")
        );
        assert_eq!(at("#/paths/~1a~1{id}/get/parameters/1"), Some("name: id"));
        assert_eq!(at("#/paths/~1a~1{id}/get/parameters/1/in"), Some("path"));
        assert_eq!(
            at("#/paths/~1a~1{id}/get/responses/200/description"),
            Some("ok")
        );
        assert_eq!(
            at("#/paths/~1a~1{id}/get/responses/200/content/application~1json/schema"),
            Some("{$ref: '#/x'}")
        );
        assert_eq!(at("#/list/0"), Some("one"));
        assert_eq!(at("#/list/1/two"), Some("2"));
    }

    #[test]
    fn odd_text_gives_no_position_and_no_panic() {
        let texts = [
            "",
            ":",
            "-",
            "- ",
            "\"open: x",
            "'a': b",
            "a:\n- b\n- c",
            "a: |\n  x\n",
            "\t:",
            "é: ü\n  ö: 1",
            "a:\n  - \n  -",
            "a: b: c",
            "\"a\": 1",
            "- - - x",
            "a:\nb:\n",
        ];
        for text in texts {
            for pointer in ["#", "#/a", "#/a/0", "#/a/1/b", "#/0/0/0", "#/é/ö"] {
                let _ = locate(text, &pointer_tokens(pointer));
            }
        }
        assert_eq!(locate("a:\n- b\n- c", &pointer_tokens("#/a/1")), Some(9));
    }

    #[test]
    fn gives_up_inside_flow_collections_and_on_missing_keys() {
        assert_eq!(at("#/paths/~1a~1{id}/get/parameters/0/name"), None);
        assert_eq!(at("#/paths/~1b"), None);
        assert_eq!(at("#/list/2"), None);
    }
}
