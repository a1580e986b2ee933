//! Reading generated Rust source: each file's module and `use` lines, the crate types a
//! field or signature names, and the operationId a method's body passes to `Call::new`.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

use super::join;

/// A file's module and how its names resolve.
pub(super) struct FileScope {
    pub(super) module: String,
    pub(super) uses: HashMap<String, String>,
    pub(super) local: BTreeSet<String>,
}

/// A method of a handle, before handles are reached from `Client`.
pub(super) struct RawMethod {
    pub(super) handle: String,
    pub(super) name: String,
    pub(super) operation: Option<String>,
    pub(super) returns_handle: Option<String>,
    pub(super) slots: Vec<(String, Option<String>)>,
}

/// The JSON key a `#[serde(rename = "..")]` gives a field.
pub(super) fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .find_map(|a| {
            let syn::Meta::List(list) = &a.meta else {
                return None;
            };
            let inner: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
            inner.windows(3).find_map(|w| match w {
                [
                    TokenTree::Ident(i),
                    TokenTree::Punct(p),
                    TokenTree::Literal(l),
                ] if i == "rename" && p.as_char() == '=' => {
                    syn::parse_str::<syn::LitStr>(&l.to_string())
                        .ok()
                        .map(|s| s.value())
                }
                _ => None,
            })
        })
}

pub(super) fn raw_method(
    handle: &str,
    f: &syn::ImplItemFn,
    scope: &FileScope,
    resolve: &dyn Fn(&str) -> String,
) -> RawMethod {
    let name = ident_text(&f.sig.ident);
    let operation = operation_id(&f.block.to_token_stream());
    let output = match &f.sig.output {
        syn::ReturnType::Type(_, ty) => Some(&**ty),
        syn::ReturnType::Default => None,
    };
    let only_self = f.sig.inputs.len() == 1;
    let returns_handle = output
        .filter(|_| only_self && operation.is_none())
        .and_then(|ty| type_path(ty, scope))
        .map(|p| resolve(&p))
        .filter(|p| p.ends_with("Api"));
    let mut slots: Vec<(String, Option<String>)> = f
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(t) => {
                let name = match &*t.pat {
                    syn::Pat::Ident(p) => ident_text(&p.ident),
                    other => other.to_token_stream().to_string(),
                };
                Some((name, crate_type(&t.ty, scope).map(|p| resolve(&p))))
            }
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    if let Some(ty) = output {
        slots.push(("->".to_string(), crate_type(ty, scope).map(|p| resolve(&p))));
    }
    RawMethod {
        handle: handle.to_string(),
        name,
        operation,
        returns_handle,
        slots,
    }
}

/// The operationId of a method body that makes `Call::new(self.client, "<id>", ..)`.
pub(super) fn operation_id(body: &TokenStream) -> Option<String> {
    let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == "Call" => {
                let new = tokens.get(i + 3).is_some_and(|t| t.to_string() == "new");
                if let (true, Some(TokenTree::Group(args))) = (new, tokens.get(i + 4)) {
                    return args.stream().into_iter().find_map(|t| match t {
                        TokenTree::Literal(l) => syn::parse_str::<syn::LitStr>(&l.to_string())
                            .ok()
                            .map(|s| s.value()),
                        _ => None,
                    });
                }
            }
            TokenTree::Group(g) => {
                if let Some(id) = operation_id(&g.stream()) {
                    return Some(id);
                }
            }
            _ => {}
        }
    }
    None
}

/// `src/radar/dns.rs` is `radar::dns`, `src/radar/mod.rs` `radar`, `src/lib.rs` the root
/// (``); files outside `src/`, the runtime and tests are none.
pub(super) fn module_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if rest == "runtime" || rest.starts_with("runtime/") {
        return None;
    }
    let rest = rest.strip_suffix("/mod").unwrap_or(rest);
    Some(if rest == "lib" {
        String::new()
    } else {
        rest.replace('/', "::")
    })
}

/// A `use` path as a path from the crate root: `crate::a::B` is `a::B`; a path without
/// `crate` is relative to the module.
pub(super) fn absolute(module: &str, path: &str) -> String {
    match path.strip_prefix("crate::") {
        Some(rest) => rest.to_string(),
        None if path.starts_with("self::") => join(module, &path["self::".len()..]),
        None if is_external(path) => format!("::{path}"),
        None => join(module, path),
    }
}

/// Paths into other crates and the standard library, which hold no generated types.
pub(super) fn is_external(path: &str) -> bool {
    let first = path.split("::").next().unwrap_or_default();
    matches!(
        first,
        "std" | "core" | "alloc" | "serde" | "serde_json" | "reqwest" | "jiff"
    )
}

/// Every name a `use` tree brings in, with its path (`*` for a glob).
pub(super) fn use_paths(tree: &syn::UseTree, prefix: String, out: &mut Vec<(String, String)>) {
    let push = |prefix: &str, name: &str| {
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}::{name}")
        }
    };
    match tree {
        syn::UseTree::Path(p) => use_paths(&p.tree, push(&prefix, &p.ident.to_string()), out),
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            out.push((name.clone(), push(&prefix, &name)));
        }
        syn::UseTree::Rename(r) => {
            out.push((r.rename.to_string(), push(&prefix, &r.ident.to_string())));
        }
        syn::UseTree::Glob(_) => out.push(("*".to_string(), prefix)),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_paths(t, prefix.clone(), out);
            }
        }
    }
}

/// A path as the item it names: through `pub use` re-exports and glob re-exports, to where
/// the item is defined.
pub(super) fn canonical(
    path: &str,
    defined: &BTreeSet<String>,
    aliases: &HashMap<String, String>,
    globs: &[(String, String)],
) -> String {
    let mut path = path.to_string();
    for _ in 0..8 {
        if defined.contains(&path) {
            return path;
        }
        if let Some(target) = aliases.get(&path) {
            path = target.clone();
            continue;
        }
        let (module, name) = path.rsplit_once("::").unwrap_or(("", &path));
        let through_glob = globs
            .iter()
            .filter(|(m, _)| m == module)
            .map(|(_, target)| join(target, name))
            .find(|p| defined.contains(p));
        match through_glob {
            Some(p) => return p,
            None => return path,
        }
    }
    path
}

/// The crate type a field, argument or result holds, through references, `Option`, `Vec`,
/// `Box`, maps and `Call`: `Option<Vec<crate::types::Rule>>` is `types::Rule`. `None` for
/// strings, numbers, JSON values and other crates' types.
pub(super) fn crate_type(ty: &syn::Type, scope: &FileScope) -> Option<String> {
    match ty {
        syn::Type::Reference(r) => crate_type(&r.elem, scope),
        syn::Type::Paren(p) => crate_type(&p.elem, scope),
        syn::Type::Slice(s) => crate_type(&s.elem, scope),
        syn::Type::ImplTrait(i) => i.bounds.iter().find_map(|b| match b {
            syn::TypeParamBound::Trait(t) => last_type_argument(&t.path, scope),
            _ => None,
        }),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            match last.ident.to_string().as_str() {
                "Option" | "Vec" | "Box" | "BTreeMap" | "HashMap" | "Call" | "Paged" | "Stream" => {
                    last_type_argument(&p.path, scope)
                }
                _ => type_path(ty, scope),
            }
        }
        _ => None,
    }
}

/// The last type argument of a path's last segment, as a crate type.
pub(super) fn last_type_argument(path: &syn::Path, scope: &FileScope) -> Option<String> {
    let syn::PathArguments::AngleBracketed(args) = &path.segments.last()?.arguments else {
        return None;
    };
    args.args.iter().rev().find_map(|a| match a {
        syn::GenericArgument::Type(t) => crate_type(t, scope),
        _ => None,
    })
}

/// A named type's path from the crate root, where it is one of the crate's.
pub(super) fn type_path(ty: &syn::Type, scope: &FileScope) -> Option<String> {
    let syn::Type::Path(p) = ty else {
        return None;
    };
    let segments: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let path = segments.join("::");
    let resolved = match segments.as_slice() {
        [one] => match scope.uses.get(one) {
            Some(target) => target.clone(),
            None if scope.local.contains(one) => join(&scope.module, one),
            None => return None,
        },
        [first, ..] if first == "crate" => path["crate::".len()..].to_string(),
        [first, ..] if first == "Self" => return None,
        _ if is_external(&path) => return None,
        _ => join(&scope.module, &path),
    };
    (!resolved.starts_with("::")).then_some(resolved)
}

pub(super) fn ident_text(ident: &syn::Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_string()
}
