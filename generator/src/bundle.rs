//! `generator bundle`: the spec as one OpenAPI 3.0 JSON document, as the generator reads
//! it: fragments joined with their dialect's server and security schemes, files of a
//! multi-file document read in, a 3.1 document rewritten into 3.0. For tools that take a
//! document and no fragments, such as the Prism mock server (`scripts/mock.sh`).

use crate::{Error, Settings, load};

/// The document `settings.inputs` make, as pretty-printed JSON.
pub fn bundle(settings: &Settings) -> Result<String, Error> {
    crate::with_stack(|| {
        let loaded = load::load(&settings.inputs, settings.dialect, &settings.allowed_roots)
            .map_err(Error::Spec)?;
        if loaded.errors.has_errors() {
            return Err(Error::Spec(loaded.errors));
        }
        let mut document = loaded.document;
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
