//! The client runtime as a crate of its own, so that it is compiled, linted and tested where
//! it lives.
//!
//! Generated crates do not depend on this crate: the generator copies its files (all but
//! this one and `unit/`) into every generated crate's `src/runtime/`, replacing
//! `__CRATE__` with the crate's name. This file stands in for a generated crate's root: it
//! mounts the files as the `runtime` module, re-exports the same names, and defines what
//! the copies take from a generated crate (`crate::DEFAULT_BASE_URL`, and in `crate::auth`
//! the security schemes' policy), with values for a made-up API.
// The library is named `__CRATE__`, the placeholder the copies' doctests use, so that they
// run here unchanged; rustc would rather have a snake-case crate name.
#![allow(non_snake_case)]
#![deny(missing_docs)]

// As in a generated crate: the API an operation set uses is a part of the runtime.
#[allow(dead_code, unused_imports, unused_macros)]
#[path = "mod.rs"]
mod runtime;

pub use runtime::{
    ApiError, BodyStream, Call, Client, ClientBuilder, Credentials, DecodeError, Error, ErrorKind,
    HeaderMap, Lines, Pages, Response, ResponseInfo, Timestamp, TransportError,
};

/// The API's first server: where requests go unless the builder sets another base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.example.com/v1";

/// The response header that carries the API's id of a request (`ApiError::request_id`).
pub(crate) const REQUEST_ID_HEADER: Option<&str> = Some("x-request-id");

/// What a generated `src/auth.rs` holds: the schemes, and the credential policy.
mod auth {
    use crate::runtime::Policy;

    /// Strict, as for any API but one whose spec under-declares its security.
    pub(crate) const POLICY: Policy = Policy::strict();
}

#[cfg(test)]
mod unit;
