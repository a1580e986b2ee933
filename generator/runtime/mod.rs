//! The hand-written half of the client: HTTP, credentials, errors, encoding and decoding.
//! It is the same in every generated crate; the generated modules call into it.

pub(crate) mod auth;
pub(crate) mod call;
pub(crate) mod client;
pub(crate) mod decode;
pub(crate) mod encode;
pub(crate) mod error;
pub(crate) mod form;
pub(crate) mod multipart;
pub(crate) mod paging;
pub(crate) mod send;
pub(crate) mod stream;
pub(crate) mod tagged;
pub(crate) mod tls;
pub(crate) mod trace;
pub(crate) mod untagged;

pub use auth::Credentials;
pub(crate) use auth::{Policy, Scheme};
pub use call::{Call, Response};
pub use client::{Client, ClientBuilder};
pub use error::{ApiError, DecodeError, Error, ErrorKind, ResponseInfo, TransportError};
pub(crate) use form::FormStyle;
pub use jiff::Timestamp;
pub use multipart::{Multipart, Part};
pub use paging::Pages;
pub(crate) use paging::Paging;
pub(crate) use reqwest::Method;
pub use reqwest::header::HeaderMap;
pub use stream::{BodyStream, Lines};

/// `Display`, `FromStr`, `Serialize` and `Deserialize` for a generated string enum, from
/// its `as_str` and `from_wire`.
macro_rules! string_enum {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_wire(s.to_string()))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from_wire)
            }
        }
    };
}
pub(crate) use string_enum;
