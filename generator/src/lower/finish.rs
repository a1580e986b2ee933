//! The last step of lowering: each type gets its module, its final name and, where it
//! repeats another type of its module, becomes an alias of it.
//!
//! A type's module and name come from its origin alone (see [`Pending::origin`]): a
//! component's type lives in its namespace's module (or the shared `types`), a type an
//! operation makes lives in the module of the operation's group. Neither depends on which
//! other operations use it, on the order of the spec, or on structures elsewhere, so a
//! change to the spec renames and moves only what it touches. Two types of one module
//! with the same structure are one struct and an alias (`pub type B = A;`): every origin
//! keeps its name, and the crate compiles one type.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::areas;
use super::types::{Pending, Place, TypeBuilder};
use crate::ir::{self, Area, Group, Home, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming;

/// The final types, with each namespace that is no area added to `areas` as a module of
/// types only, and each area's requirements set.
pub fn finish(builder: &TypeBuilder, groups: &mut [Group], areas: &mut Vec<Area>) -> Vec<TypeDef> {
    let namespaces: BTreeSet<String> = builder
        .types
        .iter()
        .filter_map(|p| match &p.place {
            Place::Namespace(m) => Some(m.clone()),
            _ => None,
        })
        .collect();
    areas::add_namespaces(areas, groups, &namespaces.into_iter().collect::<Vec<_>>());
    let homes: Vec<Home> = builder
        .types
        .iter()
        .map(|p| match &p.place {
            Place::Shared => Home::Shared,
            Place::Group(g) => Home::Group(*g),
            Place::Namespace(m) => {
                Home::Area(areas.iter().position(|a| &a.module == m).unwrap_or(0))
            }
        })
        .collect();
    let names = final_names(&builder.types, &homes, groups, areas);
    let mut types: Vec<TypeDef> = builder
        .types
        .iter()
        .zip(&homes)
        .zip(names)
        .map(|((p, &home), name)| TypeDef {
            name,
            home,
            docs: p.docs.clone(),
            kind: p.kind.clone(),
            sent: p.sent,
            received: false,
            multipart: p.multipart,
        })
        .collect();
    alias_twins(builder, &mut types);
    mark_received(&mut types, groups);
    set_requirements(&types, groups, areas);
    types
}

/// Names unique in each module (see [`naming::unique_in_module`]); the names of the
/// group handles a module holds or re-exports are taken.
fn final_names(
    pending: &[Pending],
    homes: &[Home],
    groups: &[Group],
    areas: &[Area],
) -> Vec<String> {
    let mut by_home: BTreeMap<Home, Vec<usize>> = BTreeMap::new();
    for (i, home) in homes.iter().enumerate() {
        by_home.entry(*home).or_default().push(i);
    }
    let mut names = vec![String::new(); pending.len()];
    for (home, members) in by_home {
        let taken: HashSet<String> = match home {
            Home::Shared => HashSet::new(),
            Home::Group(g) => std::iter::once(groups[g].handle.clone())
                .chain(naming::OPERATION_MODULE_NAMES.iter().map(|s| s.to_string()))
                .collect(),
            Home::Area(a) => areas[a]
                .groups
                .iter()
                .map(|&g| groups[g].handle.clone())
                .collect(),
        };
        // A name proposed twice (or taken) goes, for a type that has a fallback, to the
        // fallback first; what still clashes is numbered.
        let mut proposed: HashMap<&str, usize> = HashMap::new();
        for &i in &members {
            *proposed.entry(pending[i].name.as_str()).or_default() += 1;
        }
        let entries: Vec<(String, String)> = members
            .iter()
            .map(|&i| {
                let p = &pending[i];
                let clashes = proposed[p.name.as_str()] > 1 || taken.contains(&p.name);
                let name = match &p.fallback {
                    Some(fallback) if clashes => fallback.clone(),
                    _ => p.name.clone(),
                };
                (name, p.origin.clone())
            })
            .collect();
        for (&i, name) in members
            .iter()
            .zip(naming::unique_in_module(&entries, &taken))
        {
            names[i] = name;
        }
    }
    names
}

/// Types of one module with the same structure (a component's type never counts): the one
/// whose name sorts first stays, each other becomes its alias. What sends one sends both.
fn alias_twins(builder: &TypeBuilder, types: &mut [TypeDef]) {
    let mut memo = HashMap::new();
    let mut twins: BTreeMap<(Home, String), Vec<usize>> = BTreeMap::new();
    for (i, (def, pending)) in types.iter().zip(&builder.types).enumerate() {
        if pending.component {
            continue;
        }
        let key = builder.canonical_key(TypeId(i), &mut memo);
        twins.entry((def.home, key)).or_default().push(i);
    }
    for members in twins.into_values().filter(|m| m.len() > 1) {
        let Some(&keep) = members
            .iter()
            .min_by(|&&a, &&b| types[a].name.cmp(&types[b].name))
        else {
            continue;
        };
        for &i in &members {
            if i != keep {
                types[keep].sent |= types[i].sent;
                types[keep].multipart |= types[i].multipart;
                types[i].kind = TypeKind::Alias(TypeId(keep));
            }
        }
    }
}

/// Each area requires the areas whose types its operations and its own types use.
fn set_requirements(types: &[TypeDef], groups: &[Group], areas: &mut [Area]) {
    let area_of = |home: Home| match home {
        Home::Shared => None,
        Home::Area(a) => Some(a),
        Home::Group(g) => Some(groups[g].area),
    };
    let mut requires: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); areas.len()];
    let mut add = |from: usize, ty: &TypeRef| {
        named_in(ty, &mut |id| {
            if let Some(to) = area_of(types[id.0].home)
                && to != from
            {
                requires[from].insert(to);
            }
        })
    };
    for def in types {
        if let Some(from) = area_of(def.home) {
            super::for_each_child(&def.kind, &mut |t| add(from, t));
        }
    }
    for group in groups {
        for op in &group.operations {
            for ty in operation_types(op) {
                add(group.area, &ty);
            }
        }
    }
    for (area, req) in areas.iter_mut().zip(requires) {
        area.requires = req.into_iter().collect();
    }
}

/// Every type an operation's signature names.
pub fn operation_types(op: &ir::Operation) -> Vec<TypeRef> {
    let mut out: Vec<TypeRef> = op.path_params.iter().map(|p| p.ty.clone()).collect();
    out.extend(op.body.iter().map(|b| b.ty.clone()));
    if let ir::Response::Envelope(t) | ir::Response::Json(t) = &op.response {
        out.push(t.clone());
    }
    if let Some(p) = &op.params_struct {
        out.push(TypeRef::Named(p.ty));
    }
    out
}

/// Calls `visit` on each named type inside `ty`.
/// Marks every type a response holds, at any depth.
fn mark_received(types: &mut [TypeDef], groups: &[Group]) {
    let mut todo: Vec<TypeId> = Vec::new();
    for op in groups.iter().flat_map(|g| &g.operations) {
        if let crate::ir::Response::Envelope(t) | crate::ir::Response::Json(t) = &op.response {
            named_in(t, &mut |id| todo.push(id));
        }
    }
    while let Some(id) = todo.pop() {
        if std::mem::replace(&mut types[id.0].received, true) {
            continue;
        }
        super::for_each_child(&types[id.0].kind, &mut |t| {
            named_in(t, &mut |id| todo.push(id))
        });
    }
}

fn named_in(ty: &TypeRef, visit: &mut dyn FnMut(TypeId)) {
    match ty {
        TypeRef::Named(id) => visit(*id),
        TypeRef::Prim(_) => {}
        TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Option(t) | TypeRef::Boxed(t) => {
            named_in(t, visit)
        }
    }
}
