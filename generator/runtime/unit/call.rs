//! The caller's additions to a call (headers, query parameters, body fields) and how they
//! layer over the spec's parameters and the client's defaults.

use std::time::Duration;

use serde_json::{Value, json};

use crate::runtime::decode;
use crate::runtime::{Call, Client, Method};
use crate::{Error, ErrorKind};

fn client() -> Client {
    Client::builder()
        .default_header("X-Default", "client")
        .default_header("X-Shared", "client")
        .build()
        .unwrap()
}

fn call(client: &Client) -> Call<'_, Vec<u8>> {
    Call::new(client, "op", Method::POST, "/things", decode::bytes)
}

fn body_json(call: &Call<'_, Vec<u8>>) -> Value {
    let body = call.body.as_ref().expect("a body");
    assert_eq!(body.content_type, "application/json");
    serde_json::from_slice(&body.bytes).unwrap()
}

fn invalid(call: Call<'_, Vec<u8>>) -> Error {
    call.invalid.expect("an argument error")
}

#[test]
fn body_fields_add_to_and_replace_fields_of_a_json_object_body() {
    let client = client();
    let call = call(&client)
        .json(&json!({"name": "a", "ttl": 1}))
        .body_field("ttl", 300)
        .body_field("proxied", true);
    assert_eq!(
        body_json(&call),
        json!({"name": "a", "ttl": 300, "proxied": true})
    );
    let call = self::call(&client).body_field("only", ["x"]);
    assert_eq!(body_json(&call), json!({"only": ["x"]}));
}

#[test]
fn a_body_field_on_a_body_that_is_no_json_object_is_an_invalid_argument() {
    let client = client();
    for call in [
        call(&client).json(&json!([1, 2])).body_field("x", 1),
        call(&client)
            .raw("application/octet-stream", b"bytes")
            .body_field("x", 1),
        call(&client).raw("text/csv", "a,b").body_field("x", 1),
    ] {
        let err = invalid(call);
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(err.to_string().contains("`x`"), "{err}");
    }
    // A `+json` type is JSON.
    let call = call(&client)
        .raw("application/merge-patch+json", br#"{"a":1}"#)
        .body_field("b", 2);
    assert!(call.invalid.is_none());
}

#[test]
fn headers_with_a_bad_name_or_a_line_break_are_invalid_arguments() {
    let client = client();
    for call in [
        call(&client).header("Bad Name", "v"),
        call(&client).header("X-Ok", "a\r\nX-Evil: 1"),
        call(&client).header("X-Ok", "a\nb"),
    ] {
        assert_eq!(invalid(call).kind(), ErrorKind::InvalidArgument);
    }
}

#[test]
fn a_call_header_replaces_a_parameter_which_replaces_a_client_default() {
    let client = client();
    let call = call(&client)
        .header_param("X-Shared", &"param")
        .header_param("X-Param", &Some(7))
        .header("X-Param", "call")
        .header("X-Param", "call again")
        .header("X-None", None::<&str>);
    let (_, headers) = call.request_parts().unwrap();
    let all = |name: &str| -> Vec<&str> {
        headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect()
    };
    assert_eq!(all("x-default"), ["client"]);
    assert_eq!(all("x-shared"), ["param"]);
    assert_eq!(all("x-param"), ["call", "call again"]);
    assert!(all("x-none").is_empty());
}

#[test]
fn a_call_query_parameter_replaces_the_calls_own_and_is_encoded_like_them() {
    let client = client();
    let call = call(&client)
        .query_param("page", &2)
        .query_param("tag", &["a", "b"])
        .query("page", 5)
        .query("new", ["x y", "z"]);
    let (url, _) = call.request_parts().unwrap();
    assert_eq!(url.query(), Some("tag=a&tag=b&page=5&new=x+y&new=z"));
}

#[test]
fn default_headers_are_checked_by_build_without_echoing_the_value() {
    for (name, value) in [("Bad Name", "v"), ("X-Key", "sekrit\r\nX-Evil: 1")] {
        let err = Client::builder()
            .default_header(name, value)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(!format!("{err} {err:?}").contains("sekrit"), "{err}");
    }
}

#[test]
fn a_deadline_bounds_every_wait_and_ends() {
    use crate::runtime::send::Deadline;
    let none = Deadline::after(None);
    assert_eq!(
        none.bound(Duration::from_secs(60)),
        Some(Duration::from_secs(60))
    );
    let soon = Deadline::after(Some(Duration::from_millis(200)));
    let bound = soon.bound(Duration::from_secs(60)).unwrap();
    assert!(bound <= Duration::from_millis(200), "{bound:?}");
    assert_eq!(
        soon.bound(Duration::from_millis(1)),
        Some(Duration::from_millis(1))
    );
    let past = Deadline::after(Some(Duration::ZERO));
    assert_eq!(past.bound(Duration::from_secs(1)), None);
}
