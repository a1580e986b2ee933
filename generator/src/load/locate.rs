//! Finds where a JSON pointer's value starts in JSON text, for line and column in errors.
//!
//! It walks the text token by token, skipping every value that is not on the pointer's
//! way. A whole document's warnings all start at its root and mostly go through the same
//! few large objects (`paths`, `components/schemas`): [`Members`] remembers the members of
//! each object walked, so each is scanned once, not once per message.

use std::collections::HashMap;
use std::sync::Mutex;

/// Byte offset, in `text`, of the value that `tokens` (unescaped pointer segments) name.
pub fn locate(text: &str, tokens: &[String]) -> Option<usize> {
    locate_in(text, tokens, None)
}

/// The members of the objects of one text already walked, by the offset of their `{`.
#[derive(Default)]
pub struct Members(Mutex<HashMap<usize, HashMap<String, usize>>>);

impl Members {
    /// Objects shorter than this (in bytes) are scanned again rather than remembered.
    const REMEMBERED: usize = 4096;
}

impl Clone for Members {
    fn clone(&self) -> Self {
        Members::default()
    }
}

impl std::fmt::Debug for Members {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Members")
    }
}

/// [`locate`], remembering large objects' members in `members` (made for this `text`).
pub fn locate_in(text: &str, tokens: &[String], members: Option<&Members>) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for token in tokens {
        at = match bytes.get(at)? {
            b'{' => match members {
                Some(m) => find_member_remembered(bytes, at, token, m)?,
                None => find_member(bytes, at, token)?,
            },
            b'[' => find_element(bytes, at, token.parse().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// [`find_member`] through `members`: an object met for the first time is scanned whole.
fn find_member_remembered(bytes: &[u8], at: usize, key: &str, members: &Members) -> Option<usize> {
    let mut map = members.0.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(object) = map.get(&at) {
        return object.get(key).copied();
    }
    let mut object = HashMap::new();
    let mut i = skip_ws(bytes, at + 1);
    while bytes.get(i) == Some(&b'"') {
        let Some((name, value)) = member_at(bytes, i) else {
            break;
        };
        object.entry(name).or_insert(value);
        let Some(end) = skip_value(bytes, value) else {
            break;
        };
        i = skip_ws(bytes, end);
        if bytes.get(i) == Some(&b',') {
            i = skip_ws(bytes, i + 1);
        }
    }
    let found = object.get(key).copied();
    if i - at >= Members::REMEMBERED {
        map.insert(at, object);
    }
    found
}

/// The name of the member whose key starts at `at`, and the offset of its value.
fn member_at(bytes: &[u8], at: usize) -> Option<(String, usize)> {
    let end = skip_string(bytes, at)?;
    let raw = &bytes[at + 1..end - 1];
    let name = if raw.contains(&b'\\') {
        serde_json::from_slice(&bytes[at..end]).ok()?
    } else {
        String::from_utf8(raw.to_vec()).ok()?
    };
    let i = skip_ws(bytes, end);
    if bytes.get(i)? != &b':' {
        return None;
    }
    Some((name, skip_ws(bytes, i + 1)))
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
        let (name, value) = member_at(bytes, i)?;
        i = value;
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

    #[test]
    fn remembered_members_give_the_same_offsets() {
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{i}\": {{\"v\": [{i}, \"x\\\"}}\"]}}, "));
        }
        text.push_str("\"last\": 1}");
        let members = Members::default();
        for pointer in ["#/k7/v/1", "#/k99/v/0", "#/last", "#/k3/missing", "#/nope"] {
            let tokens = pointer_tokens(pointer);
            for _ in 0..2 {
                assert_eq!(
                    locate_in(&text, &tokens, Some(&members)),
                    locate(&text, &tokens)
                );
            }
        }
    }
}
