//! Fragments of the whole API: every operation of the vendored Cloudflare spec, exported
//! as a fragment, generates alone, and all of them together generate one crate (which CI
//! compiles; see `.ci/run`).

use std::path::{Path, PathBuf};

use generator::{Settings, generate_files};
use tests::fragments::export;
use tests::{Scratch, root};

const SPEC: &str = "spec/cloudflare-openapi-2024-08-06.json";

/// Writes every fragment of `spec` into `dir`; returns the paths, in export order.
pub fn write_fragments(spec: &Path, dir: &Path) -> Vec<PathBuf> {
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(spec).expect("the spec is vendored")).expect("JSON");
    export(&doc)
        .into_iter()
        .map(|f| {
            let path = dir.join(&f.file_name);
            std::fs::write(&path, f.text).expect("write a fragment");
            path
        })
        .collect()
}

#[test]
fn every_fragment_of_the_whole_api_generates_alone() {
    let scratch = Scratch::new("fragments-alone");
    let files = write_fragments(&root().join(SPEC), scratch.path());
    assert_eq!(files.len(), 1533);
    // Two threads: the machine has two cores, and each fragment is independent.
    let (left, right) = files.split_at(files.len() / 2);
    let failures: Vec<String> = std::thread::scope(|s| {
        let run = |part: &[PathBuf]| {
            part.iter()
                .filter_map(|file| {
                    let settings = Settings::new(vec![file.clone()], Path::new("client"));
                    match generate_files(&settings) {
                        Ok(g)
                            if g.api
                                .groups
                                .iter()
                                .map(|g| g.operations.len())
                                .sum::<usize>()
                                == 1 =>
                        {
                            None
                        }
                        Ok(_) => Some(format!("{}: not exactly one operation", file.display())),
                        Err(e) => Some(format!("{}: {e}", file.display())),
                    }
                })
                .collect::<Vec<_>>()
        };
        let a = s.spawn(move || run(left));
        let b = s.spawn(move || run(right));
        let mut all = a.join().unwrap_or_default();
        all.extend(b.join().unwrap_or_default());
        all
    });
    assert!(
        failures.is_empty(),
        "{} of 1533 fragments failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_folder_of_all_fragments_generates_one_crate() {
    let scratch = Scratch::new("fragments-folder");
    write_fragments(&root().join(SPEC), scratch.path());
    let settings = Settings::new(
        vec![scratch.path().to_path_buf()],
        Path::new("cloudflare-fragments"),
    );
    let generated = generate_files(&settings).expect("the folder generates");
    let operations: usize = generated
        .api
        .groups
        .iter()
        .map(|g| g.operations.len())
        .sum();
    assert_eq!(operations, 1533);
}

/// Another spec version, when one is given: `FRAGMENTS_SPEC=path cargo test -p tests --test
/// fragments -- --ignored` (the 2023-06-09 Cloudflare spec is not vendored).
#[test]
#[ignore = "needs FRAGMENTS_SPEC, a whole-API spec outside the repository"]
fn fragments_of_another_spec_generate_alone_and_together() {
    let Some(spec) = std::env::var_os("FRAGMENTS_SPEC") else {
        return;
    };
    let scratch = Scratch::new("fragments-other");
    let files = write_fragments(Path::new(&spec), scratch.path());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|file| {
            generate_files(&Settings::new(vec![file.clone()], Path::new("client")))
                .err()
                .map(|e| format!("{}: {e}", file.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fragments failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    let together = generate_files(&Settings::new(
        vec![scratch.path().to_path_buf()],
        Path::new("client"),
    ))
    .expect("the folder generates");
    let operations: usize = together.api.groups.iter().map(|g| g.operations.len()).sum();
    println!(
        "{} fragment files, {operations} operations in one crate",
        files.len()
    );
}
