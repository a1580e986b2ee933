//! Unit tests of the runtime's pure logic (not copied into generated crates). Behaviour
//! against a server is tested end to end in the `tests` package.

mod auth;
mod call;
mod encode;
mod form;
mod retry;
mod tls;
mod untagged;
mod whole_api;
