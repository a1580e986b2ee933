//! Stage 7, write: the crate folder is updated all at once, or not at all.
//!
//! The generator owns exactly the files whose first line carries [`GENERATED_MARKER`]:
//! those it writes, overwrites, or removes when it no longer produces them. Files a user
//! adds (tests, examples) have no marker and are never touched. Every new file is first
//! written beside its target under a temporary name; only when all of them are written are
//! they renamed into place, so a failure leaves the folder as it was.
//!
//! [`GENERATED_MARKER`]: crate::marker::GENERATED_MARKER

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::marker::is_generated;
use crate::render::GeneratedFile;

/// What writing a crate would change.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Files to create or overwrite (path inside the crate).
    pub write: Vec<String>,
    /// Generated files no longer produced.
    pub remove: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
}

impl Plan {
    /// Whether the folder already holds exactly the generated files.
    pub fn is_empty(&self) -> bool {
        self.write.is_empty() && self.remove.is_empty()
    }
}

/// A failure to read or write the output folder.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct WriteError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub source: io::Error,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

/// Compares `files` with what `out` holds.
pub fn plan(out: &Path, files: &[GeneratedFile]) -> Result<Plan, WriteError> {
    let mut plan = Plan::default();
    for f in files {
        match fs::read(out.join(&f.path)) {
            Ok(old) if old == f.contents.as_bytes() => plan.unchanged += 1,
            Ok(_) => plan.write.push(f.path.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => plan.write.push(f.path.clone()),
            Err(e) => return Err(io_err(&out.join(&f.path))(e)),
        }
    }
    for existing in owned_files(out)? {
        if !files.iter().any(|f| f.path == existing) {
            plan.remove.push(existing);
        }
    }
    Ok(plan)
}

/// Generated files under `out` (skipping `target/` and hidden folders), as crate paths.
fn owned_files(out: &Path) -> Result<Vec<String>, WriteError> {
    let mut found = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_err(&dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io_err(&dir))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let file_type = entry.file_type().map_err(io_err(&path))?;
            if file_type.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    stack.push(path);
                }
            } else if file_type.is_file() && has_marker(&path) {
                let rel = path.strip_prefix(out).unwrap_or(&path);
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Whether a file starts with the generator's marker (only the first 4 KiB are read).
fn has_marker(path: &Path) -> bool {
    use std::io::Read;
    let mut buf = vec![0u8; 4096];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let n = file.read(&mut buf).unwrap_or(0);
    is_generated(&String::from_utf8_lossy(&buf[..n]))
}

/// Applies `plan`: writes every changed file beside its target, then renames all into place,
/// then removes stale generated files. Before the renames, any failure undoes the temporary
/// files and leaves `out` untouched.
pub fn apply(out: &Path, files: &[GeneratedFile], plan: &Plan) -> Result<(), WriteError> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for path in &plan.write {
            let Some(file) = files.iter().find(|f| &f.path == path) else {
                continue;
            };
            let target = out.join(path);
            if let Some(parent) = target.parent() {
                create_dirs(parent, &mut created_dirs)?;
            }
            let temp = temp_path(&target);
            fs::write(&temp, &file.contents).map_err(io_err(&temp))?;
            staged.push((temp, target));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        for dir in created_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        return Err(e);
    }
    for (temp, target) in &staged {
        fs::rename(temp, target).map_err(io_err(target))?;
    }
    for path in &plan.remove {
        let target = out.join(path);
        fs::remove_file(&target).map_err(io_err(&target))?;
    }
    Ok(())
}

/// Creates `dir` and missing parents, remembering which ones it created.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), WriteError> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at {
        if d.as_os_str().is_empty() || d.exists() {
            break;
        }
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    for d in missing.into_iter().rev() {
        fs::create_dir(&d).map_err(io_err(&d))?;
        created.push(d);
    }
    Ok(())
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.generator-{}.tmp", std::process::id()))
}

/// A short diff of one file: the lines that differ, after the common start and end.
pub fn short_diff(path: &str, old: &str, new: &str, max_lines: usize) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let removed = &a[prefix..a.len() - suffix];
    let added = &b[prefix..b.len() - suffix];
    let mut out = format!(
        "--- {path} (on disk)\n+++ {path} (generated)\n@@ line {} @@\n",
        prefix + 1
    );
    for line in removed.iter().take(max_lines) {
        out.push_str(&format!("-{line}\n"));
    }
    if removed.len() > max_lines {
        out.push_str(&format!(
            "  ... {} more lines removed\n",
            removed.len() - max_lines
        ));
    }
    for line in added.iter().take(max_lines) {
        out.push_str(&format!("+{line}\n"));
    }
    if added.len() > max_lines {
        out.push_str(&format!(
            "  ... {} more lines added\n",
            added.len() - max_lines
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_diff_shows_only_the_changed_middle() {
        let d = short_diff("a.rs", "1\n2\n3\n4\n", "1\n2\nX\n4\n", 5);
        assert!(d.contains("@@ line 3 @@\n-3\n+X\n"), "{d}");
    }
}
