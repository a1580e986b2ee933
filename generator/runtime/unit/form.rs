//! Form bodies: each property in its style, and the WHATWG form encoding.

use serde_json::{Value, json};

use crate::runtime::form::{FormStyle, encode, members};

fn encoded(body: Value, styles: &[(&str, FormStyle)]) -> String {
    String::from_utf8(encode(&members(body).unwrap(), styles)).unwrap()
}

#[test]
fn scalars_are_sent_as_text_and_null_members_not_at_all() {
    let body = json!({"name": "Ada", "age": 36, "vip": true, "ratio": 0.5, "note": null});
    assert_eq!(encoded(body, &[]), "name=Ada&age=36&vip=true&ratio=0.5");
}

#[test]
fn names_and_values_are_form_encoded() {
    let body = json!({"q": "a b&c=d+e%f/é", "a[b]": "*-._~"});
    assert_eq!(
        encoded(body, &[]),
        "q=a+b%26c%3Dd%2Be%25f%2F%C3%A9&a%5Bb%5D=*-._%7E"
    );
}

#[test]
fn the_default_style_repeats_a_list_and_spreads_an_object() {
    let body = json!({"tag": ["a", "b"], "point": {"x": 1, "y": 2}});
    assert_eq!(encoded(body, &[]), "tag=a&tag=b&x=1&y=2");
}

#[test]
fn nested_values_in_the_default_style_fall_back_to_brackets() {
    let body = json!({"items": [{"price": "p1", "qty": 2}], "point": {"tags": ["a"]}});
    assert_eq!(
        encoded(body, &[]),
        "items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bqty%5D=2&tags%5B0%5D=a"
    );
}

#[test]
fn deep_object_puts_members_and_items_in_brackets_at_any_depth() {
    let body = json!({
        "metadata": {"plan": "pro", "empty": {}, "gone": null},
        "items": [{"price": "p1", "tax": {"rates": ["t1", "t2"]}}],
        "expand": ["customer"],
        "plain": "x",
    });
    let styles = [
        ("metadata", FormStyle::DeepObject),
        ("items", FormStyle::DeepObject),
        ("expand", FormStyle::DeepObject),
        ("plain", FormStyle::DeepObject),
    ];
    let text = encoded(body, &styles)
        .replace("%5B", "[")
        .replace("%5D", "]");
    assert_eq!(
        text,
        "metadata[plan]=pro&items[0][price]=p1&items[0][tax][rates][0]=t1\
         &items[0][tax][rates][1]=t2&expand[0]=customer&plain=x"
    );
}

#[test]
fn not_exploded_and_delimited_styles_send_one_value() {
    let body = json!({
        "ids": [1, 2, 3],
        "point": {"x": 1, "y": 2},
        "words": ["a", "b"],
        "codes": ["x", "y"],
        "one": "z",
    });
    let styles = [
        ("ids", FormStyle::FormNotExploded),
        ("point", FormStyle::FormNotExploded),
        ("words", FormStyle::SpaceDelimited),
        ("codes", FormStyle::PipeDelimited),
        ("one", FormStyle::PipeDelimited),
    ];
    assert_eq!(
        encoded(body, &styles),
        "ids=1%2C2%2C3&point=x%2C1%2Cy%2C2&words=a+b&codes=x%7Cy&one=z"
    );
}

#[test]
fn an_empty_or_absent_body_sends_nothing_and_a_non_object_is_refused() {
    assert_eq!(encoded(json!({}), &[]), "");
    assert_eq!(encoded(Value::Null, &[]), "");
    for (body, what) in [
        (json!([1]), "a list"),
        (json!("text"), "a string"),
        (json!(3), "a number or boolean"),
    ] {
        let reason = members(body).unwrap_err();
        assert!(reason.ends_with(what), "{reason}");
    }
}
