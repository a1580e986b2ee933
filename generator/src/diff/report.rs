//! The result of a comparison, as plain data: what the text and Markdown views print and
//! what `--format json` serializes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::rules::{Class, Level};
use crate::diag::{Diagnostic, Severity};

/// Everything `generator diff` found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The old spec.
    pub old: SpecInfo,
    /// The new spec.
    pub new: SpecInfo,
    /// Counts.
    pub summary: Summary,
    /// The version bump the changes call for.
    pub verdict: Verdict,
    /// Changes of the crate as a whole (credentials, base URL).
    pub api: Vec<Change>,
    /// Removed and added operations that look like one operation renamed.
    pub renamed: Vec<OperationDiff>,
    /// Operations only the old spec has (not counting probable renames).
    pub removed: Vec<OperationRef>,
    /// Operations only the new spec has (not counting probable renames).
    pub added: Vec<OperationRef>,
    /// Operations in both, with at least one change.
    pub changed: Vec<OperationDiff>,
    /// With `--crate`: what regenerating that crate from the new spec renames.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regenerated: Option<super::crate_names::Renames>,
}

/// One of the two specs.
#[derive(Debug, Clone, Serialize)]
pub struct SpecInfo {
    /// The input files' names.
    pub source: String,
    /// How many operations it has.
    pub operations: usize,
    /// How many distinct operationIds.
    pub operation_ids: usize,
    /// Errors `generate` would stop at, and repeated operationIds it repairs (they cannot
    /// be matched by id); the comparison went on.
    pub problems: Vec<Problem>,
    /// How many warnings (repairs) reading it gave.
    pub warnings: usize,
}

/// An error in a spec, or a repair that changes how its operations are matched, with its
/// place.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// `error` (`generate` stops) or `warning` (`generate` repairs it).
    pub severity: &'static str,
    /// The file.
    pub file: String,
    /// The line, where known.
    pub line: Option<usize>,
    /// The column, where known.
    pub column: Option<usize>,
    /// The JSON pointer, where known.
    pub pointer: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
    /// The whole diagnostic as `generate` prints it.
    #[serde(skip)]
    pub text: String,
}

impl Problem {
    /// The problem of a diagnostic: every error, and a warning about a repeated
    /// operationId (which `diff` matches by place, not by id); `None` for other warnings.
    pub fn of(d: &Diagnostic) -> Option<Problem> {
        let repeated_id = d
            .pointer
            .as_deref()
            .is_some_and(|p| p.ends_with("/operationId"));
        (d.severity == Severity::Error || repeated_id).then(|| Problem {
            severity: if d.severity == Severity::Error {
                "error"
            } else {
                "warning"
            },
            file: d.file.display().to_string(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            pointer: d.pointer.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            text: d.to_string(),
        })
    }
}

/// Counts over the whole comparison.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Operations of the old spec not matched by operationId (renamed ones included).
    pub removed_operations: usize,
    /// Distinct operationIds among them.
    pub removed_ids: usize,
    /// Operations of the new spec not matched by operationId (renamed ones included).
    pub added_operations: usize,
    /// Operations matched by operationId.
    pub kept: usize,
    /// Kept operations with at least one change.
    pub kept_changed: usize,
    /// Removed/added pairs with the same method and path shape.
    pub renamed: usize,
    /// Changes at the major level (as counted in `by_class`).
    pub major: usize,
    /// Changes at the minor level.
    pub minor: usize,
    /// Changes at the patch level.
    pub patch: usize,
    /// Changes and operations per class, in class order (classes that occur only). The
    /// changes inside a probable rename are listed with it but not counted here.
    pub by_class: Vec<ClassCount>,
}

/// How often a class of change occurs.
#[derive(Debug, Clone, Serialize)]
pub struct ClassCount {
    /// The class.
    pub class: Class,
    /// Its level.
    pub level: Level,
    /// How many changes.
    pub changes: usize,
    /// In how many operations.
    pub operations: usize,
}

/// The version bump, and the classes of change that decide it.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// `major` when anything is breaking.
    pub level: Level,
    /// The classes at that level.
    pub deciding: Vec<ClassCount>,
}

/// An operation, by id, method and path.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct OperationRef {
    /// The path template.
    pub path: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The operationId.
    pub id: String,
}

/// The changes of one operation.
#[derive(Debug, Clone, Serialize)]
pub struct OperationDiff {
    /// The operation in the new spec.
    pub operation: OperationRef,
    /// For a probable rename, the operation it replaces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<OperationRef>,
    /// What changed, in class order.
    pub changes: Vec<Change>,
}

impl OperationDiff {
    /// The highest level among the changes.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }
}

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// What kind of change.
    pub class: Class,
    /// What it means for the crate's version.
    pub level: Level,
    /// Where: `result.settings[].value`, "query parameter `per_page`", "path".
    pub place: String,
    /// Before and after, where there is something to say.
    pub detail: String,
    /// Why it has its level.
    pub reason: &'static str,
}

impl Change {
    /// A change of `class` at `place`, its level and reason from the table.
    pub fn new(class: Class, place: impl Into<String>, detail: impl Into<String>) -> Change {
        let rule = class.rule();
        Change {
            class,
            level: rule.level,
            place: place.into(),
            detail: detail.into(),
            reason: rule.reason,
        }
    }
}

impl Summary {
    /// Tallies the changes of kept operations and of the crate; each removed, added and
    /// renamed operation counts as one change.
    pub fn count(report: &Report) -> BTreeMap<Class, ClassCount> {
        let mut by: BTreeMap<Class, ClassCount> = BTreeMap::new();
        let mut add = |class: Class, changes: usize, operations: usize| {
            if changes == 0 {
                return;
            }
            let entry = by.entry(class).or_insert(ClassCount {
                class,
                level: class.rule().level,
                changes: 0,
                operations: 0,
            });
            entry.changes += changes;
            entry.operations += operations;
        };
        add(
            Class::OperationRemoved,
            report.removed.len(),
            report.removed.len(),
        );
        add(
            Class::OperationAdded,
            report.added.len(),
            report.added.len(),
        );
        for c in &report.api {
            add(c.class, 1, 0);
        }
        add(
            Class::OperationRenamed,
            report.renamed.len(),
            report.renamed.len(),
        );
        // A rename's own changes are listed with it, but not counted: counts are over the
        // operations matched by operationId.
        for op in &report.changed {
            let mut per: BTreeMap<Class, usize> = BTreeMap::new();
            for c in &op.changes {
                *per.entry(c.class).or_default() += 1;
            }
            for (class, n) in per {
                add(class, n, 1);
            }
        }
        by
    }
}
