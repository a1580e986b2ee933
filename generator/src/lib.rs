//! Generates a typed Rust client crate from an OpenAPI 3.0 or 3.1 document (in one file or
//! several) or from Cloudflare operation fragments.
//!
//! The pipeline runs in one direction, one type at each boundary:
//!
//! ```text
//! spec files ─load─▶ openapiv3::OpenAPI ─flatten─▶ Shapes ─lower─▶ ir::Api
//!            ─emit─▶ TokenStreams ─render─▶ files ─write─▶ the crate folder
//! ```
//!
//! Every stage reports problems into [`diag::Diagnostics`] with file and JSON pointer;
//! nothing is written while any error exists.
#![deny(missing_docs)]
// A `Diagnostic` is built once per problem in a spec, never on a hot path.
#![allow(clippy::result_large_err)]

mod builder;
pub mod bundle;
pub mod diag;
pub mod dialect;
pub mod diff;
pub mod emit;
pub mod explain;
pub mod flatten;
pub mod ir;
pub mod load;
pub mod lower;
pub mod marker;
pub mod naming;
pub mod render;
pub mod template;
pub mod write;

use std::path::{Path, PathBuf};

pub use builder::{Builder, OUT_DIR_FOLDER, build};
use diag::Diagnostics;
pub use emit::{Layout, Tests};
use render::GeneratedFile;

/// Why generation did not produce a crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec has errors; each names its file and JSON pointer.
    #[error("{0}")]
    Spec(Diagnostics),
    /// The output folder could not be read or written.
    #[error("cannot update the output folder: {0}")]
    Write(#[from] write::WriteError),
    /// A bug in the generator.
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// `diff --crate`: the crate folder has no `src/lib.rs`, or a file could not be read.
    #[error("cannot read the crate in {}: {reason}", path.display())]
    CrateDir {
        /// The folder given.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// [`Builder::generate`] has no folder to write to.
    #[error(
        "no output folder: `OUT_DIR` is not set (is this a build script?); give one with `Builder::out_dir`"
    )]
    NoOutDir,
}

/// What to generate: spec inputs, and the crate's name.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Spec files or folders of fragment files.
    pub inputs: Vec<PathBuf>,
    /// The package name of the generated crate.
    pub crate_name: String,
    /// The API family whose rules apply (default: detected from the spec).
    pub dialect: dialect::Choice,
    /// Folders besides the spec's own from which its `$ref`s may read files.
    pub allowed_roots: Vec<PathBuf>,
    /// A whole crate, or the modules only (for a build script).
    pub layout: Layout,
    /// Every warning is an error (`--deny-warnings`): a spec that needed a repair or has a
    /// keyword that is ignored generates nothing, for CI that wants the spec fixed.
    pub deny_warnings: bool,
    /// Test files generated into the crate besides its code.
    pub tests: Tests,
}

impl Settings {
    /// Settings for `inputs`, naming the crate after the output folder `out`.
    pub fn new(inputs: Vec<PathBuf>, out: &Path) -> Self {
        let folder = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Settings {
            inputs,
            crate_name: naming::crate_name(&folder),
            dialect: dialect::Choice::Auto,
            allowed_roots: Vec::new(),
            layout: Layout::Crate,
            deny_warnings: false,
            tests: Tests::default(),
        }
    }

    /// Sets the dialect instead of detecting it.
    pub fn dialect(mut self, choice: dialect::Choice) -> Self {
        self.dialect = choice;
        self
    }

    /// Makes every warning an error.
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// Lets the spec's `$ref`s read files inside `folder` too (by default only files inside
    /// the spec's own folder are read).
    pub fn allow_root(mut self, folder: impl Into<PathBuf>) -> Self {
        self.allowed_roots.push(folder.into());
        self
    }

    /// Sets the generated package's name.
    pub fn crate_name(mut self, name: &str) -> Self {
        self.crate_name = naming::crate_name(name);
        self
    }

    /// Sets the test files generated into the crate.
    pub fn tests(mut self, tests: Tests) -> Self {
        self.tests = tests;
        self
    }

    /// Sets what the generated files make up.
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }
}

/// The generated crate in memory, with the warnings met on the way.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Every file, sorted by path.
    pub files: Vec<GeneratedFile>,
    /// Repairs and ignored keywords, each with its pointer.
    pub warnings: Diagnostics,
    /// The lowered API (for tests and reports).
    pub api: ir::Api,
}

/// The stack the stages run on: schemas are flattened and lowered depth first, up to
/// [`flatten::MAX_DEPTH`] levels, and that must not depend on the caller's thread (a test
/// thread has 2 MiB). Only the pages used are committed.
pub const STACK_SIZE: usize = 256 << 20;

/// Runs `f` on a thread with a [`STACK_SIZE`] stack (on the current thread if none can be
/// started), so that nesting up to the depth limits cannot overflow the stack.
pub fn with_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let f = std::sync::Mutex::new(Some(f));
    std::thread::scope(|scope| {
        let run = || f.lock().ok().and_then(|mut f| f.take()).map(|f| f());
        let spawned = std::thread::Builder::new()
            .name("generator".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, run);
        match spawned.map(|h| h.join()) {
            Ok(Ok(Some(out))) => out,
            // A panic in the stages is a bug: pass it on as it was.
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Ok(Ok(None)) | Err(_) => match run() {
                Some(out) => out,
                None => unreachable!("`f` runs once, on the thread or here"),
            },
        }
    })
}

/// Runs every stage but writing.
pub fn generate_files(settings: &Settings) -> Result<Generated, Error> {
    with_stack(|| generate_files_here(settings))
}

/// [`generate_files`] on the current thread's stack.
fn generate_files_here(settings: &Settings) -> Result<Generated, Error> {
    let deny = |d: Diagnostics| {
        Error::Spec(if settings.deny_warnings {
            d.deny_warnings()
        } else {
            d
        })
    };
    let loaded =
        load::load(&settings.inputs, settings.dialect, &settings.allowed_roots).map_err(deny)?;
    let lowered = lower::lower(&loaded, &settings.crate_name, false).map_err(deny)?;
    if settings.deny_warnings && lowered.warnings.warnings().next().is_some() {
        return Err(deny(lowered.warnings));
    }
    let label = source_label(&settings.inputs);
    let files = emit_and_render(&lowered.api, &label, settings.layout, settings.tests)?;
    Ok(Generated {
        files,
        warnings: lowered.warnings,
        api: lowered.api,
    })
}

/// Runs every stage but writing on spec texts held in memory, each named by the file it
/// stands for in messages: what fuzzing and property tests feed the generator.
pub fn generate_texts(texts: &[(PathBuf, String)], crate_name: &str) -> Result<Generated, Error> {
    with_stack(|| {
        let loaded = load::load_texts(texts, dialect::Choice::Auto).map_err(Error::Spec)?;
        let lowered =
            lower::lower(&loaded, &naming::crate_name(crate_name), false).map_err(Error::Spec)?;
        let inputs: Vec<PathBuf> = texts.iter().map(|(p, _)| p.clone()).collect();
        let files = emit_and_render(
            &lowered.api,
            &source_label(&inputs),
            Layout::Crate,
            Tests::default(),
        )?;
        Ok(Generated {
            files,
            warnings: lowered.warnings,
            api: lowered.api,
        })
    })
}

/// Generates and writes the crate into `out`; returns what changed.
pub fn generate(settings: &Settings, out: &Path) -> Result<(Generated, write::Plan), Error> {
    let generated = generate_files(settings)?;
    let plan = write::plan(out, &generated.files)?;
    write::apply(out, &generated.files, &plan)?;
    Ok((generated, plan))
}

/// What `check` found: an empty plan means `out` is up to date.
pub fn check(settings: &Settings, out: &Path) -> Result<(Generated, write::Plan), Error> {
    let generated = generate_files(settings)?;
    let plan = write::plan(out, &generated.files)?;
    Ok((generated, plan))
}

/// The crate's files as text: emitted, then rendered.
fn emit_and_render(
    api: &ir::Api,
    source: &str,
    layout: Layout,
    tests: Tests,
) -> Result<Vec<GeneratedFile>, Error> {
    let jobs = emit::jobs(api, source, layout, tests);
    Ok(render::render_jobs(&jobs, &marker::rust_header(source))?)
}

/// Names the inputs in headers without machine paths: file names only.
pub(crate) fn source_label(inputs: &[PathBuf]) -> String {
    let names: Vec<String> = inputs
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        })
        .collect();
    match names.len() {
        0 => "no input".into(),
        1..=3 => names.join(", "),
        n => format!("{} and {} more inputs", names[..2].join(", "), n - 2),
    }
}
