//! Stage 5, emit: [`Api`] in, the generated crate's files out (as token streams rendered to
//! text by `render`). Nothing here can fail on spec input: every name was checked while
//! lowering.

mod arg_docs;
mod body_example;
mod client;
mod crate_root;
pub mod docs;
mod examples;
mod manifest;
mod markdown;
mod method;
mod types;

use proc_macro2::{Ident, Span};

use crate::ir::{Api, Home};
use crate::render::{self, RenderError};

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path inside the crate, with `/` separators (`src/lib.rs`).
    pub path: String,
    /// The file's text.
    pub contents: String,
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
];

/// Every file of the crate for `api`; `source` names the spec in the `@generated` headers.
pub fn emit(api: &Api, source: &str) -> Result<Vec<GeneratedFile>, RenderError> {
    let header = render::rust_header(source);
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: manifest::cargo_toml(api, source),
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: manifest::readme(api, source),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: render::rust_file(&header, crate_root::lib_rs(api), "src/lib.rs")?,
        },
        GeneratedFile {
            path: "src/auth.rs".into(),
            contents: render::rust_file(&header, crate_root::auth_rs(api), "src/auth.rs")?,
        },
    ];
    if let Some(tokens) = client::types_module(api, Home::Shared) {
        files.push(GeneratedFile {
            path: "src/types.rs".into(),
            contents: render::rust_file(&header, tokens, "src/types.rs")?,
        });
    }
    for (a, area) in api.areas.iter().enumerate() {
        let dir = format!("src/{}", area.module);
        let path = format!("{dir}/mod.rs");
        files.push(GeneratedFile {
            contents: render::rust_file(&header, client::area_module(api, a), &path)?,
            path,
        });
        if let Some(tokens) = client::types_module(api, Home::Area(a)) {
            let path = format!("{dir}/types.rs");
            files.push(GeneratedFile {
                contents: render::rust_file(&header, tokens, &path)?,
                path,
            });
        }
        for &g in &area.groups {
            let path = format!("{dir}/{}.rs", api.groups[g].module.trim_start_matches("r#"));
            let contents = render::rust_file(&header, client::group_module(api, g), &path)?;
            files.push(GeneratedFile { path, contents });
        }
    }
    for (name, text) in RUNTIME_FILES {
        let path = format!("src/runtime/{name}");
        files.push(GeneratedFile {
            contents: render::runtime_file(name, text, &api.crate_name.replace('-', "_")),
            path,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// An identifier token; `r#name` becomes a raw identifier.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
