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
mod types;

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
    ("multipart.rs", include_str!("../../runtime/multipart.rs")),
    ("paging.rs", include_str!("../../runtime/paging.rs")),
    ("send.rs", include_str!("../../runtime/send.rs")),
    ("stream.rs", include_str!("../../runtime/stream.rs")),
    ("trace.rs", include_str!("../../runtime/trace.rs")),
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

/// Every file for `api` in `layout`; `source` names the spec in the `@generated` lines of
/// the files that are not Rust.
pub fn emit(api: &Api, source: &str, layout: Layout) -> Vec<Emitted> {
    let mut files = crate_files(api, source, layout);
    if layout == Layout::Modules {
        files.retain(|f| f.path.starts_with("src/"));
        for f in &mut files {
            f.path = f.path["src/".len()..].to_string();
        }
    }
    files
}

/// Every file of the crate, with their paths in a crate.
fn crate_files(api: &Api, source: &str, layout: Layout) -> Vec<Emitted> {
    let rust = |path: String, tokens: TokenStream| Emitted {
        path,
        contents: Contents::Rust(tokens),
    };
    let text = |path: &str, text: String| Emitted {
        path: path.to_string(),
        contents: Contents::Text(text),
    };
    let mut files = vec![
        text("Cargo.toml", manifest::cargo_toml(api, source)),
        text("README.md", manifest::readme(api, source)),
        rust("src/lib.rs".into(), crate_root::lib_rs(api, layout)),
        rust("src/auth.rs".into(), auth::auth_rs(api)),
    ];
    if let Some(tokens) = client::types_module(api, Home::Shared) {
        files.push(rust("src/types.rs".into(), tokens));
    }
    for (a, area) in api.areas.iter().enumerate() {
        let dir = format!("src/{}", area.module);
        files.push(rust(
            format!("{dir}/mod.rs"),
            client::area_module(api, a, layout),
        ));
        if let Some(tokens) = client::types_module(api, Home::Area(a)) {
            files.push(rust(format!("{dir}/types.rs"), tokens));
        }
        for &g in &area.groups {
            let module = api.groups[g].module.trim_start_matches("r#");
            let (tokens, parts) = client::group_module(api, g);
            files.push(rust(format!("{dir}/{module}.rs"), tokens));
            for (part, tokens) in parts {
                files.push(rust(format!("{dir}/{module}/{part}.rs"), tokens));
            }
        }
    }
    let crate_ident = api.crate_name.replace('-', "_");
    for (name, body) in RUNTIME_FILES {
        let path = format!("src/runtime/{name}");
        files.push(text(&path, runtime_file(name, body, &crate_ident)));
    }
    files
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
