//! Names and places that never move (issue 10): the whole Cloudflare API regenerated after
//! one small edit of its spec. Each edit changes only the lines that are about it; no type
//! a user names is renamed or moved to another module.
//!
//! The diff is taken per file as multisets of lines (a line that moved inside a file does
//! not count); "about the edit" is checked by what each edit may touch.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{Value, json};

const SPEC: &str = "spec/cloudflare-openapi-2024-08-06.json";
const UPDATE_TOKEN: &str = "zone-level-access-service-tokens-update-a-service-token";

type Files = BTreeMap<String, String>;

fn spec() -> &'static Value {
    static SPEC_VALUE: OnceLock<Value> = OnceLock::new();
    SPEC_VALUE.get_or_init(|| {
        let text = std::fs::read_to_string(tests::root().join(SPEC)).expect("the whole API");
        serde_json::from_str(&text).expect("JSON")
    })
}

fn generate(spec: &Value) -> Files {
    let text = serde_json::to_string(spec).expect("serializes");
    let generated = generator::generate_texts(&[(PathBuf::from(SPEC), text)], "cloudflare")
        .expect("the edited spec generates");
    generated
        .files
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect()
}

fn before() -> &'static Files {
    static BEFORE: OnceLock<Files> = OnceLock::new();
    BEFORE.get_or_init(|| generate(spec()))
}

/// What an edit did to the output: per file, the lines gone and the lines new.
#[derive(Debug, Default)]
struct Change {
    removed: BTreeMap<String, Vec<String>>,
    added: BTreeMap<String, Vec<String>>,
}

impl Change {
    /// The change an edit of the whole API makes.
    fn of(edit: impl FnOnce(&mut Value)) -> Change {
        Change::between(before(), &generate_with(edit))
    }

    fn between(before: &Files, after: &Files) -> Change {
        let mut change = Change::default();
        let paths: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        for path in paths {
            let old = lines(before.get(path));
            let new = lines(after.get(path));
            let gone = minus(&old, &new);
            let came = minus(&new, &old);
            if !gone.is_empty() {
                change.removed.insert(path.clone(), gone);
            }
            if !came.is_empty() {
                change.added.insert(path.clone(), came);
            }
        }
        change
    }

    /// Lines gone from the modules (the crate's lists of areas aside: at most the one
    /// line that lists them or counts an area's operations).
    fn removed_lines(&self) -> usize {
        count(&self.removed)
    }

    /// Lines new in the modules (the crate's lists aside, as for [`Change::removed_lines`]).
    fn added_lines(&self) -> usize {
        count(&self.added)
    }

    fn files(&self) -> BTreeSet<&str> {
        self.removed
            .keys()
            .chain(self.added.keys())
            .map(String::as_str)
            .collect()
    }

    /// Every changed line, for a failure message.
    fn show(&self) -> String {
        let mut out = String::new();
        for (sign, side) in [("-", &self.removed), ("+", &self.added)] {
            for (path, lines) in side {
                for line in lines {
                    out.push_str(&format!("{path}: {sign}{line}\n"));
                }
            }
        }
        out
    }
}

const LISTINGS: [&str; 3] = ["src/lib.rs", "Cargo.toml", "README.md"];

/// Changed lines outside the lists of areas; a list changes by at most its one line (the
/// `full` feature, an area's count of operations) where nothing is added to it.
fn count(side: &BTreeMap<String, Vec<String>>) -> usize {
    side.iter()
        .map(|(path, lines)| {
            if LISTINGS.contains(&path.as_str()) {
                lines.len().saturating_sub(1)
            } else {
                lines.len()
            }
        })
        .sum()
}

fn lines(text: Option<&String>) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for line in text.map(String::as_str).unwrap_or_default().lines() {
        *counts.entry(line.trim()).or_default() += 1;
    }
    counts
}

/// The lines of `a` not in `b`, as many times as `a` has more of them.
fn minus(a: &BTreeMap<&str, usize>, b: &BTreeMap<&str, usize>) -> Vec<String> {
    let mut out = Vec::new();
    for (line, &n) in a {
        let m = b.get(line).copied().unwrap_or(0);
        for _ in m..n {
            out.push((*line).to_string());
        }
    }
    out
}

/// Every public type of the crate: its module file and name.
fn public_types(files: &Files) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, text) in files {
        for line in text.lines() {
            let line = line.trim();
            for keyword in ["pub struct ", "pub enum ", "pub type "] {
                if let Some(rest) = line.strip_prefix(keyword) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.insert((path.clone(), name));
                }
            }
        }
    }
    out
}

fn operation<'a>(spec: &'a mut Value, id: &str) -> (String, String, &'a mut Value) {
    let paths = spec["paths"].as_object_mut().expect("paths");
    for (path, item) in paths.iter_mut() {
        for (method, op) in item.as_object_mut().expect("a path item").iter_mut() {
            if op.get("operationId").and_then(Value::as_str) == Some(id) {
                return (path.clone(), method.clone(), op);
            }
        }
    }
    panic!("no operation {id}")
}

fn remove_operation(spec: &mut Value, id: &str) {
    let (path, method, _) = operation(spec, id);
    let item = spec["paths"][&path].as_object_mut().expect("a path item");
    item.remove(&method);
    if !item.keys().any(|k| k != "parameters") {
        spec["paths"].as_object_mut().expect("paths").remove(&path);
    }
}

/// A new operation under a new path of its own (`/accounts/{account_id}/<segment>`).
fn add_operation(spec: &mut Value, segment: &str, tag: &str, op: Value) {
    let mut op = op;
    op["tags"] = json!([tag]);
    op["parameters"] = json!([{"name": "account_id", "in": "path", "required": true,
        "schema": {"type": "string"}}]);
    op["security"] = json!([{"api_token": []}]);
    let path = format!("/accounts/{{account_id}}/{segment}");
    spec["paths"][&path] = json!({ "post": op });
}

fn envelope(result: Value) -> Value {
    json!({"200": {"description": "ok", "content": {"application/json": {"schema": {
        "allOf": [{"$ref": "#/components/schemas/access_api-response-single"},
                  {"properties": {"result": result}}]}}}}})
}

/// Lines of files the edit could not be about: anything but the files of `modules` (a
/// module folder or file stem) and the crate's lists of areas (`lib.rs`, `Cargo.toml`,
/// `README.md`).
fn elsewhere<'a>(change: &'a Change, modules: &[&str]) -> Vec<&'a str> {
    change
        .files()
        .into_iter()
        .filter(|path| {
            let listing = LISTINGS.contains(path);
            let own = modules
                .iter()
                .any(|m| path.starts_with(&format!("src/{m}/")) || *path == format!("src/{m}.rs"));
            !listing && !own
        })
        .collect()
}

#[test]
fn a_new_operation_returning_a_component_moves_nothing() {
    let change = Change::of(|spec| {
        add_operation(
            spec,
            "stability_probe",
            "Stability probe",
            json!({"operationId": "stability-probe-list-service-tokens",
                "responses": envelope(json!({"type": "array",
                    "items": {"$ref": "#/components/schemas/access_service-tokens"}}))}),
        );
    });
    assert_eq!(change.removed_lines(), 0, "{}", change.show());
    assert_eq!(elsewhere(&change, &["stability_probe"]), Vec::<&str>::new());
    let added = public_types(&generate_with(|s| {
        add_operation(
            s,
            "stability_probe",
            "Stability probe",
            json!({"operationId": "stability-probe-list-service-tokens",
                "responses": envelope(json!({"$ref": "#/components/schemas/access_service-tokens"}))}),
        )
    }));
    assert!(added.is_superset(&public_types(before())));
}

fn generate_with(edit: impl FnOnce(&mut Value)) -> Files {
    let mut edited = spec().clone();
    edit(&mut edited);
    generate(&edited)
}

/// A newcomer whose body has update-service-token's structure: every name stays where it
/// was; the newcomer's own types are new lines in its own module.
#[test]
fn a_new_operation_sharing_a_structure_renames_nothing() {
    let mut copy = spec().clone();
    let body = operation(&mut copy, UPDATE_TOKEN).2["requestBody"].clone();
    let change = Change::of(|spec| {
        add_operation(
            spec,
            "stability_probe",
            "Stability probe",
            json!({"operationId": "stability-probe-add-token", "requestBody": body,
                "responses": envelope(json!({"type": "object",
                    "properties": {"id": {"type": "string"}}}))}),
        );
    });
    assert_eq!(change.removed_lines(), 0, "{}", change.show());
    assert_eq!(elsewhere(&change, &["stability_probe"]), Vec::<&str>::new());
}

#[test]
fn removing_an_operation_leaves_the_types_others_use() {
    let before_types = public_types(before());
    let after = generate_with(|spec| {
        remove_operation(spec, "dns-records-for-a-zone-delete-dns-record");
    });
    let after_types = public_types(&after);
    let gone: Vec<_> = before_types.difference(&after_types).collect();
    let new: Vec<_> = after_types.difference(&before_types).collect();
    assert!(new.is_empty(), "removing an operation made types {new:?}");
    assert!(
        gone.iter().all(|(_, name)| name.starts_with("Delete")),
        "only the removed operation's own types go: {gone:?}"
    );
    let change = Change::of(|spec| {
        remove_operation(spec, "dns-records-for-a-zone-delete-dns-record");
    });
    assert_eq!(change.added_lines(), 0, "{}", change.show());
    assert_eq!(elsewhere(&change, &["dns_records"]), Vec::<&str>::new());
}

/// Two operations share types (the two pool creations of load balancing): removing one
/// leaves the other's types in their place and with their names.
#[test]
fn removing_one_of_two_operations_sharing_types_moves_nothing() {
    let change = Change::of(|spec| {
        remove_operation(spec, "load-balancer-pools-create-pool");
    });
    assert_eq!(change.added_lines(), 0, "{}", change.show());
    assert_eq!(elsewhere(&change, &["user"]), Vec::<&str>::new());
}

/// Two areas' operations whose parameters are one structure and one name (`ByTimeParams`
/// of the DNS analytics and of the DNS firewall's analytics): removing one leaves the
/// other's type in its module, with its name and its lines.
#[test]
fn removing_one_of_two_operations_with_one_params_structure_moves_nothing() {
    let firewall = "src/dns_firewall/analytics.rs";
    let analytics = "src/dns_analytics/dns_analytics.rs";
    for path in [firewall, analytics] {
        assert!(
            public_types(before()).contains(&(path.to_string(), "ByTimeParams".to_string())),
            "{path} has its own ByTimeParams"
        );
    }
    let after = generate_with(|spec| remove_operation(spec, "dns-analytics-by-time"));
    assert!(public_types(&after).contains(&(firewall.to_string(), "ByTimeParams".to_string())));
    let change = Change::between(before(), &after);
    assert_eq!(elsewhere(&change, &["dns_analytics"]), Vec::<&str>::new());
    // What comes in is the module's imports, one fewer and so written anew.
    let added: Vec<&String> = change
        .added
        .iter()
        .filter(|(path, _)| !LISTINGS.contains(&path.as_str()))
        .flat_map(|(_, lines)| lines)
        .collect();
    assert!(
        added.iter().all(|l| l.starts_with("use ")),
        "{}",
        change.show()
    );
}

/// A property added first to one of two bodies whose names collide: the other keeps its
/// name and its lines.
#[test]
fn a_property_added_first_to_one_of_two_colliding_types_swaps_nothing() {
    let change = Change::of(|spec| {
        let op = operation(spec, "account-load-balancer-pools-create-pool").2;
        let properties = op["requestBody"]["content"]["application/json"]["schema"]["properties"]
            .as_object_mut()
            .expect("properties");
        let mut first = serde_json::Map::new();
        first.insert("aaa_first".into(), json!({"type": "string"}));
        first.extend(std::mem::take(properties));
        *properties = first;
    });
    assert_eq!(change.removed_lines(), 0, "{}", change.show());
    assert_new_field(&change, "aaa_first");
    assert_eq!(elsewhere(&change, &["load_balancers"]), Vec::<&str>::new());
}

/// The lines a new optional field brings: the field, its serde attribute, its setter, its
/// docs and its place in `new()`; each one names the field or is punctuation.
fn assert_new_field(change: &Change, field: &str) {
    let shown = change.show();
    assert!(change.added_lines() >= 6, "{shown}");
    for line in change.added.values().flatten() {
        let punctuation = ["", "}", "self", "Self {"].contains(&line.as_str());
        let serde = line == "#[serde(default, skip_serializing_if = \"Option::is_none\")]";
        // `new()` written over several lines once it has two fields.
        let reflowed = line.ends_with(": Default::default(),");
        let about = line.contains(field) || line.starts_with("///");
        assert!(
            about || punctuation || serde || reflowed,
            "{line:?} is not about the new field:\n{shown}"
        );
    }
}

/// Two operations of one group whose readable names collide (both are
/// `update_service_token`): their types are numbered by their operations, so adding a
/// property first to one swaps no names.
#[test]
fn colliding_names_are_numbered_by_origin() {
    let collide = |spec: &mut Value, first: bool| {
        let (path, _, op) = operation(spec, UPDATE_TOKEN);
        let mut op = op.clone();
        op["operationId"] = json!("zone-level-access-service-tokens-update-service-token");
        let mut properties = serde_json::Map::new();
        if first {
            properties.insert("aaa_first".into(), json!({"type": "string"}));
        }
        properties.insert("note".into(), json!({"type": "string"}));
        op["requestBody"] = json!({"required": true, "content": {"application/json":
            {"schema": {"type": "object", "properties": properties}}}});
        spec["paths"][&format!("{path}/note")] = json!({"post": op});
    };
    let colliding = generate_with(|spec| collide(spec, false));
    let types = public_types(&colliding);
    let module = "src/access/zone_level_service_tokens.rs".to_string();
    assert!(
        types.contains(&(module.clone(), "UpdateServiceToken".into())),
        "{types:?}"
    );
    assert!(
        types.contains(&(module, "UpdateServiceToken2".into())),
        "{types:?}"
    );
    let edited = generate_with(|spec| collide(spec, true));
    assert_eq!(public_types(&edited), types);
    let change = Change::between(&colliding, &edited);
    // The edited type's `new()` body, one line while it had one field.
    let removed: Vec<&String> = change.removed.values().flatten().collect();
    assert_eq!(
        removed,
        ["Self { note: Default::default() }"],
        "{}",
        change.show()
    );
    assert_new_field(&change, "aaa_first");
}

/// A newcomer in update-service-token's module whose body has its structure and whose
/// name sorts first: the one definition takes the newcomer's name and the old name stays,
/// as an alias in the same module (`pub type UpdateServiceToken = AddServiceToken;`).
/// Every path a user writes keeps compiling; two lines change (the `struct` and `impl`
/// heads). Keeping a definition per operation instead costs the whole-API crate half as
/// much again to check (README, "Names and modules").
#[test]
fn a_twin_in_the_same_module_keeps_the_old_name_as_an_alias() {
    let change = Change::of(|spec| {
        let (path, _, op) = operation(spec, UPDATE_TOKEN);
        let mut op = op.clone();
        op["operationId"] = json!("zone-level-access-service-tokens-add-a-service-token");
        spec["paths"][&format!("{path}/twin")] = json!({"post": op});
    });
    let module = "src/access/zone_level_service_tokens.rs";
    assert_eq!(
        change.removed.get(module).cloned().unwrap_or_default(),
        [
            "impl UpdateServiceToken {",
            "pub struct UpdateServiceToken {"
        ],
        "{}",
        change.show()
    );
    assert_eq!(change.removed_lines(), 2, "{}", change.show());
    let added = &change.added[module];
    assert!(added.contains(&"pub type UpdateServiceToken = AddServiceToken;".to_string()));
    assert!(added.contains(&"pub struct AddServiceToken {".to_string()));
}

/// A requirement is a set, and so is every object: scheme order in `security` and key
/// order in `paths`, `properties` and `components` change no byte.
#[test]
fn reordered_keys_and_requirements_change_nothing() {
    let change = Change::of(|spec| {
        reverse_objects(spec);
        for item in spec["paths"].as_object_mut().expect("paths").values_mut() {
            for op in item.as_object_mut().expect("a path item").values_mut() {
                if let Some(security) = op.get_mut("security").and_then(Value::as_array_mut) {
                    for requirement in security {
                        reverse_object(requirement);
                    }
                }
            }
        }
    });
    assert_eq!(change.files(), BTreeSet::new(), "{}", change.show());
}

/// Objects whose order is the spec's meaning stay (a schema's `properties` order is the
/// field order); the rest are reversed.
fn reverse_objects(value: &mut Value) {
    for key in ["paths", "components"] {
        reverse_object(&mut value[key]);
    }
    for key in ["schemas", "securitySchemes"] {
        if let Some(map) = value["components"].get_mut(key) {
            reverse_object(map);
        }
    }
}

fn reverse_object(value: &mut Value) {
    if let Some(map) = value.as_object_mut() {
        let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().rev().collect();
        map.extend(entries);
    }
}

/// A new optional property of a component: the new field, its setter and its docs, in the
/// component's module, and nothing else.
#[test]
fn a_new_property_changes_only_its_own_lines() {
    let change = Change::of(|spec| {
        spec["components"]["schemas"]["access_service-tokens"]["properties"]["stability_probe"] =
            json!({"type": "string", "description": "A probe."});
    });
    assert_eq!(change.removed_lines(), 0, "{}", change.show());
    assert_new_field(&change, "stability_probe");
    assert_eq!(elsewhere(&change, &["access"]), Vec::<&str>::new());
}
