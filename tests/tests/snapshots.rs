//! Snapshots a reviewer can read: the flattened IR of the seed and of each focused case
//! under `spec/cases/`, and the seed's generated code.

use generator::{Settings, explain::explain};
use tests::{relative, root, seed};

fn settings(path: &std::path::Path) -> Settings {
    Settings::new(vec![path.to_path_buf()], std::path::Path::new("client"))
}

#[test]
fn seed_flattened_ir() {
    let text = explain(&settings(&seed())).expect("the seed is valid");
    insta::assert_snapshot!(text);
}

#[test]
fn seed_generated_code() {
    let generated = generator::generate_files(&settings(&seed()).crate_name("generated-client"))
        .expect("the seed generates");
    // The generated modules; the runtime is hand-written and tested on its own.
    let code: Vec<String> = generated
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/") && !f.path.starts_with("src/runtime/"))
        .map(|f| format!("=== {}\n{}", f.path, f.contents))
        .collect();
    insta::assert_snapshot!(code.join("\n"));
}

#[test]
fn focused_cases() {
    insta::glob!(root(), "spec/cases/*.yaml", |path| {
        let text = match explain(&settings(path)) {
            Ok(text) => text,
            Err(e) => format!("{e}"),
        };
        insta::assert_snapshot!(relative(&text));
    });
}
