//! Auto-paging for list operations whose envelope carries `result_info`.
//!
//! A page is fetched only when the previous one is used up. Paging stops at whichever comes
//! first: the last page `result_info.total_pages` names, an empty page, a page shorter than
//! `result_info.per_page`, the end of the cursor (absent, empty, or unchanged), or a server
//! that ignores the page parameter (it reports another page number, or sends the same items
//! again). The last check is what keeps a client from looping forever on an endpoint that
//! does not page (a known problem of other SDKs).

use std::collections::VecDeque;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::call::Call;
use super::error::Error;

/// How an operation selects a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// A page number in the `page` query parameter, from 1.
    Page,
    /// An opaque cursor, from `result_info.cursor` (or `result_info.cursors.after`), sent
    /// back in the named query parameter.
    Cursor(&'static str),
}

/// Pages of a list operation: see [`Call::pages`].
#[must_use = "pages are fetched only when asked for"]
pub struct Pages<'a, T> {
    call: Call<'a, Vec<T>>,
    paging: Paging,
    page: u64,
    first_page: u64,
    cursor: Option<String>,
    previous: Option<Vec<u8>>,
    buffer: VecDeque<T>,
    done: bool,
}

impl<T> std::fmt::Debug for Pages<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("paging", &self.paging)
            .field("page", &self.page)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<'a, T> Call<'a, Vec<T>> {
    /// Pages through the results, from the page this call asks for (or the first).
    ///
    /// ```no_run
    /// # async fn run<T: serde::de::DeserializeOwned + serde::Serialize + Send>(call: __CRATE__::Call<'_, Vec<T>>) -> Result<(), __CRATE__::Error> {
    /// let mut pages = call.pages();
    /// while let Some(item) = pages.next().await {
    ///     let item = item?;
    ///     # let _ = item;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn pages(self) -> Pages<'a, T> {
        let paging = self.paging_mode().unwrap_or(Paging::Page);
        let first_page = self
            .query_value("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        Pages {
            call: self,
            paging,
            page: first_page,
            first_page,
            cursor: None,
            previous: None,
            buffer: VecDeque::new(),
            done: false,
        }
    }
}

impl<T: DeserializeOwned + Serialize> Pages<'_, T> {
    /// The next page's items; `None` once paging has stopped.
    pub async fn next_page(&mut self) -> Option<Result<Vec<T>, Error>> {
        if self.done {
            return None;
        }
        match (self.paging, &self.cursor) {
            (Paging::Page, _) => self.call.set_query("page", self.page.to_string()),
            (Paging::Cursor(param), Some(cursor)) => self.call.set_query(param, cursor.clone()),
            (Paging::Cursor(_), None) => {}
        }
        let response = match self.call.execute().await {
            Ok(r) => r,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        let info = response.result_info.unwrap_or(Value::Null);
        let items = response.result;
        // The same items twice: the server does not page, or ignores the parameter.
        let fingerprint = serde_json::to_vec(&items).ok();
        if items.is_empty() || (fingerprint.is_some() && fingerprint == self.previous) {
            self.done = true;
            return None;
        }
        self.previous = fingerprint;
        match self.paging {
            Paging::Page => {
                if self.ignored_page(&info) {
                    self.done = true;
                    return None;
                }
                let number = |key: &str| info.get(key).and_then(Value::as_u64);
                let last = number("total_pages").is_some_and(|total| self.page >= total);
                let short =
                    number("per_page").is_some_and(|per_page| (items.len() as u64) < per_page);
                self.done = last || short;
                self.page += 1;
            }
            Paging::Cursor(_) => {
                let next = info
                    .get("cursor")
                    .or_else(|| info.get("cursors").and_then(|c| c.get("after")))
                    .and_then(Value::as_str)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string);
                self.done = next.is_none() || next == self.cursor;
                self.cursor = next;
            }
        }
        Some(Ok(items))
    }

    /// A server that answers another page number than the one asked for ignores `page`;
    /// its first answer is kept, the repeats are not.
    fn ignored_page(&self, info: &Value) -> bool {
        let reported = info.get("page").and_then(Value::as_u64);
        reported.is_some_and(|p| p != self.page) && self.page != self.first_page
    }

    /// The next item, fetching the next page when the current one is used up.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            match self.next_page().await? {
                Ok(items) => self.buffer.extend(items),
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// Every item of every page.
    pub async fn collect(mut self) -> Result<Vec<T>, Error> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await {
            all.extend(page?);
        }
        Ok(all)
    }
}

impl<'a, T: DeserializeOwned + Serialize + Send + 'a> Pages<'a, T> {
    /// The items as a [`futures_core::Stream`], fetching pages as it is polled.
    pub fn into_stream(self) -> impl futures_core::Stream<Item = Result<T, Error>> + Send + 'a {
        futures_util::stream::unfold(self, |mut pages| async move {
            pages.next().await.map(|item| (item, pages))
        })
    }
}
