//! The runtime is one crate (`generator/runtime`), and every generated crate holds a copy of
//! it: the copies the generator writes are the crate's files, and the committed crates'
//! copies and dependencies are the crate's.

use std::collections::BTreeSet;
use std::fs;

use generator::emit::{RUNTIME_FILES, runtime_file};
use tests::root;

/// The runtime crate's files that are copied: every `.rs` file beside `mod.rs` but the
/// crate root that stands in for a generated crate's (`lib.rs`).
fn crate_files() -> BTreeSet<String> {
    fs::read_dir(root().join("generator/runtime"))
        .expect("generator/runtime exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".rs") && n != "lib.rs")
        .collect()
}

#[test]
fn the_generator_copies_every_file_of_the_runtime_crate_as_it_is() {
    let copied: BTreeSet<String> = RUNTIME_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        copied,
        crate_files(),
        "RUNTIME_FILES (emit/mod.rs) lists every module file"
    );
    for (name, text) in RUNTIME_FILES {
        let on_disk = fs::read_to_string(root().join("generator/runtime").join(name)).unwrap();
        assert_eq!(*text, on_disk, "{name}");
    }
}

/// The committed generated crates: (folder, library name).
fn committed_crates() -> Vec<(std::path::PathBuf, String)> {
    let mut out = vec![(
        root().join("generated-client"),
        "generated_client".to_string(),
    )];
    for entry in fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && name.ends_with("-client") {
            out.push((path, format!("fixture_{}", name.replace('-', "_"))));
        }
    }
    out
}

#[test]
fn committed_crates_hold_the_runtime_crate_with_only_the_crate_name_replaced() {
    let crates = committed_crates();
    assert!(crates.len() >= 2, "{crates:?}");
    for (dir, ident) in crates {
        let copies: BTreeSet<String> = fs::read_dir(dir.join("src/runtime"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        assert_eq!(copies, crate_files(), "{}", dir.display());
        for (name, text) in RUNTIME_FILES {
            let copy = fs::read_to_string(dir.join("src/runtime").join(name)).unwrap();
            assert_eq!(
                copy,
                runtime_file(name, text, &ident),
                "{}: {name}",
                dir.display()
            );
        }
    }
}

/// The `[dependencies]` table of a manifest, as text.
fn dependencies(manifest: &str) -> String {
    let start = manifest
        .find("\n[dependencies]\n")
        .expect("a [dependencies] table");
    let rest = &manifest[start + 1..];
    let end = rest[1..].find("\n[").map_or(rest.len(), |i| i + 2);
    rest[..end].trim().to_string()
}

#[test]
fn the_runtime_crate_has_the_dependencies_of_a_generated_crate() {
    let runtime = fs::read_to_string(root().join("generator/runtime/Cargo.toml")).unwrap();
    let generated = fs::read_to_string(root().join("generated-client/Cargo.toml")).unwrap();
    assert_eq!(dependencies(&runtime), dependencies(&generated));
}

/// The features the runtime's code reads (`cfg(feature = ...)`), as the manifest defines
/// them: the TLS stacks and `tracing`.
fn runtime_features(manifest: &str) -> Vec<String> {
    let start = manifest.find("\n[features]\n").expect("a [features] table");
    let table = &manifest[start + 12..];
    let table = &table[..table.find("\n[").unwrap_or(table.len())];
    table
        .lines()
        .filter(|line| {
            ["rustls ", "rustls-ring ", "native-tls ", "tracing "]
                .iter()
                .any(|name| line.starts_with(name))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_runtime_crate_has_the_tls_and_tracing_features_of_a_generated_crate() {
    let runtime = fs::read_to_string(root().join("generator/runtime/Cargo.toml")).unwrap();
    let features = runtime_features(&runtime);
    assert_eq!(features.len(), 4, "{features:?}");
    for (dir, _) in committed_crates() {
        let generated = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert_eq!(runtime_features(&generated), features, "{}", dir.display());
    }
    // A crate that includes the modules from its build script declares them too.
    let build_script = fs::read_to_string(root().join("tests/build-script/Cargo.toml")).unwrap();
    let declared = runtime_features(&build_script);
    assert!(
        features[..3].iter().all(|f| declared.contains(f)),
        "{declared:?}"
    );
}
