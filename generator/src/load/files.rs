//! Where `$ref`s may read files from, and what a `$ref` string names.
//!
//! A referenced file must be inside an allowed folder (the spec's own, and each
//! `--allow-root`): the path is checked as written (with `..` worked out) before the file
//! system is asked anything, and again after symbolic links are followed. A refused file is
//! never opened, so nothing of it can reach a message or the generated code.

use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};

/// Where files may be read from.
#[derive(Debug, Clone, Default)]
pub struct FileAccess {
    /// Folders (canonical) that referenced files must be inside.
    roots: Vec<PathBuf>,
    /// The same folders as the user named them, for messages.
    root_names: Vec<PathBuf>,
    /// Whether files may be read at all (not for specs given as text).
    pub(super) enabled: bool,
}

impl FileAccess {
    /// No file is read: the spec was given as text.
    pub fn none() -> Self {
        FileAccess::default()
    }

    /// Files inside the folder of `main` and inside each of `allowed`.
    pub fn rooted(main: &Path, allowed: &[PathBuf], diags: &mut Diagnostics) -> Self {
        let own = match main.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut access = FileAccess {
            enabled: true,
            ..FileAccess::default()
        };
        // A spec named through a symbolic link refers to the files beside the file itself.
        if let Some(real) = main
            .canonicalize()
            .ok()
            .and_then(|m| m.parent().map(Path::to_path_buf))
        {
            access.roots.push(real);
            access.root_names.push(own.clone());
        }
        for (i, folder) in std::iter::once(&own).chain(allowed).enumerate() {
            match folder.canonicalize() {
                Ok(c) if c.is_dir() => {
                    if !access.roots.contains(&c) {
                        access.roots.push(c);
                        access.root_names.push(folder.clone());
                    }
                }
                _ if i == 0 => {}
                _ => diags.push(
                    Diagnostic::error(
                        folder,
                        "#",
                        "the folder given to --allow-root does not exist",
                    )
                    .help("name an existing folder that holds files the spec refers to"),
                ),
            }
        }
        access
    }
}

/// What a `$ref` names.
#[derive(Debug, PartialEq)]
pub enum Target {
    /// A pointer into the same file (`#/components/schemas/a`).
    Here(String),
    /// A file (relative to the referring file, or absolute) and a pointer into it.
    File(String, String),
    /// Something the generator does not read, with the reason.
    Unsupported(&'static str),
}

pub fn parse_ref(reference: &str) -> Target {
    let lower = reference.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Target::Unsupported(
            "is a remote reference, and the generator never fetches over the network",
        );
    }
    let scheme = reference.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme {
        return Target::Unsupported(
            "is a URI the generator does not read (only files and `#/...` pointers are)",
        );
    }
    let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let fragment = percent_decode(fragment);
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Target::Unsupported(
            "names an anchor (`#name`), which the generator does not resolve",
        );
    }
    let pointer = format!("#{fragment}");
    if path.is_empty() {
        Target::Here(pointer)
    } else {
        Target::File(percent_decode(path), pointer)
    }
}

/// `%7B` as `{`: URI references escape what JSON pointers keep literally.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// `a/./b/../c` as `a/c`, without asking the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                // Above the root is the root; a relative path keeps its leading `..`.
                if !out.pop() && !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Why a file may not or cannot be read: the end of a sentence that starts with the
/// `$ref`, and what to do.
#[derive(Debug)]
pub struct Refusal {
    /// `names a file outside ...`.
    pub message: String,
    /// What to do.
    pub help: &'static str,
}

impl FileAccess {
    /// The canonical path of the file `path` names, relative to `from` (the canonical path
    /// of the referring file), if it is inside an allowed folder and exists.
    pub fn resolve(&self, from: &Path, path: &str) -> Result<PathBuf, Refusal> {
        let folders = self.root_list();
        let lexical = normalize(&from.parent().unwrap_or(Path::new("/")).join(path));
        if !self.roots.iter().any(|r| lexical.starts_with(r)) {
            return Err(Refusal {
                message: format!("names a file outside the folders the spec may read ({folders})"),
                help: "move the file into the spec's folder, or allow its folder with `--allow-root DIR`",
            });
        }
        let canonical = lexical.canonicalize().map_err(|e| Refusal {
            message: format!("cannot be read ({})", io_reason(&e)),
            help: "check the path: it is relative to the file that holds the `$ref`",
        })?;
        if !self.roots.iter().any(|r| canonical.starts_with(r)) {
            return Err(Refusal {
                message: format!(
                    "leads, through a symbolic link, outside the folders the spec may read ({folders})"
                ),
                help: "copy the file into the spec's folder, or allow the folder it is in with `--allow-root DIR`",
            });
        }
        if !canonical.is_file() {
            return Err(Refusal {
                message: "names a folder or a device, not a file".into(),
                help: "name a JSON or YAML file",
            });
        }
        Ok(canonical)
    }

    /// The allowed folders, as the user named them.
    fn root_list(&self) -> String {
        let names: Vec<String> = self
            .root_names
            .iter()
            .map(|p| format!("`{}`", p.display()))
            .collect();
        names.join(", ")
    }
}

/// A short reason for an I/O error, without the machine's paths.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_told_apart() {
        assert_eq!(
            parse_ref("#/components/schemas/a"),
            Target::Here("#/components/schemas/a".into())
        );
        assert_eq!(
            parse_ref("./a.yml#/list"),
            Target::File("./a.yml".into(), "#/list".into())
        );
        assert_eq!(parse_ref("a.yml"), Target::File("a.yml".into(), "#".into()));
        assert_eq!(
            parse_ref("a.yml#/p~1%7Bid%7D"),
            Target::File("a.yml".into(), "#/p~1{id}".into())
        );
        assert!(matches!(
            parse_ref("https://example.com/a.yml"),
            Target::Unsupported(_)
        ));
        assert!(matches!(
            parse_ref("HTTP://example.com/a.yml"),
            Target::Unsupported(_)
        ));
        assert!(matches!(parse_ref("urn:x:y"), Target::Unsupported(_)));
        assert!(matches!(parse_ref("#anchor"), Target::Unsupported(_)));
    }

    #[test]
    fn paths_are_normalized_without_the_file_system() {
        assert_eq!(
            normalize(Path::new("/r/a/./b/../c.yml")),
            Path::new("/r/a/c.yml")
        );
        assert_eq!(
            normalize(Path::new("/r/../../etc/passwd")),
            Path::new("/etc/passwd")
        );
    }
}
