//! The generated crate's `Cargo.toml` (from one template, `Cargo.toml.tmpl`) and `README.md`.

use crate::ir::Api;
use crate::render::GENERATED_MARKER;

const CARGO_TEMPLATE: &str = include_str!("Cargo.toml.tmpl");

/// A TOML basic string (TOML accepts JSON's string escapes).
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
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
        .replace(
            "{all_areas}",
            &areas
                .iter()
                .map(|a| toml_string(a))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .replace(
            "{area_features}",
            areas
                .iter()
                .map(|a| format!("{a} = []\n"))
                .collect::<String>()
                .trim_end(),
        )
}

/// The README's sections on what every generated crate does the same way (the runtime):
/// errors, retries and timeouts, and the whole response. `{crate}` is the crate's name as
/// a Rust identifier.
const RUNTIME_SECTIONS: &str = r#"## Errors

Every failure is one `{crate}::Error`; `err.kind()` says what happened, for `match`:
`BadRequest` (400), `Unauthorized` (401), `Forbidden` (403), `NotFound` (404), `Conflict`
(409), `UnprocessableEntity` (422), `RateLimited` (429), `Server` (5xx), `OtherStatus`
(another status, or `success: false` in a 2xx response), `Decode` (a body that does not
fit the result type), `BodyTooLarge`, `Timeout`, `Transport` (the connection failed),
`InvalidArgument` and `MissingCredentials` (nothing was sent), and `Config` (from
`build()`).

When the API answered, `err.api_error()` has the status, the envelope's `errors` and
`messages` (code and message), the `cf-ray` header (quote it to Cloudflare support), and
the raw body; `err.status()` and `err.body()` work for decode errors too.
`err.is_retryable()` tells whether trying again may help. No error message, `Debug`
output or tracing span ever shows a credential.

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
longer one returns the error at once). Each attempt may take 60 s, and connecting 5 s.
Set these on the builder (`max_retries`, `retry_delays`, `max_retry_after`, `timeout`,
`connect_timeout`, `max_body_size`), or for one call before awaiting it:

```rust,ignore
let result = client.some_group().some_operation(/* ... */)
    .timeout(std::time::Duration::from_secs(10))
    .max_retries(0)
    .await?;
```

Requests go to `https://` by default; plain `http://` is used only when set with
`base_url` (for a local test server), and redirects are not followed.

## The whole response

Awaiting a call gives the envelope's `result`. `.send_full().await` gives a
`{crate}::Response` with the `status`, the `headers`, the `result`, the envelope's
`messages` and its `result_info` (paging). An empty body (a 204) stands for a `null`
result: fine where the result is optional, a `Decode` error otherwise. Unknown fields are
ignored, so responses from a newer API still decode.
"#;

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
    out.push_str(&RUNTIME_SECTIONS.replace("{crate}", &crate_ident));
    out.push_str("\n## Operation groups\n\n| accessor | tag | operations |\n|---|---|---|\n");
    for g in &api.groups {
        let tag = if g.tag.is_empty() {
            "(no tag)"
        } else {
            g.tag.as_str()
        };
        out.push_str(&format!(
            "| `client.{}()` | {} | {} |\n",
            g.accessor,
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
        for placeholder in [
            "{header}",
            "{name}",
            "{name_bare}",
            "{description}",
            "{all_areas}",
            "{area_features}",
        ] {
            assert!(
                !toml.contains(placeholder),
                "{placeholder} left in the manifest"
            );
        }
    }
}
