//! The report as plain text: the verdict and the summary first, then every change.

use std::fmt::Write;

use super::crate_names::Renames;
use super::report::{Change, ClassCount, OperationDiff, OperationRef, Report, SpecInfo};

/// The whole report.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let s = &r.summary;
    let _ = writeln!(out, "generator diff {} → {}", r.old.source, r.new.source);
    let _ = writeln!(out);
    let _ = writeln!(out, "verdict: {}", verdict_line(r));
    let _ = writeln!(
        out,
        "operations: {} → {}: {} removed{}, {} added, {} kept ({} changed)",
        r.old.operations,
        r.new.operations,
        s.removed_operations,
        ids_note(s.removed_operations, s.removed_ids),
        s.added_operations,
        s.kept,
        s.kept_changed,
    );
    let _ = writeln!(
        out,
        "probable renames: {} (removed and added operations with the same method and path shape)",
        s.renamed
    );
    let _ = writeln!(
        out,
        "changes: {} major, {} minor, {} patch",
        s.major, s.minor, s.patch
    );
    let _ = writeln!(
        out,
        "problems: old spec {}, new spec {}",
        problems_note(&r.old),
        problems_note(&r.new)
    );
    if !s.by_class.is_empty() {
        let _ = writeln!(out, "\nChanges by kind:");
        for c in &s.by_class {
            let ops = match c.operations {
                0 => String::new(),
                1 => " in 1 operation".to_string(),
                n => format!(" in {n} operations"),
            };
            let (level, class) = (c.level.as_str(), c.class.name());
            let _ = writeln!(out, "  {level:<5}  {class:<34} {:>5}{ops}", c.changes);
        }
    }
    problems(&mut out, "old", &r.old);
    problems(&mut out, "new", &r.new);
    if !r.api.is_empty() {
        let _ = writeln!(out, "\nThe crate as a whole:");
        for c in &r.api {
            change(&mut out, c);
        }
    }
    regenerated(&mut out, r);
    operations(&mut out, "Probable renames", &r.renamed);
    refs(&mut out, "Removed operations", '-', &r.removed);
    refs(&mut out, "Added operations", '+', &r.added);
    operations(&mut out, "Changed operations", &r.changed);
    out
}

/// `major, decided by 12 operation-removed, 3 tag-changed`.
pub fn verdict_line(r: &Report) -> String {
    let level = r.verdict.level.as_str();
    let renamed = r.regenerated.as_ref().filter(|g| !g.is_empty()).map(|g| {
        format!(
            "{} renamed by regenerating `{}`",
            renames_count(g),
            g.crate_dir
        )
    });
    match (r.verdict.deciding.is_empty(), renamed) {
        (true, None) => format!("{level}: nothing the generated crate exposes changed"),
        (true, Some(renamed)) => format!("{level}, decided by {renamed}"),
        (false, None) => format!("{level}, decided by {}", deciding(&r.verdict.deciding)),
        (false, Some(renamed)) => format!(
            "{level}, decided by {}; {renamed}",
            deciding(&r.verdict.deciding)
        ),
    }
}

/// `3 methods, 12 types and 1 field or variant`.
pub fn renames_count(g: &Renames) -> String {
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "{}, {} and {}",
        count(g.methods.len(), "method", "methods"),
        count(g.types.len(), "type", "types"),
        count(g.fields.len(), "field or variant", "fields or variants")
    )
}

/// The list of what regenerating the crate renames.
fn regenerated(out: &mut String, r: &Report) {
    let Some(g) = &r.regenerated else {
        return;
    };
    let _ = writeln!(
        out,
        "\nRenamed by regenerating `{}` with this generator ({}; {} of its operations are gone, {} of its types have no counterpart):",
        g.crate_dir,
        renames_count(g),
        g.operations_gone,
        g.types_gone
    );
    for c in &g.methods {
        let id = c.operation_id.as_deref().unwrap_or_default();
        let _ = writeln!(out, "  method  {} → {}  ({id})", c.old, c.new);
    }
    for c in &g.types {
        let _ = writeln!(out, "  type    {} → {}", c.old, c.new);
    }
    for c in &g.fields {
        let _ = writeln!(out, "  member  {} → {}", c.old, c.new);
    }
}

/// The five most frequent deciding classes, and how many more there are.
fn deciding(counts: &[ClassCount]) -> String {
    let mut sorted: Vec<&ClassCount> = counts.iter().collect();
    sorted.sort_by(|a, b| b.changes.cmp(&a.changes).then(a.class.cmp(&b.class)));
    let mut text = sorted
        .iter()
        .take(5)
        .map(|c| format!("{} {}", c.changes, c.class.name()))
        .collect::<Vec<_>>()
        .join(", ");
    if sorted.len() > 5 {
        text.push_str(&format!(" and {} more kinds", sorted.len() - 5));
    }
    text
}

/// ` (346 operationIds)` when some removed operations shared an id.
pub fn ids_note(operations: usize, ids: usize) -> String {
    if operations == ids {
        String::new()
    } else {
        format!(" ({ids} operationIds)")
    }
}

/// `none`, `3 errors (generate would refuse it)` or `1 repeated operationId (generate
/// names the later use after its method and path)`.
pub fn problems_note(spec: &SpecInfo) -> String {
    let errors = spec
        .problems
        .iter()
        .filter(|p| p.severity == "error")
        .count();
    let repaired = spec.problems.len() - errors;
    let mut parts = Vec::new();
    match errors {
        0 => {}
        1 => parts.push("1 error (generate would refuse it)".to_string()),
        n => parts.push(format!("{n} errors (generate would refuse it)")),
    }
    match repaired {
        0 => {}
        1 => parts.push(
            "1 repeated operationId (generate names the later use after its method and path)"
                .to_string(),
        ),
        n => parts.push(format!(
            "{n} repeated operationIds (generate names the later uses after their method and path)"
        )),
    }
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

fn problems(out: &mut String, which: &str, spec: &SpecInfo) {
    if spec.problems.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nProblems in the {which} spec (compared anyway):");
    for p in &spec.problems {
        for (i, line) in p.text.lines().enumerate() {
            let _ = writeln!(out, "  {}{line}", if i == 0 { "" } else { "  " });
        }
    }
}

fn refs(out: &mut String, title: &str, mark: char, list: &[OperationRef]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title} ({}):", list.len());
    for o in list {
        let _ = writeln!(out, "  {mark} {} {}  {}", o.method, o.path, o.id);
    }
}

fn operations(out: &mut String, title: &str, list: &[OperationDiff]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title} ({}):", list.len());
    for op in list {
        let o = &op.operation;
        let _ = writeln!(out, "  {} {}  {}", o.method, o.path, o.id);
        if let Some(from) = &op.renamed_from {
            let _ = writeln!(out, "    was {} {}  {}", from.method, from.path, from.id);
        }
        for c in &op.changes {
            change(out, c);
        }
    }
}

fn change(out: &mut String, c: &Change) {
    let detail = if c.detail.is_empty() {
        String::new()
    } else {
        format!(": {}", c.detail)
    };
    let _ = writeln!(
        out,
        "    {:<5}  {}  {}{detail} — {}",
        c.level.as_str(),
        c.class.name(),
        c.place,
        c.reason
    );
}
