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

use serde::Serialize;

mod source;

use source::{
    FileScope, absolute, canonical, crate_type, ident_text, module_of, raw_method, serde_rename,
    type_path, use_paths,
};

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

#[cfg(test)]
mod tests;
