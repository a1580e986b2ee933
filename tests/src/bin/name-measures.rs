//! `name-measures SPEC...`: how often the names of the crate generated from SPEC repeat
//! what their place already says (types their module's words, methods their handle's or
//! area's), for the issue "Names": the before and after of each naming change. With
//! `--list`, every such name too; with `--methods`, every method as a user calls it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let methods = args.iter().any(|a| a == "--methods");
    let specs: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if specs.is_empty() {
        eprintln!("usage: name-measures [--list] [--methods] SPEC...");
        return ExitCode::from(2);
    }
    let settings = generator::Settings::new(specs, Path::new("client"));
    match generator::generate_files(&settings) {
        Ok(generated) => {
            let measures = tests::names::measure(&generated.api);
            print!("{}", tests::names::report(&measures, 10));
            if list {
                for name in &measures.names {
                    println!("    {name}");
                }
            }
            if methods {
                for group in &generated.api.groups {
                    for op in &group.operations {
                        println!(
                            "client.{}.{}()  {} {} {}",
                            group.call, op.method_name, op.http_method, op.path, op.id
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
