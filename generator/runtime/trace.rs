//! What the client tells `tracing` (with the `tracing` feature): one span per attempt, and
//! an event when credentials were sent that the spec's requirement does not name. Never a
//! secret, a URL (its path and query hold the arguments) or a body.

use std::time::Duration;

use super::error::Error;

/// The span of one attempt (with the `tracing` feature): operation, method, path template,
/// attempt, then status (or error kind) and duration. Never a secret, a URL (its path holds
/// the arguments) or a body.
#[cfg(feature = "tracing")]
pub(crate) fn request_span(
    operation: &'static str,
    method: &reqwest::Method,
    template: &'static str,
    attempt: u32,
) -> tracing::Span {
    tracing::info_span!(
        "request",
        operation,
        method = %method,
        path = template,
        attempt,
        status = tracing::field::Empty,
        error = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    )
}

/// Records how the attempt ended: the status, or the error's kind (never its message, which
/// may quote the body), and the time it took.
#[cfg(feature = "tracing")]
pub(crate) fn record(span: &tracing::Span, result: Result<u16, &Error>, elapsed: Duration) {
    match result {
        Ok(status) => span.record("status", status),
        Err(e) => span.record("error", tracing::field::debug(e.kind())),
    };
    span.record(
        "duration_ms",
        u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
    );
    span.in_scope(|| tracing::debug!("attempt finished"));
}

/// Without the `tracing` feature, spans are nothing and cost nothing.
#[cfg(not(feature = "tracing"))]
pub(crate) struct NoSpan;

#[cfg(not(feature = "tracing"))]
pub(crate) fn request_span(
    _: &'static str,
    _: &reqwest::Method,
    _: &'static str,
    _: u32,
) -> NoSpan {
    NoSpan
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn record(_: &NoSpan, _: Result<u16, &Error>, _: Duration) {}

/// Tells that the operation's declared requirement was not met and what was sent instead:
/// the operation, the alternatives it declares and the schemes sent (names, never values).
#[cfg(feature = "tracing")]
pub(crate) fn unmet_requirement(
    operation: &'static str,
    declared: &[&[&str]],
    sent: &[&'static str],
) {
    tracing::info!(
        operation,
        declared = %super::auth::describe(declared),
        sent = %sent.join(" + "),
        "the configured credentials do not meet the operation's declared security requirement; sending them, the server decides"
    );
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn unmet_requirement(_: &'static str, _: &[&[&str]], _: &[&'static str]) {}
