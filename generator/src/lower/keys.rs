//! Structural keys of types: what two types must share to be one type (names, types and
//! flags; no documentation).

use crate::ir::{TypeId, TypeKind, TypeRef};

/// The structural key used to merge identical types: names, types and flags, no docs.
pub(super) fn structural_key(kind: &TypeKind) -> String {
    kind_key(kind, &mut |id| format!("#{}", id.0))
}

pub(super) fn kind_key(kind: &TypeKind, named: &mut dyn FnMut(TypeId) -> String) -> String {
    let mut out = String::new();
    match kind {
        TypeKind::Struct { fields, extra } => {
            out.push_str("struct{");
            for f in fields {
                let ty = ref_key(&f.ty, named);
                out.push_str(&format!(
                    "{}:{}{}{},",
                    f.wire,
                    ty,
                    if f.optional { "?" } else { "" },
                    f.max_length.map(|n| format!("<{n}")).unwrap_or_default()
                ));
            }
            if let Some(e) = extra {
                out.push_str(&format!("*:{}", ref_key(e, named)));
            }
            out.push('}');
        }
        TypeKind::Enum { variants } => {
            let wires: Vec<&str> = variants.iter().map(|v| v.wire.as_str()).collect();
            out.push_str(&format!("enum{wires:?}"));
        }
        TypeKind::Untagged { variants } => {
            out.push_str("any(");
            for (n, t) in variants {
                out.push_str(&format!("{n}={},", ref_key(t, named)));
            }
            out.push(')');
        }
        TypeKind::Alias(id) => out.push_str(&named(*id)),
        TypeKind::Tagged { tag, variants } => {
            out.push_str(&format!("tagged[{tag}]("));
            for v in variants {
                let holds = if v.holds_tag { "+" } else { "" };
                out.push_str(&format!(
                    "{}={}{holds},",
                    v.name.wire,
                    ref_key(&v.ty, named)
                ));
            }
            out.push(')');
        }
    }
    out
}

fn ref_key(ty: &TypeRef, named: &mut dyn FnMut(TypeId) -> String) -> String {
    match ty {
        TypeRef::Named(id) => named(*id),
        TypeRef::Prim(p) => format!("{p:?}"),
        TypeRef::Vec(t) => format!("[{}]", ref_key(t, named)),
        TypeRef::Map(t) => format!("{{{}}}", ref_key(t, named)),
        TypeRef::Option(t) => format!("{}?", ref_key(t, named)),
        TypeRef::Boxed(t) => ref_key(t, named),
    }
}
