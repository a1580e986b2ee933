//! Usage examples in the generated docs: a call written out with placeholder arguments,
//! for operations whose arguments can be written without knowing the API.

use crate::ir::{Api, BodyEncoding, Operation, Prim, TypeKind, TypeRef};

/// The arguments of a call of `op` as Rust source, when each one has an obvious
/// placeholder: string path parameters (their name), integer ones (`1`), a parameters
/// struct or body whose fields are all optional (`&Default::default()`), text and bytes
/// bodies, an optional body (`None`). `None` when some argument has no such placeholder.
pub fn call_args(api: &Api, op: &Operation) -> Option<Vec<String>> {
    let mut args = Vec::new();
    for p in &op.path_params {
        args.push(match &p.ty {
            TypeRef::Prim(Prim::String) => format!("\"{}\"", p.rust.trim_start_matches("r#")),
            TypeRef::Prim(Prim::I32 | Prim::I64 | Prim::U8 | Prim::U16 | Prim::U32 | Prim::U64) => {
                "1".to_string()
            }
            _ => return None,
        });
    }
    if let Some(ps) = &op.params_struct {
        if ps.any_required {
            return None;
        }
        args.push("&Default::default()".to_string());
    }
    if let Some(body) = &op.body {
        args.push(match (&body.encoding, body.required) {
            (_, false) => "None".to_string(),
            (BodyEncoding::Text(_), true) => "\"...\"".to_string(),
            (BodyEncoding::Bytes(_), true) => "b\"...\"".to_string(),
            (BodyEncoding::Json | BodyEncoding::Multipart, true) if all_optional(api, &body.ty) => {
                "&Default::default()".to_string()
            }
            _ => return None,
        });
    }
    Some(args)
}

fn all_optional(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(id) => {
            matches!(&api.definition(*id).kind, TypeKind::Struct { fields, .. } if fields.iter().all(|f| f.optional))
        }
        _ => false,
    }
}

/// A `no_run` doctest calling `op` through `accessor`, as doc lines.
pub fn method_example(api: &Api, accessor: &str, op: &Operation) -> Option<Vec<String>> {
    let args = call_args(api, op)?;
    let krate = api.crate_name.replace('-', "_");
    let paged = op.paging.is_some();
    let mut lines = vec![
        "# Example".to_string(),
        String::new(),
        "```no_run".to_string(),
        format!("# async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{"),
    ];
    let call = format!(
        "client.{accessor}().{}({})",
        op.method_name,
        args.join(", ")
    );
    if paged {
        lines.push(format!("let all = {call}.pages().collect().await?;"));
        lines.push("# let _ = all;".to_string());
    } else {
        lines.push(format!("let result = {call}.await?;"));
        lines.push("# let _ = result;".to_string());
    }
    lines.extend(["# Ok(())".to_string(), "# }".to_string(), "```".to_string()]);
    Some(lines)
}
