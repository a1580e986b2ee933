//! Rustdoc can fail on a generated crate: its root silences none of rustdoc's lints, so
//! `RUSTDOCFLAGS="-D warnings" cargo doc` (CI runs it on the seed, the fixtures and the whole
//! Cloudflare API) fails on a broken intra-doc link, and passes on docs made from spec text
//! full of what rustdoc reports (bare URLs, brackets, HTML, code blocks).
//!
//! Kept fast: rustdoc runs on the generated `src/lib.rs` alone, without its items (which
//! need the crate's dependencies): the crate documentation and the lint attributes.

use std::path::Path;
use std::process::Command;

use quote::ToTokens;
use tests::Scratch;

/// A spec whose description holds every kind of text rustdoc warns about.
const SPEC: &str = r#"
openapi: 3.0.3
info:
  title: "Docs [beta] <b>API</b>"
  version: "1"
  description: |
    See https://example.com/docs. Or (https://example.com/a_(b)), "https://t.example.com".
    Returns a status code http_status:[code], a [String] or a [link](Client).
    Placeholders <uuid> and <tag-name>; a <script>alert(1)</script>; <!-- unclosed
    ```
    fn main() { panic!("a doctest") }
    ```

        indented code

    Operator | Name
    ---------|-----
    ==       | Equals
    >        | Greater Than
    >=       | Greater or equal

    >      quoted code?
    -      listed code?
paths:
  /things:
    get:
      operationId: list-things
      responses:
        "200":
          description: The things.
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
"#;

/// The generated crate root of [`SPEC`] without its items.
fn crate_root() -> String {
    let generated = generator::generate_texts(&[("docs.yaml".into(), SPEC.to_string())], "docs")
        .expect("the spec generates");
    let lib = generated
        .files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .expect("a crate root");
    let mut file = syn::parse_file(&lib.contents).expect("the crate root parses");
    file.items.clear();
    file.into_token_stream().to_string()
}

/// Runs rustdoc with `-D warnings` on `source` as a crate root; its stderr when it fails.
fn rustdoc(dir: &Path, source: &str) -> Result<(), String> {
    let lib = dir.join("lib.rs");
    std::fs::write(&lib, source).expect("write lib.rs");
    let rustdoc = std::env::var("RUSTDOC").unwrap_or_else(|_| "rustdoc".to_string());
    let output = Command::new(rustdoc)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--crate-name",
            "docs",
        ])
        .args(["-D", "warnings", "-o"])
        .arg(dir.join("doc"))
        .arg(&lib)
        .output()
        .expect("rustdoc runs");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

#[test]
fn generated_docs_pass_rustdoc_with_warnings_denied() {
    let scratch = Scratch::new("rustdoc-pass");
    let root = crate_root();
    assert!(
        !root.contains("rustdoc ::") && !root.contains("rustdoc::"),
        "the crate root must not allow rustdoc lints:\n{root}"
    );
    if let Err(stderr) = rustdoc(scratch.path(), &root) {
        panic!("rustdoc failed on the generated docs:\n{stderr}\n{root}");
    }
}

#[test]
fn a_broken_intra_doc_link_fails_rustdoc() {
    let scratch = Scratch::new("rustdoc-fail");
    let root = format!("{}\n#![doc = \"See [`NoSuchItem`].\"]\n", crate_root());
    let stderr = rustdoc(scratch.path(), &root).expect_err("a broken link must fail rustdoc");
    assert!(
        stderr.contains("unresolved link to `NoSuchItem`"),
        "rustdoc failed for another reason:\n{stderr}"
    );
}

/// Every description, summary and title of the whole Cloudflare spec, once made safe, has
/// nothing left to make safe: the docs rustdoc checks in CI are the fixed point, not a
/// first pass that another would change.
#[test]
fn safe_docs_of_the_whole_spec_are_a_fixed_point() {
    fn texts<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("description" | "summary" | "title", serde_json::Value::String(s)) => {
                            out.push(s)
                        }
                        _ => texts(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
            _ => {}
        }
    }
    let path = tests::root().join("spec/cloudflare-openapi-2024-08-06.json");
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the spec")).expect("JSON");
    let mut all = Vec::new();
    texts(&spec, &mut all);
    assert!(all.len() > 10_000, "{} texts", all.len());
    for text in all {
        let once = generator::emit::docs::sanitize(text);
        let twice = generator::emit::docs::sanitize(&once.join("\n"));
        assert_eq!(once, twice, "from {text:?}");
    }
}
