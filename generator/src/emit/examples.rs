//! Usage examples in the generated docs: a call written out with the spec's example values
//! (realistic placeholders where it has none), for operations whose arguments can be
//! written without knowing the API.

use super::arg_docs::example_text;
use super::body_example::body_lines;
use crate::ir::{Api, BodyEncoding, Operation, Param, Prim, TypeKind, TypeRef};

/// The arguments of a call of `op` as Rust source, when each one has an obvious value:
/// string and integer path parameters (the spec's example, else a placeholder), a
/// parameters struct or body whose fields are all optional (`&Default::default()`), text
/// and bytes bodies, an optional body (`None`). `None` when some argument has no such value.
pub fn call_args(api: &Api, op: &Operation) -> Option<Vec<String>> {
    args(api, op, None)
}

/// [`call_args`], with `body` as the body argument when given.
fn args(api: &Api, op: &Operation, body: Option<&str>) -> Option<Vec<String>> {
    let mut args = Vec::new();
    for p in &op.path_params {
        args.push(path_arg(p)?);
    }
    if let Some(ps) = &op.params_struct {
        if ps.any_required {
            return None;
        }
        args.push("&Default::default()".to_string());
    }
    if let Some(given) = body {
        args.push(given.to_string());
    } else if let Some(body) = &op.body {
        args.push(match (&body.encoding, body.required) {
            (_, false) => "None".to_string(),
            (BodyEncoding::Text(_), true) => "\"...\"".to_string(),
            (BodyEncoding::Bytes(_), true) => "b\"...\"".to_string(),
            (BodyEncoding::Json | BodyEncoding::Multipart | BodyEncoding::Form(_), true)
                if all_optional(api, &body.ty) =>
            {
                "&Default::default()".to_string()
            }
            _ => return None,
        });
    }
    Some(args)
}

/// A path argument as Rust source: a string or integer literal.
pub(super) fn path_arg(p: &Param) -> Option<String> {
    let (min, max): (i128, i128) = match &p.ty {
        TypeRef::Prim(Prim::String) => {
            let text = example_text(&p.docs.example).unwrap_or_else(|| placeholder(p));
            return Some(proc_macro2::Literal::string(&text).to_string());
        }
        // A schema without a type: the example as a JSON string (`Value: From<&str>`).
        TypeRef::Prim(Prim::Value) => {
            let text = example_text(&p.docs.example).unwrap_or_else(|| placeholder(p));
            return Some(format!("{}.into()", proc_macro2::Literal::string(&text)));
        }
        TypeRef::Prim(Prim::I32) => (i32::MIN.into(), i32::MAX.into()),
        TypeRef::Prim(Prim::I64) => (i64::MIN.into(), i64::MAX.into()),
        TypeRef::Prim(Prim::U8) => (0, u8::MAX.into()),
        TypeRef::Prim(Prim::U16) => (0, u16::MAX.into()),
        TypeRef::Prim(Prim::U32) => (0, u32::MAX.into()),
        TypeRef::Prim(Prim::U64) => (0, u64::MAX.into()),
        _ => return None,
    };
    let fits = |n: i128| (min..=max).contains(&n);
    let example = p.docs.example.as_ref().and_then(|e| {
        e.as_i64()
            .map(i128::from)
            .or_else(|| e.as_u64().map(i128::from))
    });
    let c = &p.constraints;
    let value = example
        .filter(|n| fits(*n))
        .or_else(|| c.minimum.map(i128::from).filter(|n| fits(*n)))
        .or_else(|| c.maximum.map(i128::from).filter(|n| fits(*n) && *n < 1))
        .unwrap_or(1);
    Some(value.to_string())
}

/// A value of the parameter's format (a UUID, a date, an address), else `your-<name>`.
fn placeholder(p: &Param) -> String {
    let sample = match p.constraints.format.as_deref() {
        Some("uuid") => "123e4567-e89b-12d3-a456-426614174000",
        Some("date") => "2024-01-01",
        Some("date-time") => "2024-01-01T00:00:00Z",
        Some("email") => "user@example.com",
        Some("hostname") => "www.example.com",
        Some("uri" | "url") => "https://example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        _ => {
            let name = p.rust.trim_start_matches("r#").trim_end_matches('_');
            return format!("your-{}", name.replace('_', "-"));
        }
    };
    sample.to_string()
}

fn all_optional(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(id) => {
            matches!(&api.definition(*id).kind, TypeKind::Struct { fields, .. } if fields.iter().all(|f| f.optional))
        }
        _ => false,
    }
}

/// A `no_run` doctest calling `op` on the handle `client.{call}` reaches, as doc lines.
/// A required JSON or form body of a struct type is written out from the spec's examples where
/// they give its values (see `body_example`).
pub fn method_example(api: &Api, call: &str, op: &Operation) -> Option<Vec<String>> {
    let body = op
        .body
        .as_ref()
        .filter(|b| b.required && matches!(b.encoding, BodyEncoding::Json | BodyEncoding::Form(_)))
        .and_then(|b| match b.ty {
            TypeRef::Named(id) => body_lines(api, id),
            _ => None,
        });
    let args = args(api, op, body.as_ref().map(|_| "&body"))?;
    let krate = api.crate_name.replace('-', "_");
    let paged = op.paging.is_some();
    let mut lines = vec![
        "# Example".to_string(),
        String::new(),
        "```no_run".to_string(),
        format!("# async fn example(client: &{krate}::Client) -> Result<(), {krate}::Error> {{"),
    ];
    lines.extend(body.into_iter().flatten());
    let call = format!("client.{call}.{}({})", op.method_name, args.join(", "));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Constraints, Docs};

    fn param(ty: Prim, example: Option<serde_json::Value>, constraints: Constraints) -> Param {
        Param {
            rust: "zone_id".into(),
            wire: "zone_id".into(),
            ty: TypeRef::Prim(ty),
            max_length: None,
            docs: Docs {
                example,
                ..Docs::default()
            },
            constraints,
        }
    }

    #[test]
    fn path_arguments_use_the_spec_example_else_a_placeholder_of_the_right_form() {
        let given = param(
            Prim::String,
            Some("023e\"105f".into()),
            Constraints::default(),
        );
        assert_eq!(path_arg(&given).as_deref(), Some(r#""023e\"105f""#));
        let uuid = Constraints {
            format: Some("uuid".into()),
            ..Constraints::default()
        };
        assert_eq!(
            path_arg(&param(Prim::String, None, uuid)).as_deref(),
            Some("\"123e4567-e89b-12d3-a456-426614174000\"")
        );
        assert_eq!(
            path_arg(&param(Prim::String, None, Constraints::default())).as_deref(),
            Some("\"your-zone-id\"")
        );
        assert_eq!(
            path_arg(&param(
                Prim::Value,
                Some("abc".into()),
                Constraints::default()
            ))
            .as_deref(),
            Some("\"abc\".into()")
        );
    }

    #[test]
    fn integer_arguments_fit_their_type() {
        let min = Constraints {
            minimum: Some(5),
            ..Constraints::default()
        };
        assert_eq!(
            path_arg(&param(Prim::U8, Some(300.into()), min.clone())).as_deref(),
            Some("5")
        );
        assert_eq!(
            path_arg(&param(Prim::I64, Some((-3).into()), min)).as_deref(),
            Some("-3")
        );
        assert_eq!(
            path_arg(&param(Prim::U32, None, Constraints::default())).as_deref(),
            Some("1")
        );
    }
}
