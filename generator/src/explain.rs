//! A plain-text report of how a spec was understood: every allOf merge and anyOf narrowing,
//! each operation's flattened shapes, and the Rust API they became. It prints what lowering
//! recorded while generating, so it cannot disagree with the generated code. The snapshot
//! tests keep it, so a reviewer sees each decision in a few lines.

use std::collections::HashMap;
use std::fmt::Write;

use openapiv3::ReferenceOr;

use crate::diag::operation_pointer;
use crate::ir::{Api, Prim, Response, TypeKind, TypeRef};
use crate::{Error, Settings, load, lower};

/// The report for `settings.inputs` (the spec must be valid).
pub fn explain(settings: &Settings) -> Result<String, Error> {
    crate::with_stack(|| explain_here(settings))
}

fn explain_here(settings: &Settings) -> Result<String, Error> {
    let loaded = load::load(&settings.inputs, settings.dialect, &settings.allowed_roots)
        .map_err(Error::Spec)?;
    let lowered = lower::lower(&loaded, &settings.crate_name, true).map_err(Error::Spec)?;
    // Operations in document order, each with its decisions, pointers shortened to start
    // after the operation's own (`…/responses/200/...`).
    let mut order: HashMap<String, usize> = HashMap::new();
    for (path, item) in &loaded.document.paths.paths {
        if let ReferenceOr::Item(item) = item {
            for (method, _) in item.iter() {
                let next = order.len();
                order.insert(operation_pointer(path, method), next);
            }
        }
    }
    let mut report = lowered.report;
    report.sort_by_key(|r| order.get(&r.pointer).copied().unwrap_or(usize::MAX));
    let mut out = format!("dialect: {}\n", loaded.dialect.name);
    for op in &report {
        let _ = writeln!(out, "{}", op.title);
        for line in &op.lines {
            let _ = writeln!(out, "  {}", line.replace(&op.pointer, "…"));
        }
    }
    out.push('\n');
    out.push_str(&rust_api(&lowered.api));
    let warnings: Vec<String> = lowered
        .warnings
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
                "fn {}.{}({}) -> {output}{paging}",
                g.call,
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
            TypeKind::Alias(id) => format!("alias of {}", api.types[id.0].name),
            TypeKind::Tagged { tag, variants } => {
                let v: Vec<String> = variants
                    .iter()
                    .map(|v| {
                        let n = &v.name;
                        format!("{:?} => {}({})", n.wire, n.rust, type_text(api, &v.ty))
                    })
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
