//! `export-fragments SPEC OUTDIR`: writes every operation of a whole OpenAPI JSON document as
//! a fragment file in OUTDIR (for CI, which generates and compiles a crate from them).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, out] = args.as_slice() else {
        eprintln!("usage: export-fragments SPEC.json OUTDIR");
        return ExitCode::from(2);
    };
    let doc: serde_json::Value = match std::fs::read(spec)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("cannot read {spec}: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("cannot create {out}: {e}");
        return ExitCode::from(1);
    }
    let fragments = tests::fragments::export(&doc);
    for f in &fragments {
        if let Err(e) = std::fs::write(std::path::Path::new(out).join(&f.file_name), &f.text) {
            eprintln!("cannot write {}: {e}", f.file_name);
            return ExitCode::from(1);
        }
    }
    eprintln!("{} fragments written to {out}", fragments.len());
    ExitCode::SUCCESS
}
