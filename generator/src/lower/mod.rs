//! Stage 4, lower: the document and its flattened shapes become [`ir::Api`], with every
//! name chosen here (through `naming`), once.

mod areas;
mod boxing;
mod content;
mod envelope;
mod operations;
mod path_params;
mod refs;
mod security;
mod types;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::ReferenceOr;

use crate::diag::{Diagnostics, operation_pointer, pointer_push};
use crate::flatten::Flattener;
use crate::ir::{self, Api, Group, Home, TypeDef, TypeId, TypeKind, TypeRef};
use crate::load::Loaded;
use crate::naming;
pub use envelope::result_of as envelope_result;
use operations::{OperationInput, lower_operation};
use types::TypeBuilder;

/// Module names the generated crate uses for itself.
const RESERVED_MODULES: &[&str] = &["runtime", "auth", "types", "prelude"];

/// Lowers a loaded document. Errors (and warnings) are returned together; on success the
/// warnings come with the API.
pub fn lower(loaded: &Loaded, crate_name: &str) -> Result<(Api, Diagnostics), Diagnostics> {
    let doc = &loaded.document;
    let mut f = Flattener::new(doc, &loaded.sources);
    f.diags.extend(loaded.errors.clone());
    f.diags.extend(loaded.warnings.clone());
    let schemes = security::schemes(doc, &loaded.sources, &mut f.diags);
    let groups_in = collect_operations(loaded, &mut f.diags);
    let mut builder = TypeBuilder::default();
    let mut groups = Vec::new();
    let mut all_requirements = Vec::new();
    for (tag, inputs) in &groups_in {
        let mut operations = Vec::new();
        for input in inputs {
            let security = security::requirements(
                input.op,
                doc,
                &input.ptr,
                &schemes,
                &loaded.sources,
                &mut f.diags,
            );
            all_requirements.extend(security.iter().cloned());
            operations.push(lower_operation(doc, &mut f, &mut builder, input, security));
        }
        groups.push(new_group(tag, operations));
    }
    name_groups(&mut groups);
    let areas = areas::assign(&mut groups);
    if f.diags.has_errors() {
        return Err(f.diags);
    }
    let mut types = finish_types(&builder, &groups);
    boxing::box_recursion(&mut types);
    let info = &doc.info;
    let api = Api {
        crate_name: crate_name.to_string(),
        title: info.title.clone(),
        description: info.description.clone(),
        version: info.version.clone(),
        default_base_url: doc.servers.first().map_or_else(
            || "http://localhost".to_string(),
            |s| s.url.trim_end_matches('/').to_string(),
        ),
        types,
        groups,
        areas,
        credential_sets: security::credential_sets(&all_requirements, &schemes),
        schemes,
    };
    Ok((api, f.diags))
}

/// Operations by tag (sorted), each group's operations sorted by method name and made unique.
fn collect_operations<'d>(
    loaded: &'d Loaded,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<OperationInput<'d>>> {
    let mut groups: BTreeMap<String, Vec<OperationInput<'d>>> = BTreeMap::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    for (path, item) in &loaded.document.paths.paths {
        let item_ptr = pointer_push("#/paths", path);
        let ReferenceOr::Item(item) = item else {
            diags.push(
                loaded
                    .sources
                    .error(&item_ptr, "a `$ref` path item is not supported")
                    .help("inline the path item"),
            );
            continue;
        };
        for (method, op) in item.iter() {
            let ptr = operation_pointer(path, method);
            let id = op
                .operation_id
                .clone()
                .unwrap_or_else(|| naming::fallback_operation_id(method, path));
            if let Some(first) = ids.insert(id.clone(), ptr.clone()) {
                diags.push(
                    loaded
                        .sources
                        .error(
                            &pointer_push(&ptr, "operationId"),
                            format!("operationId `{id}` is used twice (first at {first})"),
                        )
                        .help("operationIds must be unique in a document; rename one"),
                );
                continue;
            }
            let tag = op.tags.first().cloned().unwrap_or_default();
            let method_name = naming::method_name(&id, &tag);
            groups.entry(tag).or_default().push(OperationInput {
                path,
                method,
                op,
                shared_params: &item.parameters,
                ptr,
                method_name,
            });
        }
    }
    for inputs in groups.values_mut() {
        inputs.sort_by(|a, b| {
            (&a.method_name, a.path, a.method).cmp(&(&b.method_name, b.path, b.method))
        });
        let mut names: Vec<String> = inputs.iter().map(|i| i.method_name.clone()).collect();
        naming::dedupe(&mut names);
        for (input, name) in inputs.iter_mut().zip(names) {
            input.method_name = name;
        }
    }
    groups
}

fn new_group(tag: &str, operations: Vec<ir::Operation>) -> Group {
    let tag_or_default = if tag.is_empty() { "operations" } else { tag };
    let mut module = naming::module_name(tag_or_default);
    if RESERVED_MODULES.contains(&module.as_str()) {
        module.push_str("_api");
    }
    Group {
        tag: tag.to_string(),
        accessor: module.clone(),
        area: 0,
        handle: format!("{}Api", naming::type_name(tag_or_default)),
        module,
        operations,
    }
}

/// Two tags that make the same module name ("DNS records", "DNS Records") are numbered.
fn name_groups(groups: &mut [Group]) {
    let mut modules: Vec<String> = groups.iter().map(|g| g.module.clone()).collect();
    naming::dedupe(&mut modules);
    for (g, m) in groups.iter_mut().zip(modules) {
        if g.module != m {
            g.handle = format!("{}Api", naming::type_name(&m));
            g.accessor = m.clone();
            g.module = m;
        }
    }
}

/// Final names, documentation and modules for every type.
fn finish_types(builder: &TypeBuilder, groups: &[Group]) -> Vec<TypeDef> {
    let mut memo = HashMap::new();
    let keys: Vec<String> = (0..builder.types.len())
        .map(|i| builder.canonical_key(TypeId(i), &mut memo))
        .collect();
    let mut candidates: Vec<BTreeSet<naming::Candidate>> =
        builder.types.iter().map(|p| p.candidates.clone()).collect();
    // Group handles live in the same modules as types: no type may take their names.
    let handles: BTreeSet<naming::Candidate> = groups
        .iter()
        .map(|g| naming::Candidate {
            rank: 0,
            name: g.handle.clone(),
        })
        .collect();
    candidates.extend(handles.iter().map(|h| BTreeSet::from([h.clone()])));
    let mut all_keys = keys.clone();
    all_keys.extend(handles.iter().map(|h| format!("handle {}", h.name)));
    let names = naming::assign_type_names(&candidates, &all_keys);
    let homes = type_homes(builder, groups);
    builder
        .types
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = names[i].clone();
            let docs = p.docs.get(&name).cloned().or_else(|| {
                // A numbered name has no documentation of its own: use its best candidate's.
                let best = p
                    .candidates
                    .iter()
                    .min_by_key(|c| (c.rank, c.name.len(), c.name.clone()))?;
                p.docs.get(&best.name).cloned()
            });
            TypeDef {
                name,
                home: homes[i],
                docs: docs.unwrap_or_default(),
                kind: p.kind.clone(),
                sent: p.sent,
                multipart: p.multipart,
            }
        })
        .collect()
}

/// A type reached from one group's operations lives in that group's module; from several
/// groups of one area, in the area's `types`; from several areas, in the shared `types`,
/// which every feature compiles.
fn type_homes(builder: &TypeBuilder, groups: &[Group]) -> Vec<Home> {
    let mut users: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); builder.types.len()];
    for (g, group) in groups.iter().enumerate() {
        let mut stack: Vec<TypeId> = Vec::new();
        for op in &group.operations {
            let mut roots: Vec<&TypeRef> = op.path_params.iter().map(|p| &p.ty).collect();
            roots.extend(op.body.iter().map(|b| &b.ty));
            if let ir::Response::Envelope(t) | ir::Response::Json(t) = &op.response {
                roots.push(t);
            }
            for r in roots {
                named_in(r, &mut stack);
            }
            if let Some(p) = &op.params_struct {
                stack.push(p.ty);
            }
        }
        while let Some(id) = stack.pop() {
            if users[id.0].insert(g) {
                for_each_child(&builder.types[id.0].kind, &mut |t| named_in(t, &mut stack));
            }
        }
    }
    users
        .iter()
        .map(|u| {
            let areas: BTreeSet<usize> = u.iter().map(|&g| groups[g].area).collect();
            match (u.len(), areas.len()) {
                (1, _) => Home::Group(*u.iter().next().unwrap_or(&0)),
                (_, 1) => Home::Area(*areas.iter().next().unwrap_or(&0)),
                _ => Home::Shared,
            }
        })
        .collect()
}

fn named_in(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Prim(_) => {}
        TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Option(t) | TypeRef::Boxed(t) => {
            named_in(t, out)
        }
    }
}

/// Calls `visit` on every type a definition refers to directly.
pub fn for_each_child(kind: &TypeKind, visit: &mut dyn FnMut(&TypeRef)) {
    match kind {
        TypeKind::Struct { fields, extra } => {
            fields.iter().for_each(|f| visit(&f.ty));
            extra.iter().for_each(&mut *visit);
        }
        TypeKind::Enum { .. } => {}
        TypeKind::Untagged { variants } => variants.iter().for_each(|(_, t)| visit(t)),
        TypeKind::Tagged { variants, .. } => variants.iter().for_each(|(_, t)| visit(t)),
    }
}
