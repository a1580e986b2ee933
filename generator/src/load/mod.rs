//! Stage 1, load: spec files in, one `openapiv3::OpenAPI` document out.
//!
//! A whole document (JSON or YAML) is read with the files its `$ref`s name (`refs.rs`), and
//! OpenAPI 3.1 is rewritten into 3.0 (`v31.rs`); fragments (one file each, or a folder of
//! them) are assembled into a document that holds their operations, with the servers and
//! security schemes of Cloudflare's dialect (`dialect::cloudflare::FRAGMENT_DEFAULTS`), since
//! a fragment carries neither. Loading also picks the spec's dialect.

mod defaults;
mod files;
pub mod fragment;
mod inner_refs;
mod locate;
mod locate_yaml;
mod parse;
pub mod refs;
mod repair;
mod sources;
mod syntax;
mod typed;
mod v31;
mod walk;

pub use sources::{Origin, Sources};
pub use syntax::MAX_TEXT_DEPTH;

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics, Position, operation_pointer, pointer_push};
use crate::dialect::{self, Choice, Dialect};
use files::FileAccess;
use sources::FragmentSource;

/// A loaded document, with what is needed to point back into its files.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The typed document every later stage reads.
    pub document: OpenAPI,
    /// Where each part of the document came from.
    pub sources: Sources,
    /// Repairs made while loading.
    pub warnings: Diagnostics,
    /// Errors found while loading that did not stop it (a fragment of several that does not
    /// parse): lowering reports them with its own, and nothing is generated.
    pub errors: Diagnostics,
    /// The rules of the API family the spec belongs to (see [`dialect::detect`]).
    pub dialect: &'static Dialect,
}

/// Reads `inputs` (files or folders of fragments) into one document, in the dialect `choice`
/// names or detection finds. Files a document's `$ref`s name are read from its own folder
/// and from `allowed_roots`, nowhere else.
pub fn load(
    inputs: &[PathBuf],
    choice: Choice,
    allowed_roots: &[PathBuf],
) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let files = expand_inputs(inputs, &mut diags);
    let mut texts = Vec::new();
    for file in files {
        match read_text(&file) {
            Ok(text) => texts.push((file, text)),
            Err(d) => diags.push(d),
        }
    }
    let access = match texts.as_slice() {
        [(main, _)] => FileAccess::rooted(main, allowed_roots, &mut diags),
        _ => FileAccess::none(),
    };
    if diags.has_errors() {
        return Err(diags);
    }
    load_with(&texts, choice, access)
}

/// Reads spec texts already in memory, each named by the file it stands for (fuzzing and
/// tests use this; [`load`] reads the files and calls it). No other file is read: a `$ref`
/// to a file is an error.
pub fn load_texts(texts: &[(PathBuf, String)], choice: Choice) -> Result<Loaded, Diagnostics> {
    load_with(texts, choice, FileAccess::none())
}

fn load_with(
    texts: &[(PathBuf, String)],
    choice: Choice,
    access: FileAccess,
) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut warnings = Diagnostics::default();
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
        [(file, text)] if texts.len() == 1 => {
            read_document(file, text, access, &mut diags, &mut warnings)
        }
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
    // Path templates and their parameters are paired (and repaired) while lowering, where
    // path-level and `$ref` parameters are resolved.
    repair::repair_document(&sources, &mut raw, &mut warnings);
    defaults::apply(&mut raw);
    let document = typed::read(&raw, &sources, &mut diags);
    // The JSON value (43 MB for the whole Cloudflare API) is not needed past this point.
    drop(raw);
    let Some(document) = document else {
        return Err(diags);
    };
    let servers: Vec<&str> = document.servers.iter().map(|s| s.url.as_str()).collect();
    let dialect = dialect::detect(choice, documents.is_empty(), &servers);
    Ok(Loaded {
        document,
        sources,
        warnings,
        errors: diags,
        dialect,
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

/// Parses a JSON or YAML document, checks its OpenAPI version, resolves its `$ref`s to
/// other files, and rewrites OpenAPI 3.1 into the 3.0 the later stages read.
fn read_document(
    file: &Path,
    text: &str,
    access: FileAccess,
    diags: &mut Diagnostics,
    warnings: &mut Diagnostics,
) -> (Option<Value>, Sources) {
    let parsed = match parse::parse(file, text) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return (None, Sources::in_memory(file));
        }
    };
    let mut sources = Sources::document(file, parsed.text, parsed.is_yaml);
    let mut value = parsed.value;
    let version = match check_version(file, &value) {
        Ok(v) => v,
        Err(d) => {
            let position = sources.position(d.pointer.as_deref().unwrap_or("#"));
            diags.push(d.with_position(position));
            return (None, sources);
        }
    };
    if version == Version::V3_1 {
        v31::prepare_document(&mut value, &sources, warnings);
    }
    inner_refs::name_inner_schemas(&mut value, &mut sources);
    let before = diags.error_count();
    refs::bundle(
        &mut value,
        file,
        version == Version::V3_1,
        access,
        &mut sources,
        diags,
    );
    if diags.error_count() > before {
        return (None, sources);
    }
    if version == Version::V3_1 {
        v31::normalize(&mut value, &mut sources, warnings, diags);
    }
    (Some(value), sources)
}

/// The OpenAPI versions read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V3_0,
    V3_1,
}

/// OpenAPI 3.0.x and 3.1.x are read; Swagger 2.0 and other versions are named, with what
/// to do.
fn check_version(file: &Path, doc: &Value) -> Result<Version, Diagnostic> {
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
                "Swagger {} documents are not supported; this generator reads OpenAPI 3.0.x and 3.1.x",
                v.as_str().map_or_else(|| v.to_string(), str::to_string)
            ),
        )
        .help("convert the document to OpenAPI 3.0 first (for example with swagger2openapi)"));
    }
    match doc.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0") => Ok(Version::V3_0),
        Some(v) if v.starts_with("3.1") => Ok(Version::V3_1),
        Some(v) => Err(Diagnostic::error(
            file,
            "#/openapi",
            format!("OpenAPI {v} is not supported; this generator reads OpenAPI 3.0.x and 3.1.x"),
        )
        .help("convert the document to OpenAPI 3.1 or 3.0")),
        None => Err(Diagnostic::error(
            file,
            "#/openapi",
            "the document has no `openapi` version field",
        )
        .help("add `\"openapi\": \"3.0.3\"` (or `3.1.0`) at the top level")),
    }
}

/// Builds one document from fragment files, each operation at its own path and method.
fn assemble_fragments(
    texts: &[(PathBuf, String)],
    diags: &mut Diagnostics,
) -> (Option<Value>, Sources) {
    let mut doc: Value = serde_json::from_str(dialect::cloudflare::FRAGMENT_DEFAULTS)
        .unwrap_or_else(|e| unreachable!("fragment_defaults.json is checked by tests: {e}"));
    let main = texts.first().map(|(f, _)| f.clone()).unwrap_or_default();
    let mut sources = Sources::in_memory(main);
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
