//! One module per group: a handle borrowed from `Client`, one method per operation, and the
//! types only this group uses.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, inner_doc_attrs, one_line};
use super::ident;
use super::types::Scope;
use crate::ir::{Api, Group, Home};

/// The whole module of group `index`.
pub fn group_module(api: &Api, index: usize) -> TokenStream {
    let group = &api.groups[index];
    let mut scope = Scope::new(api, Home::Group(index));
    let handle = ident(&group.handle);
    let methods: Vec<TokenStream> = group
        .operations
        .iter()
        .map(|op| super::method::method(&mut scope, &group.accessor, op))
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
            // Rustdoc reads `r#` in a link as a fragment: paths name keywords bare.
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
    one_line(title)
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
