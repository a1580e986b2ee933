//! One OpenAPI operation becomes one [`Operation`]: arguments in path-template order, a body,
//! the type a successful call returns, and the security alternatives.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr};

use super::path_params::path_params;
use super::types::{Direction, Hint, TypeBuilder, docs_of};
use super::{content, refs};
use crate::diag::pointer_push;
use crate::dialect::Dialect;
use crate::flatten::Flattener;
use crate::flatten::shape::{Kind, Shape};
use crate::ir::{
    Docs, Field, Operation, Paging, ParamLocation, ParamsStruct, Response, TypeKind, TypeRef,
};
use crate::naming;

/// What an operation is, before its method name is final.
pub struct OperationInput<'d> {
    /// The path template.
    pub path: &'d str,
    /// The lower-case HTTP method.
    pub method: &'d str,
    /// The operation.
    pub op: &'d openapiv3::Operation,
    /// Parameters declared on the path item, shared by its operations.
    pub shared_params: &'d [ReferenceOr<Parameter>],
    /// The operation's JSON pointer.
    pub ptr: String,
    /// The method name the operation proposes (before de-duplication).
    pub method_name: String,
    /// `operationId` (or one made from method and path when the spec has none).
    pub id: String,
    /// The index of its group (in lowering order).
    pub group: usize,
}

/// A parameter with its pointer, after `$ref`s are followed.
pub struct ParamInput<'d> {
    /// The parameter.
    pub param: &'d Parameter,
    /// Where it is declared.
    pub ptr: String,
}

/// Lowers one operation; problems go into `f.diags`.
pub fn lower_operation(
    doc: &OpenAPI,
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    input: &OperationInput<'_>,
    security: Vec<Vec<String>>,
) -> Operation {
    let pascal = naming::type_name(&input.method_name);
    let params = collect_params(doc, f, input);
    let path_params = path_params(f, types, input, &params, &pascal);
    let params_struct = params_struct(f, types, &params, &pascal, input);
    let body = input
        .op
        .request_body
        .as_ref()
        .and_then(|b| content::request_body(doc, f, types, b, input));
    let (mut response, has_result_info) = content::response(doc, f, types, input, &pascal);
    let paging = paging(f.dialect(), &response, has_result_info, &params);
    // A paged list is a `Vec` even where the envelope may omit `result`: no items.
    if paging.is_some()
        && let Response::Envelope(TypeRef::Option(inner)) = &response
    {
        response = Response::Envelope((**inner).clone());
    }
    Operation {
        id: input.id.clone(),
        method_name: input.method_name.clone(),
        http_method: input.method.to_uppercase(),
        path: input.path.to_string(),
        docs: Docs {
            summary: input.op.summary.clone(),
            description: input.op.description.clone(),
            example: None,
            deprecated: input.op.deprecated,
        },
        path_params,
        params_struct,
        body,
        response,
        security,
        paging,
    }
}

/// In a dialect that pages, a list (an envelope whose `result` is an array and which
/// carries `result_info`) pages with a cursor when the operation takes one of the dialect's
/// cursor query parameters, by page number otherwise.
fn paging(
    dialect: &Dialect,
    response: &Response,
    has_result_info: bool,
    params: &[ParamInput<'_>],
) -> Option<Paging> {
    let rule = dialect.paging?;
    let list = matches!(response, Response::Envelope(t) if is_list(t));
    if !(list && has_result_info) {
        return None;
    }
    let cursor = rule.cursor_params.iter().find(|name| {
        params.iter().any(|p| {
            matches!(p.param, Parameter::Query { .. })
                && p.param.parameter_data_ref().name == **name
        })
    });
    Some(match cursor {
        Some(name) => Paging::Cursor(name.to_string()),
        None => Paging::Page,
    })
}

fn is_list(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Vec(_) => true,
        TypeRef::Option(inner) => is_list(inner),
        _ => false,
    }
}

/// The path item's parameters overridden by the operation's (same name and location).
pub fn collect_params<'d>(
    doc: &'d OpenAPI,
    f: &mut Flattener<'_>,
    input: &OperationInput<'d>,
) -> Vec<ParamInput<'d>> {
    let item_ptr = pointer_push("#/paths", input.path);
    let mut by_key: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut out: Vec<ParamInput<'d>> = Vec::new();
    let sources = [
        (input.shared_params, pointer_push(&item_ptr, "parameters")),
        (
            &input.op.parameters[..],
            pointer_push(&input.ptr, "parameters"),
        ),
    ];
    for (from_op, (list, list_ptr)) in sources.iter().enumerate() {
        let mut seen_here: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
        for (i, p) in list.iter().enumerate() {
            let ptr = pointer_push(list_ptr, &i.to_string());
            let Some(param) = refs::resolve(doc, f, p, &refs::PARAMETERS, &ptr) else {
                continue;
            };
            let key = (param.parameter_data_ref().name.clone(), location(param));
            if let Some(first) = seen_here.insert(key.clone(), i) {
                f.diags.push(
                    f.sources()
                        .error(&ptr, format!("parameter `{}` in {} is declared twice (also at index {first})", key.0, key.1))
                        .help("a parameter is identified by its name and location; remove one of them"),
                );
                continue;
            }
            match by_key.get(&key) {
                Some(&at) if from_op == 1 => out[at] = ParamInput { param, ptr },
                _ => {
                    by_key.insert(key, out.len());
                    out.push(ParamInput { param, ptr });
                }
            }
        }
    }
    out
}

fn location(p: &Parameter) -> &'static str {
    match p {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// The flattened schema of a parameter (`content` parameters are read as strings).
pub fn param_shape(f: &mut Flattener<'_>, param: &Parameter, ptr: &str) -> Shape {
    let data = param.parameter_data_ref();
    let shape = match &data.format {
        ParameterSchemaOrContent::Schema(s) => f.flatten_ref(s, &pointer_push(ptr, "schema")),
        ParameterSchemaOrContent::Content(_) => Shape::string(),
    };
    f.note(|| {
        let optional = if data.required { "" } else { "?" };
        format!("{} {}{optional}: {shape}", location(param), data.name)
    });
    shape
}

/// Query and header parameters as one struct type, `<Method>Params`.
fn params_struct(
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    params: &[ParamInput<'_>],
    pascal: &str,
    input: &OperationInput<'_>,
) -> Option<ParamsStruct> {
    let mut fields = Vec::new();
    let mut locations = Vec::new();
    let hint = Hint::operation(
        input.group,
        &input.id,
        "params",
        format!("{pascal}Params"),
        format!("Query and header parameters of `{}`.", input.method_name),
    );
    for p in params {
        let location = match p.param {
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => {
                f.diags.push(f.sources().warning(
                    &p.ptr,
                    "cookie parameters are not supported; this one is not sent",
                ));
                continue;
            }
            Parameter::Path { .. } => continue,
        };
        let data = p.param.parameter_data_ref();
        let shape = param_shape(f, p.param, &p.ptr);
        let ty = types.lower(f, &shape, &hint.child(&data.name), Direction::Request);
        let mut docs = docs_of(&shape.meta);
        docs.description = data.description.clone().or(docs.description);
        docs.deprecated |= data.deprecated.unwrap_or(false);
        let max_length = match &shape.kind {
            Kind::String(s) => s.max_length,
            _ => None,
        };
        fields.push(Field {
            rust: naming::field_name(&data.name),
            wire: data.name.clone(),
            ty,
            optional: !data.required,
            send_null: false,
            max_length,
            docs,
        });
        locations.push(location);
    }
    if fields.is_empty() {
        return None;
    }
    let mut names: Vec<String> = fields.iter().map(|f| f.rust.clone()).collect();
    naming::dedupe(&mut names);
    for (field, name) in fields.iter_mut().zip(names) {
        field.rust = name;
    }
    let any_required = fields.iter().any(|f| !f.optional);
    let TypeRef::Named(ty) = types.intern_struct(
        &hint,
        TypeKind::Struct {
            fields,
            extra: None,
        },
    ) else {
        unreachable!("intern_struct returns a named type")
    };
    Some(ParamsStruct {
        ty,
        locations,
        any_required,
    })
}
