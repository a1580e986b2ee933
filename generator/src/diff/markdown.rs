//! The report as Markdown, for a pull-request comment: the verdict and the counts in
//! tables, the long lists folded in `<details>`.

use std::fmt::Write;

use super::report::{Change, OperationDiff, OperationRef, Report};
use super::text::{ids_note, problems_note, renames_count, verdict_line};

/// The whole report.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let s = &r.summary;
    let _ = writeln!(out, "## API changes: {}\n", r.verdict.level.as_str());
    let _ = writeln!(out, "`{}` → `{}`\n", r.old.source, r.new.source);
    let _ = writeln!(out, "**Verdict:** {}\n", verdict_line(r));
    let _ = writeln!(
        out,
        "| operations | removed | added | kept | changed | probable renames |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    let _ = writeln!(
        out,
        "| {} → {} | {}{} | {} | {} | {} | {} |\n",
        r.old.operations,
        r.new.operations,
        s.removed_operations,
        ids_note(s.removed_operations, s.removed_ids),
        s.added_operations,
        s.kept,
        s.kept_changed,
        s.renamed
    );
    let _ = writeln!(
        out,
        "Changes: {} major, {} minor, {} patch. Problems: old spec {}, new spec {}.\n",
        s.major,
        s.minor,
        s.patch,
        problems_note(&r.old),
        problems_note(&r.new)
    );
    if !s.by_class.is_empty() {
        let _ = writeln!(out, "| level | change | changes | operations |");
        let _ = writeln!(out, "|---|---|---|---|");
        for c in &s.by_class {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                c.level.as_str(),
                c.class.name(),
                c.changes,
                c.operations
            );
        }
        let _ = writeln!(out);
    }
    for (which, spec) in [("old", &r.old), ("new", &r.new)] {
        if spec.problems.is_empty() {
            continue;
        }
        open(
            &mut out,
            &format!("Problems in the {which} spec ({})", spec.problems.len()),
        );
        for p in &spec.problems {
            let at = p.pointer.as_deref().unwrap_or("#");
            let _ = writeln!(out, "- `{}` at `{at}`: {}", p.file, p.message);
        }
        close(&mut out);
    }
    if !r.api.is_empty() {
        let _ = writeln!(out, "**The crate as a whole:**\n");
        for c in &r.api {
            change(&mut out, c);
        }
        let _ = writeln!(out);
    }
    if let Some(g) = &r.regenerated
        && !g.is_empty()
    {
        open(
            &mut out,
            &format!(
                "Renamed by regenerating `{}` ({})",
                g.crate_dir,
                renames_count(g)
            ),
        );
        for c in &g.methods {
            let id = c.operation_id.as_deref().unwrap_or_default();
            let _ = writeln!(out, "- `{}` → `{}` (`{id}`)", c.old, c.new);
        }
        for c in g.types.iter().chain(&g.fields) {
            let _ = writeln!(out, "- `{}` → `{}`", c.old, c.new);
        }
        close(&mut out);
    }
    operations(&mut out, "Probable renames", &r.renamed);
    refs(&mut out, "Removed operations", &r.removed);
    refs(&mut out, "Added operations", &r.added);
    operations(&mut out, "Changed operations", &r.changed);
    out
}

fn open(out: &mut String, summary: &str) {
    let _ = writeln!(out, "<details><summary>{summary}</summary>\n");
}

fn close(out: &mut String) {
    let _ = writeln!(out, "\n</details>\n");
}

fn refs(out: &mut String, title: &str, list: &[OperationRef]) {
    if list.is_empty() {
        return;
    }
    open(out, &format!("{title} ({})", list.len()));
    for o in list {
        let _ = writeln!(out, "- `{} {}` `{}`", o.method, o.path, o.id);
    }
    close(out);
}

fn operations(out: &mut String, title: &str, list: &[OperationDiff]) {
    if list.is_empty() {
        return;
    }
    open(out, &format!("{title} ({})", list.len()));
    for op in list {
        let o = &op.operation;
        let level = op.level().map_or("", |l| l.as_str());
        let _ = writeln!(out, "#### `{} {}` `{}` ({level})\n", o.method, o.path, o.id);
        if let Some(from) = &op.renamed_from {
            let _ = writeln!(out, "was `{} {}` `{}`\n", from.method, from.path, from.id);
        }
        for c in &op.changes {
            change(out, c);
        }
        let _ = writeln!(out);
    }
    close(out);
}

fn change(out: &mut String, c: &Change) {
    let detail = if c.detail.is_empty() {
        String::new()
    } else {
        format!(": {}", c.detail)
    };
    // A field's place (`result.owner<Company>.name`) is code: `<Company>` would be HTML.
    let place = if c.place.contains('`') {
        c.place.clone()
    } else {
        format!("`{}`", c.place)
    };
    let _ = writeln!(
        out,
        "- **{}** `{}` {place}{detail}: {}",
        c.level.as_str(),
        c.class.name(),
        c.reason
    );
}
