//! Inputs the fuzz targets (`tests/fuzz/`) found crashing, replayed through the same entries
//! (`tests::fuzz_entry`) on every `cargo test`: `regressions/fragment/*` as fragment text,
//! `regressions/schema/*` as a response schema.

use std::fs;
use std::path::PathBuf;

use tests::{fuzz_entry, root};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn fragment_regressions_do_not_crash() {
    for input in inputs("fragment") {
        let bytes = fs::read(&input).expect("read the input");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            fuzz_entry::fragment(text);
        }
    }
}

#[test]
fn schema_regressions_do_not_crash() {
    for input in inputs("schema") {
        fuzz_entry::schema(&fs::read(&input).expect("read the input"));
    }
}
