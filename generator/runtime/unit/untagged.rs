//! Best-fit decoding of untagged unions: the alternative that keeps the most of a value.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::runtime::untagged::Best;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Name {
    name: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct NameTtl {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ttl: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    data: Option<Data>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Data {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    port: Option<u16>,
}

#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
enum Either {
    Name(Name),
    NameTtl(NameTtl),
    Text(String),
}

fn decode(value: Value) -> Option<Either> {
    let mut best = Best::new(&value);
    best.consider(Name::deserialize(&value).map(Either::Name));
    best.consider(NameTtl::deserialize(&value).map(Either::NameTtl));
    best.consider(String::deserialize(&value).map(Either::Text));
    best.into_inner()
}

#[test]
fn a_value_goes_to_the_alternative_that_keeps_the_most_of_it() {
    let got = decode(json!({"name": "a", "ttl": 60}));
    assert!(
        matches!(got, Some(Either::NameTtl(ref n)) if n.ttl == Some(60.0)),
        "{got:?}"
    );
}

#[test]
fn what_is_kept_is_counted_at_every_depth() {
    // `data` is an object either way; only the second keeps its `port`.
    let got = decode(json!({"name": "a", "data": {"port": 53}}));
    assert!(matches!(got, Some(Either::NameTtl(_))), "{got:?}");
}

#[test]
fn of_equals_the_first_declared_wins() {
    assert_eq!(
        decode(json!({"name": "a"})),
        Some(Either::Name(Name { name: "a".into() }))
    );
}

#[test]
fn undeclared_members_count_for_no_alternative() {
    assert_eq!(
        decode(json!({"name": "a", "zone": "x"})),
        Some(Either::Name(Name { name: "a".into() }))
    );
}

#[test]
fn a_value_no_alternative_decodes_is_none() {
    assert_eq!(decode(json!([1, 2])), None);
    assert_eq!(decode(json!("text")), Some(Either::Text("text".into())));
}
