//! A plain-text report of how a spec was understood: every allOf merge and anyOf narrowing,
//! each operation's flattened shapes, and the Rust API they became. The snapshot tests keep
//! it, so a reviewer sees each decision in a few lines.

use std::fmt::Write;

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};

use crate::diag::{operation_pointer, pointer_push};
use crate::flatten::Flattener;
use crate::ir::{Api, Prim, Response, TypeKind, TypeRef};
use crate::{Error, Settings, load, lower};

/// The report for `settings.inputs` (the spec must be valid).
pub fn explain(settings: &Settings) -> Result<String, Error> {
    crate::with_stack(|| explain_here(settings))
}

fn explain_here(settings: &Settings) -> Result<String, Error> {
    let loaded = load::load(&settings.inputs, &settings.allowed_roots).map_err(Error::Spec)?;
    let (api, warnings) = lower::lower(&loaded, &settings.crate_name).map_err(Error::Spec)?;
    let mut f = Flattener::new(&loaded.document, &loaded.sources);
    f.record_decisions();
    let mut out = String::new();
    for (path, item) in &loaded.document.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, op) in item.iter() {
            let ptr = operation_pointer(path, method);
            let _ = writeln!(
                out,
                "{} {path} ({})",
                method.to_uppercase(),
                op.operation_id.as_deref().unwrap_or("no operationId")
            );
            for (i, p) in item.parameters.iter().chain(&op.parameters).enumerate() {
                let ReferenceOr::Item(p) = p else { continue };
                let data = p.parameter_data_ref();
                let shape = match &data.format {
                    ParameterSchemaOrContent::Schema(s) => f.flatten_ref(
                        s,
                        &pointer_push(&pointer_push(&ptr, "parameters"), &i.to_string()),
                    ),
                    ParameterSchemaOrContent::Content(_) => crate::flatten::Shape::string(),
                };
                let location = match p {
                    Parameter::Query { .. } => "query",
                    Parameter::Header { .. } => "header",
                    Parameter::Path { .. } => "path",
                    Parameter::Cookie { .. } => "cookie",
                };
                drain(&mut f, &mut out, &ptr);
                let optional = if data.required { "" } else { "?" };
                let _ = writeln!(out, "  {location} {}{optional}: {shape}", data.name);
            }
            if let Some(ReferenceOr::Item(body)) = &op.request_body {
                for (media, content) in &body.content {
                    let Some(schema) = &content.schema else {
                        continue;
                    };
                    let shape = f.flatten_ref(
                        schema,
                        &pointer_push(
                            &pointer_push(&pointer_push(&ptr, "requestBody"), "content"),
                            media,
                        ),
                    );
                    drain(&mut f, &mut out, &ptr);
                    let _ = writeln!(out, "  body {media}: {shape}");
                }
            }
            let responses = op
                .responses
                .responses
                .iter()
                .map(|(c, r)| (c.to_string(), r))
                .chain(
                    op.responses
                        .default
                        .iter()
                        .map(|r| ("default".to_string(), r)),
                );
            for (status, response) in responses {
                let response = match response {
                    ReferenceOr::Item(r) => r,
                    ReferenceOr::Reference { reference } => {
                        let name = reference.rsplit('/').next().unwrap_or_default();
                        let found = loaded
                            .document
                            .components
                            .as_ref()
                            .and_then(|c| c.responses.get(name));
                        match found {
                            Some(ReferenceOr::Item(r)) => r,
                            _ => continue,
                        }
                    }
                };
                for (media, content) in &response.content {
                    let Some(schema) = &content.schema else {
                        let _ = writeln!(out, "  response {status} {media}: no schema");
                        continue;
                    };
                    let at = pointer_push(
                        &pointer_push(
                            &pointer_push(&pointer_push(&ptr, "responses"), &status),
                            "content",
                        ),
                        media,
                    );
                    let shape = f.flatten_ref(schema, &pointer_push(&at, "schema"));
                    drain(&mut f, &mut out, &ptr);
                    let _ = writeln!(out, "  response {status} {media}: {shape}");
                    match lower::envelope_result(&mut f, &shape) {
                        Some(Some(result)) => {
                            let _ = writeln!(out, "    envelope, result: {result}");
                        }
                        Some(None) => {
                            let _ = writeln!(out, "    envelope, no result");
                        }
                        None => {}
                    }
                }
            }
        }
    }
    out.push('\n');
    out.push_str(&rust_api(&api));
    let warnings: Vec<String> = warnings
        .warnings()
        .map(|w| {
            format!(
                "{}{}",
                w.message,
                w.pointer
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            )
        })
        .collect();
    if !warnings.is_empty() {
        out.push_str("\nwarnings:\n");
        for w in warnings {
            let _ = writeln!(out, "  {w}");
        }
    }
    Ok(out)
}

/// Moves the recorded decisions into the report, indented under the operation, with
/// pointers shortened to start after the operation's own (`…/responses/200/...`).
fn drain(f: &mut Flattener<'_>, out: &mut String, op_ptr: &str) {
    if let Some(decisions) = &mut f.decisions {
        for line in decisions.drain(..) {
            let _ = writeln!(out, "  {}", line.replace(op_ptr, "…"));
        }
    }
}

/// The Rust surface: one line per method and per type.
fn rust_api(api: &Api) -> String {
    let mut out = String::new();
    for g in &api.groups {
        for op in &g.operations {
            let mut args: Vec<String> = op
                .path_params
                .iter()
                .map(|p| format!("{}: {}", p.rust, type_text(api, &p.ty)))
                .collect();
            if let Some(ps) = &op.params_struct {
                args.push(format!("params: {}", api.types[ps.ty.0].name));
            }
            if let Some(b) = &op.body {
                args.push(format!("body: {}", type_text(api, &b.ty)));
            }
            let output = match &op.response {
                Response::Envelope(t) => format!("{} (envelope unwrapped)", type_text(api, t)),
                Response::Json(t) => type_text(api, t),
                Response::Text => "String".into(),
                Response::Bytes => "Vec<u8>".into(),
                Response::Empty => "()".into(),
            };
            let paging = match &op.paging {
                Some(crate::ir::Paging::Page) => ", paged by page number",
                Some(crate::ir::Paging::Cursor(_)) => ", paged by cursor",
                None => "",
            };
            let _ = writeln!(
                out,
                "fn {}().{}({}) -> {output}{paging}",
                g.accessor,
                op.method_name,
                args.join(", ")
            );
        }
    }
    let mut types: Vec<&crate::ir::TypeDef> = api.types.iter().collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    for t in types {
        let body = match &t.kind {
            TypeKind::Struct { fields, extra } => {
                let mut parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let ty = type_text(api, &f.ty);
                        if f.optional {
                            format!("{}: Option<{ty}>", f.rust)
                        } else {
                            format!("{}: {ty}", f.rust)
                        }
                    })
                    .collect();
                if let Some(e) = extra {
                    parts.push(format!("..: {}", type_text(api, e)));
                }
                format!("struct {{ {} }}", parts.join(", "))
            }
            TypeKind::Enum { variants } => {
                let v: Vec<String> = variants
                    .iter()
                    .map(|v| format!("{}={:?}", v.rust, v.wire))
                    .collect();
                format!("enum {{ {} }} + Unrecognized(String)", v.join(", "))
            }
            TypeKind::Untagged { variants } => {
                let v: Vec<String> = variants
                    .iter()
                    .map(|(n, t)| format!("{n}({})", type_text(api, t)))
                    .collect();
                format!("untagged enum {{ {} }}", v.join(", "))
            }
            TypeKind::Tagged { tag, variants } => {
                let v: Vec<String> = variants
                    .iter()
                    .map(|(n, t)| format!("{:?} => {}({})", n.wire, n.rust, type_text(api, t)))
                    .collect();
                format!("tagged enum by {tag:?} {{ {} }}", v.join(", "))
            }
        };
        let _ = writeln!(out, "type {} = {body}", t.name);
    }
    out
}

/// A type as Rust text.
pub fn type_text(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.types[id.0].name.clone(),
        TypeRef::Prim(p) => match p {
            Prim::String => "String",
            Prim::Bool => "bool",
            Prim::I32 => "i32",
            Prim::I64 => "i64",
            Prim::U8 => "u8",
            Prim::U16 => "u16",
            Prim::U32 => "u32",
            Prim::U64 => "u64",
            Prim::F64 => "f64",
            Prim::Timestamp => "Timestamp",
            Prim::Value => "Value",
            Prim::Unit => "()",
            Prim::Bytes => "Vec<u8>",
        }
        .to_string(),
        TypeRef::Vec(t) => format!("Vec<{}>", type_text(api, t)),
        TypeRef::Map(t) => format!("BTreeMap<String, {}>", type_text(api, t)),
        TypeRef::Option(t) => format!("Option<{}>", type_text(api, t)),
        TypeRef::Boxed(t) => format!("Box<{}>", type_text(api, t)),
    }
}
