//! Stage 5, emit: [`Api`] in, the generated crate's files out (as token streams rendered to
//! text by `render`). Nothing here can fail on spec input: every name was checked while
//! lowering.

mod arg_docs;
mod auth;
mod body_example;
mod builders;
mod client;
mod crate_root;
pub mod docs;
mod examples;
mod manifest;
mod markdown;
mod method;
mod operation_tests;
mod types;
mod union_tests;

use proc_macro2::{Ident, Span, TokenStream};

use crate::ir::{Api, Home};
use crate::marker::GENERATED_MARKER;

/// One file of the generated crate, before rendering.
pub struct Emitted {
    /// Path inside the crate, with `/` separators (`src/lib.rs`).
    pub path: String,
    /// What it holds.
    pub contents: Contents,
}

/// A file's contents: Rust to be formatted, or text as it is.
pub enum Contents {
    /// Rust, for `render` to format (it adds the `@generated` header).
    Rust(TokenStream),
    /// Text with its own `@generated` line.
    Text(String),
}

/// The hand-written runtime, copied into every crate: (file name, text).
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("call.rs", include_str!("../../runtime/call.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("decode.rs", include_str!("../../runtime/decode.rs")),
    ("encode.rs", include_str!("../../runtime/encode.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("form.rs", include_str!("../../runtime/form.rs")),
    ("multipart.rs", include_str!("../../runtime/multipart.rs")),
    ("paging.rs", include_str!("../../runtime/paging.rs")),
    ("send.rs", include_str!("../../runtime/send.rs")),
    ("stream.rs", include_str!("../../runtime/stream.rs")),
    ("tagged.rs", include_str!("../../runtime/tagged.rs")),
    ("tls.rs", include_str!("../../runtime/tls.rs")),
    ("trace.rs", include_str!("../../runtime/trace.rs")),
    ("untagged.rs", include_str!("../../runtime/untagged.rs")),
];

/// What the generated files make up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// A whole crate: `Cargo.toml`, `README.md`, and `src/` with one Cargo feature per area.
    #[default]
    Crate,
    /// The modules only, for a build script: what is `src/` in a crate, without the
    /// `src/` prefix, with a `lib.rs` that holds no crate-level attributes (so that the
    /// crate root of another crate can `include!` it) and no area features (every area is
    /// compiled).
    Modules,
}

impl Layout {
    /// Whether areas are Cargo features.
    pub fn features(self) -> bool {
        self == Layout::Crate
    }
}

/// Test files the generated crate may carry besides its code (`generate --tests ...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tests {
    /// `tests/unions.rs`: every union with an object alternative decodes a value made for
    /// each alternative into the variant the decoding rule names, and encodes it back.
    pub unions: bool,
    /// `tests/operations.rs`: every operation called with its required parameters against
    /// a mock server of the spec (`MOCK_URL`), its answer decoded (ignored without one).
    pub operations: bool,
}

/// Every file for `api` in `layout`; `source` names the spec in the `@generated` lines of
/// the files that are not Rust.
pub fn emit(api: &Api, source: &str, layout: Layout, tests: Tests) -> Vec<Emitted> {
    jobs(api, source, layout, tests)
        .iter()
        .flat_map(Job::run)
        .collect()
}

/// The files of one part of the crate (a tag's module and its parts, an area's `mod.rs`,
/// ...), emitted when run. Parts are independent: `render` runs them on several threads
/// (token streams cannot move between threads, so each is emitted where it is rendered).
pub struct Job<'a> {
    emit: Box<dyn Fn() -> Vec<Emitted> + Send + Sync + 'a>,
    layout: Layout,
}

impl Job<'_> {
    /// The part's files, with their paths in `layout`.
    pub fn run(&self) -> Vec<Emitted> {
        let mut files = (self.emit)();
        if self.layout == Layout::Modules {
            files.retain(|f| f.path.starts_with("src/"));
            for f in &mut files {
                f.path = f.path["src/".len()..].to_string();
            }
        }
        files
    }
}

/// Every part of the crate, in the order of its files.
pub fn jobs<'a>(api: &'a Api, source: &'a str, layout: Layout, tests: Tests) -> Vec<Job<'a>> {
    let mut jobs: Vec<Job<'a>> = Vec::new();
    let mut add = |emit: Box<dyn Fn() -> Vec<Emitted> + Send + Sync + 'a>| {
        jobs.push(Job { emit, layout });
    };
    let rust = |path: String, tokens: TokenStream| Emitted {
        path,
        contents: Contents::Rust(tokens),
    };
    let text = |path: &str, text: String| Emitted {
        path: path.to_string(),
        contents: Contents::Text(text),
    };
    add(Box::new(move || {
        vec![
            text("Cargo.toml", manifest::cargo_toml(api, source)),
            text("README.md", manifest::readme(api, source)),
        ]
    }));
    add(Box::new(move || {
        vec![rust("src/lib.rs".into(), crate_root::lib_rs(api, layout))]
    }));
    add(Box::new(move || {
        vec![rust("src/auth.rs".into(), auth::auth_rs(api))]
    }));
    add(Box::new(move || {
        let tokens = client::types_module(api, Home::Shared);
        tokens
            .map(|t| rust("src/types.rs".into(), t))
            .into_iter()
            .collect()
    }));
    for (a, area) in api.areas.iter().enumerate() {
        add(Box::new(move || {
            let dir = format!("src/{}", area.module);
            let mut files = vec![rust(
                format!("{dir}/mod.rs"),
                client::area_module(api, a, layout),
            )];
            if let Some(tokens) = client::types_module(api, Home::Area(a)) {
                files.push(rust(format!("{dir}/types.rs"), tokens));
            }
            files
        }));
        for &g in &area.groups {
            add(Box::new(move || {
                let dir = format!("src/{}", area.module);
                let module = api.groups[g].module.trim_start_matches("r#");
                let (tokens, parts) = client::group_module(api, g);
                let mut files = vec![rust(format!("{dir}/{module}.rs"), tokens)];
                for (part, tokens) in parts {
                    files.push(rust(format!("{dir}/{module}/{part}.rs"), tokens));
                }
                files
            }));
        }
    }
    if tests.operations && layout == Layout::Crate {
        add(Box::new(move || {
            match operation_tests::operations_rs(api, layout.features()) {
                Some((root, cases)) => vec![
                    rust("tests/operations.rs".into(), root),
                    rust("tests/operations/cases.rs".into(), cases),
                ],
                None => Vec::new(),
            }
        }));
    }
    if tests.unions && layout == Layout::Crate {
        add(Box::new(move || {
            match union_tests::unions_rs(api, layout.features()) {
                Some((root, cases)) => vec![
                    rust("tests/unions.rs".into(), root),
                    rust("tests/unions/cases.rs".into(), cases),
                ],
                None => Vec::new(),
            }
        }));
    }
    add(Box::new(move || {
        let crate_ident = api.crate_name.replace('-', "_");
        RUNTIME_FILES
            .iter()
            .map(|(name, body)| {
                let path = format!("src/runtime/{name}");
                text(&path, runtime_file(name, body, &crate_ident))
            })
            .collect()
    }));
    jobs
}

/// A runtime file as copied into the crate: the marker, then the hand-written text, with
/// `__CRATE__` (used in its doctests) replaced by the crate's library name.
pub fn runtime_file(name: &str, text: &str, crate_ident: &str) -> String {
    let text = text.replace("__CRATE__", crate_ident);
    format!(
        "// {GENERATED_MARKER}: a copy of its runtime/{name}. Do not edit here: edit the generator's copy.\n\n{text}"
    )
}

/// An identifier token; `r#name` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
