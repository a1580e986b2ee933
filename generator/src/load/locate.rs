//! Finds where a JSON pointer's value starts in JSON text, for line and column in errors.
//!
//! Only run when an error is reported, so it favours simplicity over speed: it walks the
//! text token by token, skipping every value that is not on the pointer's way.

/// Byte offset, in `text`, of the value that `tokens` (unescaped pointer segments) name.
pub fn locate(text: &str, tokens: &[String]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for token in tokens {
        at = match bytes.get(at)? {
            b'{' => find_member(bytes, at, token)?,
            b'[' => find_element(bytes, at, token.parse().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// From the `{` at `at`, the offset of the value of member `key`.
fn find_member(bytes: &[u8], at: usize, key: &str) -> Option<usize> {
    let mut i = skip_ws(bytes, at + 1);
    while bytes.get(i)? == &b'"' {
        let end = skip_string(bytes, i)?;
        let name: String = serde_json::from_slice(&bytes[i..end]).ok()?;
        i = skip_ws(bytes, end);
        if bytes.get(i)? != &b':' {
            return None;
        }
        i = skip_ws(bytes, i + 1);
        if name == key {
            return Some(i);
        }
        i = skip_ws(bytes, skip_value(bytes, i)?);
        if bytes.get(i)? == &b',' {
            i = skip_ws(bytes, i + 1);
        }
    }
    None
}

/// From the `[` at `at`, the offset of element `index`.
fn find_element(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    let mut i = skip_ws(bytes, at + 1);
    for _ in 0..index {
        i = skip_ws(bytes, skip_value(bytes, i)?);
        if bytes.get(i)? != &b',' {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
    (bytes.get(i)? != &b']').then_some(i)
}

/// The offset just past the string starting at `at`.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The offset just past the value starting at `at`; nesting is counted, not recursed into.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        match *bytes.get(i)? {
            b'"' => i = skip_string(bytes, i)?,
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            b',' if depth == 0 => return Some(i),
            _ => i += 1,
        }
        if depth == 0 {
            // A scalar ends at a delimiter; a container ends at its closing bracket.
            let scalar_continues = matches!(bytes.get(i), Some(b) if !b",}] \t\r\n".contains(b));
            if !scalar_continues {
                return Some(i);
            }
        }
    }
}

/// Splits `#/a/b~1c` into unescaped segments `["a", "b/c"]`.
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    let body = pointer.strip_prefix('#').unwrap_or(pointer);
    body.split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<usize> {
        locate(text, &pointer_tokens(pointer))
    }

    #[test]
    fn finds_members_and_elements() {
        let text = r#"{"a": {"b~c": [1, {"d": "x,}"}, true]}, "e/f": null}"#;
        assert_eq!(
            at(text, "#/a/b~0c/1/d").map(|i| &text[i..i + 5]),
            Some(r#""x,}""#)
        );
        assert_eq!(
            at(text, "#/a/b~0c/2").map(|i| &text[i..i + 4]),
            Some("true")
        );
        assert_eq!(at(text, "#/e~1f").map(|i| &text[i..i + 4]), Some("null"));
        assert_eq!(at(text, "#/a/missing"), None);
        assert_eq!(at(text, "#/a/b~0c/3"), None);
    }
}
