//! Specs in several files and OpenAPI 3.1: messages name the file and pointer the user
//! wrote, files outside the allowed folders are never read (nor shown), and a spec given as
//! text reads no file at all.

use std::fs;
use std::path::{Path, PathBuf};

use generator::diag::Diagnostic;
use generator::{Error, Settings};
use tests::{Scratch, root};

fn settings(spec: &Path) -> Settings {
    Settings::new(vec![spec.to_path_buf()], Path::new("client"))
}

fn errors(settings: &Settings) -> Vec<Diagnostic> {
    match generator::generate_files(settings) {
        Err(Error::Spec(d)) => d.errors().cloned().collect(),
        Err(other) => panic!("not a spec error: {other}"),
        Ok(_) => panic!("the spec generated"),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create the folder");
    }
    fs::write(&path, text).expect("write the file");
    path
}

/// One operation whose 200 response is the schema `$ref`.
fn document(reference: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: \"1\"}}\npaths:\n  /a:\n    get:\n      operationId: get-a\n      responses:\n        \"200\":\n          description: A.\n          content:\n            application/json:\n              schema: {{$ref: '{reference}'}}\n"
    )
}

#[test]
fn a_warning_about_a_schema_of_another_file_names_that_file() {
    let spec = root().join("spec/cases/multi_file/openapi.yaml");
    let generated = generator::generate_files(&settings(&spec)).expect("the case generates");
    let w: Vec<&Diagnostic> = generated.warnings.warnings().collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].file.ends_with("multi_file/models/size.yml"),
        "{}",
        w[0]
    );
    assert_eq!(w[0].pointer.as_deref(), Some("#/properties/memory/default"));
    assert_eq!(w[0].position.map(|p| p.line), Some(8), "{}", w[0]);
}

#[test]
fn an_error_in_another_file_names_that_file_and_its_pointer() {
    let scratch = Scratch::new("error-elsewhere");
    let spec = write(
        scratch.path(),
        "openapi.yaml",
        &document("models/thing.yml#/Thing"),
    );
    write(
        scratch.path(),
        "models/thing.yml",
        "Thing:\n  type: object\n  properties:\n    a:\n      allOf:\n        - {type: string}\n        - {type: integer}\n",
    );
    let errors = errors(&settings(&spec));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert!(e.file.ends_with("models/thing.yml"), "{e}");
    assert_eq!(
        e.pointer.as_deref(),
        Some("#/Thing/properties/a/allOf/1"),
        "{e}"
    );
    assert_eq!(e.position.map(|p| p.line), Some(7), "{e}");
}

/// A file outside the spec's folder, whose text must never show up in a message.
const SECRET: &str = "secret-6d1f0c2b9a";

#[test]
fn files_outside_the_spec_folder_are_not_read_unless_allowed() {
    let scratch = Scratch::new("outside");
    let outside = scratch.path().join("outside");
    let secret = write(
        &outside,
        "secret.yml",
        &format!(
            "type: object\ndescription: {SECRET}\nproperties:\n  {SECRET}: {{type: string}}\n"
        ),
    );
    let folder = scratch.path().join("spec");
    let link = folder.join("link.yml");
    fs::create_dir_all(&folder).expect("create the spec folder");
    std::os::unix::fs::symlink(&secret, &link).expect("make the link");
    let by_path = secret.display().to_string();
    for reference in ["../outside/secret.yml", by_path.as_str(), "link.yml"] {
        let spec = write(&folder, "openapi.yaml", &document(reference));
        let errors = errors(&settings(&spec));
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let text = text.join("\n");
        assert_eq!(errors.len(), 1, "{text}");
        assert!(
            text.contains("outside the folders the spec may read"),
            "{text}"
        );
        assert!(text.contains("--allow-root"), "{text}");
        assert!(!text.contains(SECRET), "{text}");
        // Allowed, the same file is read.
        let allowed = settings(&spec).allow_root(&outside);
        let generated = generator::generate_files(&allowed).expect("an allowed file is read");
        let code: String = generated
            .files
            .iter()
            .map(|f| f.contents.as_str())
            .collect();
        assert!(
            code.contains(SECRET),
            "the allowed file's schema is generated"
        );
    }
}

#[test]
fn a_missing_allowed_root_is_an_error() {
    let scratch = Scratch::new("no-root");
    let spec = write(
        scratch.path(),
        "openapi.yaml",
        &document("#/components/schemas/a"),
    );
    let errors = errors(&settings(&spec).allow_root(scratch.path().join("nowhere")));
    assert!(errors[0].message.contains("--allow-root"), "{}", errors[0]);
}

#[test]
fn a_spec_given_as_text_reads_no_file() {
    let text = document("models/thing.yml");
    let Err(Error::Spec(d)) = generator::generate_texts(&[("spec.yaml".into(), text)], "client")
    else {
        panic!("a file reference in a text is an error");
    };
    assert!(d.to_string().contains("not read from a file"), "{d}");
}

#[test]
fn errors_in_rewritten_3_1_schemas_point_at_what_the_user_wrote() {
    let scratch = Scratch::new("v31-pointers");
    let spec = write(
        scratch.path(),
        "openapi.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: \"1\"}\npaths:\n  /a:\n    get:\n      operationId: get-a\n      responses:\n        \"200\":\n          description: A.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/s'}\ncomponents:\n  schemas:\n    s:\n      type: [object, string, \"null\"]\n      properties:\n        a:\n          allOf:\n            - {type: string}\n            - {type: integer}\n",
    );
    let errors = errors(&settings(&spec));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].pointer.as_deref(),
        Some("#/components/schemas/s/properties/a/allOf/1"),
        "{}",
        errors[0]
    );
    assert_eq!(
        errors[0].position.map(|p| p.line),
        Some(21),
        "{}",
        errors[0]
    );
}

#[test]
fn hoisted_names_do_not_depend_on_the_order_of_references() {
    let scratch = Scratch::new("hoist-order");
    write(
        scratch.path(),
        "a/size.yml",
        "type: object\nproperties: {a: {type: string}}\n",
    );
    write(
        scratch.path(),
        "b/size.yml",
        "type: object\nproperties: {b: {type: string}}\n",
    );
    let mut names = Vec::new();
    for order in [["a", "b"], ["b", "a"]] {
        let spec = write(
            scratch.path(),
            "openapi.yaml",
            &format!(
                "openapi: 3.0.3\ninfo: {{title: T, version: \"1\"}}\npaths:\n  /a:\n    get:\n      operationId: get-a\n      responses:\n        \"200\":\n          description: A.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  first: {{$ref: '{}/size.yml'}}\n                  second: {{$ref: '{}/size.yml'}}\n",
                order[0], order[1]
            ),
        );
        let generated = generator::generate_files(&settings(&spec)).expect("generates");
        let mut types: Vec<String> = generated.api.types.iter().map(|t| t.name.clone()).collect();
        types.sort();
        names.push(types);
    }
    assert_eq!(names[0], names[1]);
    assert!(names[0].contains(&"ASize".to_string()), "{:?}", names[0]);
}

#[test]
fn a_path_item_keeps_its_own_parameters_beside_its_ref() {
    let scratch = Scratch::new("path-item-siblings");
    write(
        scratch.path(),
        "items/a.yml",
        "get:\n  operationId: get-a\n  responses:\n    \"200\":\n      description: A.\n",
    );
    let spec = write(
        scratch.path(),
        "openapi.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /a/{id}:\n    $ref: items/a.yml\n    parameters:\n      - {name: id, in: path, required: true, schema: {type: integer, minimum: 0}}\n",
    );
    let generated = generator::generate_files(&settings(&spec)).expect("generates");
    let code: String = generated
        .files
        .iter()
        .map(|f| f.contents.as_str())
        .collect();
    assert!(code.contains("pub fn get(&self, id: u64)"), "{code}");
}

#[test]
fn a_spec_named_through_a_link_reads_the_files_beside_it() {
    let scratch = Scratch::new("linked-spec");
    let real = scratch.path().join("real");
    write(
        &real,
        "models/thing.yml",
        "type: object\nproperties: {a: {type: string}}\n",
    );
    let spec = write(&real, "openapi.yaml", &document("models/thing.yml"));
    let elsewhere = scratch.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).expect("create the folder");
    let link = elsewhere.join("api.yaml");
    std::os::unix::fs::symlink(&spec, &link).expect("make the link");
    generator::generate_files(&settings(&link)).expect("the files beside the spec are read");
}

/// Components `c0` ... `c39`, each with two properties that refer to a place inside the one
/// before it: read in place, the last would copy the first 2^40 times.
fn chain_of_inner_references(levels: usize) -> String {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /a:\n    get:\n      operationId: get-a\n      responses:\n        \"200\":\n          description: A.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/c",
    );
    text.push_str(&format!(
        "{}/properties/inner'}}\ncomponents:\n  schemas:\n",
        levels - 1
    ));
    text.push_str("    c0:\n      properties:\n        inner: {type: object, properties: {leaf: {type: string}}}\n");
    for i in 1..levels {
        let before = format!("'#/components/schemas/c{}/properties/inner'", i - 1);
        text.push_str(&format!(
            "    c{i}:\n      properties:\n        inner:\n          type: object\n          properties:\n            left: {{$ref: {before}}}\n            right: {{$ref: {before}}}\n"
        ));
    }
    text
}

#[test]
fn references_inside_components_are_one_type_each_however_they_chain() {
    let text = chain_of_inner_references(40);
    let generated = generator::generate_texts(&[("spec.yaml".into(), text)], "client")
        .expect("the chain generates");
    let names: Vec<&str> = generated
        .api
        .types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names.len(), 40, "{names:?}");
    assert!(
        names.contains(&"C0Inner") && names.contains(&"C39Inner"),
        "{names:?}"
    );
}

#[test]
fn an_error_inside_a_referenced_place_points_at_what_the_user_wrote() {
    let text = format!(
        "{}components:\n  schemas:\n    s:\n      properties:\n        a:\n          allOf:\n            - {{type: string}}\n            - {{type: integer}}\n",
        document("#/components/schemas/s/properties/a")
    );
    let Err(Error::Spec(d)) = generator::generate_texts(&[("spec.yaml".into(), text)], "client")
    else {
        panic!("an unsatisfiable allOf is an error");
    };
    let errors: Vec<&Diagnostic> = d.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].pointer.as_deref(),
        Some("#/components/schemas/s/properties/a/allOf/1")
    );
}
