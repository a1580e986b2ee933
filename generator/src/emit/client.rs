//! One module per group: a handle borrowed from `Client`, one method per operation, and the
//! types only this group uses.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, inner_doc_attrs, item_lines, sanitize};
use super::ident;
use super::types::Scope;
use crate::ir::{
    Api, BodyEncoding, Group, Home, Operation, ParamLocation, Prim, Response, TypeKind, TypeRef,
};

/// The whole module of group `index`.
pub fn group_module(api: &Api, index: usize) -> TokenStream {
    let group = &api.groups[index];
    let mut scope = Scope::new(api, Home::Group(index));
    let handle = ident(&group.handle);
    let methods: Vec<TokenStream> = group
        .operations
        .iter()
        .map(|op| method(&mut scope, op))
        .collect();
    let types: Vec<TokenStream> = sorted_types(api, Home::Group(index))
        .into_iter()
        .map(|i| scope.type_def(&api.types[i]))
        .collect();
    let module_doc = inner_doc_attrs(&[format!(
        "Operations tagged \"{}\", and the types only they use.",
        group_title(group)
    )]);
    let handle_doc = doc_attrs(&[
        format!("Operations tagged \"{}\".", group_title(group)),
        String::new(),
        format!(
            "Get one with [`Client::{}`](crate::Client::{}).",
            group.accessor.trim_start_matches("r#"),
            group.accessor.trim_start_matches("r#")
        ),
    ]);
    let uses = use_lines(&scope, true);
    quote! {
        #module_doc
        #uses

        #handle_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #handle<'a> {
            client: &'a Client,
        }

        impl<'a> #handle<'a> {
            pub(crate) fn new(client: &'a Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#types)*
    }
}

fn group_title(group: &Group) -> String {
    let title = if group.tag.is_empty() {
        "(no tag)"
    } else {
        group.tag.as_str()
    };
    sanitize(title).join(" ")
}

/// A module of types only (`types`, or an area's `types`): `None` when it would be empty.
pub fn types_module(api: &Api, home: Home) -> Option<TokenStream> {
    let ids = sorted_types(api, home);
    if ids.is_empty() {
        return None;
    }
    let mut scope = Scope::new(api, home);
    let types: Vec<TokenStream> = ids
        .into_iter()
        .map(|i| scope.type_def(&api.types[i]))
        .collect();
    let uses = use_lines(&scope, false);
    let doc = match home {
        Home::Area(a) => format!(
            " Types used by several groups of the `{}` area.",
            api.areas[a].module
        ),
        _ => {
            " Types used by more than one area; compiled whatever features are enabled.".to_string()
        }
    };
    Some(quote! {
        #![doc = #doc]
        #uses
        #(#types)*
    })
}

/// An area's module: its groups and its types, re-exported together.
pub fn area_module(api: &Api, area: usize) -> TokenStream {
    let a = &api.areas[area];
    let tags: Vec<String> = a
        .groups
        .iter()
        .map(|&g| format!("\"{}\"", group_title(&api.groups[g])))
        .collect();
    let docs = inner_doc_attrs(&[
        format!(
            "The `{}` area: operations tagged {}.",
            a.module,
            tags.join(", ")
        ),
        String::new(),
        format!(
            "Compiled with the `{}` feature (on by default, through `full`).",
            a.module
        ),
    ]);
    let groups = a.groups.iter().map(|&g| {
        let m = ident(&api.groups[g].module);
        // A tag named like its area ("DNSSEC" in `dnssec`): the inner module is private.
        let inception = (api.groups[g].module == a.module)
            .then(|| quote! { #[allow(clippy::module_inception)] });
        quote! {
            #inception
            #[rustfmt::skip]
            mod #m;
            pub use #m::*;
        }
    });
    let types = (!sorted_types(api, Home::Area(area)).is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            mod types;
            pub use types::*;
        }
    });
    quote! {
        #docs
        #(#groups)*
        #types
    }
}

/// Indices of the types of `home`, sorted by name (deterministic output).
fn sorted_types(api: &Api, home: Home) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..api.types.len())
        .filter(|&i| api.types[i].home == home)
        .collect();
    ids.sort_by(|&a, &b| api.types[a].name.cmp(&api.types[b].name));
    ids
}

/// `use` lines for what a module names: runtime items, serde, and types from elsewhere.
fn use_lines(scope: &Scope<'_>, with_client: bool) -> TokenStream {
    let mut groups: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
    if with_client {
        groups
            .entry("crate::runtime")
            .or_default()
            .extend(["Call", "Client", "Method", "decode"]);
    }
    for (path, name) in &scope.imports {
        groups.entry(path.as_str()).or_default().push(name.as_str());
    }
    let lines = groups.into_iter().map(|(path, mut names)| {
        names.sort_unstable();
        names.dedup();
        let path: syn::Path = syn::parse_str(path)
            .unwrap_or_else(|_| unreachable!("module paths are made from identifiers"));
        let names = names.iter().map(|n| ident(n));
        quote! { use #path::{#(#names),*}; }
    });
    quote! { #(#lines)* }
}

/// One method: arguments in path-template order, then parameters, then the body.
fn method(scope: &mut Scope<'_>, op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let mut args = Vec::new();
    let mut steps = Vec::new();
    let mut arg_docs = Vec::new();
    for p in &op.path_params {
        let arg = ident(&p.rust);
        let ty = match &p.ty {
            TypeRef::Prim(Prim::String) => quote! { &str },
            TypeRef::Named(_) => {
                let t = scope.ty(&p.ty);
                quote! { &#t }
            }
            other => scope.ty(other),
        };
        args.push(quote! { #arg: #ty });
        let wire = &p.wire;
        let max = match p.max_length {
            Some(n) => {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                quote! { Some(#n) }
            }
            None => quote! { None },
        };
        steps.push(quote! { .path(#wire, #arg, #max) });
        let mut doc = format!(
            "- `{}`: {}",
            p.rust.trim_start_matches("r#"),
            first_line(&p.docs.description, "path parameter")
        );
        if let Some(n) = p.max_length {
            doc.push_str(&format!(" (at most {n} characters)"));
        }
        arg_docs.push(doc);
    }
    if let Some(ps) = &op.params_struct {
        let t = scope.ty(&TypeRef::Named(ps.ty));
        args.push(quote! { params: &#t });
        arg_docs.push("- `params`: query and header parameters".to_string());
        let TypeKind::Struct { fields, .. } = &scope.api().types[ps.ty.0].kind else {
            unreachable!("a parameters struct is a struct")
        };
        for (field, location) in fields.iter().zip(&ps.locations) {
            let wire = &field.wire;
            let f = ident(&field.rust);
            steps.push(match location {
                ParamLocation::Query => quote! { .query(#wire, &params.#f) },
                ParamLocation::Header => quote! { .header(#wire, &params.#f) },
            });
        }
    }
    if let Some(body) = &op.body {
        let t = match &body.ty {
            TypeRef::Vec(inner) => {
                let inner = scope.ty(inner);
                quote! { [#inner] }
            }
            TypeRef::Prim(Prim::String) => quote! { str },
            TypeRef::Prim(Prim::Bytes) => quote! { [u8] },
            other => scope.ty(other),
        };
        args.push(if body.required {
            quote! { body: &#t }
        } else {
            quote! { body: Option<&#t> }
        });
        arg_docs.push(format!(
            "- `body`: the request body{}",
            if body.required { "" } else { " (optional)" }
        ));
        let call = match (&body.encoding, body.required) {
            (BodyEncoding::Json, true) => quote! { .json(body) },
            (BodyEncoding::Json, false) => quote! { .json_opt(body) },
            (BodyEncoding::Multipart, true) => quote! { .multipart(body) },
            (BodyEncoding::Multipart, false) => quote! { .multipart_opt(body) },
            (BodyEncoding::Bytes(ct) | BodyEncoding::Text(ct), true) => quote! { .raw(#ct, body) },
            (BodyEncoding::Bytes(ct) | BodyEncoding::Text(ct), false) => {
                quote! { .raw_opt(#ct, body) }
            }
        };
        steps.push(call);
    }
    let security = op.security.iter().map(|alt| quote! { &[#(#alt),*] });
    steps.push(quote! { .auth(&[#(#security),*]) });
    let (output, decoder) = response(scope, &op.response);
    let docs = doc_attrs(&method_doc_lines(op, &arg_docs));
    let deprecated = op
        .docs
        .deprecated
        .then(|| quote! { #[deprecated = "deprecated by the API"] });
    let (id, http, path) = (&op.id, ident(&op.http_method), &op.path);
    quote! {
        #docs
        #deprecated
        pub fn #name(&self, #(#args),*) -> Call<'a, #output> {
            Call::new(self.client, #id, Method::#http, #path, decode::#decoder)
                #(#steps)*
        }
    }
}

fn first_line(text: &Option<String>, fallback: &str) -> String {
    text.as_deref()
        .and_then(|t| sanitize(t).into_iter().next())
        .unwrap_or_else(|| fallback.to_string())
}

fn method_doc_lines(op: &Operation, arg_docs: &[String]) -> Vec<String> {
    let mut lines = item_lines(&op.docs, &format!("Calls {}.", code(&op.id)));
    lines.push(String::new());
    lines.push(format!(
        "{} (operation {}).",
        code(&format!("{} {}", op.http_method, op.path)),
        code(&op.id)
    ));
    if !arg_docs.is_empty() {
        lines.push(String::new());
        lines.push("# Arguments".to_string());
        lines.extend(arg_docs.iter().cloned());
    }
    lines
}

/// The method's output type and the decoder that produces it.
fn response(scope: &mut Scope<'_>, response: &Response) -> (TokenStream, proc_macro2::Ident) {
    match response {
        Response::Envelope(t) => (scope.ty(t), ident("envelope")),
        Response::Json(t) => (scope.ty(t), ident("json")),
        Response::Text => (quote! { String }, ident("text")),
        Response::Bytes => (quote! { Vec<u8> }, ident("bytes")),
        Response::Empty => (quote! { () }, ident("empty")),
    }
}
