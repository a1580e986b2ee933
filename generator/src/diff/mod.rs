//! `generator diff OLD NEW`: what changed between two versions of a spec, for users of
//! the crate generated from it.
//!
//! Both specs are loaded and flattened by the generator's own stages (allOf merged, `$ref`s
//! followed), and each operation is read with `lower`'s rules (parameters, media type,
//! success response, envelope), so the report speaks of what the generated crate exposes:
//! the method, its arguments, the fields of the body and of the `result`. Operations are
//! matched by operationId (`matching.rs`); each change gets a class, and each class a semver
//! level and a reason from the one table in [`rules`].
//!
//! Problems that stop `generate` but not a comparison (an operationId used twice, a
//! dangling `$ref`) are part of the report; only a spec that cannot be read at all is an
//! error.

pub mod crate_names;
mod markdown;
mod matching;
mod operation;
pub mod report;
pub mod rules;
mod schema;
mod surface;
mod text;

use crate::dialect::Choice;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::flatten::Flattener;
use crate::load::{self, Loaded};
use crate::{Error, lower, source_label};
pub use operation::still_satisfied;
pub use report::{Change, OperationDiff, OperationRef, Report};
use report::{Problem, SpecInfo, Summary, Verdict};
pub use rules::{Class, Level};
use schema::Comparer;
use surface::Surface;

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text, summary first.
    #[default]
    Text,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// JSON, every field of [`Report`].
    Json,
}

/// Compares the spec read from `old` with the one read from `new` (files or folders of
/// fragments, as for `generate`), each in the dialect `choice` names or detection finds,
/// their `$ref`s reading files inside their own folders and `allowed_roots`.
pub fn diff(
    old: &[PathBuf],
    new: &[PathBuf],
    choice: Choice,
    allowed_roots: &[PathBuf],
) -> Result<Report, Error> {
    crate::with_stack(|| {
        let a = load::load(old, choice, allowed_roots).map_err(Error::Spec)?;
        let b = load::load(new, choice, allowed_roots).map_err(Error::Spec)?;
        Ok(compare(&a, &b, &source_label(old), &source_label(new)))
    })
}

/// [`diff`], and what regenerating the crate in `crate_dir` from `new` renames
/// ([`crate_names`]): the crate as it is, made by whichever generator version, against
/// what this one makes. Any rename is breaking: the verdict is then major.
pub fn diff_with_crate(
    old: &[PathBuf],
    new: &[PathBuf],
    choice: Choice,
    allowed_roots: &[PathBuf],
    crate_dir: &Path,
) -> Result<Report, Error> {
    let mut report = diff(old, new, choice, allowed_roots)?;
    let existing = read_crate(crate_dir)?;
    let mut settings = crate::Settings::new(new.to_vec(), crate_dir).dialect(choice);
    settings.allowed_roots = allowed_roots.to_vec();
    let generated = crate::generate_files(&settings)?;
    let before = crate_names::read(existing.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let after = crate_names::read(
        generated
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.contents.as_str())),
    );
    let renames = crate_names::renames(&before, &after, &crate_dir.display().to_string());
    if !renames.is_empty() {
        report.verdict.level = Level::Major;
    }
    report.regenerated = Some(renames);
    Ok(report)
}

/// The Rust files under a crate's `src/`, by path inside the crate (`src/radar/dns.rs`).
fn read_crate(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let fail = |reason: String| Error::CrateDir {
        path: dir.to_path_buf(),
        reason,
    };
    if !dir.join("src/lib.rs").is_file() {
        return Err(fail("it has no `src/lib.rs`".to_string()));
    }
    let mut out = Vec::new();
    let mut folders = vec![dir.join("src")];
    while let Some(folder) = folders.pop() {
        let entries =
            std::fs::read_dir(&folder).map_err(|e| fail(format!("{}: {e}", folder.display())))?;
        for entry in entries {
            let path = entry.map_err(|e| fail(e.to_string()))?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| fail(format!("{}: {e}", path.display())))?;
                let inside = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((inside, text));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// [`diff`] on spec texts held in memory, each named by the file it stands for.
pub fn diff_texts(old: &[(PathBuf, String)], new: &[(PathBuf, String)]) -> Result<Report, Error> {
    crate::with_stack(|| {
        let a = load::load_texts(old, Choice::Auto).map_err(Error::Spec)?;
        let b = load::load_texts(new, Choice::Auto).map_err(Error::Spec)?;
        let label = |t: &[(PathBuf, String)]| {
            source_label(&t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>())
        };
        Ok(compare(&a, &b, &label(old), &label(new)))
    })
}

impl Report {
    /// The report printed in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => text::render(self),
            Format::Markdown => markdown::render(self),
            Format::Json => {
                let mut json = serde_json::to_string_pretty(self)
                    .unwrap_or_else(|e| unreachable!("a report is plain data: {e}"));
                json.push('\n');
                json
            }
        }
    }

    /// Whether any change is breaking (major).
    pub fn is_breaking(&self) -> bool {
        self.verdict.level == Level::Major
    }
}

/// One side of the comparison, read.
struct Side<'d> {
    flattener: Flattener<'d>,
    surfaces: Vec<Surface>,
    constructors: BTreeSet<String>,
    base_url: String,
}

impl<'d> Side<'d> {
    fn read(loaded: &'d Loaded) -> Self {
        let mut f = Flattener::new(&loaded.document, &loaded.sources, loaded.dialect);
        f.diags.extend(loaded.errors.clone());
        f.diags.extend(loaded.warnings.clone());
        let surfaces = surface::surfaces(loaded, &mut f);
        let schemes = lower::schemes(
            &loaded.document,
            loaded.dialect,
            &loaded.sources,
            &mut Default::default(),
        );
        let requirements: Vec<Vec<String>> = surfaces
            .iter()
            .flat_map(|s| s.security.iter().map(|r| r.iter().cloned().collect()))
            .collect();
        let constructors = lower::credential_sets(&requirements, &schemes)
            .into_iter()
            .map(|c| c.constructor)
            .collect();
        Side {
            flattener: f,
            surfaces,
            constructors,
            base_url: lower::default_base_url(&loaded.document),
        }
    }

    fn info(&self, surfaces: &[Surface], source: String) -> SpecInfo {
        let ids: BTreeSet<&str> = surfaces.iter().map(|s| s.id.as_str()).collect();
        let diags = &self.flattener.diags;
        SpecInfo {
            source,
            operations: surfaces.len(),
            operation_ids: ids.len(),
            problems: diags
                .errors()
                .chain(diags.warnings())
                .filter_map(Problem::of)
                .collect(),
            warnings: diags.warnings().count(),
        }
    }
}

fn compare<'d>(a: &'d Loaded, b: &'d Loaded, old_label: &str, new_label: &str) -> Report {
    let (mut old, mut new) = (Side::read(a), Side::read(b));
    let (old_surfaces, new_surfaces) = (
        std::mem::take(&mut old.surfaces),
        std::mem::take(&mut new.surfaces),
    );
    let matched = matching::pair(&old_surfaces, &new_surfaces);
    let mut cmp = Comparer::new(&mut old.flattener, &mut new.flattener);
    let mut changed = Vec::new();
    for (o, n) in &matched.kept {
        let changes = operation::compare(&mut cmp, o, n);
        if !changes.is_empty() {
            changed.push(OperationDiff {
                operation: op_ref(n),
                renamed_from: None,
                changes,
            });
        }
    }
    let mut renamed = Vec::new();
    for (o, n) in &matched.renamed {
        let mut changes = vec![Change::new(
            Class::OperationRenamed,
            "operationId",
            format!("`{}` → `{}`", o.id, n.id),
        )];
        changes.extend(operation::compare(&mut cmp, o, n));
        renamed.push(OperationDiff {
            operation: op_ref(n),
            renamed_from: Some(op_ref(o)),
            changes,
        });
    }
    drop(cmp);
    let api = api_changes(&old, &new);
    let mut report = Report {
        old: old.info(&old_surfaces, old_label.to_string()),
        new: new.info(&new_surfaces, new_label.to_string()),
        summary: Summary {
            removed_operations: matched.removed_all.len(),
            removed_ids: matched
                .removed_all
                .iter()
                .map(|s| &s.id)
                .collect::<BTreeSet<_>>()
                .len(),
            added_operations: matched.added_all.len(),
            kept: matched.kept.len(),
            kept_changed: changed.len(),
            renamed: renamed.len(),
            ..Summary::default()
        },
        verdict: Verdict {
            level: Level::Patch,
            deciding: Vec::new(),
        },
        api,
        removed: matched.removed.iter().map(|s| op_ref(s)).collect(),
        added: matched.added.iter().map(|s| op_ref(s)).collect(),
        renamed,
        changed,
        regenerated: None,
    };
    finish(&mut report);
    report
}

/// Sorts the lists, counts, and reaches the verdict.
fn finish(report: &mut Report) {
    report.removed.sort();
    report.added.sort();
    report.changed.sort_by(|a, b| a.operation.cmp(&b.operation));
    report.renamed.sort_by(|a, b| a.operation.cmp(&b.operation));
    let by_class = Summary::count(report);
    let level_count = |l: Level| {
        by_class
            .values()
            .filter(|c| c.level == l)
            .map(|c| c.changes)
            .sum()
    };
    report.summary.major = level_count(Level::Major);
    report.summary.minor = level_count(Level::Minor);
    report.summary.patch = level_count(Level::Patch);
    let level = by_class
        .values()
        .map(|c| c.level)
        .max()
        .unwrap_or(Level::Patch);
    report.verdict = Verdict {
        level,
        deciding: by_class
            .values()
            .filter(|c| c.level == level)
            .cloned()
            .collect(),
    };
    report.summary.by_class = by_class.into_values().collect();
}

fn op_ref(s: &Surface) -> OperationRef {
    OperationRef {
        path: s.path.clone(),
        method: s.method.to_uppercase(),
        id: s.id.clone(),
    }
}

/// Changes of the crate as a whole: `Credentials` constructors and the default base URL.
fn api_changes(old: &Side<'_>, new: &Side<'_>) -> Vec<Change> {
    let mut out = Vec::new();
    for c in old.constructors.difference(&new.constructors) {
        out.push(Change::new(
            Class::CredentialsRemoved,
            format!("`Credentials::{c}`"),
            "",
        ));
    }
    for c in new.constructors.difference(&old.constructors) {
        out.push(Change::new(
            Class::CredentialsAdded,
            format!("`Credentials::{c}`"),
            "",
        ));
    }
    if old.base_url != new.base_url {
        let detail = format!("`{}` → `{}`", old.base_url, new.base_url);
        out.push(Change::new(
            Class::BaseUrlChanged,
            "`DEFAULT_BASE_URL`",
            detail,
        ));
    }
    out.sort_by_key(|c| c.class);
    out
}
