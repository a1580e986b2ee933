//! The `generator` command: regenerate, generate, or check a client crate.

/// mimalloc: a third of the generator's time went to glibc's malloc and free (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use generator::dialect::Choice;
use generator::{Error, Settings, write};

/// Generates a typed Rust client crate from an OpenAPI 3.0 or 3.1 document or operation fragments.
///
/// With no command, regenerates `generated-client/` from the fragment files (`*.txt`)
/// directly in `spec/` of the workspace this is run in.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Print every warning, not only the first ten.
    #[arg(long, global = true)]
    all_warnings: bool,
    /// A folder from which the spec's `$ref`s may read files, besides the spec's own folder
    /// (repeatable).
    #[arg(long = "allow-root", value_name = "DIR", global = true)]
    allow_roots: Vec<PathBuf>,
    /// The API family whose rules apply: auto (detected: Cloudflare for operation fragments
    /// and for documents served from api.cloudflare.com), openapi or cloudflare.
    #[arg(long, global = true, default_value_t = Choice::Auto)]
    dialect: Choice,
    /// Make every warning an error: exit 2 and write nothing when the spec needed a repair.
    #[arg(long, global = true)]
    deny_warnings: bool,
    /// Test files to generate into the crate besides its code, comma-separated: `unions`
    /// (`tests/unions.rs`, every union with an object alternative decoding a value made for
    /// each alternative into its variant and encoding it back). The fixtures the command
    /// without arguments regenerates have them.
    #[arg(long, global = true, value_enum, value_delimiter = ',')]
    tests: Vec<TestSuite>,
}

/// A generated test file.
#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum TestSuite {
    /// `tests/unions.rs`.
    Unions,
    /// `tests/operations.rs`: every operation called with its required parameters against a
    /// mock server of the spec (`MOCK_URL`, see `scripts/mock.sh`); ignored without one.
    Operations,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from specs into a folder.
    Generate {
        /// Fragment files, an OpenAPI JSON/YAML document, or folders of fragment files.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        /// The crate folder to write (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The generated package's name (default: the folder's name).
        #[arg(long)]
        crate_name: Option<String>,
    },
    /// Print how the spec was understood: allOf merges, anyOf narrowing, shapes, Rust API.
    Explain {
        /// As for `generate`.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
    },
    /// Print the spec as one OpenAPI 3.0 JSON document, as the generator reads it
    /// (fragments joined with their dialect's server and security schemes), for tools such
    /// as the Prism mock server.
    Bundle {
        /// As for `generate`.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        /// Write the document here instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Report what changed between two versions of a spec, for users of the generated crate:
    /// operations matched by operationId, each change breaking or not, and a semver verdict.
    Diff {
        /// The old spec: a document, a fragment file, or a folder of fragment files.
        old: PathBuf,
        /// The new spec.
        new: PathBuf,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Exit with 1 when any change is breaking (a major version bump).
        #[arg(long)]
        fail_on_breaking: bool,
        /// The crate as it is (made from OLD, by this or an earlier generator version):
        /// also list every method and type that regenerating it from NEW renames.
        #[arg(long = "crate", value_name = "DIR")]
        crate_dir: Option<PathBuf>,
    },
    /// Exit 0 when the folder holds exactly what `generate` would write, 1 when not.
    Check {
        /// As for `generate` (default: the fragments in `spec/`).
        specs: Vec<PathBuf>,
        /// The crate folder (default: `generated-client/`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The generated package's name (default: the folder's name).
        #[arg(long)]
        crate_name: Option<String>,
    },
}

/// How `diff` prints its report.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    /// Plain text, summary first.
    Text,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// JSON.
    Json,
}

/// Exit codes: 0 success, 1 check found differences or the folder could not be written (or
/// `diff --fail-on-breaking` found a breaking change), 2 the spec has errors.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let opts = Output {
        all_warnings: cli.all_warnings,
        allow_roots: cli.allow_roots,
        dialect: cli.dialect,
        deny_warnings: cli.deny_warnings,
        tests: generator::Tests {
            unions: cli.tests.contains(&TestSuite::Unions),
            operations: cli.tests.contains(&TestSuite::Operations),
        },
    };
    match cli.command {
        None => {
            let root = workspace_root()?;
            let (specs, out) = default_paths(&root)?;
            let code = generate(specs, &out, Some("generated-client"), &seed_options(&opts))?;
            if code != ExitCode::SUCCESS {
                return Ok(code);
            }
            // The test fixtures: `tests/fixtures/<name>.yaml` into `tests/fixtures/<name>-client`,
            // with their union tests.
            let opts = Output {
                tests: generator::Tests {
                    unions: true,
                    operations: false,
                },
                ..opts
            };
            for (spec, out, name) in fixtures(&root)? {
                let code = generate(vec![spec], &out, Some(&name), &opts)?;
                if code != ExitCode::SUCCESS {
                    return Ok(code);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Generate {
            specs,
            out,
            crate_name,
        }) => generate(specs, &out, crate_name.as_deref(), &opts),
        Some(Command::Explain { specs }) => {
            match generator::explain::explain(&settings(specs, Path::new("client"), None, &opts)) {
                Ok(text) => {
                    print!("{text}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report(e),
            }
        }
        Some(Command::Bundle { specs, out }) => {
            match generator::bundle::bundle(&settings(specs, Path::new("client"), None, &opts)) {
                Ok(text) => {
                    match out {
                        Some(path) => std::fs::write(&path, text)
                            .with_context(|| format!("cannot write {}", path.display()))?,
                        None => print!("{text}"),
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report(e),
            }
        }
        Some(Command::Diff {
            old,
            new,
            format,
            fail_on_breaking,
            crate_dir,
        }) => diff(old, new, format, fail_on_breaking, crate_dir, &opts),
        Some(Command::Check {
            specs,
            out,
            crate_name,
        }) => {
            // Defaults, as for the command without arguments: the fragments in `spec/` and
            // `generated-client/` (whose name is the crate's).
            let seed_crate = out.is_none();
            let (specs, out) = match (specs.is_empty(), out) {
                (false, Some(out)) => (specs, out),
                (empty, out) => {
                    let (default_specs, default_out) = default_paths(&workspace_root()?)?;
                    (
                        if empty { default_specs } else { specs },
                        out.unwrap_or(default_out),
                    )
                }
            };
            let name = crate_name.as_deref();
            let opts = if seed_crate {
                seed_options(&opts)
            } else {
                opts
            };
            check(specs, &out, name, &opts)
        }
    }
}

/// The options `generated-client` is made with: its operations' tests against a mock too
/// (CI runs them against Prism).
fn seed_options(opts: &Output) -> Output {
    Output {
        tests: generator::Tests {
            operations: true,
            ..opts.tests
        },
        ..opts.clone()
    }
}

/// Options every command shares.
#[derive(Clone)]
struct Output {
    all_warnings: bool,
    allow_roots: Vec<PathBuf>,
    dialect: Choice,
    deny_warnings: bool,
    tests: generator::Tests,
}

fn settings(specs: Vec<PathBuf>, out: &Path, crate_name: Option<&str>, o: &Output) -> Settings {
    let mut s = Settings::new(specs, out)
        .dialect(o.dialect)
        .deny_warnings(o.deny_warnings)
        .tests(o.tests);
    for root in &o.allow_roots {
        s = s.allow_root(root);
    }
    match crate_name {
        Some(n) => s.crate_name(n),
        None => s,
    }
}

fn generate(
    specs: Vec<PathBuf>,
    out: &Path,
    crate_name: Option<&str>,
    o: &Output,
) -> anyhow::Result<ExitCode> {
    match generator::generate(&settings(specs, out, crate_name, o), out) {
        Ok((generated, plan)) => {
            print_warnings(&generated.warnings, o.all_warnings);
            let ops: usize = generated
                .api
                .groups
                .iter()
                .map(|g| g.operations.len())
                .sum();
            eprintln!(
                "generated {} ({} operations, {} types) into {}: {} written, {} removed, {} unchanged",
                generated.api.crate_name,
                ops,
                generated.api.types.len(),
                out.display(),
                plan.write.len(),
                plan.remove.len(),
                plan.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => report(e),
    }
}

fn check(
    specs: Vec<PathBuf>,
    out: &Path,
    crate_name: Option<&str>,
    o: &Output,
) -> anyhow::Result<ExitCode> {
    match generator::check(&settings(specs, out, crate_name, o), out) {
        Ok((generated, plan)) => {
            print_warnings(&generated.warnings, o.all_warnings);
            if plan.is_empty() {
                eprintln!("{} is up to date ({} files)", out.display(), plan.unchanged);
                return Ok(ExitCode::SUCCESS);
            }
            for path in &plan.write {
                let new = generated
                    .files
                    .iter()
                    .find(|f| &f.path == path)
                    .map_or("", |f| f.contents.as_str());
                let old = std::fs::read_to_string(out.join(path)).unwrap_or_default();
                print!("{}", write::short_diff(path, &old, new, 8));
            }
            for path in &plan.remove {
                println!("--- {path} (on disk) is generated but no longer produced");
            }
            eprintln!(
                "{} is out of date: {} files differ, {} stale; run the generator to update it",
                out.display(),
                plan.write.len(),
                plan.remove.len()
            );
            Ok(ExitCode::from(1))
        }
        Err(e) => report(e),
    }
}

fn diff(
    old: PathBuf,
    new: PathBuf,
    format: ReportFormat,
    fail_on_breaking: bool,
    crate_dir: Option<PathBuf>,
    o: &Output,
) -> anyhow::Result<ExitCode> {
    let format = match format {
        ReportFormat::Text => generator::diff::Format::Text,
        ReportFormat::Markdown => generator::diff::Format::Markdown,
        ReportFormat::Json => generator::diff::Format::Json,
    };
    let result = match &crate_dir {
        Some(dir) => {
            generator::diff::diff_with_crate(&[old], &[new], o.dialect, &o.allow_roots, dir)
        }
        None => generator::diff::diff(&[old], &[new], o.dialect, &o.allow_roots),
    };
    match result {
        Ok(report) => {
            print!("{}", report.render(format));
            if fail_on_breaking && report.is_breaking() {
                eprintln!("breaking changes found (--fail-on-breaking)");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => report(e),
    }
}

fn report(e: Error) -> anyhow::Result<ExitCode> {
    match e {
        Error::Spec(diags) => {
            for w in diags.warnings().take(10) {
                eprintln!("{w}");
            }
            eprintln!("{diags}");
            Ok(ExitCode::from(2))
        }
        other => Err(other.into()),
    }
}

fn print_warnings(warnings: &generator::diag::Diagnostics, all: bool) {
    let list: Vec<_> = warnings.warnings().collect();
    let shown = if all { list.len() } else { list.len().min(10) };
    for w in &list[..shown] {
        eprintln!("{w}");
    }
    if shown < list.len() {
        eprintln!(
            "... and {} more warnings (--all-warnings prints them)",
            list.len() - shown
        );
    }
}

/// The nearest folder at or above the current one that holds `spec/` and `Cargo.toml`.
fn workspace_root() -> anyhow::Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    for dir in cwd.ancestors() {
        if dir.join("spec").is_dir() && dir.join("Cargo.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "no workspace with a `spec/` folder at or above {}; run from the project, or use `generator generate SPEC --out DIR`",
        cwd.display()
    )
}

/// Fixture crates and their specs: each `tests/fixtures/<name>-client` is generated from
/// `tests/fixtures/<name>.yaml`, from the folder of fragments `tests/fixtures/<name>/`
/// (operations of the real Cloudflare spec), or from the focused case
/// `spec/cases/<name>.yaml` or `spec/cases/<name>/openapi.yaml` (cases whose crates are
/// compiled with the workspace), as package `fixture-<name>-client`; sorted.
fn fixtures(root: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf, String)>> {
    let dir = root.join("tests").join("fixtures");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let crate_dir = entry.path();
        let Some(stem) = crate_dir
            .file_name()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_suffix("-client"))
            .filter(|_| crate_dir.is_dir())
        else {
            continue;
        };
        let cases = root.join("spec").join("cases");
        let spec = [
            dir.join(format!("{stem}.yaml")),
            dir.join(stem),
            cases.join(format!("{stem}.yaml")),
            cases.join(stem).join("openapi.yaml"),
        ]
        .into_iter()
        .find(|p| p.is_file() || (p.is_dir() && !p.ends_with("-client")));
        if let Some(spec) = spec {
            out.push((spec, crate_dir.clone(), format!("fixture-{stem}-client")));
        }
    }
    out.sort();
    Ok(out)
}

/// The fragment files directly in `spec/` (sorted), and `generated-client/`.
fn default_paths(root: &Path) -> anyhow::Result<(Vec<PathBuf>, PathBuf)> {
    let spec = root.join("spec");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&spec)
        .with_context(|| format!("cannot read {}", spec.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    specs.sort();
    if specs.is_empty() {
        bail!("{} holds no fragment files (*.txt)", spec.display());
    }
    Ok((specs, root.join("generated-client")))
}
