//! Credentials: which headers each requirement sends, and what is refused.

use reqwest::header::HeaderMap;

use crate::runtime::{Credentials, Scheme};

const EMAIL: Scheme = Scheme::header("api_email", "X-Auth-Email");
const KEY: Scheme = Scheme::header("api_key", "X-Auth-Key");
const TOKEN: Scheme = Scheme::bearer("api_token");

fn sent(credentials: &Credentials, alternatives: &[&[&str]]) -> Result<Vec<String>, crate::Error> {
    let mut headers = HeaderMap::new();
    credentials.apply("op", alternatives, &mut headers)?;
    let mut out: Vec<String> = headers
        .iter()
        .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap_or("?")))
        .collect();
    out.sort();
    Ok(out)
}

#[test]
fn the_first_alternative_the_credentials_hold_is_sent() {
    let key = Credentials::empty()
        .with(EMAIL, "me@example.com")
        .with(KEY, "k");
    let token = Credentials::empty().with(TOKEN, "t");
    let either: &[&[&str]] = &[&["api_token"], &["api_email", "api_key"]];
    assert_eq!(
        sent(&key, either).unwrap(),
        ["x-auth-email: me@example.com", "x-auth-key: k"]
    );
    assert_eq!(sent(&token, either).unwrap(), ["authorization: Bearer t"]);
}

#[test]
fn no_requirement_or_an_empty_alternative_sends_nothing() {
    let token = Credentials::empty().with(TOKEN, "t");
    assert!(sent(&token, &[]).unwrap().is_empty());
    assert!(sent(&token, &[&[], &["api_token"]]).unwrap().is_empty());
}

#[test]
fn values_with_control_characters_or_empty_values_are_refused_without_echoing_them() {
    for value in ["", "a\r\nX-Evil: 1", "a\u{7}"] {
        let err = Credentials::empty()
            .with(TOKEN, value)
            .validate()
            .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Config);
        assert!(
            value.is_empty() || !err.to_string().contains(value),
            "{err}"
        );
    }
}

#[test]
fn debug_output_names_schemes_and_never_values() {
    let shown = format!(
        "{:?}",
        Credentials::empty()
            .with(EMAIL, "me@example.com")
            .with(KEY, "sekrit")
    );
    assert!(
        shown.contains("api_email") && shown.contains("api_key"),
        "{shown}"
    );
    assert!(
        !shown.contains("sekrit") && !shown.contains("me@example.com"),
        "{shown}"
    );
}
