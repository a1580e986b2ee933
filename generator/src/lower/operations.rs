//! One OpenAPI operation becomes one [`Operation`]: arguments in path-template order, a body,
//! the type a successful call returns, and the security alternatives.

use std::collections::BTreeMap;

use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, StatusCode,
};

use super::envelope;
use super::types::{Direction, Hint, TypeBuilder, docs_of};
use crate::diag::pointer_push;
use crate::flatten::Flattener;
use crate::flatten::shape::{Kind, Shape};
use crate::ir::{
    Body, BodyEncoding, Docs, Field, Operation, Param, ParamLocation, ParamsStruct, Prim, Response,
    TypeKind, TypeRef,
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
}

/// A parameter with its pointer, after `$ref`s are followed.
struct ParamInput<'d> {
    param: &'d Parameter,
    ptr: String,
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
    let params_struct = params_struct(f, types, &params, &pascal, &input.method_name);
    let body = input
        .op
        .request_body
        .as_ref()
        .and_then(|b| request_body(doc, f, types, b, input, &pascal));
    let response = response(doc, f, types, input, &pascal);
    Operation {
        id: input
            .op
            .operation_id
            .clone()
            .unwrap_or_else(|| naming::fallback_operation_id(input.method, input.path)),
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
    }
}

/// The path item's parameters overridden by the operation's (same name and location).
fn collect_params<'d>(
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
            let Some(param) = resolve_param(doc, f, p, &ptr) else {
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

fn resolve_param<'d>(
    doc: &'d OpenAPI,
    f: &mut Flattener<'_>,
    p: &'d ReferenceOr<Parameter>,
    ptr: &str,
) -> Option<&'d Parameter> {
    match p {
        ReferenceOr::Item(param) => Some(param),
        ReferenceOr::Reference { reference } => {
            let found = reference
                .strip_prefix("#/components/parameters/")
                .and_then(|name| doc.components.as_ref()?.parameters.get(name));
            match found {
                Some(ReferenceOr::Item(param)) => Some(param),
                _ => {
                    f.diags.push(f.sources().error(
                        ptr,
                        format!(
                            "dangling `$ref`: `{reference}` is not a parameter in this document"
                        ),
                    ));
                    None
                }
            }
        }
    }
}

/// The flattened schema of a parameter (`content` parameters are read as strings).
fn param_shape(f: &mut Flattener<'_>, param: &Parameter, ptr: &str) -> Shape {
    match &param.parameter_data_ref().format {
        ParameterSchemaOrContent::Schema(s) => f.flatten_ref(s, &pointer_push(ptr, "schema")),
        ParameterSchemaOrContent::Content(_) => Shape::string(),
    }
}

/// Path parameters in the order the template names them; every name must be declared.
fn path_params(
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    input: &OperationInput<'_>,
    params: &[ParamInput<'_>],
    pascal: &str,
) -> Vec<Param> {
    let declared: Vec<&ParamInput<'_>> = params
        .iter()
        .filter(|p| matches!(p.param, Parameter::Path { .. }))
        .collect();
    let template = template_names(input.path);
    for p in &declared {
        let name = &p.param.parameter_data_ref().name;
        if !template.contains(name) {
            f.diags.push(
                f.sources()
                    .error(
                        &p.ptr,
                        format!(
                            "path parameter `{name}` does not appear in the path `{}`",
                            input.path
                        ),
                    )
                    .help(format!(
                        "add `{{{name}}}` to the path, or declare the parameter `in: query`"
                    )),
            );
        }
    }
    let mut out = Vec::new();
    for name in &template {
        let Some(p) = declared
            .iter()
            .find(|p| &p.param.parameter_data_ref().name == name)
        else {
            f.diags.push(
                f.sources()
                    .error(&input.ptr, format!("the path `{}` names `{{{name}}}`, but no path parameter `{name}` is declared", input.path))
                    .help(format!("declare `{{name: {name}, in: path, required: true, schema: {{type: string}}}}` in `parameters`")),
            );
            continue;
        };
        let shape = param_shape(f, p.param, &p.ptr);
        let hint = Hint::new(
            format!("{pascal}{}", naming::type_name(name)),
            1,
            format!("The `{name}` path parameter of `{}`.", input.method_name),
        );
        let ty = types.lower(f, &shape, &hint, Direction::Request);
        let max_length = match &shape.kind {
            Kind::String(s) => s.max_length,
            _ => None,
        };
        let data = p.param.parameter_data_ref();
        let mut docs = docs_of(&shape.meta);
        docs.description = data.description.clone().or(docs.description);
        out.push(Param {
            rust: naming::field_name(name),
            wire: name.clone(),
            ty,
            max_length,
            docs,
        });
    }
    let mut names: Vec<String> = out.iter().map(|p| p.rust.clone()).collect();
    naming::dedupe(&mut names);
    for (p, n) in out.iter_mut().zip(names) {
        p.rust = n;
    }
    out
}

/// `{a}` and `{b}` of `/x/{a}/y/{b}`, in order.
pub fn template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    names
}

/// Query and header parameters as one struct type, `<Method>Params`.
fn params_struct(
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    params: &[ParamInput<'_>],
    pascal: &str,
    method_name: &str,
) -> Option<ParamsStruct> {
    let mut fields = Vec::new();
    let mut locations = Vec::new();
    let hint = Hint::new(
        format!("{pascal}Params"),
        1,
        format!("Query and header parameters of `{}`.", method_name),
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

/// Whether a media type is JSON (`application/json`, `application/problem+json`, ...).
pub fn is_json(media: &str) -> bool {
    let m = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    m == "application/json"
        || m.ends_with("+json")
        || m == "*/*"
        || m == "undefined"
        || m == "string"
}

fn request_body(
    doc: &OpenAPI,
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    body: &ReferenceOr<RequestBody>,
    input: &OperationInput<'_>,
    pascal: &str,
) -> Option<Body> {
    let ptr = pointer_push(&input.ptr, "requestBody");
    let body = match body {
        ReferenceOr::Item(b) => b,
        ReferenceOr::Reference { reference } => {
            let found = reference
                .strip_prefix("#/components/requestBodies/")
                .and_then(|n| doc.components.as_ref()?.request_bodies.get(n));
            match found {
                Some(ReferenceOr::Item(b)) => b,
                _ => {
                    f.diags.push(f.sources().error(
                        &ptr,
                        format!(
                            "dangling `$ref`: `{reference}` is not a request body in this document"
                        ),
                    ));
                    return None;
                }
            }
        }
    };
    let (media, content) = pick_media(&body.content)?;
    let content_ptr = pointer_push(&pointer_push(&ptr, "content"), media);
    let shape = match &content.schema {
        Some(s) => f.flatten_ref(s, &pointer_push(&content_ptr, "schema")),
        None => Shape::any(),
    };
    let hint = Hint::new(
        pascal.to_string(),
        1,
        format!("The request body of `{}`.", input.method_name),
    );
    let m = media.to_ascii_lowercase();
    let (encoding, ty) = if is_json(&m) {
        (
            BodyEncoding::Json,
            types.lower(f, &shape, &hint, Direction::Request),
        )
    } else if m.starts_with("multipart/form-data") {
        (
            BodyEncoding::Multipart,
            types.lower(f, &shape, &hint, Direction::Request),
        )
    } else if m.starts_with("text/") || m == "application/javascript" || m == "application/x-ndjson"
    {
        (
            BodyEncoding::Text(media.to_string()),
            TypeRef::Prim(Prim::String),
        )
    } else {
        (
            BodyEncoding::Bytes(media.to_string()),
            TypeRef::Prim(Prim::Bytes),
        )
    };
    Some(Body {
        encoding,
        ty,
        required: body.required,
    })
}

/// The media type to use: JSON first, then multipart, then the first listed.
fn pick_media<T>(content: &indexmap::IndexMap<String, T>) -> Option<(&str, &T)> {
    content
        .iter()
        .find(|(m, _)| is_json(m))
        .or_else(|| {
            content
                .iter()
                .find(|(m, _)| m.starts_with("multipart/form-data"))
        })
        .or_else(|| content.iter().next())
        .map(|(m, c)| (m.as_str(), c))
}

/// The success response: the lowest 2xx code, then `2XX`, then `default`.
fn response(
    doc: &OpenAPI,
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    input: &OperationInput<'_>,
    pascal: &str,
) -> Response {
    let responses = &input.op.responses;
    let mut codes: Vec<(u16, String, &ReferenceOr<openapiv3::Response>)> = responses
        .responses
        .iter()
        .filter_map(|(code, r)| match code {
            StatusCode::Code(c @ 200..=299) => Some((*c, c.to_string(), r)),
            StatusCode::Range(2) => Some((299, "2XX".to_string(), r)),
            _ => None,
        })
        .collect();
    codes.sort_by_key(|(c, _, _)| *c);
    let chosen = codes
        .first()
        .map(|(_, key, r)| (key.clone(), *r))
        .or_else(|| {
            responses
                .default
                .as_ref()
                .map(|r| ("default".to_string(), r))
        });
    let Some((key, response)) = chosen else {
        return Response::Empty;
    };
    let ptr = pointer_push(&pointer_push(&input.ptr, "responses"), &key);
    let response = match response {
        ReferenceOr::Item(r) => r,
        ReferenceOr::Reference { reference } => {
            let found = reference
                .strip_prefix("#/components/responses/")
                .and_then(|n| doc.components.as_ref()?.responses.get(n));
            match found {
                Some(ReferenceOr::Item(r)) => r,
                _ => {
                    f.diags.push(f.sources().error(
                        &ptr,
                        format!(
                            "dangling `$ref`: `{reference}` is not a response in this document"
                        ),
                    ));
                    return Response::Empty;
                }
            }
        }
    };
    let Some((media, content)) = pick_media(&response.content) else {
        return Response::Empty;
    };
    if !is_json(media) {
        return if media.starts_with("text/") {
            Response::Text
        } else {
            Response::Bytes
        };
    }
    let shape = match &content.schema {
        Some(s) => f.flatten_ref(
            s,
            &pointer_push(
                &pointer_push(&pointer_push(&ptr, "content"), media),
                "schema",
            ),
        ),
        None => Shape::any(),
    };
    let noun = naming::result_noun(&input.method_name).unwrap_or_else(|| format!("{pascal}Result"));
    let hint = Hint::new(noun, 1, format!("The result of `{}`.", input.method_name));
    match envelope::result_of(f, &shape) {
        Some(Some(result)) => Response::Envelope(lower_result(f, types, &result, &hint)),
        Some(None) => Response::Envelope(TypeRef::Prim(Prim::Unit)),
        None => Response::Json(types.lower_nullable(f, &shape, &hint, Direction::Response)),
    }
}

/// `result`'s type: `()` when it is always null, `Option<T>` when it may be null.
fn lower_result(
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    result: &Shape,
    hint: &Hint,
) -> TypeRef {
    match result.kind {
        Kind::Null => TypeRef::Prim(Prim::Unit),
        _ => types.lower_nullable(f, result, hint, Direction::Response),
    }
}
