//! The `generator` command: regenerate, generate, or check a client crate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use generator::{Error, Settings, write};

/// Generates a typed Rust client crate from an OpenAPI 3.0 document or operation fragments.
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
    /// Make every warning an error: exit 2 and write nothing when the spec needed a repair.
    #[arg(long, global = true)]
    deny_warnings: bool,
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

/// Exit codes: 0 success, 1 check found differences or the folder could not be written,
/// 2 the spec has errors.
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
    let flags = Flags {
        all_warnings: cli.all_warnings,
        deny_warnings: cli.deny_warnings,
    };
    match cli.command {
        None => {
            let root = workspace_root()?;
            let (specs, out) = default_paths(&root)?;
            let code = generate(specs, &out, Some("generated-client"), flags)?;
            if code != ExitCode::SUCCESS {
                return Ok(code);
            }
            // The test fixtures: `tests/fixtures/<name>.yaml` into `tests/fixtures/<name>-client`.
            for (spec, out, name) in fixtures(&root)? {
                let code = generate(vec![spec], &out, Some(&name), flags)?;
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
        }) => generate(specs, &out, crate_name.as_deref(), flags),
        Some(Command::Explain { specs }) => {
            match generator::explain::explain(&settings(specs, Path::new("client"), None)) {
                Ok(text) => {
                    print!("{text}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report(e),
            }
        }
        Some(Command::Check {
            specs,
            out,
            crate_name,
        }) => {
            // Defaults, as for the command without arguments: the fragments in `spec/` and
            // `generated-client/` (whose name is the crate's).
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
            check(specs, &out, name, flags)
        }
    }
}

/// The global flags.
#[derive(Clone, Copy)]
struct Flags {
    all_warnings: bool,
    deny_warnings: bool,
}

fn settings(specs: Vec<PathBuf>, out: &Path, crate_name: Option<&str>) -> Settings {
    let s = Settings::new(specs, out);
    match crate_name {
        Some(n) => s.crate_name(n),
        None => s,
    }
}

fn generate(
    specs: Vec<PathBuf>,
    out: &Path,
    crate_name: Option<&str>,
    flags: Flags,
) -> anyhow::Result<ExitCode> {
    let settings = settings(specs, out, crate_name).deny_warnings(flags.deny_warnings);
    match generator::generate(&settings, out) {
        Ok((generated, plan)) => {
            print_warnings(&generated.warnings, flags.all_warnings);
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
    flags: Flags,
) -> anyhow::Result<ExitCode> {
    let settings = settings(specs, out, crate_name).deny_warnings(flags.deny_warnings);
    match generator::check(&settings, out) {
        Ok((generated, plan)) => {
            print_warnings(&generated.warnings, flags.all_warnings);
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

/// Fixture specs that have a crate folder: (`tests/fixtures/x.yaml`, `tests/fixtures/x-client`,
/// `fixture-x-client`), sorted.
fn fixtures(root: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf, String)>> {
    let dir = root.join("tests").join("fixtures");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let spec = entry.path();
        let Some(stem) = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|_| spec.extension().is_some_and(|e| e == "yaml"))
        else {
            continue;
        };
        let crate_dir = dir.join(format!("{stem}-client"));
        if crate_dir.is_dir() {
            out.push((spec.clone(), crate_dir, format!("fixture-{stem}-client")));
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
