//! Response bodies read as they arrive: chunks of bytes, or lines (for text, CSV and
//! ndjson), bounded by time (each read, and the call's deadline) rather than by the
//! body-size limit.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::HeaderMap;

use super::decode::RawResponse;
use super::error::Error;
use super::send::{Deadline, transport};

type Chunks = Pin<Box<dyn Stream<Item = Result<Vec<u8>, Error>> + Send>>;

/// A response body as it arrives: see [`Call::stream`](crate::Call::stream).
///
/// A [`futures_core::Stream`] of chunks of bytes; [`next`](BodyStream::next) reads one
/// without importing a stream trait, and [`lines`](BodyStream::lines) splits the body into
/// lines. A read that takes longer than the call's timeout, or one past its deadline, ends
/// the stream with a `Timeout` error; after any error the stream ends.
#[must_use = "the body is read only when the stream is polled"]
pub struct BodyStream {
    status: u16,
    headers: HeaderMap,
    max_line: usize,
    chunks: Chunks,
}

impl std::fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyStream")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// Where a streamed body is read from.
struct Source {
    response: reqwest::Response,
    read_timeout: Duration,
    deadline: Deadline,
}

impl BodyStream {
    pub(crate) fn new(
        response: reqwest::Response,
        read_timeout: Duration,
        deadline: Deadline,
        max_line: usize,
    ) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let source = Source {
            response,
            read_timeout,
            deadline,
        };
        let chunks = futures_util::stream::unfold(Some(source), |source| async move {
            let mut source = source?;
            let Some(wait) = source.deadline.bound(source.read_timeout) else {
                return Some((Err(Error::Timeout(None)), None));
            };
            match tokio::time::timeout(wait, source.response.chunk()).await {
                Err(_) => Some((Err(Error::Timeout(None)), None)),
                Ok(Err(e)) => Some((Err(transport(e)), None)),
                Ok(Ok(None)) => None,
                Ok(Ok(Some(bytes))) => Some((Ok(Vec::from(bytes)), Some(source))),
            }
        });
        BodyStream {
            status,
            headers,
            max_line,
            chunks: Box::pin(chunks),
        }
    }

    /// A body that was already read whole, as one chunk.
    pub(crate) fn whole(raw: RawResponse, max_line: usize) -> Self {
        let chunk = (!raw.body.is_empty()).then_some(Ok(raw.body));
        BodyStream {
            status: raw.status,
            headers: raw.headers,
            max_line,
            chunks: Box::pin(futures_util::stream::iter(chunk)),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The next chunk; `None` at the end of the body.
    pub async fn next(&mut self) -> Option<Result<Vec<u8>, Error>> {
        self.chunks.next().await
    }

    /// The body split at line feeds (a `\r` before one is dropped too), each line decoded as
    /// UTF-8 (invalid sequences replaced): for ndjson, CSV and text. A last line without a
    /// line feed is a line too. One line longer than the client's body-size limit is a
    /// `BodyTooLarge` error.
    pub fn lines(self) -> Lines {
        let state = LineState {
            status: self.status,
            limit: self.max_line,
            body: self,
            buffer: Vec::new(),
            scanned: 0,
            ended: false,
        };
        let status = state.status;
        let headers = state.body.headers.clone();
        let lines = futures_util::stream::unfold(Some(state), |state| async move {
            let mut state = state?;
            match state.next_line().await {
                Some(Ok(line)) => Some((Ok(line), Some(state))),
                Some(Err(e)) => Some((Err(e), None)),
                None => None,
            }
        });
        Lines {
            status,
            headers,
            lines: Box::pin(lines),
        }
    }
}

impl Stream for BodyStream {
    type Item = Result<Vec<u8>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx)
    }
}

/// A response body as lines: see [`BodyStream::lines`]. A [`futures_core::Stream`] of
/// `String`s, or read one by one with [`next`](Lines::next).
#[must_use = "the body is read only when the stream is polled"]
pub struct Lines {
    status: u16,
    headers: HeaderMap,
    lines: Pin<Box<dyn Stream<Item = Result<String, Error>> + Send>>,
}

impl std::fmt::Debug for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lines")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Lines {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The next line, without its line feed; `None` at the end of the body.
    pub async fn next(&mut self) -> Option<Result<String, Error>> {
        self.lines.next().await
    }
}

impl Stream for Lines {
    type Item = Result<String, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.lines.as_mut().poll_next(cx)
    }
}

/// Bytes read but not yet given out as lines.
struct LineState {
    status: u16,
    limit: usize,
    body: BodyStream,
    buffer: Vec<u8>,
    /// How much of `buffer` holds no line feed.
    scanned: usize,
    ended: bool,
}

impl LineState {
    async fn next_line(&mut self) -> Option<Result<String, Error>> {
        loop {
            if let Some(i) = self.buffer[self.scanned..].iter().position(|b| *b == b'\n') {
                let end = self.scanned + i;
                let line: Vec<u8> = self.buffer.drain(..=end).collect();
                self.scanned = 0;
                return Some(Ok(text(&line[..end])));
            }
            self.scanned = self.buffer.len();
            if self.ended {
                if self.buffer.is_empty() {
                    return None;
                }
                let line = std::mem::take(&mut self.buffer);
                self.scanned = 0;
                return Some(Ok(text(&line)));
            }
            if self.buffer.len() > self.limit {
                return Some(Err(Error::BodyTooLarge {
                    status: self.status,
                    limit: self.limit,
                }));
            }
            match self.body.next().await {
                None => self.ended = true,
                Some(Ok(chunk)) => self.buffer.extend_from_slice(&chunk),
                Some(Err(e)) => return Some(Err(e)),
            }
        }
    }
}

/// A line without its `\r`, as text.
fn text(line: &[u8]) -> String {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    String::from_utf8_lossy(line).into_owned()
}
