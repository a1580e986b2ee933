//! Stage 4, lower: the document and its flattened shapes become [`ir::Api`], with every
//! name chosen here (through `naming`), once.

pub(crate) mod areas;
mod boxing;
mod content;
mod direction;
mod envelope;
mod finish;
mod keys;
mod operations;
mod path_params;
mod refs;
mod security;
mod types;

use std::collections::{BTreeMap, HashMap};

use openapiv3::ReferenceOr;

use crate::diag::{Diagnostics, operation_pointer, pointer_push};
use crate::flatten::Flattener;
use crate::ir::{self, Api, Group, TypeKind, TypeRef};
use crate::load::Loaded;
use crate::naming;
pub use content::{MediaKind, classify, pick_media, success_of};
pub use envelope::{Unwrapped, unwrap as unwrap_envelope};
use operations::lower_operation;
pub use operations::{OperationInput, ParamInput, collect_params, param_shape};
pub use refs::{PARAMETERS, REQUEST_BODIES, RESPONSES, Section, resolve as resolve_component};
pub use security::{credential_sets, requirements, schemes};
use types::TypeBuilder;
pub use types::{is_named, scalar, variant_for};

/// Module names the generated crate uses for itself.
const RESERVED_MODULES: &[&str] = &["runtime", "auth", "types", "prelude"];

/// The lowered API, with the warnings met on the way and, when asked for, what was made of
/// each operation.
#[derive(Debug, Clone)]
pub struct Lowered {
    /// The API.
    pub api: Api,
    /// Repairs and ignored keywords, each with its pointer.
    pub warnings: Diagnostics,
    /// Per operation, in the order lowered: every allOf merge and anyOf narrowing, and the
    /// flattened shape of each parameter, body and response used (empty unless recorded).
    pub report: Vec<OperationReport>,
}

/// The decisions made while lowering one operation.
#[derive(Debug, Clone)]
pub struct OperationReport {
    /// `PUT /zones/{identifier} (operationId)`.
    pub title: String,
    /// The operation's JSON pointer (decision lines name places below it).
    pub pointer: String,
    /// One line per decision or shape, in the order they were made.
    pub lines: Vec<String>,
}

/// Lowers a loaded document. Errors (and warnings) are returned together; on success the
/// warnings come with the API. With `record`, the decisions of every operation are kept.
pub fn lower(loaded: &Loaded, crate_name: &str, record: bool) -> Result<Lowered, Diagnostics> {
    let doc = &loaded.document;
    let mut f = Flattener::new(doc, &loaded.sources, loaded.dialect);
    if record {
        f.record_decisions();
    }
    let mut report = Vec::new();
    f.diags.extend(loaded.errors.clone());
    f.diags.extend(loaded.warnings.clone());
    let schemes = security::schemes(doc, loaded.dialect, &loaded.sources, &mut f.diags);
    let groups_in = collect_operations(loaded, &mut f.diags);
    let component_names = doc.components.iter().flat_map(|c| c.schemas.keys());
    let mut builder = TypeBuilder::new(loaded.dialect, component_names);
    let mut groups = Vec::new();
    let mut all_requirements = Vec::new();
    for ((tag, untagged), inputs) in &groups_in {
        let mut operations = Vec::new();
        for input in inputs {
            let security = security::requirements(
                input.op,
                doc,
                loaded.dialect,
                &input.ptr,
                &schemes,
                &loaded.sources,
                &mut f.diags,
            );
            all_requirements.extend(security.iter().cloned());
            // Decisions made before this operation (none: each operation drains its own).
            f.take_decisions();
            operations.push(lower_operation(doc, &mut f, &mut builder, input, security));
            if record {
                report.push(OperationReport {
                    title: format!(
                        "{} {} ({})",
                        input.method.to_uppercase(),
                        input.path,
                        input.op.operation_id.as_deref().unwrap_or("no operationId")
                    ),
                    pointer: input.ptr.clone(),
                    lines: f.take_decisions(),
                });
            }
        }
        groups.push(new_group(tag, *untagged, operations));
    }
    name_groups(&mut groups);
    let mut areas = areas::assign(&mut groups, loaded.dialect.areas);
    areas::group_modules(&areas, &mut groups, RESERVED_MODULES);
    if f.diags.has_errors() {
        return Err(f.diags);
    }
    let mut types = finish::finish(&builder, &mut groups, &mut areas);
    areas::handles(&mut areas, &mut groups, &types);
    boxing::box_recursion(&mut types);
    let info = &doc.info;
    let api = Api {
        crate_name: crate_name.to_string(),
        title: info.title.clone(),
        description: info.description.clone(),
        version: info.version.clone(),
        default_base_url: default_base_url(doc),
        types,
        groups,
        areas,
        credential_sets: security::credential_sets(&all_requirements, &schemes),
        keywords: loaded
            .dialect
            .keywords
            .iter()
            .map(|k| k.to_string())
            .collect(),
        credential_policy: security::credential_policy(loaded.dialect),
        request_id_header: loaded.dialect.request_id_header.map(str::to_string),
        schemes,
    };
    Ok(Lowered {
        api,
        warnings: f.diags,
        report,
    })
}

/// The first server's URL without a trailing `/` (`http://localhost` when there is none).
pub fn default_base_url(doc: &openapiv3::OpenAPI) -> String {
    doc.servers.first().map_or_else(
        || "http://localhost".to_string(),
        |s| s.url.trim_end_matches('/').to_string(),
    )
}

/// Operations by tag (sorted), each group's operations sorted by method name and made unique.
/// Each operation's method name by the operation's JSON pointer, as [`lower`] names them:
/// for reading a document without lowering it (`generator diff`).
pub fn method_names(loaded: &Loaded) -> HashMap<String, String> {
    let mut diags = Diagnostics::default();
    collect_operations(loaded, &mut diags)
        .into_values()
        .flatten()
        .map(|input| (input.ptr, input.method_name))
        .collect()
}

fn collect_operations<'d>(
    loaded: &'d Loaded,
    diags: &mut Diagnostics,
) -> BTreeMap<(String, bool), Vec<OperationInput<'d>>> {
    let mut groups: BTreeMap<(String, bool), Vec<OperationInput<'d>>> = BTreeMap::new();
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
            let mut id = op
                .operation_id
                .clone()
                .unwrap_or_else(|| naming::fallback_operation_id(method, path));
            if let Some(first) = ids.get(&id) {
                let id_ptr = pointer_push(&ptr, "operationId");
                let message = format!("operationId `{id}` is used twice (first at {first})");
                let fallback = naming::fallback_operation_id(method, path);
                if !loaded.dialect.rename_repeated_operation_ids || ids.contains_key(&fallback) {
                    diags.push(
                        loaded
                            .sources
                            .error(&id_ptr, message)
                            .help("operationIds must be unique in a document; rename one"),
                    );
                    continue;
                }
                diags.push(
                    loaded
                        .sources
                        .warning(
                            &id_ptr,
                            format!(
                                "{message}; this one is named after its method and path \
                                 (`{}`) instead",
                                naming::method_name(&fallback, "")
                            ),
                        )
                        .help("operationIds must be unique in a document; rename one"),
                );
                id = fallback;
            }
            ids.insert(id.clone(), ptr.clone());
            // Operations without a tag are grouped by their paths' area (`/v1/charges` is
            // `charges`), not thrown together into one group.
            let (tag, untagged) = match op.tags.first().filter(|t| !t.trim().is_empty()) {
                Some(tag) => (tag.clone(), false),
                None => (areas::area_segment(path, loaded.dialect.areas), true),
            };
            groups
                .entry((tag, untagged))
                .or_default()
                .push(OperationInput {
                    path,
                    method,
                    op,
                    shared_params: &item.parameters,
                    ptr,
                    method_name: String::new(),
                    id,
                    group: 0,
                });
        }
    }
    // Groups are lowered in this order: their indices are known now.
    for (g, ((tag, untagged), inputs)) in groups.iter_mut().enumerate() {
        // The area the group will live in (`areas::assign`): its module's words.
        let area = areas::group_segment(inputs.iter().map(|i| i.path), loaded.dialect.areas);
        let ops: Vec<(&str, &str, &str)> = inputs
            .iter()
            .map(|i| (i.id.as_str(), i.method, i.path))
            .collect();
        let names = naming::method_names(&ops, &area, if *untagged { "" } else { tag });
        for (input, name) in inputs.iter_mut().zip(names) {
            input.group = g;
            input.method_name = name;
        }
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

fn new_group(tag: &str, untagged: bool, operations: Vec<ir::Operation>) -> Group {
    let tag_or_default = if tag.is_empty() { "operations" } else { tag };
    let mut module = naming::module_name(tag_or_default);
    if RESERVED_MODULES.contains(&module.as_str()) {
        module.push_str("_api");
    }
    Group {
        tag: tag.to_string(),
        untagged,
        accessor: naming::group_accessor(&module),
        call: String::new(),
        area: 0,
        handle: naming::group_handle(tag_or_default),
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
            g.handle = naming::group_handle(&m);
            g.accessor = naming::group_accessor(&m);
            g.module = m;
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
        TypeKind::Tagged { variants, .. } => variants.iter().for_each(|v| visit(&v.ty)),
        TypeKind::Alias(id) => visit(&TypeRef::Named(*id)),
    }
}
