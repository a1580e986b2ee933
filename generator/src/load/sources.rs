//! Where each part of the loaded document came from: file, JSON pointer, line and column.
//!
//! The document later stages read is not always the text the user wrote: fragments are
//! assembled into one document, schemas of other files are hoisted into
//! `components/schemas`, path items and parameters of other files are copied in, and
//! OpenAPI 3.1 keywords are rewritten into 3.0 ones. Each such move records an *origin*:
//! "the value at this pointer of the loaded document is the value at that pointer of that
//! file". A message about the loaded document's `#/components/schemas/droplet/properties/id`
//! then names `resources/droplet.yml` and `#/properties/id`, with its line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{locate, locate_yaml};
use crate::diag::{Diagnostic, LineIndex, Position, Severity};

/// Maps JSON pointers of the loaded document back to files, lines and columns.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The file messages name when nothing more precise is known.
    main: PathBuf,
    /// Documents read as text: the main document first, then each file a `$ref` named.
    files: Vec<SourceFile>,
    /// Operations assembled from fragments, by operation pointer.
    pub(super) fragments: BTreeMap<String, FragmentSource>,
    /// Pointer prefixes of the loaded document whose values came from elsewhere.
    origins: BTreeMap<String, Origin>,
}

/// A document's text and how to find a pointer in it.
#[derive(Debug, Clone)]
struct SourceFile {
    path: PathBuf,
    text: String,
    is_yaml: bool,
    /// Lines and columns, counted at the first message about this file.
    lines: OnceLock<LineIndex>,
    /// Members of the large JSON objects walked to place messages.
    members: locate::Members,
}

/// Where a moved value was written: a file of [`Sources`] and a pointer into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Index of the file (0 is the main document).
    pub file: usize,
    /// The pointer in that file, `#/...`.
    pub pointer: String,
    /// Whether pointers below the moved value keep their own path below `pointer` (a moved
    /// schema), or all stand for `pointer` itself (a keyword rewritten into another).
    pub keep_suffix: bool,
}

/// One fragment's text and where its values are, for positions.
#[derive(Debug, Clone)]
pub(super) struct FragmentSource {
    pub(super) file: PathBuf,
    pub(super) text: String,
    pub(super) spans: [(usize, usize); 6],
    /// Where the path, method, tag and operationId lines start.
    pub(super) header: [usize; 4],
}

impl Sources {
    /// Sources for a document built in memory, named `file` in messages.
    pub fn in_memory(file: impl Into<PathBuf>) -> Self {
        Sources {
            main: file.into(),
            ..Sources::default()
        }
    }

    /// Sources whose main document is `file`, read from `text`.
    pub(super) fn document(file: &Path, text: String, is_yaml: bool) -> Self {
        let mut s = Sources::in_memory(file);
        s.add_file(file, text, is_yaml);
        s
    }

    /// Records the text of another file; returns its index.
    pub(super) fn add_file(&mut self, path: &Path, text: String, is_yaml: bool) -> usize {
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            text,
            is_yaml,
            lines: OnceLock::new(),
            members: locate::Members::default(),
        });
        self.files.len() - 1
    }

    /// The path of file `index`, as messages name it.
    pub(super) fn file_path(&self, index: usize) -> &Path {
        self.files.get(index).map_or(&self.main, |f| &f.path)
    }

    /// Records that the value at `pointer` of the loaded document came from `origin`.
    pub(super) fn set_origin(&mut self, pointer: &str, origin: Origin) {
        self.origins.insert(pointer.to_string(), origin);
    }

    /// Records that the value now at `pointer` was written at `was` (a pointer of the loaded
    /// document before a rewrite), wherever `was` itself came from.
    pub(super) fn moved(&mut self, pointer: &str, was: &str, keep_suffix: bool) {
        let (file, at) = self.origin_of(was);
        self.set_origin(
            pointer,
            Origin {
                file,
                pointer: at,
                keep_suffix,
            },
        );
    }

    /// The file index and pointer in that file of the loaded document's `pointer`.
    pub fn origin_of(&self, pointer: &str) -> (usize, String) {
        let mut prefix = pointer;
        loop {
            if let Some(o) = self.origins.get(prefix) {
                let rest = &pointer[prefix.len()..];
                let at = if o.keep_suffix {
                    format!("{}{rest}", o.pointer)
                } else {
                    o.pointer.clone()
                };
                return (o.file, at);
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => return (0, pointer.to_string()),
            }
        }
    }

    /// The file that holds the value at `pointer`.
    pub fn file(&self, pointer: &str) -> &Path {
        match self.fragment_of(pointer) {
            Some((_, f)) => &f.file,
            None => self.file_path(self.origin_of(pointer).0),
        }
    }

    /// The line and column of the value at `pointer`, where the text is one we kept.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        if let Some((op_ptr, f)) = self.fragment_of(pointer) {
            return fragment_position(f, &pointer[op_ptr.len()..]);
        }
        let (file, at) = self.origin_of(pointer);
        self.position_in(file, &at)
    }

    /// The line and column of `pointer` in file `index`.
    pub(super) fn position_in(&self, index: usize, pointer: &str) -> Option<Position> {
        let f = self.files.get(index)?;
        let tokens = locate::pointer_tokens(pointer);
        let offset = if f.is_yaml {
            locate_yaml::locate(&f.text, &tokens)
        } else {
            locate::locate_in(&f.text, &tokens, Some(&f.members))
        };
        let lines = f.lines.get_or_init(|| LineIndex::new(&f.text));
        offset.map(|o| lines.position(&f.text, o))
    }

    /// An error at `pointer`, with its file and, where known, line and column.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Error, pointer, message)
    }

    /// A warning at `pointer`, with its file and, where known, line and column.
    pub fn warning(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Warning, pointer, message)
    }

    /// A diagnostic at `pointer` of file `index` itself (not of the loaded document).
    pub(super) fn in_file(
        &self,
        severity: Severity,
        index: usize,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut d = Diagnostic::error(self.file_path(index), pointer, message)
            .with_position(self.position_in(index, pointer));
        d.severity = severity;
        d
    }

    fn diagnostic(
        &self,
        severity: Severity,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        if self.fragment_of(pointer).is_some() {
            let mut d = Diagnostic::error(self.file(pointer), pointer, message)
                .with_position(self.position(pointer));
            d.severity = severity;
            return d;
        }
        let (file, at) = self.origin_of(pointer);
        self.in_file(severity, file, &at, message)
    }

    fn fragment_of(&self, pointer: &str) -> Option<(&str, &FragmentSource)> {
        use std::ops::Bound::{Included, Unbounded};
        let (key, f) = self
            .fragments
            .range::<str, _>((Unbounded, Included(pointer)))
            .next_back()?;
        let boundary = pointer.len() == key.len() || pointer[key.len()..].starts_with('/');
        (pointer.starts_with(key.as_str()) && boundary).then_some((key.as_str(), f))
    }
}

/// The position of `rest` (the pointer below the operation) in a fragment's text.
fn fragment_position(f: &FragmentSource, rest: &str) -> Option<Position> {
    let rest = locate::pointer_tokens(rest);
    let header_line = |i: usize| Some(Position::of_offset(&f.text, f.header[i]));
    let index = match rest.first().map(String::as_str) {
        // The operation itself (a path template problem, say): its path line.
        None => return header_line(0),
        Some("tags") => return header_line(2),
        Some("operationId") => return header_line(3),
        Some("description") => return Some(Position { line: 1, column: 1 }),
        Some("parameters") => 2,
        Some("requestBody") => 3,
        Some("responses") => 4,
        Some("security") => 5,
        _ => return None,
    };
    let (start, end) = f.spans[index];
    let offset = locate::locate(&f.text[start..end], &rest[1..])?;
    Some(Position::of_offset(&f.text, start + offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::operation_pointer;

    #[test]
    fn fragment_pointers_map_to_their_file() {
        let mut s = Sources::in_memory("main.json");
        s.fragments.insert(
            operation_pointer("/a", "get"),
            FragmentSource {
                file: "a.txt".into(),
                text: String::new(),
                spans: [(0, 0); 6],
                header: [0; 4],
            },
        );
        assert_eq!(s.file("#/paths/~1a/get/responses"), Path::new("a.txt"));
        assert_eq!(s.file("#/paths/~1a/getter"), Path::new("main.json"));
        assert_eq!(s.file("#/components"), Path::new("main.json"));
    }

    #[test]
    fn moved_values_point_into_the_file_they_came_from() {
        let mut s = Sources::document(Path::new("main.yaml"), "a: 1\n".into(), true);
        let other = s.add_file(
            Path::new("other.yaml"),
            "list:\n  type: string\n".into(),
            true,
        );
        s.set_origin(
            "#/components/schemas/other_list",
            Origin {
                file: other,
                pointer: "#/list".into(),
                keep_suffix: true,
            },
        );
        let d = s.error("#/components/schemas/other_list/type", "bad");
        assert_eq!(d.file, Path::new("other.yaml"));
        assert_eq!(d.pointer.as_deref(), Some("#/list/type"));
        assert_eq!(d.position, Some(Position { line: 2, column: 9 }));
        // A rewrite below a moved value composes with it.
        s.moved(
            "#/components/schemas/other_list/enum",
            "#/components/schemas/other_list/const",
            false,
        );
        assert_eq!(
            s.origin_of("#/components/schemas/other_list/enum/0"),
            (other, "#/list/const".to_string())
        );
        assert_eq!(s.origin_of("#/a"), (0, "#/a".to_string()));
        assert_eq!(s.file("#/a"), Path::new("main.yaml"));
    }
}
