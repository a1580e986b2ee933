//! `name-measures SPEC...`: how often the names of the crate generated from SPEC repeat
//! what their place already says (types their module's words, methods their handle's or
//! area's), for the issue "Names": the before and after of each naming change.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let specs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if specs.is_empty() {
        eprintln!("usage: name-measures SPEC...");
        return ExitCode::from(2);
    }
    let settings = generator::Settings::new(specs, Path::new("client"));
    match generator::generate_files(&settings) {
        Ok(generated) => {
            print!(
                "{}",
                tests::names::report(&tests::names::measure(&generated.api), 10)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
