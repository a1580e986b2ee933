//! How a successful response becomes the method's result. Each generated method names one
//! of these functions; the error statuses are handled before any of them runs.

use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{ApiError, Error, ResponseInfo};

/// A response as received: status, headers, the whole body.
#[derive(Debug)]
pub struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl RawResponse {
    pub(crate) fn content_type(&self) -> Option<String> {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// The id the API gave the request, from the header the generated crate names
    /// (`crate::REQUEST_ID_HEADER`), if the API has one.
    pub(crate) fn request_id(&self) -> Option<String> {
        self.headers
            .get(crate::REQUEST_ID_HEADER?)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    fn decode_error(&self, source: serde_json::Error) -> Error {
        Error::Decode {
            status: self.status,
            content_type: self.content_type(),
            body: self.body.clone(),
            source: super::error::DecodeError::new(source),
        }
    }

    /// The API error this (error status, or `success: false`) response stands for.
    pub(crate) fn api_error(&self) -> Error {
        #[derive(Deserialize, Default)]
        struct Failure {
            #[serde(default, deserialize_with = "infos")]
            errors: Vec<ResponseInfo>,
            #[serde(default, deserialize_with = "infos")]
            messages: Vec<ResponseInfo>,
        }
        // A proxy's HTML page or a truncated body still makes an ApiError with the raw body.
        let failure: Failure = serde_json::from_slice(&self.body).unwrap_or_default();
        Error::Api(Box::new(ApiError {
            status: self.status,
            errors: failure.errors,
            messages: failure.messages,
            request_id: self.request_id(),
            content_type: self.content_type(),
            retry_after: None,
            headers: self.headers.clone(),
            body: self.body.clone(),
        }))
    }

    /// Whether the body is empty (or only whitespace): a 204, or a 200 with nothing in it.
    fn is_empty(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }

    /// The `null` an empty body stands for, as `T`: `()` and `Option` accept it, other types
    /// give a decode error that keeps the status and content type.
    fn null<T: DeserializeOwned>(&self) -> Result<T, Error> {
        T::deserialize(Value::Null).map_err(|e| self.decode_error(e))
    }
}

/// The envelope's `errors` or `messages`, leniently: an item that is not a `{code, message}`
/// object is kept as a message (a string as it is, anything else as JSON) with code 0, so
/// one odd item never hides the others or fails the whole response.
fn infos<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<ResponseInfo>, D::Error> {
    let items: Option<Vec<Value>> = Deserialize::deserialize(deserializer)?;
    Ok(items
        .unwrap_or_default()
        .into_iter()
        .map(|item| match item {
            Value::String(message) => ResponseInfo { code: 0, message },
            other => serde_json::from_value(other.clone()).unwrap_or(ResponseInfo {
                code: 0,
                message: other.to_string(),
            }),
        })
        .collect())
}

/// A decoded result, with what else the envelope said.
#[derive(Debug)]
pub struct Decoded<T> {
    pub(crate) value: T,
    pub(crate) messages: Vec<ResponseInfo>,
    pub(crate) result_info: Option<Value>,
}

impl<T> Decoded<T> {
    fn plain(value: T) -> Self {
        Decoded {
            value,
            messages: Vec::new(),
            result_info: None,
        }
    }
}

/// What a generated method passes to `Call::new`.
pub type Decoder<T> = fn(&RawResponse) -> Result<Decoded<T>, Error>;

/// The API's response envelope (`success`, `errors`, `messages`, `result`, `result_info`): `success: false` is an API error; otherwise `result` is returned
/// (`null` or absent only where the result type admits it, as `Option` or `()` do).
///
/// An empty body (a 204, or an empty 200) has no envelope and stands for a `null` result:
/// fine for `()` and `Option` results, a decode error (with the status and content type)
/// for any other. The content type is not checked: a JSON body under a wrong content type
/// still decodes, and anything else is a decode error that keeps the raw body.
pub fn envelope<T: DeserializeOwned>(raw: &RawResponse) -> Result<Decoded<T>, Error> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        success: Option<bool>,
    }
    #[derive(Deserialize)]
    struct Envelope<T> {
        #[serde(default, deserialize_with = "infos")]
        messages: Vec<ResponseInfo>,
        #[serde(default = "none")]
        result: Option<T>,
        #[serde(default)]
        result_info: Option<Value>,
    }
    fn none<T>() -> Option<T> {
        None
    }
    if raw.is_empty() {
        return raw.null().map(Decoded::plain);
    }
    // `success` is read first: a failure's `result` (usually `null`, but not always) must
    // not turn the API error into a decode error.
    let head: Head = serde_json::from_slice(&raw.body).map_err(|e| raw.decode_error(e))?;
    if head.success == Some(false) {
        return Err(raw.api_error());
    }
    let envelope: Envelope<T> =
        serde_json::from_slice(&raw.body).map_err(|e| raw.decode_error(e))?;
    let value = match envelope.result {
        Some(v) => v,
        None => raw.null()?,
    };
    Ok(Decoded {
        value,
        messages: envelope.messages,
        result_info: envelope.result_info,
    })
}

/// A paged list in an envelope: as [`envelope`], with a missing or `null` `result` read as
/// an empty page.
pub fn envelope_list<T: DeserializeOwned>(raw: &RawResponse) -> Result<Decoded<Vec<T>>, Error> {
    let decoded = envelope::<Option<Vec<T>>>(raw)?;
    Ok(Decoded {
        value: decoded.value.unwrap_or_default(),
        messages: decoded.messages,
        result_info: decoded.result_info,
    })
}

/// Plain JSON of the result type; an empty body is `null`, as for [`envelope`].
pub fn json<T: DeserializeOwned>(raw: &RawResponse) -> Result<Decoded<T>, Error> {
    if raw.is_empty() {
        return raw.null().map(Decoded::plain);
    }
    serde_json::from_slice(&raw.body)
        .map(Decoded::plain)
        .map_err(|e| raw.decode_error(e))
}

/// The body as text (invalid UTF-8 is replaced).
pub fn text(raw: &RawResponse) -> Result<Decoded<String>, Error> {
    Ok(Decoded::plain(
        String::from_utf8_lossy(&raw.body).into_owned(),
    ))
}

/// The body as bytes.
pub fn bytes(raw: &RawResponse) -> Result<Decoded<Vec<u8>>, Error> {
    Ok(Decoded::plain(raw.body.clone()))
}

/// No result.
pub fn empty(_raw: &RawResponse) -> Result<Decoded<()>, Error> {
    Ok(Decoded::plain(()))
}
