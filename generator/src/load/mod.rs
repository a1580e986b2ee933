//! Stage 1, load: spec files in, one `openapiv3::OpenAPI` document out.
//!
//! A whole document (JSON or YAML) is read as it is; fragments (one file each, or a folder of
//! them) are assembled into a document that holds their operations, with the servers and
//! security schemes of `fragment_defaults.json`, since a fragment carries neither.

pub mod fragment;
mod locate;
mod locate_yaml;
mod repair;
mod syntax;
mod typed;

pub use syntax::MAX_TEXT_DEPTH;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Position, Severity, operation_pointer, pointer_push};

/// The servers, security schemes and title that fragments are given (Cloudflare's).
pub const FRAGMENT_DEFAULTS: &str = include_str!("fragment_defaults.json");

/// A loaded document, with what is needed to point back into its files.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The typed document every later stage reads.
    pub document: OpenAPI,
    /// The same document as JSON, after repairs (for `$ref` checks and raw keywords).
    pub raw: Value,
    /// Where each part of the document came from.
    pub sources: Sources,
    /// Repairs made while loading.
    pub warnings: Diagnostics,
    /// Errors found while loading that did not stop it (a fragment of several that does not
    /// parse): lowering reports them with its own, and nothing is generated.
    pub errors: Diagnostics,
}

/// Maps JSON pointers back to files, lines and columns.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    main: PathBuf,
    main_text: Option<String>,
    /// Whether `main_text` is YAML (else JSON).
    main_is_yaml: bool,
    fragments: BTreeMap<String, FragmentSource>,
}

#[derive(Debug, Clone)]
struct FragmentSource {
    file: PathBuf,
    text: String,
    spans: [(usize, usize); 6],
    /// Where the path, method, tag and operationId lines start.
    header: [usize; 4],
}

impl Sources {
    /// Sources for a document built in memory, named `file` in messages.
    pub fn in_memory(file: impl Into<PathBuf>) -> Self {
        Sources {
            main: file.into(),
            ..Sources::default()
        }
    }

    /// The file that holds the value at `pointer`.
    pub fn file(&self, pointer: &str) -> &Path {
        match self.fragment_of(pointer) {
            Some((_, f)) => &f.file,
            None => &self.main,
        }
    }

    /// The line and column of the value at `pointer`, where the text is JSON we kept.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        if let Some((op_ptr, f)) = self.fragment_of(pointer) {
            let rest = locate::pointer_tokens(&pointer[op_ptr.len()..]);
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
            return Some(Position::of_offset(&f.text, start + offset));
        }
        let text = self.main_text.as_deref()?;
        let tokens = locate::pointer_tokens(pointer);
        let offset = if self.main_is_yaml {
            locate_yaml::locate(text, &tokens)
        } else {
            locate::locate(text, &tokens)
        };
        offset.map(|o| Position::of_offset(text, o))
    }

    /// An error at `pointer`, with its file and, where known, line and column.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Error, pointer, message)
    }

    /// A warning at `pointer`, with its file and, where known, line and column.
    pub fn warning(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Warning, pointer, message)
    }

    fn diagnostic(
        &self,
        severity: Severity,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut d = Diagnostic::error(self.file(pointer), pointer, message)
            .with_position(self.position(pointer));
        d.severity = severity;
        d
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

/// Reads `inputs` (files or folders of fragments) into one document.
pub fn load(inputs: &[PathBuf]) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let files = expand_inputs(inputs, &mut diags);
    let mut texts = Vec::new();
    for file in files {
        match read_text(&file) {
            Ok(text) => texts.push((file, text)),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    load_texts(&texts)
}

/// Reads spec texts already in memory, each named by the file it stands for (fuzzing and
/// tests use this; [`load`] reads the files and calls it).
pub fn load_texts(texts: &[(PathBuf, String)]) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    // A binary file is reported and left out; the other inputs are still read.
    let texts: Vec<(PathBuf, String)> = texts
        .iter()
        .filter(|(file, text)| match syntax::binary_data(file, text) {
            Some(d) => {
                diags.push(d);
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    if texts.is_empty() {
        return Err(diags);
    }
    let texts = texts.as_slice();
    let documents: Vec<&(PathBuf, String)> =
        texts.iter().filter(|(f, t)| is_document(f, t)).collect();
    let (raw, sources) = match documents.as_slice() {
        [] => assemble_fragments(texts, &mut diags),
        [(file, text)] if texts.len() == 1 => read_document(file, text, &mut diags),
        _ => {
            let names: Vec<String> = documents
                .iter()
                .map(|(f, _)| f.display().to_string())
                .collect();
            diags.push(Diagnostic::error(&documents[0].0, "#", format!(
                "a whole OpenAPI document must be the only input, but the inputs hold {} documents and {} files in all ({})",
                documents.len(), texts.len(), names.join(", "),
            )).help("generate each document into its own crate, or give only fragment files"));
            (None, Sources::default())
        }
    };
    let Some(mut raw) = raw else {
        return Err(diags);
    };
    // From here on errors (a fragment that did not parse, a key that is no method) do not
    // stop loading: they go to `Loaded::errors`, so that lowering reports its own with them.
    let mut warnings = Diagnostics::default();
    // Path templates and their parameters are paired (and repaired) while lowering, where
    // path-level and `$ref` parameters are resolved.
    repair::repair_document(&sources, &mut raw, &mut warnings);
    let Some(document) = typed::read(&raw, &sources, &mut diags) else {
        return Err(diags);
    };
    Ok(Loaded {
        document,
        raw,
        sources,
        warnings,
        errors: diags,
    })
}

/// Files named directly, and the files (not folders, not hidden) of folders, sorted by name.
fn expand_inputs(inputs: &[PathBuf], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if inputs.is_empty() {
        diags.push(Diagnostic::error(
            Path::new("<no input>"),
            "#",
            "no spec file was given",
        ));
    }
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = match std::fs::read_dir(input) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && !p
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect(),
            Err(e) => {
                diags.push(Diagnostic::error(
                    input,
                    "#",
                    format!("cannot read the folder: {e}"),
                ));
                continue;
            }
        };
        found.sort();
        if found.is_empty() {
            diags.push(Diagnostic::error(
                input,
                "#",
                "the folder holds no fragment files",
            ));
        }
        files.extend(found);
    }
    files
}

/// The file's text; invalid UTF-8 is an error at its position.
fn read_text(file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| {
        Diagnostic::error(file, "#", format!("cannot read the file: {e}")).help("check the path")
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::at(
            file,
            Position::of_offset(&text, valid),
            format!("the file is not UTF-8 text (invalid byte at offset {valid})"),
        )
        .help("specs are UTF-8 text; is this a binary or a file in another encoding?")
    })
}

/// A whole document opens with `{` (JSON) or has a top-level `openapi:`/`swagger:` key (YAML).
/// A whole document opens with `{` (JSON), has a `.yaml`/`.yml` name, or opens (after
/// comments) with a top-level `openapi:`/`swagger:` key; anything else is a fragment, whose
/// first line is a description (which may well mention `openapi:` further down).
fn is_document(file: &Path, text: &str) -> bool {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let yaml_ext = file.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let first_key = trimmed
        .lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    trimmed.starts_with('{')
        || yaml_ext
        || first_key.is_some_and(|l| {
            l.starts_with("openapi:") || l.starts_with("swagger:") || l.starts_with("---")
        })
}

/// Parses a JSON or YAML document and checks its OpenAPI version.
fn read_document(file: &Path, text: &str, diags: &mut Diagnostics) -> (Option<Value>, Sources) {
    let trimmed = text.trim_start_matches('\u{feff}');
    let is_json = trimmed.trim_start().starts_with('{');
    let parsed: Result<Value, Diagnostic> = if is_json {
        serde_json::from_str(trimmed).map_err(|e| {
            let position = Position {
                line: e.line(),
                column: e.column(),
            };
            let rest = rest_after(trimmed, position);
            let reason = e.to_string();
            syntax::parse_error(
                file,
                Some(position),
                "JSON",
                syntax::strip_position(&reason),
                e.is_eof(),
                rest,
            )
        })
    } else if let Some(d) = syntax::yaml_flow_depth(file, trimmed) {
        Err(d)
    } else {
        yaml_serde::from_str(trimmed).map_err(|e| {
            let position = e.location().map(|l| Position {
                line: l.line(),
                column: l.column(),
            });
            let rest = position.map_or("", |p| rest_after(trimmed, p));
            let reason = e.to_string();
            syntax::parse_error(
                file,
                position,
                "YAML",
                syntax::strip_position(&reason),
                false,
                rest,
            )
        })
    };
    let sources = Sources {
        main: file.to_path_buf(),
        main_text: Some(trimmed.to_string()),
        main_is_yaml: !is_json,
        ..Sources::default()
    };
    let value = match parsed {
        Ok(v) => v,
        Err(d) => {
            diags.push(d);
            return (None, sources);
        }
    };
    if let Err(d) = check_version(file, &value) {
        let position = sources.position(d.pointer.as_deref().unwrap_or("#"));
        diags.push(d.with_position(position));
        return (None, sources);
    }
    (Some(value), sources)
}

/// Only OpenAPI 3.0.x is read; Swagger 2.0 and OpenAPI 3.1 are named, with what to do.
fn check_version(file: &Path, doc: &Value) -> Result<(), Diagnostic> {
    if !doc.is_object() {
        return Err(Diagnostic::error(
            file,
            "#",
            format!(
                "an OpenAPI document must be an object, found {}",
                fragment::json_kind(doc)
            ),
        ));
    }
    if let Some(v) = doc.get("swagger") {
        return Err(Diagnostic::error(
            file,
            "#/swagger",
            format!(
                "Swagger {} documents are not supported; this generator reads OpenAPI 3.0.x",
                v.as_str().map_or_else(|| v.to_string(), str::to_string)
            ),
        )
        .help("convert the document to OpenAPI 3.0 first (for example with swagger2openapi)"));
    }
    match doc.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0") => Ok(()),
        Some(v) => Err(Diagnostic::error(file, "#/openapi", format!("OpenAPI {v} is not supported; this generator reads OpenAPI 3.0.x"))
            .help("OpenAPI 3.1 changed the schema dialect (type arrays, `null` type); down-convert it to 3.0")),
        None => Err(Diagnostic::error(file, "#/openapi", "the document has no `openapi` version field")
            .help("add `\"openapi\": \"3.0.3\"` at the top level")),
    }
}

/// Builds one document from fragment files, each operation at its own path and method.
fn assemble_fragments(
    texts: &[(PathBuf, String)],
    diags: &mut Diagnostics,
) -> (Option<Value>, Sources) {
    let mut doc: Value = serde_json::from_str(FRAGMENT_DEFAULTS)
        .unwrap_or_else(|e| unreachable!("fragment_defaults.json is checked by tests: {e}"));
    let main = texts.first().map(|(f, _)| f.clone()).unwrap_or_default();
    let mut sources = Sources {
        main,
        ..Sources::default()
    };
    for (file, text) in texts {
        let frag = match fragment::parse(file, text) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let op_ptr = operation_pointer(&frag.path, &frag.method);
        if let Some(first) = sources.fragments.get(&op_ptr) {
            diags.push(
                Diagnostic::error(
                    file,
                    op_ptr.clone(),
                    format!(
                        "{} {} is already defined by {}",
                        frag.method.to_uppercase(),
                        frag.path,
                        first.file.display()
                    ),
                )
                .help("each operation may come from one fragment only"),
            );
            continue;
        }
        let paths = doc["paths"]
            .as_object_mut()
            .unwrap_or_else(|| unreachable!("defaults hold paths"));
        let item = paths
            .entry(frag.path.clone())
            .or_insert_with(|| Value::Object(Default::default()));
        item[frag.method.as_str()] = frag.operation;
        sources.fragments.insert(
            op_ptr,
            FragmentSource {
                file: file.clone(),
                text: text.clone(),
                spans: frag.value_spans,
                header: frag.header_starts,
            },
        );
    }
    (Some(doc), sources)
}

/// serde_path_to_error's path (`paths./zones.get.responses`) as a JSON pointer.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer_push(&pointer, &index.to_string()),
            Segment::Map { key } => pointer_push(&pointer, key),
            Segment::Enum { variant } => pointer_push(&pointer, variant),
            Segment::Unknown => break,
        };
    }
    pointer
}

/// The text after a parser's line and column (columns count bytes from 1, as both parsers do).
fn rest_after(text: &str, at: Position) -> &str {
    let line_start = if at.line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(at.line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let offset = (line_start + at.column.saturating_sub(1)).min(text.len());
    text.get(offset..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_defaults_are_a_valid_document() {
        let doc: Value = serde_json::from_str(FRAGMENT_DEFAULTS).expect("valid JSON");
        let _: OpenAPI = serde_json::from_value(doc).expect("valid OpenAPI");
    }

    #[test]
    fn sources_map_fragment_pointers_to_their_file() {
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
}
