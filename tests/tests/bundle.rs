//! `generator bundle`: the document it prints generates the same crate as the spec it
//! was made from (fragments, a spec in several files, a 3.1 document), so a tool that reads
//! the bundle (the Prism mock) sees the API the client was made from.

use std::path::{Path, PathBuf};

use generator::Settings;
use tests::{Scratch, root};

/// Every generated file but its first line (which names the spec file).
fn files(settings: &Settings) -> Vec<(String, String)> {
    let generated = generator::generate_files(settings).expect("generates");
    generated
        .files
        .into_iter()
        .map(|f| {
            let body = f.contents.split_once('\n').map_or("", |(_, rest)| rest);
            (f.path, body.to_string())
        })
        .collect()
}

fn round_trip(spec: PathBuf) {
    let scratch = Scratch::new("bundle");
    let settings = Settings::new(vec![spec.clone()], Path::new("client"));
    let text = generator::bundle::bundle(&settings).expect("bundles");
    let document: serde_json::Value = serde_json::from_str(&text).expect("the bundle is JSON");
    assert_eq!(document["openapi"], "3.0.3", "{}", spec.display());
    let bundled = scratch.path().join("bundle.json");
    std::fs::write(&bundled, &text).expect("write the bundle");
    let again = Settings::new(vec![bundled], Path::new("client"));
    let (a, b) = (files(&settings), files(&again));
    assert_eq!(a.len(), b.len(), "{}", spec.display());
    for ((path, body), (path2, body2)) in a.iter().zip(&b) {
        assert_eq!(path, path2);
        assert!(body == body2, "{} differs in {path}", spec.display());
    }
}

#[test]
fn the_seed_fragment_bundles_into_a_document_of_the_same_api() {
    round_trip(root().join("spec/000_58fea2424b74c174.txt"));
}

#[test]
fn a_spec_in_several_files_and_a_3_1_document_bundle_too() {
    round_trip(root().join("spec/cases/multi_file/openapi.yaml"));
    round_trip(root().join("spec/cases/openapi_3_1.yaml"));
}
