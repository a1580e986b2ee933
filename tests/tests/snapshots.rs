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

/// A case in a folder is a spec in several files: `openapi.yaml` and the files it refers to.
#[test]
fn focused_cases_in_several_files() {
    let mut folders: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("spec/cases"))
        .expect("spec/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("openapi.yaml").is_file())
        .collect();
    folders.sort();
    assert!(!folders.is_empty(), "a case in several files exists");
    for folder in folders {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned());
        let text = match explain(&settings(&folder.join("openapi.yaml"))) {
            Ok(text) => text,
            Err(e) => format!("{e}"),
        };
        insta::with_settings!({snapshot_suffix => name.unwrap_or_default()}, {
            insta::assert_snapshot!(relative(&text));
        });
    }
}
