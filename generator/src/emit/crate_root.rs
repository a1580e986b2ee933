//! `src/lib.rs` (crate docs, modules, accessors on `Client`) and `src/auth.rs` (the security
//! schemes and the `Credentials` constructors made from them).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, inner_doc_attrs, one_line, sanitize};
use super::ident;
use crate::ir::{Api, CredentialSet, Home, SchemeKind, SecurityScheme};

/// The crate root.
pub fn lib_rs(api: &Api) -> TokenStream {
    let docs = inner_doc_attrs(&crate_doc_lines(api));
    let modules = api.areas.iter().map(|a| {
        let (m, feature) = (ident(&a.module), &a.module);
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #m;
        }
    });
    let types_mod = api
        .types
        .iter()
        .any(|t| t.home == Home::Shared)
        .then(|| quote! { #[rustfmt::skip] pub mod types; });
    let accessors = api.groups.iter().map(|g| {
        let area = &api.areas[g.area];
        let (m, handle, accessor, feature) = (
            ident(&area.module),
            ident(&g.handle),
            ident(&g.accessor),
            &area.module,
        );
        let doc = doc_attrs(&[
            format!(
                "Operations tagged \"{}\".",
                one_line(if g.tag.is_empty() { "(no tag)" } else { &g.tag })
            ),
            String::new(),
            format!("Needs the `{feature}` feature."),
        ]);
        quote! {
            #doc
            #[cfg(feature = #feature)]
            pub fn #accessor(&self) -> #m::#handle<'_> {
                #m::#handle::new(self)
            }
        }
    });
    let base_url = &api.default_base_url;
    quote! {
        #docs
        #![deny(missing_docs)]
        // Descriptions come from the spec, written for web pages rather than rustdoc.
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]

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
            ApiError, Call, Client, ClientBuilder, Credentials, Error, ErrorKind, Pages, Response, ResponseInfo,
            Timestamp,
        };

        /// The API's first server: where requests go unless the builder sets another base URL.
        #[rustfmt::skip]
        pub const DEFAULT_BASE_URL: &str = #base_url;

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
    lines
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
        .map(|(_, arg)| format!("\"your-{}\"", arg.replace('_', "-")))
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
            "let result = client.{}().{}({}).await?;",
            group.accessor,
            op.method_name,
            args.join(", ")
        ));
        lines.push("println!(\"{result:?}\");".to_string());
    }
    lines.extend(["# Ok(())".to_string(), "# }".to_string(), "```".to_string()]);
    lines
}

/// The security schemes and one `Credentials` constructor per requirement.
pub fn auth_rs(api: &Api) -> TokenStream {
    let schemes = api.schemes.iter().map(scheme_const);
    let constructors = api.credential_sets.iter().map(|set| constructor(api, set));
    // An API without security schemes has nothing to say here (and nothing to import).
    let body = (!api.schemes.is_empty()).then(|| {
        let from_env = from_env(api);
        quote! {
            use crate::runtime::{Credentials, Error, Scheme};
            #(#schemes)*
            impl Credentials {
                #(#constructors)*
                #from_env
            }
        }
    });
    quote! {
        #![doc = " The security schemes this API declares, and how to make `Credentials` for them."]
        #body
    }
}

fn scheme_const(s: &SecurityScheme) -> TokenStream {
    let name = ident(&s.constant);
    let key = &s.name;
    let (value, how) = match &s.kind {
        SchemeKind::Header(h) => (
            quote! { Scheme::header(#key, #h) },
            format!("the {} header", code(h)),
        ),
        SchemeKind::Bearer => (
            quote! { Scheme::bearer(#key) },
            "`Authorization: Bearer`".to_string(),
        ),
        SchemeKind::Basic => (
            quote! { Scheme::basic(#key) },
            "`Authorization: Basic`".to_string(),
        ),
    };
    let mut lines = vec![format!("{}: sent in {how}.", code(key))];
    if let Some(d) = &s.description {
        lines.push(String::new());
        lines.extend(sanitize(d));
    }
    let docs = doc_attrs(&lines);
    quote! {
        #docs
        pub(crate) const #name: Scheme = #value;
    }
}

/// `Credentials::from_env`, with each scheme's variable.
fn from_env(api: &Api) -> TokenStream {
    let vars = api.schemes.iter().map(|s| {
        let (c, var) = (ident(&s.constant), &s.env_var);
        quote! { (#c, #var) }
    });
    let sets = api.credential_sets.iter().map(|set| {
        let names = set.schemes.iter().map(|(n, _)| n);
        quote! { &[#(#names),*] }
    });
    let var_of = |name: &str| {
        api.schemes
            .iter()
            .find(|s| s.name == name)
            .map_or(name.to_string(), |s| format!("`{}`", s.env_var))
    };
    let alternatives: Vec<String> = api
        .credential_sets
        .iter()
        .map(|set| {
            set.schemes
                .iter()
                .map(|(n, _)| var_of(n))
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    let docs = doc_attrs(&[
        format!(
            "Credentials from the environment: {}.",
            alternatives.join(", or ")
        ),
        String::new(),
        "Every variable that is set is used, so operations can pick the scheme they accept; an"
            .to_string(),
        "error names the variables to set when no whole set is there.".to_string(),
    ]);
    quote! {
        #docs
        pub fn from_env() -> Result<Self, Error> {
            Self::from_env_vars(&[#(#vars),*], &[#(#sets),*])
        }
    }
}

fn constructor(api: &Api, set: &CredentialSet) -> TokenStream {
    let name = ident(&set.constructor);
    let scheme_of = |key: &str| api.schemes.iter().find(|s| s.name == key);
    let args = set.schemes.iter().map(|(_, arg)| {
        let a = ident(arg);
        quote! { #a: impl Into<String> }
    });
    let withs = set.schemes.iter().filter_map(|(key, arg)| {
        let c = ident(&scheme_of(key)?.constant);
        let a = ident(arg);
        Some(quote! { .with(#c, #a) })
    });
    let sent: Vec<String> = set
        .schemes
        .iter()
        .filter_map(|(key, _)| {
            Some(match &scheme_of(key)?.kind {
                SchemeKind::Header(h) => code(h),
                SchemeKind::Bearer => "`Authorization: Bearer`".to_string(),
                SchemeKind::Basic => "`Authorization: Basic`".to_string(),
            })
        })
        .collect();
    let keys: Vec<String> = set.schemes.iter().map(|(k, _)| code(k)).collect();
    let docs = doc_attrs(&[
        format!(
            "Credentials for the security requirement {}: sends {}.",
            keys.join(" + "),
            sent.join(" and ")
        ),
        String::new(),
        "Values are checked when the client is built (no line breaks) and never printed."
            .to_string(),
    ]);
    quote! {
        #docs
        pub fn #name(#(#args),*) -> Self {
            Self::empty()#(#withs)*
        }
    }
}
