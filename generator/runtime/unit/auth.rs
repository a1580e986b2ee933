//! Credentials: what each requirement sends, the policy for requirements the credentials
//! do not meet, every way a scheme is sent, and what is refused.

use crate::ErrorKind;
use crate::runtime::auth::{Policy, base64};
use crate::runtime::{Credentials, Scheme};

const EMAIL: Scheme = Scheme::header("api_email", "X-Auth-Email");
const KEY: Scheme = Scheme::header("api_key", "X-Auth-Key");
const TOKEN: Scheme = Scheme::bearer("api_token");
const SERVICE: Scheme = Scheme::header("user_service_key", "X-Auth-User-Service-Key");

/// The API's credential sets, as a generated `auth.rs` lists them (constructors' order).
const SETS: &[&[&str]] = &[
    &["api_email", "api_key"],
    &["api_token"],
    &["user_service_key"],
];
const SEND: Policy = Policy::send_configured(SETS);
const STRICT: Policy = Policy::strict();

const KEY_ONLY: &[&[&str]] = &[&["api_email", "api_key"]];
const ALL_THREE: &[&[&str]] = &[&["api_email", "api_key", "api_token"]];
const TOKEN_ONLY: &[&[&str]] = &[&["api_token"]];

fn key() -> Credentials {
    Credentials::empty()
        .with(EMAIL, "me@example.com")
        .with(KEY, "k")
}

fn token() -> Credentials {
    Credentials::empty().with(TOKEN, "t")
}

/// The headers and query pairs sent, sorted, and whether the requirement was met.
fn sent(
    credentials: &Credentials,
    alternatives: &[&[&str]],
    policy: &Policy,
) -> Result<(Vec<String>, bool), crate::Error> {
    let sent = credentials.apply("op", alternatives, policy)?;
    let mut out: Vec<String> = sent
        .headers
        .iter()
        .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap_or("?")))
        .chain(sent.query.iter().map(|(n, v)| format!("?{n}={v}")))
        .collect();
    out.sort();
    Ok((out, sent.met))
}

#[test]
fn the_first_alternative_the_credentials_hold_is_sent_exactly() {
    let either: &[&[&str]] = &[&["api_token"], &["api_email", "api_key"]];
    for policy in [&STRICT, &SEND] {
        let (headers, met) = sent(&key(), either, policy).unwrap();
        assert_eq!(headers, ["x-auth-email: me@example.com", "x-auth-key: k"]);
        assert!(met);
        assert_eq!(
            sent(&token(), either, policy).unwrap(),
            (vec!["authorization: Bearer t".into()], true)
        );
    }
    // Everything configured: only what the requirement names goes out.
    let all = key().with(TOKEN, "t").with(SERVICE, "s");
    assert_eq!(
        sent(&all, TOKEN_ONLY, &SEND).unwrap(),
        (vec!["authorization: Bearer t".into()], true)
    );
}

#[test]
fn no_requirement_or_an_empty_alternative_sends_nothing() {
    for policy in [&STRICT, &SEND] {
        assert_eq!(sent(&token(), &[], policy).unwrap(), (vec![], true));
        assert_eq!(
            sent(&token(), &[&[], &["api_token"]], policy).unwrap(),
            (vec![], true)
        );
        assert_eq!(
            sent(&Credentials::none(), &[], policy).unwrap(),
            (vec![], true)
        );
    }
}

#[test]
fn a_strict_policy_refuses_what_the_requirement_does_not_accept() {
    for (credentials, alternatives) in [
        (token(), KEY_ONLY),
        (token(), ALL_THREE),
        (key(), TOKEN_ONLY),
    ] {
        let err = sent(&credentials, alternatives, &STRICT).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingCredentials);
    }
}

#[test]
fn sending_configured_credentials_sends_a_token_where_the_spec_wants_email_and_key() {
    for alternatives in [KEY_ONLY, ALL_THREE] {
        let (headers, met) = sent(&token(), alternatives, &SEND).unwrap();
        assert_eq!(headers, ["authorization: Bearer t"], "{alternatives:?}");
        assert!(!met);
    }
    // And email + key where the spec wants a token.
    let (headers, met) = sent(&key(), TOKEN_ONLY, &SEND).unwrap();
    assert_eq!(headers, ["x-auth-email: me@example.com", "x-auth-key: k"]);
    assert!(!met);
}

#[test]
fn with_several_sets_configured_a_bearer_token_goes_first_and_alone() {
    let all = key().with(SERVICE, "s").with(TOKEN, "t");
    let wants_other: &[&[&str]] = &[&["other"]];
    assert_eq!(
        sent(&all, wants_other, &SEND).unwrap(),
        (vec!["authorization: Bearer t".into()], false)
    );
    // Without a token, the first whole set in the API's order.
    let no_token = key().with(SERVICE, "s");
    let (headers, _) = sent(&no_token, wants_other, &SEND).unwrap();
    assert_eq!(headers, ["x-auth-email: me@example.com", "x-auth-key: k"]);
    // No whole set: everything configured.
    let half = Credentials::empty().with(EMAIL, "me@example.com");
    let (headers, _) = sent(&half, TOKEN_ONLY, &SEND).unwrap();
    assert_eq!(headers, ["x-auth-email: me@example.com"]);
}

#[test]
fn no_credentials_at_all_is_missing_credentials_under_every_policy() {
    for policy in [&STRICT, &SEND] {
        let err = sent(&Credentials::none(), ALL_THREE, policy).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingCredentials);
        assert!(
            err.to_string().contains("api_email + api_key + api_token"),
            "{err}"
        );
    }
}

#[test]
fn each_kind_of_scheme_is_sent_its_way() {
    let query = Scheme::query("query_key", "api_key");
    let cookie = Scheme::cookie("session", "sid");
    let other_cookie = Scheme::cookie("csrf", "csrf_token");
    let basic = Scheme::basic("basic");
    let credentials = Credentials::empty()
        .with(query, "q s")
        .with(cookie, "c1")
        .with(other_cookie, "c2")
        .with_basic(basic, "Aladdin", "open sesame");
    let all: &[&[&str]] = &[&["query_key", "session", "csrf", "basic"]];
    let (sent, met) = sent(&credentials, all, &STRICT).unwrap();
    assert!(met);
    assert_eq!(
        sent,
        [
            "?api_key=q s",
            "authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "cookie: sid=c1; csrf_token=c2",
        ]
    );
}

#[test]
fn credential_headers_are_marked_sensitive() {
    let sent = key().apply("op", KEY_ONLY, &STRICT).unwrap();
    assert!(sent.headers.iter().all(|(_, v)| v.is_sensitive()));
}

#[test]
fn base64_follows_rfc_4648() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (text, encoded) in cases {
        assert_eq!(base64(text), encoded, "{text:?}");
    }
    assert_eq!(base64("ü?>"), "w7w/Pg==");
}

#[test]
fn values_with_control_characters_or_empty_values_are_refused_without_echoing_them() {
    for value in ["", "a\r\nX-Evil: 1", "a\u{7}"] {
        let err = Credentials::empty()
            .with(TOKEN, value)
            .validate()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
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
