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
        self.headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string)
    }

    pub(crate) fn ray_id(&self) -> Option<String> {
        self.headers.get("cf-ray").and_then(|v| v.to_str().ok()).map(str::to_string)
    }

    fn decode_error(&self, source: serde_json::Error) -> Error {
        Error::Decode { status: self.status, content_type: self.content_type(), body: self.body.clone(), source }
    }

    /// The API error this (error status, or `success: false`) response stands for.
    pub(crate) fn api_error(&self) -> Error {
        #[derive(Deserialize, Default)]
        struct Failure {
            #[serde(default)]
            errors: Vec<ResponseInfo>,
            #[serde(default)]
            messages: Vec<ResponseInfo>,
        }
        // A proxy's HTML page or a truncated body still makes an ApiError with the raw body.
        let failure: Failure = serde_json::from_slice(&self.body).unwrap_or_default();
        Error::Api(Box::new(ApiError {
            status: self.status,
            errors: failure.errors,
            messages: failure.messages,
            ray_id: self.ray_id(),
            content_type: self.content_type(),
            retry_after: None,
            body: self.body.clone(),
        }))
    }
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
        Decoded { value, messages: Vec::new(), result_info: None }
    }
}

/// What a generated method passes to `Call::new`.
pub type Decoder<T> = fn(&RawResponse) -> Result<Decoded<T>, Error>;

/// A Cloudflare envelope: `success: false` is an API error; otherwise `result` is returned
/// (`null` or absent only where the result type admits it, as `Option` or `()` do).
pub fn envelope<T: DeserializeOwned>(raw: &RawResponse) -> Result<Decoded<T>, Error> {
    #[derive(Deserialize)]
    struct Envelope<T> {
        #[serde(default)]
        success: Option<bool>,
        #[serde(default)]
        messages: Vec<ResponseInfo>,
        #[serde(default = "none")]
        result: Option<T>,
        #[serde(default)]
        result_info: Option<Value>,
    }
    fn none<T>() -> Option<T> {
        None
    }
    let envelope: Envelope<T> = serde_json::from_slice(&raw.body).map_err(|e| raw.decode_error(e))?;
    if envelope.success == Some(false) {
        return Err(raw.api_error());
    }
    let value = match envelope.result {
        Some(v) => v,
        None => T::deserialize(Value::Null).map_err(|e| raw.decode_error(e))?,
    };
    Ok(Decoded { value, messages: envelope.messages, result_info: envelope.result_info })
}

/// Plain JSON of the result type.
pub fn json<T: DeserializeOwned>(raw: &RawResponse) -> Result<Decoded<T>, Error> {
    serde_json::from_slice(&raw.body).map(Decoded::plain).map_err(|e| raw.decode_error(e))
}

/// The body as text (invalid UTF-8 is replaced).
pub fn text(raw: &RawResponse) -> Result<Decoded<String>, Error> {
    Ok(Decoded::plain(String::from_utf8_lossy(&raw.body).into_owned()))
}

/// The body as bytes.
pub fn bytes(raw: &RawResponse) -> Result<Decoded<Vec<u8>>, Error> {
    Ok(Decoded::plain(raw.body.clone()))
}

/// No result.
pub fn empty(_raw: &RawResponse) -> Result<Decoded<()>, Error> {
    Ok(Decoded::plain(()))
}
