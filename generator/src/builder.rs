//! The library entry point for build scripts, in the manner of prost-build: a settings
//! builder and one call that generates into a folder (by default `$OUT_DIR/client`).

use std::path::{Path, PathBuf};

use crate::{Error, Generated, Layout, Settings, naming};

/// The folder under `OUT_DIR` that [`Builder::generate`] writes to by default: include
/// `concat!(env!("OUT_DIR"), "/client/lib.rs")`.
pub const OUT_DIR_FOLDER: &str = "client";

/// Generates a client from a build script (or anywhere else).
///
/// By default the client is written as modules into `$OUT_DIR/client` ([`Layout::Modules`]),
/// named after the package being built (`CARGO_PKG_NAME`), and Cargo is told to rerun the
/// build script when a spec changes. The crate that runs the build script makes the client
/// its crate root:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     generator::Builder::new().spec("spec/api.yaml").generate()?;
///     Ok(())
/// }
/// ```
///
/// ```text
/// // src/lib.rs
/// include!(concat!(env!("OUT_DIR"), "/client/lib.rs"));
/// ```
///
/// The crate's `Cargo.toml` lists the dependencies the generated code uses (those of a
/// crate that `generator generate` writes: `reqwest`, `serde`, `serde_json`, `jiff`, ...),
/// and, for request spans, an optional `tracing` dependency behind a `tracing` feature.
/// Every area of the API is compiled; for a large API whose areas should be Cargo features,
/// generate a whole crate instead ([`Layout::Crate`], or `generator generate`).
#[derive(Debug, Clone)]
pub struct Builder {
    settings: Settings,
    out_dir: Option<PathBuf>,
    cargo_metadata: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// No specs yet, modules into `$OUT_DIR/client`, named after `CARGO_PKG_NAME`.
    pub fn new() -> Self {
        let name = std::env::var("CARGO_PKG_NAME").unwrap_or_else(|_| "client".to_string());
        Builder {
            settings: Settings {
                inputs: Vec::new(),
                crate_name: naming::crate_name(&name),
                dialect: crate::dialect::Choice::Auto,
                allowed_roots: Vec::new(),
                layout: Layout::Modules,
                deny_warnings: false,
                tests: crate::Tests::default(),
            },
            out_dir: None,
            cargo_metadata: true,
        }
    }

    /// The API family whose rules apply, instead of detecting it (see
    /// [`crate::dialect`]): `Choice::Cloudflare` for a spec in Cloudflare's style served
    /// from elsewhere.
    pub fn dialect(mut self, choice: crate::dialect::Choice) -> Self {
        self.settings.dialect = choice;
        self
    }

    /// Adds a spec: a fragment file, an OpenAPI document, or a folder of fragment files.
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.settings.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds several specs.
    pub fn specs(mut self, paths: impl IntoIterator<Item = impl AsRef<Path>>) -> Self {
        self.settings
            .inputs
            .extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// The crate name the generated docs and doc examples use (default: the package's).
    pub fn crate_name(mut self, name: &str) -> Self {
        self.settings = self.settings.crate_name(name);
        self
    }

    /// Modules to `include!` (the default), or a whole crate.
    pub fn layout(mut self, layout: Layout) -> Self {
        self.settings.layout = layout;
        self
    }

    /// The folder to write (default: `$OUT_DIR/client`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Whether to print `cargo::` instructions (default: yes): rerun when a spec changes,
    /// each spec warning as a Cargo warning, and the `tracing` feature as a known cfg.
    pub fn cargo_metadata(mut self, on: bool) -> Self {
        self.cargo_metadata = on;
        self
    }

    /// The settings this builder generates with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every file, in memory; nothing is written or printed.
    pub fn generate_files(&self) -> Result<Generated, Error> {
        crate::generate_files(&self.settings)
    }

    /// Generates and writes into the output folder (only files whose content changed), and
    /// returns what was generated.
    pub fn generate(&self) -> Result<Generated, Error> {
        let out = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?)
                .join(OUT_DIR_FOLDER),
        };
        if self.cargo_metadata {
            for input in &self.settings.inputs {
                println!("cargo::rerun-if-changed={}", input.display());
            }
        }
        let (generated, _) = crate::generate(&self.settings, &out)?;
        if self.cargo_metadata {
            // The runtime's request spans are behind `#[cfg(feature = "tracing")]`: known,
            // whether or not the including crate declares the feature.
            println!("cargo::rustc-check-cfg=cfg(feature, values(\"tracing\"))");
            for w in generated.warnings.warnings() {
                println!("cargo::warning={}", w.to_string().replace('\n', " "));
            }
        }
        Ok(generated)
    }
}

/// Generates a client from `specs` into `$OUT_DIR/client`, as [`Builder::new`] does: the
/// one call a build script needs.
pub fn build(specs: impl IntoIterator<Item = impl AsRef<Path>>) -> Result<Generated, Error> {
    Builder::new().specs(specs).generate()
}
