//! Path parameters: one argument per name of the path template, in its order, with what the
//! spec says of its values for the argument's documentation.
//!
//! Real specs get the pairing of template and declarations wrong (an AI API's
//! `/organization/certificates/{certificate_id}` declares `cert_id`; Cloudflare's fragment
//! export drops path-level parameters). Both directions are repaired, with a warning each:
//! a name the template holds and nothing declares is a string parameter, and a declared
//! path parameter the template does not name is left out (it could not be sent anywhere).

use openapiv3::Parameter;

use super::operations::{OperationInput, ParamInput, param_shape};
use super::types::{Direction, Hint, TypeBuilder, docs_of};
use crate::flatten::Flattener;
use crate::flatten::shape::{Kind, Shape};
use crate::ir::{Constraints, Docs, Param, Prim, TypeRef};
use crate::{naming, template};

/// How many references a parameter's schema is followed through for its documentation
/// (`zone_id` → `dns_identifier` → `identifier`); cycles were reported while flattening.
const MAX_HOPS: usize = 16;

/// Path parameters in the order the template names them.
pub fn path_params(
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
    let names = template::names(input.path);
    for p in &declared {
        let name = &p.param.parameter_data_ref().name;
        if !names.contains(name) {
            f.diags.push(
                f.sources()
                    .warning(
                        &p.ptr,
                        format!(
                            "path parameter `{name}` does not appear in the path `{}`; it is left out",
                            input.path
                        ),
                    )
                    .help(format!(
                        "rename it after the path's `{{...}}` name, add `{{{name}}}` to the path, or declare it `in: query`"
                    )),
            );
        }
    }
    let mut out = Vec::new();
    for name in &names {
        let found = declared
            .iter()
            .find(|p| &p.param.parameter_data_ref().name == name);
        out.push(match found {
            Some(p) => declared_param(f, types, input, p, name, pascal),
            None => {
                f.diags.push(
                    f.sources()
                        .warning(&input.ptr, format!("the path `{}` names `{{{name}}}`, but no path parameter `{name}` is declared; it is read as a string", input.path))
                        .help(format!("declare `{{name: {name}, in: path, required: true, schema: {{type: string}}}}` in the operation's or the path item's `parameters` (the fragment export drops path-level parameters of operations that have their own)")),
                );
                undeclared_param(name)
            }
        });
    }
    let mut rust: Vec<String> = out.iter().map(|p| p.rust.clone()).collect();
    naming::dedupe(&mut rust);
    for (p, n) in out.iter_mut().zip(rust) {
        p.rust = n;
    }
    out
}

fn declared_param(
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    input: &OperationInput<'_>,
    p: &ParamInput<'_>,
    name: &str,
    pascal: &str,
) -> Param {
    let shape = param_shape(f, p.param, &p.ptr);
    let hint = Hint::operation(
        input.group,
        &input.id,
        &format!("path/{name}"),
        format!("{pascal}{}", naming::type_name(name)),
        format!("The `{name}` path parameter of `{}`.", input.method_name),
    );
    let ty = types.lower(f, &shape, &hint, Direction::Request);
    let max_length = match &shape.kind {
        Kind::String(s) => s.max_length,
        _ => None,
    };
    let value = followed(f, &shape);
    let data = p.param.parameter_data_ref();
    let mut docs = docs_of(&value.meta);
    docs.description = data.description.clone().or(docs.description);
    docs.example = data.example.clone().or(docs.example);
    Param {
        rust: naming::field_name(name),
        wire: name.to_string(),
        ty,
        max_length,
        docs,
        constraints: constraints(&value.kind),
    }
}

/// A template name nothing declares: a required string.
fn undeclared_param(name: &str) -> Param {
    Param {
        rust: naming::field_name(name),
        wire: name.to_string(),
        ty: TypeRef::Prim(Prim::String),
        max_length: None,
        docs: Docs::default(),
        constraints: Constraints::default(),
    }
}

/// The shape behind `shape`'s references, documented by the first description, title and
/// example met on the way (the parameter's own schema first).
fn followed(f: &mut Flattener<'_>, shape: &Shape) -> Shape {
    let mut meta = shape.meta.clone();
    let mut current = shape.clone();
    for _ in 0..MAX_HOPS {
        if !matches!(current.kind, Kind::Ref(_)) {
            break;
        }
        let next = f.resolved(&current);
        if next.kind == current.kind {
            break;
        }
        meta.description = meta.description.or_else(|| next.meta.description.clone());
        meta.title = meta.title.or_else(|| next.meta.title.clone());
        meta.example = meta.example.or_else(|| next.meta.example.clone());
        meta.deprecated |= next.meta.deprecated;
        current = next;
    }
    current.meta = meta;
    current
}

fn constraints(kind: &Kind) -> Constraints {
    match kind {
        Kind::String(s) => Constraints {
            format: s.format.clone(),
            min_length: s.min_length,
            max_length: s.max_length,
            pattern: s.pattern.clone(),
            ..Constraints::default()
        },
        Kind::Integer(i) => Constraints {
            format: i.format.clone(),
            minimum: i.minimum,
            maximum: i.maximum,
            ..Constraints::default()
        },
        Kind::Number(format) => Constraints {
            format: format.clone(),
            ..Constraints::default()
        },
        _ => Constraints::default(),
    }
}
