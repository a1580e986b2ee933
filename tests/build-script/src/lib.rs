//! A client for the Pets API, generated at build time from `spec.yaml` by `build.rs`.
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/client/lib.rs"));
