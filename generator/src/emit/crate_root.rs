//! `src/lib.rs`: crate docs, modules, re-exports of the runtime, and accessors on `Client`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, inner_doc_attrs, one_line, sanitize};
use super::{Layout, ident};
use crate::ir::{Api, Home};

/// The crate root.
/// Clippy's lints on doc layout that descriptions from the spec, written for web pages
/// rather than rustdoc, set off. No rustdoc lint is allowed: generated docs are made safe
/// for rustdoc (`markdown.rs`), and a broken link fails `cargo doc -D warnings`.
fn doc_lints() -> TokenStream {
    quote! { clippy::doc_lazy_continuation, clippy::doc_overindented_list_items }
}

/// The crate root (for [`Layout::Modules`], a root another crate's root `include!`s: no
/// crate docs or inner attributes, no area features, the lint allowances on the modules).
pub fn lib_rs(api: &Api, layout: Layout) -> TokenStream {
    let lints = doc_lints();
    let (crate_attrs, module_attrs) = match layout {
        Layout::Crate => {
            let docs = inner_doc_attrs(&crate_doc_lines(api));
            let attrs = quote! {
                #docs
                #![deny(missing_docs)]
                // Descriptions come from the spec, written for web pages rather than rustdoc.
                #![allow(#lints)]
            };
            (attrs, quote! {})
        }
        Layout::Modules => (quote! {}, quote! { #[allow(#lints)] }),
    };
    let gate = |feature: &str| {
        layout
            .features()
            .then(|| quote! { #[cfg(feature = #feature)] })
    };
    let modules = api.areas.iter().map(|a| {
        let (m, gate) = (ident(&a.module), gate(&a.module));
        quote! {
            #gate
            #module_attrs
            #[rustfmt::skip]
            pub mod #m;
        }
    });
    let types_mod = api
        .types
        .iter()
        .any(|t| t.home == Home::Shared)
        .then(|| quote! { #module_attrs #[rustfmt::skip] pub mod types; });
    let accessors = api
        .areas
        .iter()
        .filter(|a| !a.groups.is_empty())
        .map(|area| {
            let (m, handle, accessor, feature) = (
                ident(&area.module),
                ident(&area.handle),
                ident(&area.accessor),
                &area.module,
            );
            let first = match area.main {
                Some(g) => format!(
                    "Operations {}; the `{}` area's other tags through the handle's accessors.",
                    super::client::group_title(&api.groups[g]),
                    area.module
                ),
                None => format!(
                    "The `{}` area: one accessor per tag of its operations.",
                    area.module
                ),
            };
            let mut lines = vec![first];
            if layout.features() {
                lines.push(String::new());
                lines.push(format!("Needs the `{feature}` feature."));
            }
            let (doc, gate) = (doc_attrs(&lines), gate(feature));
            quote! {
                #doc
                #gate
                pub fn #accessor(&self) -> #m::#handle<'_> {
                    #m::#handle::new(self)
                }
            }
        });
    let base_url = &api.default_base_url;
    let request_id = match &api.request_id_header {
        Some(h) => quote! {
            #[doc = " The response header that carries the API's id of a request (`ApiError::request_id`)."]
            #[rustfmt::skip]
            pub(crate) const REQUEST_ID_HEADER: Option<&str> = Some(#h);
        },
        None => quote! {
            #[doc = " The API names no response header with a request id."]
            #[rustfmt::skip]
            pub(crate) const REQUEST_ID_HEADER: Option<&str> = None;
        },
    };
    quote! {
        #crate_attrs

        #module_attrs
        #[rustfmt::skip]
        mod auth;
        // The runtime is the same in every generated crate; an API may not use all of it.
        #[allow(dead_code, unused_imports, unused_macros)]
        #[rustfmt::skip]
        mod runtime;
        #types_mod
        #(#modules)*

        #[rustfmt::skip]
        pub use runtime::{
            ApiError, BodyStream, Call, Client, ClientBuilder, Credentials, DecodeError, Error, ErrorKind,
            HeaderMap, Lines, Pages, Response, ResponseInfo, Timestamp, TransportError,
        };

        /// The API's first server: where requests go unless the builder sets another base URL.
        #[rustfmt::skip]
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #request_id

        #[rustfmt::skip]
        impl Client {
            #(#accessors)*
        }
    }
}

fn crate_doc_lines(api: &Api) -> Vec<String> {
    let mut lines = vec![format!("# {}", one_line(&api.title)), String::new()];
    if let Some(d) = &api.description {
        lines.extend(sanitize(d));
        lines.push(String::new());
    }
    lines.push(format!(
        "A typed client generated from the API's OpenAPI description (version {}): one method per operation, grouped by tag, each returning the operation's `result` with the response envelope already unwrapped.",
        one_line(&api.version)
    ));
    lines.extend(usage_example(api));
    if api
        .types
        .iter()
        .any(|t| matches!(t.kind, crate::ir::TypeKind::Untagged { .. }))
    {
        lines.extend(unions_section());
    }
    lines
}

/// How a value that fits several alternatives of a union is decoded.
fn unions_section() -> Vec<String> {
    [
        "",
        "# Unions",
        "",
        "A schema that is one of several alternatives is an enum. Where the spec names a property that tells them apart (a discriminator, or a property each alternative pins to a value of its own), that tag chooses the variant. Otherwise a value may fit several alternatives, and it goes to the one that keeps the most of it: each alternative is decoded from the value, read once, and the one that drops the fewest members, items and values wins; of equals, the one the spec lists first. A value no alternative fits is kept as it came, in the `Unrecognized` variant. For alternatives `{name}` and `{name, ttl}`, in that order:",
        "",
        "```text",
        "{\"name\": \"a\"}             -> the first: both keep all of it, the first is listed first",
        "{\"name\": \"a\", \"ttl\": 60}  -> the second: the first would drop `ttl`",
        "[1, 2]                    -> Unrecognized([1, 2]): no alternative is a list",
        "```",
        "",
        "To send a union, build the alternative with its own builder and convert it (`From` is implemented for each variant whose type no other variant holds), or name the variant. Exactly that alternative is sent, its tag included. Where alternatives have readOnly or writeOnly properties, a request holds the union's request copy (`RecordRequest` beside `Record`), without what only the server sets.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// A `no_run` doctest that builds a client and calls the first operation whose arguments
/// can be written without knowing the API.
fn usage_example(api: &Api) -> Vec<String> {
    let crate_ident = api.crate_name.replace('-', "_");
    let Some(set) = api.credential_sets.first() else {
        return Vec::new();
    };
    let creds_args: Vec<String> = set
        .schemes
        .iter()
        .flat_map(|(_, args)| args)
        .map(|arg| format!("\"your-{}\"", arg.replace('_', "-")))
        .collect();
    let mut lines = vec![
        String::new(),
        "# Usage".to_string(),
        String::new(),
        "```no_run".to_string(),
        format!("use {crate_ident}::{{Client, Credentials}};"),
        String::new(),
        format!("# async fn run() -> Result<(), {crate_ident}::Error> {{"),
        "let client = Client::builder()".to_string(),
        format!(
            "    .credentials(Credentials::{}({}))",
            set.constructor,
            creds_args.join(", ")
        ),
        "    .build()?;".to_string(),
    ];
    let first = api
        .groups
        .iter()
        .flat_map(|g| g.operations.iter().map(move |o| (g, o)))
        .find_map(|(g, o)| {
            let args = super::examples::call_args(api, o)?;
            Some((g, o, args))
        });
    if let Some((group, op, args)) = first {
        lines.push(format!(
            "let result = client.{}.{}({}).await?;",
            group.call,
            op.method_name,
            args.join(", ")
        ));
        lines.push("println!(\"{result:?}\");".to_string());
    }
    lines.extend(["# Ok(())".to_string(), "# }".to_string(), "```".to_string()]);
    lines
}
