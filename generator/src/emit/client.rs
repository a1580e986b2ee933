//! One module per group: a handle borrowed from `Client`, one method per operation, and the
//! types only this group uses.

use proc_macro2::TokenStream;
use quote::quote;

use super::Layout;
use super::docs::{code, doc_attrs, inner_doc_attrs, one_line};
use super::ident;
use super::types::Scope;
use crate::ir::{Api, Group, Home};

/// The most methods one file holds: a group with more (a spec without tags, or a very
/// large tag) continues in `<group>/part_<n>.rs`, more `impl` blocks of the same handle, so
/// no generated file gets huge.
pub const METHODS_PER_FILE: usize = 64;

/// The module of group `index`, and the parts its methods continue in (name, tokens).
pub fn group_module(api: &Api, index: usize) -> (TokenStream, Vec<(String, TokenStream)>) {
    let group = &api.groups[index];
    let mut scope = Scope::new(api, Home::Group(index));
    let handle = ident(&group.handle);
    let mut chunks = group.operations.chunks(METHODS_PER_FILE).map(|ops| {
        ops.iter()
            .map(|op| super::method::method(&mut scope, &group.call, op))
            .collect::<Vec<TokenStream>>()
    });
    let methods = chunks.next().unwrap_or_default();
    let parts: Vec<(String, TokenStream)> = chunks
        .enumerate()
        .map(|(i, methods)| {
            let name = format!("part_{}", i + 2);
            let doc = format!(" More operations of [`{}`].", group.handle);
            let tokens = quote! {
                #![doc = #doc]
                use super::*;

                impl<'a> #handle<'a> {
                    #(#methods)*
                }
            };
            (name, tokens)
        })
        .collect();
    let part_mods = parts.iter().map(|(name, _)| {
        let m = ident(name);
        quote! { mod #m; }
    });
    let types: Vec<TokenStream> = sorted_types(api, Home::Group(index))
        .into_iter()
        .map(|i| scope.type_def(&api.types[i]))
        .collect();
    let module_doc = inner_doc_attrs(&[format!(
        "Operations {}, and the types only they use.",
        group_title(group)
    )]);
    let area = &api.areas[group.area];
    // Rustdoc reads `r#` in a link as a fragment: paths name keywords bare.
    let bare = |name: &str| name.trim_start_matches("r#").to_string();
    let link = if area.main == Some(index) {
        format!("crate::Client::{}", bare(&area.accessor))
    } else {
        format!(
            "crate::{}::{}::{}",
            area.module,
            area.handle,
            bare(&group.accessor)
        )
    };
    let handle_doc = doc_attrs(&[
        format!("Operations {}.", group_title(group)),
        String::new(),
        format!("Get one with [`client.{}`]({link}).", group.call),
    ]);
    let uses = use_lines(&scope, true);
    let tokens = quote! {
        #module_doc
        #uses
        #(#part_mods)*

        #handle_doc
        #[derive(Debug, Clone, Copy)]
        pub struct #handle<'a> {
            pub(crate) client: &'a Client,
        }

        impl<'a> #handle<'a> {
            pub(crate) fn new(client: &'a Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#types)*
    };
    (tokens, parts)
}

/// How docs name a group: `tagged "DNS Records"`, or `on the `charges` paths` for
/// operations without a tag; safe in a doc line.
pub fn group_title(group: &Group) -> String {
    if group.untagged {
        format!("on the {} paths (untagged in the spec)", code(&group.tag))
    } else {
        format!("tagged \"{}\"", one_line(&group.tag))
    }
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
            " The schemas of the `{}` namespace, and the types inside them.",
            api.areas[a].module
        ),
        _ => " The API's schemas, and the types inside them; always compiled.".to_string(),
    };
    Some(quote! {
        #![doc = #doc]
        #uses
        #(#types)*
    })
}

/// An area's module: its groups and its types, re-exported together.
pub fn area_module(api: &Api, area: usize, layout: Layout) -> TokenStream {
    let a = &api.areas[area];
    let (tagged, untagged): (Vec<&Group>, Vec<&Group>) = a
        .groups
        .iter()
        .map(|&g| &api.groups[g])
        .partition(|g| !g.untagged);
    let mut parts = Vec::new();
    if !tagged.is_empty() {
        let tags: Vec<String> = tagged
            .iter()
            .map(|g| format!("\"{}\"", one_line(&g.tag)))
            .collect();
        parts.push(format!("tagged {}", tags.join(", ")));
    }
    parts.extend(untagged.iter().map(|g| group_title(g)));
    let first = if parts.is_empty() {
        format!(
            "The `{}` namespace: types that operations of other areas use.",
            a.module
        )
    } else {
        let types = if sorted_types(api, Home::Area(area)).is_empty() {
            ""
        } else {
            ", and the types of its namespace"
        };
        format!(
            "The `{}` area: operations {}{types}.",
            a.module,
            parts.join("; ")
        )
    };
    let mut lines = vec![first];
    if layout.features() {
        lines.push(String::new());
        lines.push(format!(
            "Compiled with the `{}` feature (on by default, through `full`).",
            a.module
        ));
    }
    let docs = inner_doc_attrs(&lines);
    // Each group is a public module holding its handle and the types its operations make;
    // the handle is also here. Types are named by the operation that makes them, so two
    // groups may both have one of a name: they are reached through their group's module.
    let groups = a.groups.iter().map(|&g| {
        let group = &api.groups[g];
        let (m, handle) = (ident(&group.module), ident(&group.handle));
        let inception =
            (group.module == a.module).then(|| quote! { #[allow(clippy::module_inception)] });
        quote! {
            #inception
            #[rustfmt::skip]
            pub mod #m;
            pub use self::#m::#handle;
        }
    });
    let types = (!sorted_types(api, Home::Area(area)).is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            mod types;
            pub use types::*;
        }
    });
    let handle = area_handle(api, area);
    quote! {
        #docs
        #(#groups)*
        #types
        #handle
    }
}

/// An area's handle where it has no main group, and the accessors of its groups on it.
fn area_handle(api: &Api, area: usize) -> Option<TokenStream> {
    let a = &api.areas[area];
    if a.groups.is_empty() {
        return None;
    }
    if a.groups.iter().all(|&g| a.main == Some(g)) {
        return None;
    }
    let handle = ident(&a.handle);
    let accessors = a.groups.iter().filter(|&&g| a.main != Some(g)).map(|&g| {
        let group = &api.groups[g];
        let (accessor, group_handle) = (ident(&group.accessor), ident(&group.handle));
        let doc = doc_attrs(&[format!("Operations {}.", group_title(group))]);
        quote! {
            #doc
            pub fn #accessor(&self) -> #group_handle<'a> {
                #group_handle::new(self.client)
            }
        }
    });
    let own = a.main.is_none().then(|| {
        let doc = doc_attrs(&[
            format!(
                "The `{}` area: one accessor per tag of its operations.",
                a.module
            ),
            String::new(),
            format!(
                "Get one with [`client.{}()`](crate::Client::{}).",
                a.accessor,
                a.accessor.trim_start_matches("r#")
            ),
        ]);
        quote! {
            #doc
            #[derive(Debug, Clone, Copy)]
            pub struct #handle<'a> {
                client: &'a crate::Client,
            }
        }
    });
    let new = a.main.is_none().then(|| {
        quote! {
            pub(crate) fn new(client: &'a crate::Client) -> Self {
                Self { client }
            }
        }
    });
    Some(quote! {
        #own

        impl<'a> #handle<'a> {
            #new
            #(#accessors)*
        }
    })
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
