//! `$ref`s to a place inside a component schema (`#/components/schemas/policy/properties/action`,
//! as 3.0 documents write) made into references to components of their own.
//!
//! Each such place is moved out of its component into `components/schemas` under a name
//! from its pointer ([`naming::hoisted_schema_names`]: `policy_action`), and both the place
//! itself and every `$ref` to it now name that component. So the schema is one type
//! wherever it is used, and a chain of such references costs one component each: read in
//! place, references into schemas that themselves hold such references would copy the
//! schemas they name once per path through the chain, which grows exponentially (a cloud
//! provider's bundled network spec needs over 11 GB that way). Places inside a `$defs` or
//! `definitions` are left to the bundler, which hoists them the same way.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::files::{Target, parse_ref};
use super::locate::pointer_tokens;
use super::sources::Sources;
use crate::diag::pointer_push;
use crate::naming::{self, HoistedFrom};

const SCHEMAS: &str = "#/components/schemas";

/// Moves every schema that a `$ref` of `doc` names inside a component into a component of
/// its own, and points the references at it.
pub fn name_inner_schemas(doc: &mut Value, sources: &mut Sources) {
    let mut wanted = BTreeSet::new();
    collect(doc, &mut wanted);
    let mut targets: Vec<String> = wanted
        .into_iter()
        .filter(|t| doc.pointer(&t[1..]).is_some())
        .collect();
    if targets.is_empty() {
        return;
    }
    // The deepest first: a place inside another is moved out before the one around it, so
    // the pointers still to move stay valid and the outer schema refers to the inner one.
    targets.sort_by(|a, b| depth(b).cmp(&depth(a)).then_with(|| a.cmp(b)));
    let taken: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let origins: Vec<HoistedFrom> = targets
        .iter()
        .map(|t| HoistedFrom {
            file: String::new(),
            segments: pointer_tokens(t),
        })
        .collect();
    let names = naming::hoisted_schema_names(&origins, &taken);
    let mut renamed = BTreeMap::new();
    let mut moved = Vec::with_capacity(targets.len());
    for (target, name) in targets.iter().zip(&names) {
        let component = pointer_push(SCHEMAS, name);
        let Some(slot) = doc.pointer_mut(&target[1..]) else {
            continue;
        };
        let body = std::mem::replace(slot, json!({ "$ref": component }));
        renamed.insert(target.clone(), component);
        moved.push((name.clone(), target.clone(), body));
    }
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (name, target, body) in moved {
        schemas.insert(name.clone(), body);
        sources.moved(&pointer_push(SCHEMAS, &name), &target, true);
    }
    point_at(doc, &renamed);
}

/// The places inside component schemas that `$ref`s of `value` name.
fn collect(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(members) => {
            for (key, v) in members {
                match (key.as_str(), v) {
                    ("$ref", Value::String(r)) => out.extend(inner_target(r)),
                    _ => collect(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// The pointer a `$ref` names when it is a schema inside a component schema, reached
/// through schema keywords (a place inside a `$defs` or `definitions` is the bundler's).
fn inner_target(reference: &str) -> Option<String> {
    let Target::Here(pointer) = parse_ref(reference) else {
        return None;
    };
    let tokens = pointer_tokens(&pointer);
    let inner = tokens.len() > 3
        && tokens[0] == "components"
        && tokens[1] == "schemas"
        && is_schema_place(&tokens[3..]);
    inner.then_some(pointer)
}

/// Whether the pointer tokens below a component lead to a schema through schema keywords
/// only (`properties/action`, `items`, `allOf/0`), not to an `example` or into a `$defs`.
fn is_schema_place(mut tokens: &[String]) -> bool {
    while let Some(keyword) = tokens.first() {
        tokens = match keyword.as_str() {
            "properties" | "patternProperties" if tokens.len() >= 2 => &tokens[2..],
            "allOf" | "anyOf" | "oneOf" | "prefixItems"
                if tokens.get(1).is_some_and(|i| i.parse::<usize>().is_ok()) =>
            {
                &tokens[2..]
            }
            "items" | "additionalProperties" | "not" => &tokens[1..],
            _ => return false,
        };
    }
    true
}

fn depth(pointer: &str) -> usize {
    pointer.matches('/').count()
}

/// Points every `$ref` to a moved place, or to a place inside one (an `example`, a
/// `definitions` entry), at its component.
fn point_at(value: &mut Value, renamed: &BTreeMap<String, String>) {
    match value {
        Value::Object(members) => {
            for (key, v) in members.iter_mut() {
                if key == "$ref" {
                    if let Some(moved) = v.as_str().and_then(|r| moved_to(r, renamed)) {
                        *v = Value::String(moved);
                    }
                } else {
                    point_at(v, renamed);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| point_at(v, renamed)),
        _ => {}
    }
}

/// Where the place `reference` names is now: the component of the innermost moved place
/// around it (or that is it), followed by the rest of the pointer.
fn moved_to(reference: &str, renamed: &BTreeMap<String, String>) -> Option<String> {
    let Target::Here(pointer) = parse_ref(reference) else {
        return None;
    };
    let mut prefix = pointer.as_str();
    loop {
        if let Some(component) = renamed.get(prefix) {
            return Some(format!("{component}{}", &pointer[prefix.len()..]));
        }
        prefix = &prefix[..prefix.rfind('/')?];
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn inner_places_become_components_and_every_reference_names_them() {
        let mut doc = json!({
            "paths": {"/p": {"patch": {"requestBody": {"content": {"application/json": {"schema": {
                "properties": {
                    "action": {"$ref": "#/components/schemas/policy/properties/action"},
                    "rule": {"$ref": "#/components/schemas/policy/properties/rules/items"},
                    "tag": {"$ref": "#/components/schemas/pet/$defs/tag"},
                    "sample": {"$ref": "#/components/schemas/pet/example"},
                    "within": {"$ref": "#/components/schemas/policy/properties/rules/items/definitions/x"},
                    "whole": {"$ref": "#/components/schemas/policy"},
                    "missing": {"$ref": "#/components/schemas/policy/properties/nothing"},
                }
            }}}}}}},
            "components": {"schemas": {
                "policy": {"properties": {
                    "action": {"enum": ["allow", "block"]},
                    "rules": {"items": {
                        "properties": {
                            "act": {"$ref": "#/components/schemas/policy/properties/action"},
                        },
                        "definitions": {"x": {"type": "string"}},
                    }},
                }},
                "pet": {"$defs": {"tag": {"type": "string"}}, "example": {"name": "Rex"}},
            }},
        });
        let mut sources = Sources::in_memory("spec.yaml");
        name_inner_schemas(&mut doc, &mut sources);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["policy_action"],
            json!({"enum": ["allow", "block"]})
        );
        assert_eq!(
            schemas["policy_rules_item"],
            json!({
                "properties": {"act": {"$ref": "#/components/schemas/policy_action"}},
                "definitions": {"x": {"type": "string"}},
            })
        );
        assert_eq!(
            schemas["policy"],
            json!({"properties": {
                "action": {"$ref": "#/components/schemas/policy_action"},
                "rules": {"items": {"$ref": "#/components/schemas/policy_rules_item"}},
            }})
        );
        let props = &doc["paths"]["/p"]["patch"]["requestBody"]["content"]["application/json"]["schema"]
            ["properties"];
        assert_eq!(
            props["action"]["$ref"],
            "#/components/schemas/policy_action"
        );
        assert_eq!(
            props["rule"]["$ref"],
            "#/components/schemas/policy_rules_item"
        );
        // Left as they were: a `$defs` place (the bundler's), a place that holds no schema,
        // a whole component, and a place that does not exist (reported later as a dangling
        // reference).
        assert_eq!(props["tag"]["$ref"], "#/components/schemas/pet/$defs/tag");
        assert_eq!(props["sample"]["$ref"], "#/components/schemas/pet/example");
        // A place inside a moved one is found where it went.
        assert_eq!(
            props["within"]["$ref"],
            "#/components/schemas/policy_rules_item/definitions/x"
        );
        assert_eq!(schemas["pet"]["example"], json!({"name": "Rex"}));
        assert_eq!(props["whole"]["$ref"], "#/components/schemas/policy");
        assert_eq!(
            props["missing"]["$ref"],
            "#/components/schemas/policy/properties/nothing"
        );
        let (file, pointer) = sources.origin_of("#/components/schemas/policy_action/enum");
        assert_eq!(
            (file, pointer.as_str()),
            (0, "#/components/schemas/policy/properties/action/enum")
        );
    }
}
