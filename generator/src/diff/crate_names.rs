//! What regenerating a crate renames: the names a user's code calls in the crate as it is
//! (made by whichever generator version), against the names this generator gives the same
//! operations now.
//!
//! Both crates are read as Rust source, the same way: every method that makes a
//! `Call::new(self.client, "<operationId>", ..)` is that operation's, reached from `Client`
//! through the accessors that return handles (`client.radar().dns()`); every struct, enum
//! and alias is a type at its module's path. A method is renamed when its operationId's
//! call reads differently. A type is renamed when it is gone and the new crate puts another
//! one where it stood: the handle of the same operation, its argument or result, or the
//! same field or variant of a type paired so (most places win, then the name sorting
//! first).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use serde::Serialize;

/// One name that regenerating the crate changes.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct NameChange {
    /// As the crate has it: `client.radar_dns().radar_get_dns_summary(..)`, `radar::radar_dns::Params`.
    pub old: String,
    /// As regenerating makes it.
    pub new: String,
    /// The operationId, for a method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
}

/// Every rename regenerating the crate causes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Renames {
    /// The crate folder read.
    pub crate_dir: String,
    /// Methods whose call changes, by operationId.
    pub methods: Vec<NameChange>,
    /// Types that move or change name.
    pub types: Vec<NameChange>,
    /// Struct fields that change name for the same JSON key
    /// (`radar::as112::Top.i_pv4` → `radar::as112::Top.ipv4`), and enum variants that do
    /// at the same place of an enum with as many (`Kind::IPv4` → `Kind::Ipv4`), at the
    /// type's new path.
    pub fields: Vec<NameChange>,
    /// Operations the crate has whose operationId regenerating does not make (the spec
    /// changed, or the crate came from another spec).
    pub operations_gone: usize,
    /// Types of the crate that regenerating leaves with no counterpart (gone with the
    /// spec, or placed where nothing pairs them).
    pub types_gone: usize,
}

impl Renames {
    /// Whether nothing is renamed.
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty() && self.types.is_empty() && self.fields.is_empty()
    }
}

/// The names of one crate.
#[derive(Debug, Default)]
pub struct CrateNames {
    /// By operationId: the call and the types of its arguments and result.
    methods: BTreeMap<String, MethodNames>,
    /// By path (`radar::dns::GetSummaryParams`): the types each field or variant holds.
    types: BTreeMap<String, Vec<(String, Option<String>)>>,
    /// By struct path: each named field and the JSON key it stands for.
    wires: BTreeMap<String, Vec<(String, String)>>,
    /// By enum path: its variants, in order.
    variants: BTreeMap<String, Vec<String>>,
}

#[derive(Debug)]
struct MethodNames {
    call: String,
    /// The method's own name (`get_top`).
    name: String,
    /// The handle type that has the method.
    handle: String,
    /// Arguments by name, and the result as `->`, with the crate type each holds.
    slots: Vec<(String, Option<String>)>,
}

/// A file's module and how its names resolve.
struct FileScope {
    module: String,
    uses: HashMap<String, String>,
    local: BTreeSet<String>,
}

/// A method of a handle, before handles are reached from `Client`.
struct RawMethod {
    handle: String,
    name: String,
    operation: Option<String>,
    returns_handle: Option<String>,
    slots: Vec<(String, Option<String>)>,
}

/// Reads a crate's names from its files (`src/...` paths and their text). Files that do
/// not parse, and the runtime, are skipped.
pub fn read<'f>(files: impl IntoIterator<Item = (&'f str, &'f str)>) -> CrateNames {
    let mut parsed = Vec::new();
    let mut aliases: HashMap<String, String> = HashMap::new();
    let mut globs: Vec<(String, String)> = Vec::new();
    let mut defined: BTreeSet<String> = BTreeSet::new();
    for (path, text) in files {
        let Some(module) = module_of(path) else {
            continue;
        };
        let Ok(file) = syn::parse_file(text) else {
            continue;
        };
        let mut scope = FileScope {
            module: module.clone(),
            uses: HashMap::new(),
            local: BTreeSet::new(),
        };
        for item in &file.items {
            match item {
                syn::Item::Use(u) => {
                    let mut found = Vec::new();
                    use_paths(&u.tree, String::new(), &mut found);
                    for (name, target) in found {
                        let target = absolute(&module, &target);
                        if name == "*" {
                            globs.push((module.clone(), target));
                            continue;
                        }
                        if matches!(u.vis, syn::Visibility::Public(_)) {
                            aliases.insert(join(&module, &name), target.clone());
                        }
                        scope.uses.insert(name, target);
                    }
                }
                syn::Item::Struct(s) => {
                    scope.local.insert(s.ident.to_string());
                }
                syn::Item::Enum(e) => {
                    scope.local.insert(e.ident.to_string());
                }
                syn::Item::Type(t) => {
                    scope.local.insert(t.ident.to_string());
                }
                _ => {}
            }
        }
        defined.extend(scope.local.iter().map(|n| join(&module, n)));
        parsed.push((scope, file));
    }
    let resolve = |path: &str| canonical(path, &defined, &aliases, &globs);
    let mut names = CrateNames::default();
    let mut raw = Vec::new();
    for (scope, file) in &parsed {
        for item in &file.items {
            match item {
                syn::Item::Struct(s) => {
                    let fields = s
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let name = f.ident.as_ref().map_or(i.to_string(), ident_text);
                            (name, crate_type(&f.ty, scope).map(|p| resolve(&p)))
                        })
                        .collect();
                    let path = join(&scope.module, &s.ident.to_string());
                    let wires = s
                        .fields
                        .iter()
                        .filter_map(|f| {
                            let name = ident_text(f.ident.as_ref()?);
                            let wire = serde_rename(&f.attrs).unwrap_or_else(|| name.clone());
                            Some((name, wire))
                        })
                        .collect();
                    names.wires.insert(path.clone(), wires);
                    names.types.insert(path, fields);
                }
                syn::Item::Enum(e) => {
                    let variants = e
                        .variants
                        .iter()
                        .map(|v| {
                            let held = v.fields.iter().next();
                            let ty = held
                                .and_then(|f| crate_type(&f.ty, scope))
                                .map(|p| resolve(&p));
                            (v.ident.to_string(), ty)
                        })
                        .collect();
                    let path = join(&scope.module, &e.ident.to_string());
                    let order = e.variants.iter().map(|v| v.ident.to_string()).collect();
                    names.variants.insert(path.clone(), order);
                    names.types.insert(path, variants);
                }
                syn::Item::Type(t) => {
                    let target = crate_type(&t.ty, scope).map(|p| resolve(&p));
                    names.types.insert(
                        join(&scope.module, &t.ident.to_string()),
                        vec![(String::new(), target)],
                    );
                }
                syn::Item::Impl(i) if i.trait_.is_none() => {
                    let Some(handle) = type_path(&i.self_ty, scope).map(|p| resolve(&p)) else {
                        continue;
                    };
                    for member in &i.items {
                        let syn::ImplItem::Fn(f) = member else {
                            continue;
                        };
                        if !matches!(f.vis, syn::Visibility::Public(_)) {
                            continue;
                        }
                        raw.push(raw_method(&handle, f, scope, &resolve));
                    }
                }
                _ => {}
            }
        }
    }
    // Each handle's call from `Client`, through the accessors, shortest first.
    let mut calls: HashMap<String, String> = HashMap::new();
    let root = raw
        .iter()
        .map(|m| m.handle.clone())
        .find(|h| h.rsplit("::").next() == Some("Client"));
    let mut queue: VecDeque<String> = VecDeque::new();
    if let Some(root) = root {
        calls.insert(root.clone(), "client".to_string());
        queue.push_back(root);
    }
    while let Some(handle) = queue.pop_front() {
        let from = calls[&handle].clone();
        for m in raw.iter().filter(|m| m.handle == handle) {
            if let Some(to) = &m.returns_handle
                && !calls.contains_key(to)
            {
                calls.insert(to.clone(), format!("{from}.{}()", m.name));
                queue.push_back(to.clone());
            }
        }
    }
    for m in raw {
        let (Some(operation), Some(call)) = (m.operation, calls.get(&m.handle)) else {
            continue;
        };
        names.methods.insert(
            operation,
            MethodNames {
                call: format!("{call}.{}(..)", m.name),
                name: m.name,
                handle: m.handle,
                slots: m.slots,
            },
        );
    }
    names
}

/// The renames from `old` (the crate as it is) to `new` (as regenerating makes it).
pub fn renames(old: &CrateNames, new: &CrateNames, crate_dir: &str) -> Renames {
    let mut out = Renames {
        crate_dir: crate_dir.to_string(),
        ..Renames::default()
    };
    let mut votes: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut queue: VecDeque<(&str, &str)> = VecDeque::new();
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (id, o) in &old.methods {
        let Some(n) = new.methods.get(id) else {
            out.operations_gone += 1;
            continue;
        };
        if o.call != n.call {
            out.methods.push(NameChange {
                old: o.call.clone(),
                new: n.call.clone(),
                operation_id: Some(id.clone()),
            });
        }
        queue.push_back((&o.handle, &n.handle));
        pair_slots(&o.slots, &n.slots, &mut queue);
    }
    while let Some((o, n)) = queue.pop_front() {
        *votes.entry(o).or_default().entry(n).or_default() += 1;
        if !seen.insert((o, n)) {
            continue;
        }
        if let (Some(os), Some(ns)) = (old.types.get(o), new.types.get(n)) {
            pair_slots(os, ns, &mut queue);
        }
    }
    for (o, candidates) in votes {
        // Kept, or not the crate's own (the runtime's `Client`).
        if new.types.contains_key(o) || !old.types.contains_key(o) {
            continue;
        }
        let best = candidates
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(n, _)| *n);
        if let Some(n) = best {
            out.types.push(NameChange {
                old: o.to_string(),
                new: n.to_string(),
                operation_id: None,
            });
        }
    }
    // A type no operation reaches (an alias of a twin) follows its module where the
    // module moved and a type of its name is there.
    let mut moves: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for c in &out.types {
        *moves
            .entry(parent(&c.old).to_string())
            .or_default()
            .entry(parent(&c.new).to_string())
            .or_default() += 1;
    }
    let moved: BTreeMap<String, String> = moves
        .into_iter()
        .filter_map(|(o, to)| {
            let best = to
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((o, best.0))
        })
        .collect();
    // Or it is named after its operation's method (an alias `RadarGetDnsTopResultMeta` of
    // a twin): the same words after the method's new name, in its handle's new module.
    let mut prefixes: BTreeMap<&str, Vec<(String, String, &str)>> = BTreeMap::new();
    for (id, o) in &old.methods {
        if let Some(n) = new.methods.get(id) {
            prefixes.entry(parent(&o.handle)).or_default().push((
                camel(&o.name),
                camel(&n.name),
                parent(&n.handle),
            ));
        }
    }
    for list in prefixes.values_mut() {
        // Longest first, so `GetTopAses` is tried before `GetTop`.
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    }
    let placed: BTreeSet<String> = out.types.iter().map(|c| c.old.clone()).collect();
    for o in old.types.keys() {
        if new.types.contains_key(o) || placed.contains(o) {
            continue;
        }
        let (module, name) = o.rsplit_once("::").unwrap_or(("", o));
        let by_method = || {
            prefixes
                .get(module)?
                .iter()
                .find_map(|(old_prefix, new_prefix, to)| {
                    let rest = name.strip_prefix(old_prefix.as_str())?;
                    let candidate = join(to, &format!("{new_prefix}{rest}"));
                    new.types.contains_key(&candidate).then_some(candidate)
                })
        };
        let there = moved
            .get(module)
            .map(|m| join(m, name))
            .filter(|n| new.types.contains_key(n))
            .or_else(by_method);
        match there {
            Some(n) => out.types.push(NameChange {
                old: o.clone(),
                new: n,
                operation_id: None,
            }),
            None => out.types_gone += 1,
        }
    }
    let counterparts: BTreeMap<&str, &str> = out
        .types
        .iter()
        .map(|c| (c.old.as_str(), c.new.as_str()))
        .collect();
    let mut fields = Vec::new();
    for (o, old_fields) in &old.wires {
        let n = match counterparts.get(o.as_str()) {
            Some(n) => *n,
            None if new.wires.contains_key(o) => o.as_str(),
            None => continue,
        };
        let Some(new_fields) = new.wires.get(n) else {
            continue;
        };
        for (name, wire) in old_fields {
            if new_fields.iter().any(|(f, _)| f == name) {
                continue;
            }
            let same_key = new_fields
                .iter()
                .find(|(f, w)| w == wire && !old_fields.iter().any(|(of, _)| of == f));
            if let Some((f, _)) = same_key {
                fields.push(NameChange {
                    old: format!("{o}.{name}"),
                    new: format!("{n}.{f}"),
                    operation_id: None,
                });
            }
        }
    }
    for (o, old_variants) in &old.variants {
        let n = counterparts.get(o.as_str()).copied().unwrap_or(o.as_str());
        let Some(new_variants) = new.variants.get(n) else {
            continue;
        };
        if old_variants.len() != new_variants.len() {
            continue;
        }
        for (ov, nv) in old_variants.iter().zip(new_variants) {
            if ov != nv && !new_variants.contains(ov) && !old_variants.contains(nv) {
                fields.push(NameChange {
                    old: format!("{o}::{ov}"),
                    new: format!("{n}::{nv}"),
                    operation_id: None,
                });
            }
        }
    }
    out.fields = fields;
    out.methods.sort();
    out.types.sort();
    out.fields.sort();
    out
}

/// The JSON key a `#[serde(rename = "..")]` gives a field.
fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
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

/// Pairs the types at the same places: by name, or, where no name is shared and both have
/// as many places, by position (a union whose variants were renamed).
fn pair_slots<'n>(
    old: &'n [(String, Option<String>)],
    new: &'n [(String, Option<String>)],
    queue: &mut VecDeque<(&'n str, &'n str)>,
) {
    let by_name: HashMap<&str, &Option<String>> =
        new.iter().map(|(k, t)| (k.as_str(), t)).collect();
    let shared = old.iter().any(|(k, _)| by_name.contains_key(k.as_str()));
    if shared {
        for (k, o) in old {
            if let (Some(o), Some(Some(n))) = (o, by_name.get(k.as_str())) {
                queue.push_back((o, n));
            }
        }
    } else if old.len() == new.len() {
        for ((_, o), (_, n)) in old.iter().zip(new) {
            if let (Some(o), Some(n)) = (o, n) {
                queue.push_back((o, n));
            }
        }
    }
}

fn raw_method(
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
fn operation_id(body: &TokenStream) -> Option<String> {
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
fn module_of(path: &str) -> Option<String> {
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

/// A method's name as the types named after it begin: `get_top` is `GetTop`.
fn camel(method: &str) -> String {
    use heck::ToUpperCamelCase;
    method.trim_start_matches("r#").to_upper_camel_case()
}

/// `radar::dns` of `radar::dns::GetTopParams`.
fn parent(path: &str) -> &str {
    path.rsplit_once("::").map_or("", |(m, _)| m)
}

fn join(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

/// A `use` path as a path from the crate root: `crate::a::B` is `a::B`; a path without
/// `crate` is relative to the module.
fn absolute(module: &str, path: &str) -> String {
    match path.strip_prefix("crate::") {
        Some(rest) => rest.to_string(),
        None if path.starts_with("self::") => join(module, &path["self::".len()..]),
        None if is_external(path) => format!("::{path}"),
        None => join(module, path),
    }
}

/// Paths into other crates and the standard library, which hold no generated types.
fn is_external(path: &str) -> bool {
    let first = path.split("::").next().unwrap_or_default();
    matches!(
        first,
        "std" | "core" | "alloc" | "serde" | "serde_json" | "reqwest" | "jiff"
    )
}

/// Every name a `use` tree brings in, with its path (`*` for a glob).
fn use_paths(tree: &syn::UseTree, prefix: String, out: &mut Vec<(String, String)>) {
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
fn canonical(
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
fn crate_type(ty: &syn::Type, scope: &FileScope) -> Option<String> {
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
fn last_type_argument(path: &syn::Path, scope: &FileScope) -> Option<String> {
    let syn::PathArguments::AngleBracketed(args) = &path.segments.last()?.arguments else {
        return None;
    };
    args.args.iter().rev().find_map(|a| match a {
        syn::GenericArgument::Type(t) => crate_type(t, scope),
        _ => None,
    })
}

/// A named type's path from the crate root, where it is one of the crate's.
fn type_path(ty: &syn::Type, scope: &FileScope) -> Option<String> {
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

fn ident_text(ident: &syn::Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD_LIB: &str = r#"
        pub mod radar;
        use runtime::Client;
        impl Client {
            pub fn radar_dns(&self) -> radar::RadarDnsApi<'_> { radar::RadarDnsApi::new(self) }
        }
    "#;
    const OLD_AREA: &str = r#"
        pub mod radar_dns;
        pub use radar_dns::RadarDnsApi;
        mod types;
        pub use types::*;
    "#;
    const OLD_TYPES: &str = r#"
        pub struct Location { pub code: String }
        pub struct Kept { pub a: i64, #[serde(rename = "IPv4")] pub i_pv4: String }
        pub enum Version { IPv4, IPv6, Unrecognized(String) }
    "#;
    const OLD_GROUP: &str = r#"
        use crate::radar::{Kept, Location};
        use crate::runtime::{Call, Client, Method, decode};
        pub struct RadarDnsApi<'a> { pub(crate) client: &'a Client }
        impl<'a> RadarDnsApi<'a> {
            pub(crate) fn new(client: &'a Client) -> Self { Self { client } }
            pub fn radar_get_dns_top(&self, params: &RadarGetDnsTopParams) -> Call<'a, RadarGetDnsTopResult> {
                Call::new(self.client, "radar-get-dns-top", Method::GET, "/radar/dns/top", decode::envelope)
                    .query(params)
            }
        }
        pub struct RadarGetDnsTopParams { pub limit: Option<i64>, pub kept: Option<Kept> }
        pub struct RadarGetDnsTopResult { pub top: Vec<RadarGetDnsTopResultTopItem> }
        pub struct RadarGetDnsTopResultTopItem { pub location: Option<Location> }
        pub type RadarGetDnsTopResultOtherItem = RadarGetDnsTopResultTopItem;
    "#;
    const NEW_LIB: &str = r#"
        pub mod radar;
        use runtime::Client;
        impl Client {
            pub fn radar(&self) -> radar::RadarApi<'_> { radar::RadarApi::new(self) }
        }
    "#;
    const NEW_AREA: &str = r#"
        pub mod dns;
        pub use dns::DnsApi;
        mod types;
        pub use types::*;
        pub struct RadarApi<'a> { client: &'a crate::Client }
        impl<'a> RadarApi<'a> {
            pub(crate) fn new(client: &'a crate::Client) -> Self { Self { client } }
            pub fn dns(&self) -> DnsApi<'a> { DnsApi::new(self.client) }
        }
    "#;
    const NEW_TYPES: &str = r#"
        pub struct Place { pub code: String }
        pub struct Kept { pub a: i64, #[serde(rename = "IPv4")] pub ipv4: String }
        pub enum Version { Ipv4, Ipv6, Unrecognized(String) }
    "#;
    const NEW_GROUP: &str = r#"
        use crate::radar::{Kept, Place};
        use crate::runtime::{Call, Client, Method, decode};
        pub struct DnsApi<'a> { pub(crate) client: &'a Client }
        impl<'a> DnsApi<'a> {
            pub(crate) fn new(client: &'a Client) -> Self { Self { client } }
            pub fn get_top(&self, params: &GetTopParams) -> Call<'a, GetTopResult> {
                Call::new(self.client, "radar-get-dns-top", Method::GET, "/radar/dns/top", decode::envelope)
                    .query(params)
            }
        }
        pub struct GetTopParams { pub limit: Option<i64>, pub kept: Option<Kept> }
        pub struct GetTopResult { pub top: Vec<GetTopResultTopItem> }
        pub struct GetTopResultTopItem { pub location: Option<Place> }
        pub type GetTopResultOtherItem = GetTopResultTopItem;
    "#;

    #[test]
    fn methods_and_types_renamed_by_regenerating() {
        let old = read([
            ("src/lib.rs", OLD_LIB),
            ("src/radar/mod.rs", OLD_AREA),
            ("src/radar/types.rs", OLD_TYPES),
            ("src/radar/radar_dns.rs", OLD_GROUP),
        ]);
        let new = read([
            ("src/lib.rs", NEW_LIB),
            ("src/radar/mod.rs", NEW_AREA),
            ("src/radar/types.rs", NEW_TYPES),
            ("src/radar/dns.rs", NEW_GROUP),
        ]);
        let r = renames(&old, &new, "client");
        assert_eq!(
            r.methods,
            [NameChange {
                old: "client.radar_dns().radar_get_dns_top(..)".into(),
                new: "client.radar().dns().get_top(..)".into(),
                operation_id: Some("radar-get-dns-top".into()),
            }]
        );
        let types: Vec<(&str, &str)> = r
            .types
            .iter()
            .map(|c| (c.old.as_str(), c.new.as_str()))
            .collect();
        assert_eq!(
            types,
            [
                ("radar::radar_dns::RadarDnsApi", "radar::dns::DnsApi"),
                (
                    "radar::radar_dns::RadarGetDnsTopParams",
                    "radar::dns::GetTopParams"
                ),
                (
                    "radar::radar_dns::RadarGetDnsTopResult",
                    "radar::dns::GetTopResult"
                ),
                (
                    "radar::radar_dns::RadarGetDnsTopResultOtherItem",
                    "radar::dns::GetTopResultOtherItem"
                ),
                (
                    "radar::radar_dns::RadarGetDnsTopResultTopItem",
                    "radar::dns::GetTopResultTopItem"
                ),
                ("radar::types::Location", "radar::types::Place"),
            ]
        );
        let fields: Vec<(&str, &str)> = r
            .fields
            .iter()
            .map(|c| (c.old.as_str(), c.new.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("radar::types::Kept.i_pv4", "radar::types::Kept.ipv4"),
                ("radar::types::Version::IPv4", "radar::types::Version::Ipv4"),
                ("radar::types::Version::IPv6", "radar::types::Version::Ipv6"),
            ]
        );
        assert_eq!((r.operations_gone, r.types_gone), (0, 0));
        // The same crate renames nothing.
        assert!(renames(&new, &new, "client").is_empty());
    }
}
