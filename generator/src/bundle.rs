//! `generator bundle`: the spec as one OpenAPI 3.0 JSON document, as the generator reads
//! it: fragments joined with their dialect's server and security schemes, files of a
//! multi-file document read in, a 3.1 document rewritten into 3.0, and each operation's
//! security requirements as the dialect reads them (Cloudflare's `{api_email, api_key,
//! api_token}`, one requirement in the spec, is the token or the email and key). For tools
//! that take a document and no fragments, such as the Prism mock server
//! (`scripts/mock.sh`), which then checks requests against what the client was made from.

use openapiv3::ReferenceOr;

use crate::diag::{Diagnostics, operation_pointer};
use crate::{Error, Settings, load, lower};

/// The document `settings.inputs` make, as pretty-printed JSON.
pub fn bundle(settings: &Settings) -> Result<String, Error> {
    crate::with_stack(|| {
        let loaded = load::load(&settings.inputs, settings.dialect, &settings.allowed_roots)
            .map_err(Error::Spec)?;
        if loaded.errors.has_errors() {
            return Err(Error::Spec(loaded.errors));
        }
        let mut document = loaded.document.clone();
        let schemes = lower::schemes(
            &loaded.document,
            loaded.dialect,
            &loaded.sources,
            &mut Diagnostics::default(),
        );
        for (path, item) in document.paths.paths.iter_mut() {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            let slots = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("options", &mut item.options),
                ("head", &mut item.head),
                ("patch", &mut item.patch),
                ("trace", &mut item.trace),
            ];
            for (method, op) in slots
                .into_iter()
                .filter_map(|(m, op)| op.as_mut().map(|op| (m, op)))
            {
                let alternatives = lower::requirements(
                    op,
                    &loaded.document,
                    loaded.dialect,
                    &operation_pointer(path, method),
                    &schemes,
                    &loaded.sources,
                    &mut Diagnostics::default(),
                );
                op.security = Some(
                    alternatives
                        .into_iter()
                        .map(|names| names.into_iter().map(|n| (n, Vec::new())).collect())
                        .collect(),
                );
            }
        }
        // A 3.1 document was read into 3.0's shapes (`type: [string, "null"]` is
        // `nullable: true`): it is written as the 3.0 document it now is.
        if !document.openapi.starts_with("3.0") {
            document.openapi = "3.0.3".to_string();
        }
        let mut text = serde_json::to_string_pretty(&document)
            .unwrap_or_else(|e| unreachable!("a parsed document serializes: {e}"));
        text.push('\n');
        Ok(text)
    })
}
