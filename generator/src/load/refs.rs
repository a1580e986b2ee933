//! `$ref`s to other files, and to places the later stages cannot follow, resolved into one
//! document.
//!
//! - A `$ref` where a schema belongs, to another file (`./models/droplet.yml`,
//!   `shared.yml#/components/schemas/Region`) or into a `$defs`, is *hoisted*: the schema is
//!   copied into `components/schemas` under a name made from its file and pointer
//!   ([`naming::hoisted_schema_names`]) and the `$ref` names that component. Each schema is
//!   hoisted once, so recursive schemas stay recursive.
//! - Any other `$ref` to another file (a path item, an operation, a parameter, a response),
//!   and a `$ref` path item or operation in the same file, is replaced by a copy of what it
//!   names, whose own `$ref`s are read relative to *its* file.
//! - `$ref`s to `#/components/<section>/<name>` of the document stay as they are.
//!
//! Files are read only inside the allowed folders (the spec's own folder and each
//! `--allow-root`), checked before a file is opened and again after symbolic links are
//! followed; nothing is ever fetched over the network. Every moved value records its origin
//! in [`Sources`], so later messages name the file and pointer the user wrote.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use super::files::{FileAccess, Refusal, Target, normalize, parse_ref};
use super::sources::{Origin, Sources};
use super::walk::{Part, Visitor, walk};
use super::{parse, read_text, syntax};
use crate::diag::{Diagnostics, Severity, pointer_push};
use crate::naming::{self, HoistedFrom};

/// How many `$ref`s may be followed inside one another (a path item whose parameter's
/// example is in a third file is three).
pub const MAX_REF_DEPTH: usize = 64;

/// How many values may be copied in for `$ref`s in all: a guard against a few small files
/// that refer to each other many times over growing into a huge document.
pub const MAX_COPIES: usize = 100_000;

/// One schema copied into `components/schemas`.
struct Hoist {
    file: usize,
    pointer: String,
    body: Value,
}

/// Resolves the `$ref`s of one document.
pub struct Bundler<'s> {
    sources: &'s mut Sources,
    diags: &'s mut Diagnostics,
    access: FileAccess,
    /// Each file's value as read, by the index `sources` gives it.
    values: Vec<Value>,
    /// Each file's canonical path (`None` for a spec given as text).
    canonical: Vec<Option<PathBuf>>,
    by_path: HashMap<PathBuf, usize>,
    hoisted: BTreeMap<(usize, String), usize>,
    hoists: Vec<Hoist>,
    /// `$ref`s being copied in, outermost first (file, pointer), to find cycles.
    copying: Vec<(usize, String)>,
    copies: usize,
    /// OpenAPI 3.1: a reference's `summary` and `description` replace those of what it names.
    v31: bool,
}

/// The placeholder a hoisted schema's `$ref` holds until names are chosen (a NUL byte
/// cannot occur in spec text: such files are refused as binary).
const PLACEHOLDER: &str = "#/components/schemas/\u{0}";

/// Resolves the `$ref`s of `doc` (the main document, file 0 of `sources`, at `main`).
pub fn bundle(
    doc: &mut Value,
    main: &Path,
    v31: bool,
    access: FileAccess,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) {
    // Most documents only refer to their own components: nothing to do, and no copy of a
    // big document to keep (the whole Cloudflare API is 4 MB of JSON).
    if !v31 && only_components(doc) {
        return;
    }
    let canonical = if access.enabled {
        main.canonicalize().ok()
    } else {
        None
    };
    let mut b = Bundler {
        values: vec![doc.clone()],
        by_path: canonical.iter().map(|c| (c.clone(), 0)).collect(),
        canonical: vec![canonical],
        sources,
        diags,
        access,
        hoisted: BTreeMap::new(),
        hoists: Vec::new(),
        copying: Vec::new(),
        copies: 0,
        v31,
    };
    let mut walker = FileWalk {
        b: &mut b,
        file: 0,
        base_in: "#".into(),
        base_out: Some("#".into()),
    };
    walk(&mut walker, Part::Document, doc, "#");
    b.finish(doc);
}

/// A walk through values of one file, copied in at `base_out` of the document (`None`
/// inside a hoisted schema, which records its origin as a whole).
struct FileWalk<'w, 's> {
    b: &'w mut Bundler<'s>,
    file: usize,
    base_in: String,
    base_out: Option<String>,
}

impl Visitor for FileWalk<'_, '_> {
    fn visit(&mut self, part: Part, value: &mut Value, pointer: &str) -> bool {
        if part == Part::Schema {
            self.discriminator_mapping(value, pointer);
        }
        let Some(reference) = value
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return true;
        };
        let Some((file, target)) = self.target(&reference, pointer) else {
            return false;
        };
        // In 3.1 a reference's own `summary` and `description` replace those of what it
        // names: such a reference is copied in, so that they can.
        let overrides = self.b.v31
            && part != Part::Schema
            && (value.get("summary").is_some() || value.get("description").is_some());
        if file == 0 && keeps(part, &target) && !overrides {
            value["$ref"] = Value::String(target);
            return part == Part::Schema;
        }
        if part == Part::Schema {
            let target = self.enclosing_defs(file, target, pointer);
            if let Some(i) = self.b.hoist(file, &target, (self.file, pointer)) {
                value["$ref"] = Value::String(format!("{PLACEHOLDER}{i}"));
            }
            return true;
        }
        let out = self
            .base_out
            .as_ref()
            .map(|b| format!("{b}{}", &pointer[self.base_in.len()..]));
        if let Some(copy) = self
            .b
            .copy(part, file, &target, (self.file, pointer), out.clone())
        {
            let siblings = std::mem::replace(value, copy);
            if self.b.v31 {
                override_summary(value, &siblings);
            }
            if part == Part::PathItem {
                self.path_item_siblings(value, siblings, pointer, out.as_deref());
            }
        }
        false
    }
}

impl FileWalk<'_, '_> {
    /// The file and pointer `reference` (found at `pointer` of this walk's file) names, or
    /// `None` after reporting why it cannot be followed.
    fn target(&mut self, reference: &str, pointer: &str) -> Option<(usize, String)> {
        match parse_ref(reference) {
            Target::Here(p) => Some((self.file, p)),
            Target::File(path, p) => self
                .b
                .open(self.file, &path, pointer, reference)
                .map(|f| (f, p)),
            Target::Unsupported(why) => {
                let message = format!("`$ref: {reference}` {why}");
                let d = self.b.sources.in_file(Severity::Error, self.file, pointer, message).help(
                    "bundle it first (for example `redocly bundle` or `swagger-cli bundle`), or copy what it names into this file",
                );
                self.b.diags.push(d);
                None
            }
        }
    }

    /// `#/$defs/tag` in a file with no top-level `$defs`: schemas copied into a document
    /// from a JSON Schema file keep their own `$defs`, and such a `$ref` means the `$defs`
    /// of the schema around it (the nearest one that has the entry), with a warning.
    fn enclosing_defs(&mut self, file: usize, target: String, pointer: &str) -> String {
        let value = &self.b.values[file];
        if file != self.file
            || !target.starts_with("#/$defs/")
            || value.pointer(&target[1..]).is_some()
        {
            return target;
        }
        let mut prefix = pointer;
        while let Some(i) = prefix.rfind('/') {
            prefix = &prefix[..i];
            let candidate = format!("{prefix}{}", &target[1..]);
            if value.pointer(&candidate[1..]).is_some() {
                let message = format!(
                    "`$ref: {target}`: the document has no top-level `$defs`; read as `{candidate}`, in the schema around the reference"
                );
                let d = self
                    .b
                    .sources
                    .in_file(Severity::Warning, self.file, pointer, message)
                    .help(format!("write `$ref: '{candidate}'`"));
                self.b.diags.push(d);
                return candidate;
            }
        }
        target
    }

    /// A path item's own fields beside its `$ref` (`parameters`, say) are kept where the
    /// referenced path item has none of its own; their `$ref`s are resolved here.
    fn path_item_siblings(
        &mut self,
        value: &mut Value,
        siblings: Value,
        pointer: &str,
        out: Option<&str>,
    ) {
        let (Some(item), Value::Object(siblings)) = (value.as_object_mut(), siblings) else {
            return;
        };
        let mut own = Map::new();
        for (key, v) in siblings {
            if key != "$ref" && !item.contains_key(&key) {
                if let Some(out) = out {
                    let origin = Origin {
                        file: self.file,
                        pointer: pointer_push(pointer, &key),
                        keep_suffix: true,
                    };
                    self.b.sources.set_origin(&pointer_push(out, &key), origin);
                }
                own.insert(key, v);
            }
        }
        if own.is_empty() {
            return;
        }
        let mut own = Value::Object(own);
        walk(self, Part::PathItem, &mut own, pointer);
        if let Value::Object(own) = own {
            item.extend(own);
        }
    }

    /// `discriminator.mapping` values that are references (`./cat.yml`) name what the
    /// alternatives' rewritten `$ref`s name.
    fn discriminator_mapping(&mut self, value: &mut Value, pointer: &str) {
        let Some(mapping) = value
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)
            .cloned()
        else {
            return;
        };
        let map_ptr = pointer_push(&pointer_push(pointer, "discriminator"), "mapping");
        let mut rewritten = Map::new();
        for (tag, target) in mapping {
            let new = match target.as_str() {
                Some(r) if r.contains('#') || r.contains('/') || r.contains('.') => {
                    let at = pointer_push(&map_ptr, &tag);
                    match self.target(r, &at) {
                        Some((0, t)) if keeps(Part::Schema, &t) => Value::String(t),
                        Some((file, t)) => match self.b.hoist(file, &t, (self.file, &at)) {
                            Some(i) => Value::String(format!("{PLACEHOLDER}{i}")),
                            None => target.clone(),
                        },
                        None => target.clone(),
                    }
                }
                _ => target.clone(),
            };
            rewritten.insert(tag, new);
        }
        value["discriminator"]["mapping"] = Value::Object(rewritten);
    }
}

/// Whether a `$ref` to `target` in the main document stays as it is: a component the later
/// stages look up by name (or, for schemas, a place inside one, as 3.0 documents write).
fn keeps(part: Part, target: &str) -> bool {
    let Some(section) = part.section().filter(|_| part != Part::PathItem) else {
        return false;
    };
    let Some(rest) = target
        .strip_prefix("#/components/")
        .and_then(|r| r.strip_prefix(section))
        .and_then(|r| r.strip_prefix('/'))
    else {
        return false;
    };
    match part {
        Part::Schema => !rest.split('/').any(|s| s == "$defs" || s == "definitions"),
        _ => !rest.is_empty() && !rest.contains('/'),
    }
}

/// Whether every `$ref` (and discriminator mapping) in `value` names a component of the
/// document that stays a reference ([`keeps`]), whatever part it is in: then nothing needs
/// resolving. A mismatch (a schema's `$ref` where a parameter belongs) is left to lowering,
/// which reports it.
fn only_components(value: &Value) -> bool {
    const SECTIONS: [&str; 8] = [
        "responses",
        "parameters",
        "examples",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
    ];
    let plain = |r: &str| {
        !r.contains('%')
            && (keeps(Part::Schema, r)
                || SECTIONS.iter().any(|s| {
                    r.strip_prefix("#/components/")
                        .and_then(|r| r.strip_prefix(s))
                        .and_then(|r| r.strip_prefix('/'))
                        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
                }))
    };
    match value {
        Value::Array(items) => items.iter().all(only_components),
        Value::Object(m) => m.iter().all(|(k, v)| match (k.as_str(), v) {
            ("$ref", Value::String(r)) => plain(r),
            ("mapping", Value::Object(targets)) => targets.values().all(|t| match t {
                Value::String(t) => plain(t) || !(t.contains(['#', '/', '.'])),
                other => only_components(other),
            }),
            _ => only_components(v),
        }),
        _ => true,
    }
}

/// OpenAPI 3.1: `summary` and `description` beside a `$ref` replace those of what it names.
fn override_summary(value: &mut Value, siblings: &Value) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    for key in ["summary", "description"] {
        if let Some(v) = siblings.get(key) {
            obj.insert(key.to_string(), v.clone());
        }
    }
}

impl Bundler<'_> {
    /// The index of the file `path` names (relative to file `from`), read and parsed on
    /// first use; `None` after reporting why it may not or cannot be read.
    fn open(&mut self, from: usize, path: &str, at: &str, reference: &str) -> Option<usize> {
        let resolved = match self.canonical.get(from).cloned().flatten() {
            Some(from_path) => self.access.resolve(&from_path, path),
            None => Err(Refusal {
                message: "names a file, but this spec was not read from a file".into(),
                help: "bundle the spec into one document first",
            }),
        };
        let canonical = match resolved {
            Ok(c) => c,
            Err(r) => {
                let message = format!("`$ref: {reference}` {}", r.message);
                let d = self
                    .sources
                    .in_file(Severity::Error, from, at, message)
                    .help(r.help);
                self.diags.push(d);
                return None;
            }
        };
        if let Some(&i) = self.by_path.get(&canonical) {
            return Some(i);
        }
        // Messages name the file as the reference does, from the referring file's folder.
        let shown = normalize(
            &self
                .sources
                .file_path(from)
                .parent()
                .unwrap_or(Path::new(""))
                .join(path),
        );
        let parsed = read_text(&canonical)
            .map_err(|mut d| {
                d.file = shown.clone();
                d
            })
            .and_then(|text| match syntax::binary_data(&shown, &text) {
                Some(d) => Err(d),
                None => parse::parse(&shown, &text),
            });
        let parsed = match parsed {
            Ok(p) => p,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        let i = self.sources.add_file(&shown, parsed.text, parsed.is_yaml);
        self.values.push(parsed.value);
        self.canonical.push(Some(canonical.clone()));
        self.by_path.insert(canonical, i);
        Some(i)
    }

    /// The value at `pointer` of file `file`, or `None` after an error at `at`.
    fn lookup(
        &mut self,
        file: usize,
        pointer: &str,
        at: (usize, &str),
        what: Part,
    ) -> Option<Value> {
        let found = self.values.get(file).and_then(|v| v.pointer(&pointer[1..]));
        if let Some(v) = found {
            return Some(v.clone());
        }
        let message = format!(
            "dangling `$ref`: there is no value at `{pointer}` in {}, where {} was expected",
            self.sources.file_path(file).display(),
            what.what()
        );
        let d = self
            .sources
            .in_file(Severity::Error, at.0, at.1, message)
            .help("fix the pointer after `#` (or the file before it)");
        self.diags.push(d);
        None
    }

    /// The index of the hoisted schema at `pointer` of `file`, hoisting it on first use.
    fn hoist(&mut self, file: usize, pointer: &str, at: (usize, &str)) -> Option<usize> {
        let key = (file, pointer.to_string());
        if let Some(&i) = self.hoisted.get(&key) {
            return Some(i);
        }
        let mut body = self.lookup(file, pointer, at, Part::Schema)?;
        let i = self.hoists.len();
        self.hoisted.insert(key, i);
        self.hoists.push(Hoist {
            file,
            pointer: pointer.to_string(),
            body: Value::Null,
        });
        let mut walker = FileWalk {
            b: self,
            file,
            base_in: pointer.to_string(),
            base_out: None,
        };
        walk(&mut walker, Part::Schema, &mut body, pointer);
        self.hoists[i].body = body;
        Some(i)
    }

    /// A copy of the `part` at `pointer` of `file`, its own `$ref`s resolved, to be placed at
    /// `out` of the document; `None` after an error at `at`.
    fn copy(
        &mut self,
        part: Part,
        file: usize,
        pointer: &str,
        at: (usize, &str),
        out: Option<String>,
    ) -> Option<Value> {
        let key = (file, pointer.to_string());
        if let Some(start) = self.copying.iter().position(|k| *k == key) {
            let mut chain: Vec<String> = self.copying[start..]
                .iter()
                .map(|(f, p)| self.place(*f, p))
                .collect();
            chain.push(self.place(file, pointer));
            let message = format!("`$ref` cycle: {}", chain.join(" → "));
            let d = self
                .sources
                .in_file(Severity::Error, at.0, at.1, message)
                .help(format!(
                    "{} cannot contain itself; break the cycle",
                    part.what()
                ));
            self.diags.push(d);
            return None;
        }
        if self.copying.len() >= MAX_REF_DEPTH || self.copies >= MAX_COPIES {
            let message = format!(
                "`$ref`s here nest deeper than {MAX_REF_DEPTH} or copy in more than {MAX_COPIES} values"
            );
            let d = self
                .sources
                .in_file(Severity::Error, at.0, at.1, message)
                .help(
                    "bundle the spec into one document first, with shared parts under `components`",
                );
            self.diags.push(d);
            return None;
        }
        let mut value = self.lookup(file, pointer, at, part)?;
        self.copies += 1;
        if let Some(out) = &out {
            let origin = Origin {
                file,
                pointer: pointer.to_string(),
                keep_suffix: true,
            };
            self.sources.set_origin(out, origin);
        }
        self.copying.push(key);
        let mut walker = FileWalk {
            b: self,
            file,
            base_in: pointer.to_string(),
            base_out: out,
        };
        walk(&mut walker, part, &mut value, pointer);
        self.copying.pop();
        Some(value)
    }

    /// `resources/droplets.yml#/list`, for messages.
    fn place(&self, file: usize, pointer: &str) -> String {
        format!("{}{pointer}", self.sources.file_path(file).display())
    }

    /// Names the hoisted schemas, puts them into `components/schemas` and points their
    /// `$ref`s at them.
    fn finish(self, doc: &mut Value) {
        if self.hoists.is_empty() {
            return;
        }
        let root = self
            .sources
            .file_path(0)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let origins: Vec<HoistedFrom> = self
            .hoists
            .iter()
            .map(|h| HoistedFrom {
                file: if h.file == 0 {
                    String::new()
                } else {
                    file_words(&root, self.sources.file_path(h.file))
                },
                segments: super::locate::pointer_tokens(&h.pointer),
            })
            .collect();
        let taken: BTreeSet<String> = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let names = naming::hoisted_schema_names(&origins, &taken);
        let targets: Vec<String> = names
            .iter()
            .map(|n| pointer_push("#/components/schemas", n))
            .collect();
        let Some(root_obj) = doc.as_object_mut() else {
            return;
        };
        let components = root_obj
            .entry("components")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(schemas) = components
            .as_object_mut()
            .map(|c| {
                c.entry("schemas")
                    .or_insert_with(|| Value::Object(Map::new()))
            })
            .and_then(Value::as_object_mut)
        else {
            return;
        };
        for (h, name) in self.hoists.into_iter().zip(&names) {
            schemas.insert(name.clone(), h.body);
            let origin = Origin {
                file: h.file,
                pointer: h.pointer,
                keep_suffix: true,
            };
            self.sources
                .set_origin(&pointer_push("#/components/schemas", name), origin);
        }
        point_at_names(doc, &targets);
    }
}

/// The words of a file's path from the spec's folder, without extension:
/// `resources/droplets` for `<spec folder>/resources/droplets.yml`.
fn file_words(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap_or(file).with_extension("");
    let words: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("up".to_string()),
            _ => None,
        })
        .collect();
    words.join("/")
}

/// Replaces each placeholder `$ref` (and discriminator mapping) by its component's pointer.
fn point_at_names(value: &mut Value, targets: &[String]) {
    match value {
        Value::String(s) => {
            if let Some(i) = s
                .strip_prefix(PLACEHOLDER)
                .and_then(|n| n.parse::<usize>().ok())
                && let Some(t) = targets.get(i)
            {
                *s = t.clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| point_at_names(v, targets)),
        Value::Object(m) => m.values_mut().for_each(|v| point_at_names(v, targets)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hoisted_files_are_named_by_their_path_from_the_spec() {
        assert_eq!(
            file_words(Path::new("spec"), Path::new("spec/res/d.yml")),
            "res/d"
        );
        assert_eq!(
            file_words(Path::new("spec"), Path::new("other/d.yml")),
            "other/d"
        );
    }

    #[test]
    fn documents_that_only_name_their_components_need_nothing_resolved() {
        let only = serde_json::json!({"paths": {"/a": {"get": {"parameters": [
            {"$ref": "#/components/parameters/p"}
        ], "responses": {"200": {"$ref": "#/components/responses/ok"}}}}},
            "components": {"schemas": {"a": {"properties": {"b": {"$ref": "#/components/schemas/c/properties/d"}},
                "discriminator": {"mapping": {"x": "#/components/schemas/x", "y": "y"}}}}}});
        assert!(only_components(&only));
        for other in [
            "a.yml",
            "#/components/schemas/a/$defs/b",
            "#/components/pathItems/p",
            "#/components/parameters/p/schema",
            "#/paths/~1a",
            "#/components/schemas/a%20b",
        ] {
            let doc = serde_json::json!({"paths": {"/a": {"$ref": other}}});
            assert!(!only_components(&doc), "{other}");
        }
        let mapped = serde_json::json!({"discriminator": {"mapping": {"x": "./x.yml"}}});
        assert!(!only_components(&mapped));
    }

    #[test]
    fn kept_references_are_components_the_later_stages_look_up() {
        assert!(keeps(Part::Schema, "#/components/schemas/a"));
        assert!(keeps(Part::Schema, "#/components/schemas/a/properties/b"));
        assert!(!keeps(Part::Schema, "#/components/schemas/a/$defs/b"));
        assert!(!keeps(Part::Schema, "#/paths/~1a"));
        assert!(keeps(Part::Parameter, "#/components/parameters/p"));
        assert!(!keeps(Part::Parameter, "#/components/parameters/p/schema"));
        assert!(!keeps(Part::Parameter, "#/components/responses/p"));
        assert!(!keeps(Part::PathItem, "#/components/pathItems/p"));
        assert!(!keeps(Part::Operation, "#/paths/~1a/get"));
    }
}
