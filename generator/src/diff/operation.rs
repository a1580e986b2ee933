//! One operation in both specs: what changed in its method's name, handle, arguments,
//! body, result and credentials, each change with its class.

use std::collections::BTreeSet;

use super::report::Change;
use super::rules::Class;
use super::schema::{Comparer, Delta, Dir, Placed};
use super::surface::{BodySurface, ResponseSurface, Surface};
use crate::flatten::{Kind, Shape};
use crate::lower::MediaKind;
use crate::naming;

/// Which part of an operation a schema belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    /// A path parameter (a method argument).
    Path,
    /// A query or header parameter (a field of the `params` struct).
    Param,
    /// The request body.
    Request,
    /// The result.
    Response,
}

/// Every change from `old` to `new`, in class order.
pub fn compare(c: &mut Comparer<'_, '_>, old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Vec::new();
    if old.tag != new.tag {
        let accessor =
            |tag: &str| naming::module_name(if tag.is_empty() { "operations" } else { tag });
        let detail = format!(
            "{:?} → {:?} (`client.{}()` → `client.{}()`)",
            old.tag,
            new.tag,
            accessor(&old.tag),
            accessor(&new.tag)
        );
        out.push(Change::new(Class::TagChanged, "tag", detail));
    }
    if old.method != new.method {
        let detail = format!(
            "{} → {}",
            old.method.to_uppercase(),
            new.method.to_uppercase()
        );
        out.push(Change::new(Class::MethodChanged, "method", detail));
    }
    path(c, old, new, &mut out);
    if old.deprecated != new.deprecated {
        let class = if new.deprecated {
            Class::OperationDeprecated
        } else {
            Class::OperationUndeprecated
        };
        out.push(Change::new(class, "operation", ""));
    }
    security(old, new, &mut out);
    params(c, old, new, &mut out);
    body(c, old.body.as_ref(), new.body.as_ref(), &mut out);
    response(c, &old.response, &new.response, &mut out);
    out.sort_by_key(|ch| ch.class);
    out
}

/// `/zones/{zone_id}` as `/zones/{}`: the path without parameter names.
pub fn path_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_name = false;
    for ch in path.chars() {
        match ch {
            '{' => {
                in_name = true;
                out.push('{');
            }
            '}' => {
                in_name = false;
                out.push('}');
            }
            _ if in_name => {}
            _ => out.push(ch),
        }
    }
    out
}

fn path(c: &mut Comparer<'_, '_>, old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let names =
        |s: &Surface| -> Vec<String> { s.path_params.iter().map(|(n, _)| n.clone()).collect() };
    let (a, b) = (names(old), names(new));
    if a.len() != b.len() {
        let detail = format!("`{}` → `{}`", old.path, new.path);
        for name in b.iter().filter(|n| !a.contains(n)) {
            out.push(Change::new(
                Class::PathParameterAdded,
                format!("path parameter `{name}`"),
                &detail,
            ));
        }
        for name in a.iter().filter(|n| !b.contains(n)) {
            out.push(Change::new(
                Class::PathParameterRemoved,
                format!("path parameter `{name}`"),
                &detail,
            ));
        }
        return;
    }
    if path_shape(&old.path) != path_shape(&new.path) {
        out.push(Change::new(
            Class::PathChanged,
            "path",
            format!("`{}` → `{}`", old.path, new.path),
        ));
    }
    let mut sorted = (a.clone(), b.clone());
    sorted.0.sort();
    sorted.1.sort();
    if a != b && sorted.0 == sorted.1 {
        let detail = format!("{} → {}", braced(&a), braced(&b));
        out.push(Change::new(
            Class::PathParametersReordered,
            "path parameters",
            detail,
        ));
        return;
    }
    for ((name_a, shape_a), (name_b, shape_b)) in old.path_params.iter().zip(&new.path_params) {
        if name_a != name_b {
            let detail = format!("`{{{name_a}}}` → `{{{name_b}}}`");
            out.push(Change::new(Class::PathParameterRenamed, "path", detail));
        }
        let deltas = c.compare(shape_a, shape_b, Dir::Request);
        changes(
            deltas,
            Side::Path,
            &format!("path parameter `{name_b}`"),
            out,
        );
    }
}

fn braced(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether every credential set that satisfied `old` satisfies `new`.
pub fn still_satisfied(old: &[BTreeSet<String>], new: &[BTreeSet<String>]) -> bool {
    let open = |alts: &[BTreeSet<String>]| alts.is_empty() || alts.iter().any(BTreeSet::is_empty);
    if open(new) {
        return true;
    }
    if open(old) {
        return false;
    }
    old.iter().all(|o| new.iter().any(|n| n.is_subset(o)))
}

fn security(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let set = |s: &Surface| -> BTreeSet<BTreeSet<String>> { s.security.iter().cloned().collect() };
    if set(old) == set(new) {
        return;
    }
    let show = |s: &Surface| {
        if s.security.is_empty() {
            return "none".to_string();
        }
        let alts: Vec<String> = s
            .security
            .iter()
            .map(|r| {
                if r.is_empty() {
                    "none".to_string()
                } else {
                    r.iter().cloned().collect::<Vec<_>>().join(" + ")
                }
            })
            .collect();
        alts.join(" | ")
    };
    let class = if still_satisfied(&old.security, &new.security) {
        Class::SecurityWidened
    } else {
        Class::SecurityNarrowed
    };
    out.push(Change::new(
        class,
        "security",
        format!("{} → {}", show(old), show(new)),
    ));
}

fn params(c: &mut Comparer<'_, '_>, old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let list = |s: &Surface| {
        s.params
            .iter()
            .map(|p| format!("`{}`", p.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (old.params.is_empty(), new.params.is_empty()) {
        (true, true) => return,
        (true, false) => {
            return out.push(Change::new(Class::ParamsArgumentAdded, "params", list(new)));
        }
        (false, true) => {
            return out.push(Change::new(
                Class::ParamsArgumentRemoved,
                "params",
                list(old),
            ));
        }
        (false, false) => {}
    }
    for a in &old.params {
        let place = format!("{} parameter `{}`", a.location, a.name);
        let Some(b) = new.params.iter().find(|b| b.name == a.name) else {
            out.push(Change::new(Class::ParameterRemoved, place, ""));
            continue;
        };
        if a.location != b.location {
            let detail = format!("{} → {}", a.location, b.location);
            out.push(Change::new(Class::ParameterMoved, &place, detail));
        }
        if a.required != b.required {
            let (class, detail) = if b.required {
                (Class::ParameterMadeRequired, "optional → required")
            } else {
                (Class::ParameterMadeOptional, "required → optional")
            };
            out.push(Change::new(class, &place, detail));
        }
        changes(
            c.compare(&a.shape, &b.shape, Dir::Request),
            Side::Param,
            &place,
            out,
        );
    }
    for b in new
        .params
        .iter()
        .filter(|b| !old.params.iter().any(|a| a.name == b.name))
    {
        let class = if b.required {
            Class::RequiredParameterAdded
        } else {
            Class::OptionalParameterAdded
        };
        out.push(Change::new(
            class,
            format!("{} parameter `{}`", b.location, b.name),
            "",
        ));
    }
}

fn body(
    c: &mut Comparer<'_, '_>,
    old: Option<&BodySurface>,
    new: Option<&BodySurface>,
    out: &mut Vec<Change>,
) {
    let (a, b) = match (old, new) {
        (None, None) => return,
        (None, Some(b)) => return out.push(Change::new(Class::BodyAdded, "body", media(b.kind))),
        (Some(a), None) => return out.push(Change::new(Class::BodyRemoved, "body", media(a.kind))),
        (Some(a), Some(b)) => (a, b),
    };
    if a.required != b.required {
        let class = if b.required {
            Class::BodyMadeRequired
        } else {
            Class::BodyMadeOptional
        };
        out.push(Change::new(class, "body", ""));
    }
    if a.kind != b.kind {
        let detail = format!("{} → {}", media(a.kind), media(b.kind));
        return out.push(Change::new(Class::BodyEncodingChanged, "body", detail));
    }
    let dir = match a.kind {
        MediaKind::Json | MediaKind::Form => Dir::Request,
        MediaKind::Multipart => Dir::Multipart,
        MediaKind::Text | MediaKind::Bytes => return,
    };
    changes(
        c.compare(&a.shape, &b.shape, dir),
        Side::Request,
        "body",
        out,
    );
}

fn media(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Json => "JSON",
        MediaKind::Multipart => "multipart",
        MediaKind::Form => "form",
        MediaKind::Text => "text",
        MediaKind::Bytes => "bytes",
    }
}

/// What a method returns, as far as its type goes.
enum Returned {
    Fixed(&'static str),
    Shape {
        shape: Box<Shape>,
        /// Whether the envelope requires `result` (`None`: no envelope).
        required: Option<bool>,
        /// Whether the method returns `Option<T>`.
        optional: bool,
    },
}

fn returned(c: &mut Comparer<'_, '_>, r: &ResponseSurface, old: bool) -> Returned {
    match r {
        ResponseSurface::Empty => Returned::Fixed("()"),
        ResponseSurface::Text => Returned::Fixed("String"),
        ResponseSurface::Bytes => Returned::Fixed("Vec<u8>"),
        ResponseSurface::Json(shape) => Returned::Shape {
            optional: shape.meta.nullable && !c.is_value(shape, old),
            shape: Box::new(shape.clone()),
            required: None,
        },
        ResponseSurface::Envelope(e) => match &e.shape {
            None => Returned::Fixed("()"),
            Some(s) if matches!(s.kind, Kind::Null) => Returned::Fixed("()"),
            Some(s) => Returned::Shape {
                optional: !e.paged && (!e.required || s.meta.nullable) && !c.is_value(s, old),
                shape: Box::new(s.clone()),
                required: Some(e.required),
            },
        },
    }
}

fn response(
    c: &mut Comparer<'_, '_>,
    old: &ResponseSurface,
    new: &ResponseSurface,
    out: &mut Vec<Change>,
) {
    let (a, b) = (returned(c, old, true), returned(c, new, false));
    let (sa, oa, ra, sb, ob, rb) = match (a, b) {
        (Returned::Fixed(x), Returned::Fixed(y)) if x == y => return,
        (
            Returned::Shape {
                shape: sa,
                optional: oa,
                required: ra,
            },
            Returned::Shape {
                shape: sb,
                optional: ob,
                required: rb,
            },
        ) => (sa, oa, ra, sb, ob, rb),
        (a, b) => {
            let show = |c: &mut Comparer<'_, '_>, r: &Returned, old: bool| match r {
                Returned::Fixed(t) => t.to_string(),
                Returned::Shape { shape, .. } => c.describe(shape, old),
            };
            let detail = format!("`{}` → `{}`", show(c, &a, true), show(c, &b, false));
            return out.push(Change::new(Class::ResultRetyped, "result", detail));
        }
    };
    let requiredness = match (ra, rb) {
        (Some(x), Some(y)) if x != y => Some(if y {
            "optional → required"
        } else {
            "required → optional"
        }),
        _ => None,
    };
    let class = match (oa, ob) {
        (false, true) => Some(Class::ResultMadeOptional),
        (true, false) => Some(Class::ResultMadeRequired),
        _ => requiredness.map(|_| Class::RequirednessChangedSameType),
    };
    if let Some(class) = class {
        let detail = requiredness.unwrap_or(if ob {
            "now nullable"
        } else {
            "no longer nullable"
        });
        out.push(Change::new(class, "result", detail));
    }
    changes(
        c.compare(&sa, &sb, Dir::Response),
        Side::Response,
        "result",
        out,
    );
}

/// Schema deltas as changes of `side`, placed under `root`.
fn changes(deltas: Vec<Placed>, side: Side, root: &str, out: &mut Vec<Change>) {
    for Placed { path, delta } in deltas {
        let place = place(root, &path);
        let (class, detail) = classify(side, path.is_empty(), &delta);
        out.push(Change::new(class, place, detail));
    }
}

/// `result` and `[settings, [], value]` as `result.settings[].value`.
fn place(root: &str, path: &[String]) -> String {
    let mut out = root.to_string();
    for segment in path {
        if segment == "[]" || segment == "{}" || segment.starts_with('<') {
            out.push_str(segment);
        } else {
            out.push('.');
            out.push_str(segment);
        }
    }
    out
}

fn classify(side: Side, at_root: bool, delta: &Delta) -> (Class, String) {
    use Class::*;
    let values = |v: &[String]| {
        v.iter()
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let detail = match delta {
        Delta::Added { required } => if *required { "required" } else { "optional" }.to_string(),
        Delta::Removed => String::new(),
        Delta::Retyped { old, new } => format!("`{old}` → `{new}`"),
        Delta::Requiredness {
            now_required: true, ..
        } => "optional → required".to_string(),
        Delta::Requiredness { .. } => "required → optional".to_string(),
        Delta::ValuesAdded(v) | Delta::ValuesRemoved(v) => values(v),
        Delta::VariantAdded(v) | Delta::VariantRemoved(v) => format!("`{v}`"),
        Delta::VariantRenamed { old, new } => format!("`{old}` → `{new}`"),
    };
    let class = match (side, delta) {
        (
            _,
            Delta::Requiredness {
                type_changes: false,
                ..
            },
        ) => RequirednessChangedSameType,
        (Side::Path | Side::Param, Delta::ValuesAdded(_)) => ParameterEnumValueAdded,
        (Side::Path | Side::Param, Delta::ValuesRemoved(_)) => ParameterEnumValueRemoved,
        (Side::Path, _) => PathParameterRetyped,
        (Side::Param, _) => ParameterRetyped,
        (Side::Request, Delta::Added { required: true }) => RequiredRequestFieldAdded,
        (Side::Request, Delta::Added { .. }) => RequestFieldAdded,
        (Side::Request, Delta::Removed) => RequestFieldRemoved,
        (Side::Request, Delta::Retyped { .. }) => RequestFieldRetyped,
        (
            Side::Request,
            Delta::Requiredness {
                now_required: true, ..
            },
        ) => RequestFieldMadeRequired,
        (Side::Request, Delta::Requiredness { .. }) => RequestFieldMadeOptional,
        (Side::Request, Delta::ValuesAdded(_)) => RequestEnumValueAdded,
        (Side::Request, Delta::ValuesRemoved(_)) => RequestEnumValueRemoved,
        (Side::Request, Delta::VariantAdded(_)) => RequestVariantAdded,
        (Side::Request, Delta::VariantRemoved(_)) => RequestVariantRemoved,
        (Side::Request, Delta::VariantRenamed { .. }) => RequestVariantRenamed,
        (Side::Response, Delta::Retyped { .. }) if at_root => ResultRetyped,
        (Side::Response, Delta::Added { .. }) => ResponseFieldAdded,
        (Side::Response, Delta::Removed) => ResponseFieldRemoved,
        (Side::Response, Delta::Retyped { .. }) => ResponseFieldRetyped,
        (
            Side::Response,
            Delta::Requiredness {
                now_required: true, ..
            },
        ) => ResponseFieldMadeRequired,
        (Side::Response, Delta::Requiredness { .. }) => ResponseFieldMadeOptional,
        (Side::Response, Delta::ValuesAdded(_)) => ResponseEnumValueAdded,
        (Side::Response, Delta::ValuesRemoved(_)) => ResponseEnumValueRemoved,
        (Side::Response, Delta::VariantAdded(_)) => ResponseVariantAdded,
        (Side::Response, Delta::VariantRemoved(_)) => ResponseVariantRemoved,
        (Side::Response, Delta::VariantRenamed { .. }) => ResponseVariantRenamed,
    };
    (class, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Security alternatives, each a list of scheme names.
    type Alts<'a> = &'a [&'a [&'a str]];

    fn alts(list: Alts<'_>) -> Vec<BTreeSet<String>> {
        list.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn old_credentials_still_work_when_each_old_alternative_covers_a_new_one() {
        let table: [(Alts<'_>, Alts<'_>, bool); 7] = [
            (&[&["token"]], &[&["token"], &["email", "key"]], true),
            (
                &[&["email", "key"], &["token"]],
                &[&["email", "key"]],
                false,
            ),
            (&[&["email", "key"]], &[&["email", "key", "token"]], false),
            (&[&["email", "key", "token"]], &[&["token"]], true),
            (&[], &[&["token"]], false),
            (&[&["token"]], &[], true),
            (&[&["token"]], &[&["key"], &[]], true),
        ];
        for (old, new, want) in table {
            assert_eq!(
                still_satisfied(&alts(old), &alts(new)),
                want,
                "{old:?} → {new:?}"
            );
        }
    }

    #[test]
    fn path_shapes_and_places() {
        assert_eq!(
            path_shape("/zones/{zone_id}/dns_records/{id}"),
            "/zones/{}/dns_records/{}"
        );
        let path = ["settings", "[]", "<Object1>", "value", "{}"].map(String::from);
        assert_eq!(place("result", &path), "result.settings[]<Object1>.value{}");
    }
}
