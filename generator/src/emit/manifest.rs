//! The generated crate's `Cargo.toml` (from one template, `Cargo.toml.tmpl`) and `README.md`.

use crate::ir::{Api, CredentialPolicy};
use crate::marker::GENERATED_MARKER;

const CARGO_TEMPLATE: &str = include_str!("Cargo.toml.tmpl");

/// A TOML basic string (TOML accepts JSON's string escapes).
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// One feature per area, turning on the areas whose types it uses.
fn area_features(api: &Api) -> String {
    api.areas
        .iter()
        .map(|a| {
            let requires: Vec<String> = a
                .requires
                .iter()
                .map(|&r| toml_string(&api.areas[r].module))
                .collect();
            format!("{} = [{}]", a.module, requires.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// crates.io keywords: what every generated crate is, then the dialect's (at most five).
fn keywords(api: &Api) -> String {
    let all: Vec<String> = ["api", "client", "openapi"]
        .iter()
        .map(|k| k.to_string())
        .chain(api.keywords.iter().cloned())
        .take(5)
        .map(|k| toml_string(&k))
        .collect();
    format!("[{}]", all.join(", "))
}

/// `Cargo.toml`: the template with the crate's name and description filled in.
pub fn cargo_toml(api: &Api, source: &str) -> String {
    let areas: Vec<&str> = api.areas.iter().map(|a| a.module.as_str()).collect();
    let description = format!(
        "Typed Rust client for {} (generated from its OpenAPI description)",
        api.title.trim()
    );
    CARGO_TEMPLATE
        .replace(
            "{header}",
            &format!("# {GENERATED_MARKER} from {source}. Do not edit: regenerate instead."),
        )
        .replace("{name_bare}", &api.crate_name)
        .replace("{name}", &toml_string(&api.crate_name))
        .replace("{description}", &toml_string(&description))
        .replace("{keywords}", &keywords(api))
        .replace(
            "{all_areas}",
            &areas
                .iter()
                .map(|a| toml_string(a))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .replace("{area_features}", &area_features(api))
}

/// The README's sections on what every generated crate does the same way (the runtime):
/// credentials, errors, retries and timeouts, the whole response, streaming, and what the
/// spec lacks. `{crate}` is the crate's name as a Rust identifier, `{request_id}` and
/// `{credentials}` are filled in per API.
const RUNTIME_SECTIONS: &str = r#"## Credentials

{credentials} Secrets never appear in `Debug` output, errors or traces; a value with a
line break is refused by `build()`.

## Errors

Every failure is one `{crate}::Error`; `err.kind()` says what happened, for `match`:
`BadRequest` (400), `Unauthorized` (401), `Forbidden` (403), `NotFound` (404), `Conflict`
(409), `UnprocessableEntity` (422), `RateLimited` (429), `Server` (5xx), `OtherStatus`
(another status, or `success: false` in a 2xx response), `Decode` (a body that does not
fit the result type), `BodyTooLarge`, `Timeout`, `Transport` (the connection failed),
`InvalidArgument` and `MissingCredentials` (nothing was sent), and `Config` (from
`build()`).

When the API answered, `err.api_error()` has the status, the envelope's `errors` and
`messages` (code and message), {request_id}, the response `headers` (rate limits,
`Location` on a 3xx) and the raw body; `err.status()` and `err.body()` work for decode
errors too. `err.is_retryable()` tells whether trying again may help. The HTTP and JSON
libraries' own errors are not part of the API: they are reachable through
`std::error::Error::source` (`TransportError`, `DecodeError`).

```rust,ignore
match client.some_group().some_operation(/* ... */).await {
    Ok(result) => println!("{result:?}"),
    Err(err) if err.kind() == {crate}::ErrorKind::NotFound => println!("no such thing"),
    Err(err) => eprintln!("{:?}: {err}", err.kind()),
}
```

## Retries and timeouts

Connection failures, timeouts, 408, 409, 429 and 5xx are retried twice by default, after
0.5 s, then 1 s (doubling, capped at 8 s, each shortened by up to a quarter at random);
a `Retry-After` header (seconds or an HTTP date) is waited for instead, up to 60 s (a
longer one returns the error at once). Each attempt may take 60 s, and connecting 5 s. A
`deadline` bounds the whole call, every attempt and wait included (none by default): no
attempt or backoff runs past it. Set these on the builder (`max_retries`, `retry_delays`,
`max_retry_after`, `timeout`, `connect_timeout`, `deadline`, `max_body_size`), or for one
call before awaiting it:

```rust,ignore
let result = client.some_group().some_operation(/* ... */)
    .timeout(std::time::Duration::from_secs(10))
    .deadline(std::time::Duration::from_secs(30))
    .max_retries(0)
    .await?;
```

Requests go to `https://` by default; plain `http://` is used only when set with
`base_url` (for a local test server), and redirects are not followed.

## TLS

TLS is chosen by a Cargo feature and set up for each client; nothing is installed
process-wide. `rustls` (the default) uses rustls with aws-lc-rs and offers post-quantum
key exchange (X25519MLKEM768) first; `rustls-ring` builds faster, with ring, but has no
post-quantum key exchange; `native-tls` uses the platform's TLS library. With default
features off, enable one of them beside the areas you pick. `add_root_certificate(pem)`
on the builder trusts more roots (a TLS-intercepting proxy, a test server).

## The whole response, and streaming

Awaiting a call gives the envelope's `result`. `.send_full().await` gives a
`{crate}::Response` with the `status`, the `headers`, the `result`, the envelope's
`messages` and its `result_info` (paging). An empty body (a 204) stands for a `null`
result: fine where the result is optional, a `Decode` error otherwise. Members a response
type does not declare are kept (`extra()` on the struct) and encoded back as they came, so
responses from a newer API still decode and nothing they hold is lost.

A large or slow body (a download, a CSV export, ndjson logs) can be read as it arrives:
`.stream().await?` gives a `{crate}::BodyStream` of byte chunks (a `futures` `Stream`, or
`.next().await`), and `.lines()` on it a stream of lines. Each read may take the call's
timeout and the whole body must arrive before its deadline; the body-size limit does not
apply.

```rust,ignore
let mut lines = client.some_group().some_download(/* ... */).stream().await?.lines();
while let Some(line) = lines.next().await {
    println!("{}", line?);
}
```

## What the spec does not say

A header, query parameter or top-level JSON body field the spec lacks can be sent on any
call: `.header(name, value)`, `.query(name, value)` and `.body_field(name, value)` add
one, or replace the call's own of that name, and are encoded like the spec's parameters
(an invalid header, or a body field on a body that is not a JSON object, is an
`InvalidArgument` and nothing is sent). `ClientBuilder::default_header` adds a header to
every request.
"#;

/// The README's words on how calls choose credentials, for the API's policy.
fn credentials_text(api: &Api) -> String {
    let from = "Build `Credentials` with the constructor of a security requirement, or with `Credentials::from_env()` (every scheme's environment variable that is set is used).";
    match api.credential_policy {
        CredentialPolicy::Strict => format!(
            "{from} Each operation sends what its security requirement accepts, or fails with `MissingCredentials` before sending."
        ),
        CredentialPolicy::SendConfigured => format!(
            "{from} Each operation sends what its security requirement accepts. When the configured credentials do not meet it, they are sent anyway (a bearer token first, alone) and the server decides, since this API accepts more than its spec declares (a `tracing` event says so); only a client without any credential fails with `MissingCredentials` before sending."
        ),
    }
}

/// The README's words on the request id.
fn request_id_text(api: &Api) -> String {
    match &api.request_id_header {
        Some(h) => format!("the request id (the `{h}` header; quote it to the API's support)"),
        None => "the request id (when the API sends one)".to_string(),
    }
}

/// `README.md`: what the crate is, how to build a client, and the operation groups.
pub fn readme(api: &Api, source: &str) -> String {
    let crate_ident = api.crate_name.replace('-', "_");
    let mut out =
        format!("<!-- {GENERATED_MARKER} from {source}. Do not edit: regenerate instead. -->\n\n");
    out.push_str(&format!("# {}\n\nA typed Rust client for {} (API version {}), generated from its OpenAPI description.\n", api.crate_name, api.title.trim(), api.version));
    out.push_str("Every operation is one method; a call returns the operation's `result` with the response envelope unwrapped, and failures are one `Error` type whose `kind()` tells what went wrong.\n\n");
    out.push_str("## Usage\n\n```rust,no_run\n");
    out.push_str(&format!("use {crate_ident}::{{Client, Credentials}};\n\n"));
    out.push_str(&format!(
        "# async fn run() -> Result<(), {crate_ident}::Error> {{\n"
    ));
    match api.credential_sets.first() {
        Some(set) => {
            let args: Vec<String> = set
                .schemes
                .iter()
                .flat_map(|(_, args)| args)
                .map(|a| format!("\"your-{}\"", a.replace('_', "-")))
                .collect();
            out.push_str(&format!(
                "let client = Client::builder()\n    .credentials(Credentials::{}({}))\n    .build()?;\n",
                set.constructor,
                args.join(", ")
            ));
        }
        None => out.push_str("let client = Client::builder().build()?;\n"),
    }
    out.push_str("# let _ = client;\n# Ok(())\n# }\n```\n\n");
    out.push_str(
        &RUNTIME_SECTIONS
            .replace("{crate}", &crate_ident)
            .replace("{request_id}", &request_id_text(api))
            .replace("{credentials}", &credentials_text(api)),
    );
    out.push_str("\n## Operation groups\n\n| accessor | tag | operations |\n|---|---|---|\n");
    for g in &api.groups {
        let tag = if g.untagged {
            format!("(none: `{}` paths)", g.tag)
        } else {
            g.tag.clone()
        };
        out.push_str(&format!(
            "| `client.{}` | {} | {} |\n",
            g.call,
            tag.replace('|', "\\|"),
            g.operations.len()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Api {
        Api {
            crate_name: "my-client".into(),
            title: "Example \"API\"".into(),
            description: None,
            version: "1".into(),
            default_base_url: "https://example.com".into(),
            types: vec![],
            groups: vec![],
            schemes: vec![],
            credential_sets: vec![],
            credential_policy: crate::ir::CredentialPolicy::Strict,
            request_id_header: None,
            areas: vec![],
            keywords: vec![],
        }
    }

    #[test]
    fn cargo_toml_fills_every_placeholder_and_escapes_strings() {
        let toml = cargo_toml(&api(), "spec.json");
        assert!(
            !toml.contains('{') || !toml.contains("{name}"),
            "placeholders left: {toml}"
        );
        assert!(toml.contains("name = \"my-client\""));
        assert!(toml.contains("description = \"Typed Rust client for Example \\\"API\\\" (generated from its OpenAPI description)\""));
        assert!(toml.starts_with(&format!("# {GENERATED_MARKER}")));
        assert!(toml.contains("keywords = [\"api\", \"client\", \"openapi\"]"));
        for placeholder in [
            "{header}",
            "{name}",
            "{name_bare}",
            "{description}",
            "{all_areas}",
            "{area_features}",
            "{keywords}",
        ] {
            assert!(
                !toml.contains(placeholder),
                "{placeholder} left in the manifest"
            );
        }
    }
}
