//! Request bodies and success responses: which media type is used, and how it is encoded.
//!
//! Media types fall in five kinds: JSON (`application/json`, `*+json`, `*/*`), multipart
//! (`multipart/form-data`, one part per property, `format: binary` properties as file
//! parts), forms (`application/x-www-form-urlencoded`, typed like JSON and encoded as the
//! `encoding` map says), text (`text/*`, `application/javascript`, `application/x-ndjson`,
//! and the Cloudflare spec's non-media-types `undefined` and `string`, which hold script
//! text), and bytes (everything else: `application/octet-stream`, images, PDF, captures).

use indexmap::IndexMap;
use openapiv3::{Encoding, OpenAPI, QueryStyle, ReferenceOr, RequestBody, StatusCode};

use super::operations::OperationInput;
use super::types::{Direction, Hint, TypeBuilder};
use super::{envelope, refs};
use crate::diag::pointer_push;
use crate::flatten::Flattener;
use crate::flatten::shape::{Kind, Shape};
use crate::ir::{Body, BodyEncoding, FormStyle, Prim, Response, TypeRef};
use crate::naming;

/// How a media type's body is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    /// Serialized with serde_json.
    Json,
    /// `multipart/form-data`.
    Multipart,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// A `String`.
    Text,
    /// A `Vec<u8>`.
    Bytes,
}

/// The kind of a media type (parameters such as `; charset=utf-8` are ignored); `aliases`
/// are the dialect's non-media-types that stand for text.
pub fn classify(media: &str, aliases: &[&str]) -> MediaKind {
    let m = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match m.as_str() {
        "application/json" | "*/*" => MediaKind::Json,
        _ if m.ends_with("+json") => MediaKind::Json,
        "multipart/form-data" => MediaKind::Multipart,
        "application/x-www-form-urlencoded" => MediaKind::Form,
        "application/javascript" | "application/x-ndjson" => MediaKind::Text,
        _ if m.starts_with("text/") || aliases.contains(&m.as_str()) => MediaKind::Text,
        _ => MediaKind::Bytes,
    }
}

/// The media type to use: JSON first, then multipart, then a form, then the first listed.
pub fn pick_media<'c, T>(
    content: &'c indexmap::IndexMap<String, T>,
    aliases: &[&str],
) -> Option<(&'c str, &'c T)> {
    let kind = |m: &str| classify(m, aliases);
    content
        .iter()
        .find(|(m, _)| kind(m) == MediaKind::Json)
        .or_else(|| {
            content
                .iter()
                .find(|(m, _)| kind(m) == MediaKind::Multipart)
        })
        .or_else(|| content.iter().find(|(m, _)| kind(m) == MediaKind::Form))
        .or_else(|| content.iter().next())
        .map(|(m, c)| (m.as_str(), c))
}

/// Warns about the spec's non-media-types, once per place, and gives the kind the body is
/// read as.
fn check_media(f: &mut Flattener<'_>, media: &str, ptr: &str) -> MediaKind {
    let kind = classify(media, f.dialect().text_media_aliases);
    if !media.contains('/') {
        let read_as = match kind {
            MediaKind::Text => "text",
            _ => "bytes",
        };
        let message = format!("`{media}` is not a media type; the body is read as {read_as}");
        f.diags.push(f.sources().warning(ptr, message));
    }
    kind
}

/// The request body: its encoding and the type the caller passes.
pub fn request_body(
    doc: &OpenAPI,
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    body: &ReferenceOr<RequestBody>,
    input: &OperationInput<'_>,
) -> Option<Body> {
    let ptr = pointer_push(&input.ptr, "requestBody");
    let body = refs::resolve(doc, f, body, &refs::REQUEST_BODIES, &ptr)?;
    let (media, content) = pick_media(&body.content, f.dialect().text_media_aliases)?;
    let content_ptr = pointer_push(&pointer_push(&ptr, "content"), media);
    let kind = check_media(f, media, &content_ptr);
    // A body without a schema (135 in the 2024 Cloudflare spec) is any JSON value.
    let shape = match &content.schema {
        Some(s) => f.flatten_ref(s, &pointer_push(&content_ptr, "schema")),
        None => Shape::any(),
    };
    f.note(|| format!("body {media}: {shape}"));
    let hint = Hint::operation(
        input.group,
        &input.id,
        "body",
        naming::body_type_name(&input.method_name),
        format!("The request body of `{}`.", input.method_name),
    );
    let (encoding, ty) = match kind {
        MediaKind::Json => (
            BodyEncoding::Json,
            types.lower(f, &shape, &hint, Direction::Request),
        ),
        // A multipart body that is no object has no part names: it is sent as one file
        // part named `file` (what upload APIs that declare a bare binary string expect).
        MediaKind::Multipart
            if !matches!(
                f.resolved(&shape).kind,
                Kind::Object(_) | Kind::Union(_) | Kind::Tagged(_) | Kind::Any
            ) =>
        {
            f.diags.push(f.sources().warning(
                &pointer_push(&content_ptr, "schema"),
                format!("a multipart body should be an object (one part per property), but this one is {shape}; it is sent as one file part named `file`"),
            ));
            (BodyEncoding::Multipart, TypeRef::Prim(Prim::Bytes))
        }
        MediaKind::Multipart => (
            BodyEncoding::Multipart,
            types.lower_multipart(f, &shape, &hint),
        ),
        MediaKind::Form => {
            let styles = form_styles(&content.encoding);
            if !styles.is_empty() {
                f.note(|| {
                    let each: Vec<String> = styles
                        .iter()
                        .map(|(name, style)| format!("{name} {style:?}"))
                        .collect();
                    format!("  encoding: {}", each.join(", "))
                });
            }
            (
                BodyEncoding::Form(styles),
                types.lower(f, &shape, &hint, Direction::Request),
            )
        }
        MediaKind::Text => (
            BodyEncoding::Text(media.to_string()),
            TypeRef::Prim(Prim::String),
        ),
        MediaKind::Bytes => (
            BodyEncoding::Bytes(media.to_string()),
            TypeRef::Prim(Prim::Bytes),
        ),
    };
    Some(Body {
        encoding,
        ty,
        required: body.required,
    })
}

/// The properties of a form body whose encoding is not the default (`form`, exploded), by
/// wire name, sorted. The loader has already written out `explode: true` where a `form`
/// style leaves it unsaid (`openapiv3` would read it as `false`).
fn form_styles(encoding: &IndexMap<String, Encoding>) -> Vec<(String, FormStyle)> {
    let mut styles: Vec<(String, FormStyle)> =
        encoding
            .iter()
            .filter_map(|(name, e)| {
                let style = match (&e.style, e.explode) {
                    // Exploded, the delimited styles repeat the name as `form` does.
                    (
                        None
                        | Some(
                            QueryStyle::Form
                            | QueryStyle::SpaceDelimited
                            | QueryStyle::PipeDelimited,
                        ),
                        true,
                    ) => return None,
                    (None | Some(QueryStyle::Form), false) => FormStyle::FormNotExploded,
                    (Some(QueryStyle::SpaceDelimited), false) => FormStyle::SpaceDelimited,
                    (Some(QueryStyle::PipeDelimited), false) => FormStyle::PipeDelimited,
                    (Some(QueryStyle::DeepObject), _) => FormStyle::DeepObject,
                };
                Some((name.clone(), style))
            })
            .collect();
    styles.sort_by(|a, b| a.0.cmp(&b.0));
    styles
}

/// The success response (the lowest 2xx code, then `2XX`, then `default`), and whether it
/// is an envelope that carries `result_info`.
pub fn response(
    doc: &OpenAPI,
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    input: &OperationInput<'_>,
    pascal: &str,
) -> (Response, bool) {
    let mut paged = false;
    let response = success_response(doc, f, types, input, pascal, &mut paged);
    (response, paged)
}

fn success_response(
    doc: &OpenAPI,
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    input: &OperationInput<'_>,
    pascal: &str,
    paged: &mut bool,
) -> Response {
    let chosen = success_of(&input.op.responses);
    let Some((key, response)) = chosen else {
        return Response::Empty;
    };
    let ptr = pointer_push(&pointer_push(&input.ptr, "responses"), &key);
    let Some(response) = refs::resolve(doc, f, response, &refs::RESPONSES, &ptr) else {
        return Response::Empty;
    };
    let Some((media, content)) = pick_media(&response.content, f.dialect().text_media_aliases)
    else {
        f.note(|| format!("response {key}: no content"));
        return Response::Empty;
    };
    let content_ptr = pointer_push(&pointer_push(&ptr, "content"), media);
    match check_media(f, media, &content_ptr) {
        MediaKind::Json => {}
        MediaKind::Text => {
            f.note(|| format!("response {key} {media}: text"));
            return Response::Text;
        }
        MediaKind::Bytes | MediaKind::Multipart | MediaKind::Form => {
            f.note(|| format!("response {key} {media}: bytes"));
            return Response::Bytes;
        }
    }
    let shape = match &content.schema {
        Some(s) => f.flatten_ref(s, &pointer_push(&content_ptr, "schema")),
        None => Shape::any(),
    };
    f.note(|| format!("response {key} {media}: {shape}"));
    // `update_service_token` returns `UpdateServiceTokenResult` (unless the result is a
    // component's type): a name no other operation of the group can want.
    let hint = Hint::operation(
        input.group,
        &input.id,
        "result",
        format!("{pascal}Result"),
        format!("The result of `{}`.", input.method_name),
    );
    match envelope::unwrap(f, &shape) {
        Some(unwrapped) => {
            f.note(|| match &unwrapped.result {
                Some(result) => format!("  envelope, result: {result}"),
                None => "  envelope, no result".to_string(),
            });
            *paged = unwrapped.has_result_info;
            let ty = match &unwrapped.result {
                Some(result) => lower_result(f, types, result, &hint),
                None => TypeRef::Prim(Prim::Unit),
            };
            Response::Envelope(ty)
        }
        None => Response::Json(types.lower_nullable(f, &shape, &hint, Direction::Response)),
    }
}

/// The success response an operation's method decodes: the lowest 2xx code, then `2XX`,
/// then `default`; with its key in `responses`.
pub fn success_of(
    responses: &openapiv3::Responses,
) -> Option<(String, &ReferenceOr<openapiv3::Response>)> {
    let mut codes: Vec<(u16, String, &ReferenceOr<openapiv3::Response>)> = responses
        .responses
        .iter()
        .filter_map(|(code, r)| match code {
            StatusCode::Code(c @ 200..=299) => Some((*c, c.to_string(), r)),
            StatusCode::Range(2) => Some((299, "2XX".to_string(), r)),
            _ => None,
        })
        .collect();
    codes.sort_by_key(|(c, _, _)| *c);
    codes
        .first()
        .map(|(_, key, r)| (key.clone(), *r))
        .or_else(|| {
            responses
                .default
                .as_ref()
                .map(|r| ("default".to_string(), r))
        })
}

/// `result`'s type: `()` when it is always null, `Option<T>` when it may be null.
fn lower_result(
    f: &mut Flattener<'_>,
    types: &mut TypeBuilder,
    result: &Shape,
    hint: &Hint,
) -> TypeRef {
    match result.kind {
        Kind::Null => TypeRef::Prim(Prim::Unit),
        _ => types.lower_nullable(f, result, hint, Direction::Response),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_kinds() {
        let table = [
            ("application/json", MediaKind::Json),
            ("application/json; charset=utf-8", MediaKind::Json),
            ("application/problem+json", MediaKind::Json),
            ("multipart/form-data", MediaKind::Multipart),
            ("text/csv", MediaKind::Text),
            ("application/javascript", MediaKind::Text),
            ("application/x-ndjson", MediaKind::Text),
            ("undefined", MediaKind::Text),
            ("string", MediaKind::Text),
            ("application/octet-stream", MediaKind::Bytes),
            ("image/*", MediaKind::Bytes),
            ("application/pdf", MediaKind::Bytes),
        ];
        let aliases = crate::dialect::cloudflare::CLOUDFLARE.text_media_aliases;
        for (media, want) in table {
            assert_eq!(classify(media, aliases), want, "{media}");
        }
        assert_eq!(classify("undefined", &[]), MediaKind::Bytes);
    }
}
