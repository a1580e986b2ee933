//! Stage 6, render: token streams to formatted text (syn + prettyplease) with the
//! `@generated` header that marks a file as the generator's to overwrite or remove.

use proc_macro2::TokenStream;

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::emit::{Contents, Emitted, Job};

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path inside the crate, with `/` separators (`src/lib.rs`).
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// Emitted tokens that do not parse as a Rust file: a bug in the generator, not in the spec.
#[derive(Debug, thiserror::Error)]
#[error(
    "internal error: the code generated for {path} does not parse ({message}); please report it with the spec"
)]
pub struct RenderError {
    /// The generated file's path in the crate.
    pub path: String,
    /// syn's message.
    pub message: String,
}

/// Every emitted file as text, sorted by path; Rust files get `header` on top.
pub fn render(files: Vec<Emitted>, header: &str) -> Result<Vec<GeneratedFile>, RenderError> {
    let mut out = files
        .into_iter()
        .map(|f| {
            let contents = match f.contents {
                Contents::Rust(tokens) => rust_file(header, tokens, &f.path)?,
                Contents::Text(text) => text,
            };
            Ok(GeneratedFile {
                path: f.path,
                contents,
            })
        })
        .collect::<Result<Vec<_>, RenderError>>()?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Emits and renders every part of the crate on worker threads (as many as the machine
/// has processors): the same files as [`render`] of [`crate::emit::emit`], sorted by path.
pub fn render_jobs(jobs: &[Job<'_>], header: &str) -> Result<Vec<GeneratedFile>, RenderError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else {
                return done;
            };
            done.push(render(job.run(), header));
        }
    };
    let results: Vec<Result<Vec<GeneratedFile>, RenderError>> = if workers <= 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    std::thread::Builder::new()
                        .stack_size(crate::STACK_SIZE)
                        .spawn_scoped(scope, work)
                })
                .collect();
            let mut results = Vec::new();
            for handle in handles {
                match handle.map(|h| h.join()) {
                    Ok(Ok(done)) => results.extend(done),
                    // A panic in emit or render is a bug: pass it on as it was.
                    Ok(Err(panic)) => std::panic::resume_unwind(panic),
                    // No thread could be started: this one does the rest.
                    Err(_) => results.extend(work()),
                }
            }
            results
        })
    };
    let mut out = Vec::new();
    for files in results {
        out.extend(files?);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Parses and pretty-prints `tokens`, with `header` on top.
pub fn rust_file(header: &str, tokens: TokenStream, path: &str) -> Result<String, RenderError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| RenderError {
        path: path.to_string(),
        message: e.to_string(),
    })?;
    Ok(format!("{header}\n\n{}", unparse_spaced(file)))
}

/// prettyplease puts no blank lines between items; hand-written code does. Items are
/// printed one at a time and joined with a blank line (none between consecutive `use` or
/// `mod` declarations), and so are the items of an `impl` block.
fn unparse_spaced(file: syn::File) -> String {
    let mut out = prettyplease::unparse(&syn::File {
        shebang: None,
        frontmatter: None,
        attrs: file.attrs,
        items: Vec::new(),
    });
    let mut previous: Option<&'static str> = None;
    for item in file.items {
        let kind = match &item {
            syn::Item::Use(_) => "use",
            syn::Item::Mod(m) if m.content.is_none() => "mod",
            _ => "item",
        };
        let same_declarations = previous == Some(kind) && kind != "item";
        if !out.is_empty() && !same_declarations {
            out.push('\n');
        }
        previous = Some(kind);
        match item {
            syn::Item::Impl(imp) if imp.items.len() > 1 => out.push_str(&unparse_impl(imp)),
            other => out.push_str(&unparse_item(other)),
        }
    }
    out
}

fn unparse_item(item: syn::Item) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        frontmatter: None,
        attrs: Vec::new(),
        items: vec![item],
    })
}

/// An impl block with a blank line between its items.
fn unparse_impl(mut imp: syn::ItemImpl) -> String {
    let items = std::mem::take(&mut imp.items);
    // The header, printed as an empty block: `impl<'a> Api<'a> {}`.
    let empty = unparse_item(syn::Item::Impl(imp));
    let header = empty
        .trim_end()
        .strip_suffix("{}")
        .unwrap_or(&empty)
        .trim_end();
    let holder: syn::ItemImpl = syn::parse_quote! { impl Holder {} };
    let bodies: Vec<String> = items
        .into_iter()
        .map(|item| {
            // Each item inside a one-line impl, whose first and last lines are dropped.
            let holder = syn::ItemImpl {
                items: vec![item],
                ..holder.clone()
            };
            let text = unparse_item(syn::Item::Impl(holder));
            let lines: Vec<&str> = text.lines().collect();
            lines[1..lines.len().saturating_sub(1)].join("\n")
        })
        .collect();
    format!("{header} {{\n{}\n}}\n", bodies.join("\n\n"))
}
