//! Stages import only the stages before them: load → flatten → lower → emit → render →
//! write, with the shared modules (diagnostics, dialects, names, the IR, path templates, the
//! `@generated` marker) below all of them and importing no stage. Reports (`explain`,
//! `diff`, `bundle`) come after every stage, and the build-script entry (`builder`) after those.

use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module of the generator with its rank: a module may use modules of a
/// lower rank, and shared modules (rank 0) only other shared modules.
const RANKS: &[(&str, u8)] = &[
    ("diag", 0),
    ("dialect", 0),
    ("ir", 0),
    ("marker", 0),
    ("naming", 0),
    ("template", 0),
    ("load", 1),
    ("flatten", 2),
    ("lower", 3),
    ("emit", 4),
    ("render", 5),
    ("write", 6),
    ("explain", 7),
    ("diff", 7),
    ("bundle", 7),
    // The library entry for build scripts runs the whole pipeline, as the crate root does.
    ("builder", 8),
];

fn rank(module: &str) -> Option<u8> {
    RANKS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules named by `crate::<module>` in code (comments left out).
fn used_modules(text: &str) -> Vec<String> {
    let mut used = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            used.push(name);
            rest = after;
        }
    }
    used
}

#[test]
fn stages_import_only_earlier_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in files {
        let relative = file.strip_prefix(&src).expect("inside src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .unwrap_or_default();
        // The crate root and the command orchestrate every stage.
        if top == "lib" || top == "main" {
            continue;
        }
        let Some(own) = rank(&top) else {
            problems.push(format!(
                "{}: module `{top}` has no rank in RANKS",
                relative.display()
            ));
            continue;
        };
        checked += 1;
        let text = fs::read_to_string(&file).expect("readable source file");
        for used in used_modules(&text) {
            if used == top || used.is_empty() {
                continue;
            }
            // Items of the crate root (`crate::Error`, for reports), and paths of the
            // generated crate that emit writes (`crate::runtime`) are no stages.
            let Some(theirs) = rank(&used) else {
                continue;
            };
            let allowed = if own == 0 { theirs == 0 } else { theirs < own };
            if !allowed {
                problems.push(format!(
                    "{} (`{top}`) uses `crate::{used}`, a later stage",
                    relative.display()
                ));
            }
        }
    }
    assert!(checked > 20, "the stages' files are found ({checked})");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_sees_a_back_edge() {
    assert_eq!(
        used_modules("use crate::lower::x; // crate::emit\nlet y = crate::naming::f();"),
        ["lower", "naming"]
    );
}
