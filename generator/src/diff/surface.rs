//! What the generated crate makes of one operation, read with the generator's own rules
//! (`lower`'s choice of parameters, media type, success response and envelope), but kept
//! as flattened shapes so that two documents can be compared.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{Parameter, ReferenceOr};

use crate::diag::{Diagnostics, operation_pointer, pointer_push};
use crate::flatten::{Flattener, Kind, Shape};
use crate::load::Loaded;
use crate::lower::{self, MediaKind, OperationInput};
use crate::naming;

/// One operation as its method sees it.
#[derive(Debug, Clone)]
pub struct Surface {
    /// The operationId (or the generator's fallback for one without).
    pub id: String,
    /// The lower-case HTTP method.
    pub method: String,
    /// The path template.
    pub path: String,
    /// The first tag ("" for none): the handle the method lives on.
    pub tag: String,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Path parameters in template order, with their shapes.
    pub path_params: Vec<(String, Shape)>,
    /// Query and header parameters, in declaration order.
    pub params: Vec<ParamSurface>,
    /// The request body.
    pub body: Option<BodySurface>,
    /// What a successful call returns.
    pub response: ResponseSurface,
    /// The security alternatives, each a set of scheme names (empty: no credentials).
    pub security: Vec<BTreeSet<String>>,
}

/// A query or header parameter: one field of the method's `params` struct.
#[derive(Debug, Clone)]
pub struct ParamSurface {
    /// The wire name.
    pub name: String,
    /// `query` or `header`.
    pub location: &'static str,
    /// `required: true`.
    pub required: bool,
    /// The parameter's schema.
    pub shape: Shape,
}

/// A request body: the `body` argument.
#[derive(Debug, Clone)]
pub struct BodySurface {
    /// How it is encoded.
    pub kind: MediaKind,
    /// `required: true`.
    pub required: bool,
    /// The schema (JSON and multipart bodies).
    pub shape: Shape,
}

/// What a successful call returns.
#[derive(Debug, Clone)]
pub enum ResponseSurface {
    /// `()`: no success response with content.
    Empty,
    /// A `String`.
    Text,
    /// A `Vec<u8>`.
    Bytes,
    /// A JSON body that is no envelope.
    Json(Shape),
    /// An envelope; the method returns its `result`.
    Envelope(EnvelopeResult),
}

/// The `result` of an envelope.
#[derive(Debug, Clone)]
pub struct EnvelopeResult {
    /// The declared schema (`None`: the envelope declares no result, the method returns `()`).
    pub shape: Option<Shape>,
    /// Whether the envelope requires `result`.
    pub required: bool,
    /// A paged list: the method returns a `Vec` whether `result` is required or not.
    pub paged: bool,
}

/// Every operation of a document, in document order, with the problems met.
pub fn surfaces(loaded: &Loaded, f: &mut Flattener<'_>) -> Vec<Surface> {
    let doc = &loaded.document;
    let schemes = lower::schemes(doc, loaded.dialect, &loaded.sources, &mut f.diags);
    let names = lower::method_names(loaded);
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            let ptr = pointer_push("#/paths", path);
            let message = "a `$ref` path item is not supported; its operations are left out";
            f.diags.push(loaded.sources.error(&ptr, message));
            continue;
        };
        for (method, op) in item.iter() {
            let id = op
                .operation_id
                .clone()
                .unwrap_or_else(|| naming::fallback_operation_id(method, path));
            let tag = op.tags.first().cloned().unwrap_or_default();
            let input = OperationInput {
                path,
                method,
                op,
                shared_params: &item.parameters,
                ptr: operation_pointer(path, method),
                method_name: names
                    .get(&operation_pointer(path, method))
                    .cloned()
                    .unwrap_or_else(|| naming::method_name(&id, &tag)),
                id: id.clone(),
                group: 0,
            };
            let requirements = lower::requirements(
                op,
                doc,
                loaded.dialect,
                &input.ptr,
                &schemes,
                &loaded.sources,
                &mut f.diags,
            );
            out.push(surface(loaded, f, &input, id, tag, requirements));
        }
    }
    report_duplicate_ids(loaded, &out, &mut f.diags);
    out
}

fn surface(
    loaded: &Loaded,
    f: &mut Flattener<'_>,
    input: &OperationInput<'_>,
    id: String,
    tag: String,
    requirements: Vec<Vec<String>>,
) -> Surface {
    let doc = &loaded.document;
    let params = lower::collect_params(doc, f, input);
    let mut path_params = Vec::new();
    for name in crate::template::names(input.path) {
        let declared = params.iter().find(|p| {
            matches!(p.param, Parameter::Path { .. }) && p.param.parameter_data_ref().name == name
        });
        // An undeclared one is an error `generate` reports; as a string it compares well.
        let shape = declared.map_or_else(Shape::string, |p| lower::param_shape(f, p.param, &p.ptr));
        path_params.push((name, shape));
    }
    let mut query = Vec::new();
    for p in &params {
        let location = match p.param {
            Parameter::Query { .. } => "query",
            Parameter::Header { .. } => "header",
            // Cookie parameters are not sent by the generated crate.
            Parameter::Path { .. } | Parameter::Cookie { .. } => continue,
        };
        let data = p.param.parameter_data_ref();
        query.push(ParamSurface {
            name: data.name.clone(),
            location,
            required: data.required,
            shape: lower::param_shape(f, p.param, &p.ptr),
        });
    }
    Surface {
        id,
        method: input.method.to_string(),
        path: input.path.to_string(),
        tag,
        deprecated: input.op.deprecated,
        path_params,
        params: query,
        body: body(loaded, f, input),
        response: response(loaded, f, input),
        security: requirements
            .into_iter()
            .map(|r| r.into_iter().collect())
            .collect(),
    }
}

fn body(loaded: &Loaded, f: &mut Flattener<'_>, input: &OperationInput<'_>) -> Option<BodySurface> {
    let ptr = pointer_push(&input.ptr, "requestBody");
    let body = input.op.request_body.as_ref()?;
    let body = lower::resolve_component(&loaded.document, f, body, &lower::REQUEST_BODIES, &ptr)?;
    let aliases = f.dialect().text_media_aliases;
    let (media, content) = lower::pick_media(&body.content, aliases)?;
    let schema_ptr = pointer_push(
        &pointer_push(&pointer_push(&ptr, "content"), media),
        "schema",
    );
    let shape = match &content.schema {
        Some(s) => f.flatten_ref(s, &schema_ptr),
        None => Shape::any(),
    };
    Some(BodySurface {
        kind: lower::classify(media, aliases),
        required: body.required,
        shape,
    })
}

fn response(loaded: &Loaded, f: &mut Flattener<'_>, input: &OperationInput<'_>) -> ResponseSurface {
    let Some((key, response)) = lower::success_of(&input.op.responses) else {
        return ResponseSurface::Empty;
    };
    let ptr = pointer_push(&pointer_push(&input.ptr, "responses"), &key);
    let Some(response) =
        lower::resolve_component(&loaded.document, f, response, &lower::RESPONSES, &ptr)
    else {
        return ResponseSurface::Empty;
    };
    let aliases = f.dialect().text_media_aliases;
    let Some((media, content)) = lower::pick_media(&response.content, aliases) else {
        return ResponseSurface::Empty;
    };
    match lower::classify(media, aliases) {
        MediaKind::Json => {}
        MediaKind::Text => return ResponseSurface::Text,
        MediaKind::Bytes | MediaKind::Multipart | MediaKind::Form => {
            return ResponseSurface::Bytes;
        }
    }
    let schema_ptr = pointer_push(
        &pointer_push(&pointer_push(&ptr, "content"), media),
        "schema",
    );
    let shape = match &content.schema {
        Some(s) => f.flatten_ref(s, &schema_ptr),
        None => Shape::any(),
    };
    let (Some(unwrapped), Some(rule)) = (lower::unwrap_envelope(f, &shape), f.dialect().envelope)
    else {
        return ResponseSurface::Json(shape);
    };
    // The envelope's own declaration of `result` (`unwrap_envelope` makes an optional one
    // nullable): the comparison sees the schema and the requiredness apart.
    let envelope = f.resolved(&shape);
    let Kind::Object(o) = &envelope.kind else {
        return ResponseSurface::Json(shape);
    };
    let result = o.properties.get(rule.result).cloned();
    let paged = unwrapped.has_result_info
        && result
            .as_ref()
            .is_some_and(|r| matches!(f.resolved(r).kind, Kind::Array(_)));
    ResponseSurface::Envelope(EnvelopeResult {
        required: o.required.contains(rule.result),
        shape: result,
        paged,
    })
}

/// An operationId used more than once is an error for `generate` (a warning in a dialect
/// that renames the later uses, as `generate` does); `diff` reports it and compares those
/// operations as removed or added (they cannot be matched by id).
fn report_duplicate_ids(loaded: &Loaded, surfaces: &[Surface], diags: &mut Diagnostics) {
    let mut by_id: BTreeMap<&str, Vec<&Surface>> = BTreeMap::new();
    for s in surfaces {
        by_id.entry(&s.id).or_default().push(s);
    }
    for (id, uses) in by_id {
        let Some((first, rest)) = uses.split_first() else {
            continue;
        };
        for s in rest {
            let at = pointer_push(&operation_pointer(&s.path, &s.method), "operationId");
            let message = format!(
                "operationId `{id}` is used {} times (first at {})",
                uses.len(),
                operation_pointer(&first.path, &first.method)
            );
            let diagnostic = if loaded.dialect.rename_repeated_operation_ids {
                loaded.sources.warning(&at, message)
            } else {
                loaded.sources.error(&at, message)
            };
            diags.push(diagnostic.help("operationIds must be unique in a document; rename one"));
        }
    }
}
