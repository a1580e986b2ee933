//! Path segments, argument text and query pairs.

use serde_json::json;

use crate::runtime::encode::{path_segment, query_pairs, to_text};

#[test]
fn a_path_segment_encodes_everything_but_unreserved_characters() {
    assert_eq!(path_segment("id", "a-b.c_d~e", None).unwrap(), "a-b.c_d~e");
    assert_eq!(
        path_segment("id", "a/b?c#d%e f", None).unwrap(),
        "a%2Fb%3Fc%23d%25e%20f"
    );
    assert_eq!(path_segment("id", "é", None).unwrap(), "%C3%A9");
}

#[test]
fn a_path_segment_is_refused_when_empty_a_dot_segment_or_too_long() {
    for (value, max) in [("", None), (".", None), ("..", None), ("abcd", Some(3))] {
        let err = path_segment("id", value, max).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument, "{value:?}");
        assert!(err.to_string().contains("`id`"), "{err}");
    }
    // The maximum counts characters, not bytes.
    assert!(path_segment("id", "ééé", Some(3)).is_ok());
}

#[test]
fn argument_text_follows_the_simple_style() {
    assert_eq!(to_text(&json!(null)), None);
    assert_eq!(to_text(&json!("a b")).as_deref(), Some("a b"));
    assert_eq!(to_text(&json!(42)).as_deref(), Some("42"));
    assert_eq!(to_text(&json!(true)).as_deref(), Some("true"));
    assert_eq!(
        to_text(&json!(["a", 1, null, "b"])).as_deref(),
        Some("a,1,b")
    );
    assert_eq!(to_text(&json!({"k": 1})).as_deref(), Some(r#"{"k":1}"#));
}

#[test]
fn query_pairs_follow_the_exploded_form_style() {
    let pairs = |value| {
        let mut out = Vec::new();
        query_pairs("p", &value, &mut out);
        out.into_iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
    };
    assert!(pairs(json!(null)).is_empty());
    assert_eq!(pairs(json!("x")), ["p=x"]);
    assert_eq!(pairs(json!([1, null, 2])), ["p=1", "p=2"]);
    assert_eq!(
        pairs(json!({"a": 1, "b": [true, false]})),
        ["a=1", "b=true", "b=false"]
    );
}
