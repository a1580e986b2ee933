//! Spec Markdown made safe for rustdoc, edited in place so that it still reads as written.
//!
//! Descriptions are Markdown written for a web page. Pasted into doc comments as they are,
//! rustdoc's lints would fail on them (`RUSTDOCFLAGS="-D warnings"`), and some would do worse
//! than warn:
//!
//! - a bare URL (`see https://example.com.`) is not a link: it is wrapped into an autolink,
//!   `<https://example.com>`, without the sentence's punctuation;
//! - `[code]`, `[String]` or `[text](name)` are intra-doc links to Rust items: the brackets are
//!   escaped (`\[code\]` shows as `[code]`), whether the item exists or not, since a word in
//!   the spec must not link to some item of the crate; links to URLs stay links;
//! - raw HTML (`<uuid>`, `<script>`) is shown as text (`&lt;uuid>`), except
//!   a line break `<br>`;
//! - a code block rustdoc would compile as a doctest (a fence with no language or another
//!   one, an indented block) becomes a `text` block.
//!
//! The text is parsed with pulldown-cmark, the parser rustdoc itself uses, with the
//! extensions rustdoc turns on, so each edit lands exactly where rustdoc would see the
//! problem; the text is parsed again after editing, until nothing is left to edit.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// How often the text is parsed and edited before it is given up as a `text` block. One
/// pass is the rule; a second one finds what an edit uncovered (the Markdown inside an HTML
/// block, once the block is text).
const MAX_PASSES: usize = 4;

/// Rustdoc's Markdown extensions (its `main_body_opts`, less smart punctuation, which only
/// changes how quotes look).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// `text` with every problem rustdoc would report, or compile, edited away.
pub fn make_safe(text: &str) -> String {
    let mut text = text.to_string();
    for _ in 0..MAX_PASSES {
        let edits = find_edits(&text);
        if edits.is_empty() {
            return text;
        }
        text = apply(&text, edits);
    }
    if find_edits(&text).is_empty() {
        return text;
    }
    // Markdown that keeps producing new problems: shown as it is, in a text block.
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{text}\n{fence}")
}

/// One change to the text: `range` is replaced by `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    range: Range<usize>,
    with: String,
}

impl Edit {
    fn insert(at: usize, with: &str) -> Edit {
        Edit {
            range: at..at,
            with: with.to_string(),
        }
    }
}

/// Applies `edits` from the start; one that overlaps an earlier one waits for the next pass.
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 16 * edits.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// What a pass of the parser finds to edit.
#[derive(Default)]
struct Walk {
    edits: Vec<Edit>,
    /// Inline code, where brackets are no links and must not be escaped.
    code: Vec<Range<usize>>,
    /// Links and their text: ranges to escape once the walk knows every code span.
    links: Vec<Range<usize>>,
    /// The text run being read, outside links and code: where bare URLs are looked for.
    run: Option<Range<usize>>,
    link_depth: usize,
    in_code_block: bool,
}

fn find_edits(text: &str) -> Vec<Edit> {
    let mut broken: Vec<Range<usize>> = Vec::new();
    let callback = |link: BrokenLink<'_>| {
        broken.push(link.span);
        None
    };
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_with_broken_link_callback(text, options(), Some(callback))
            .into_offset_iter()
            .collect();
    let mut walk = Walk::default();
    for (event, range) in events {
        walk.event(text, event, range);
    }
    walk.flush_run(text);
    let mut edits = walk.edits;
    for span in broken.iter().chain(&walk.links) {
        escape_brackets(text, span.clone(), &walk.code, &mut edits);
    }
    edits
}

impl Walk {
    fn event(&mut self, text: &str, event: Event<'_>, range: Range<usize>) {
        let keeps_run = matches!(event, Event::Text(_)) && self.link_depth == 0;
        if !keeps_run {
            self.flush_run(text);
        }
        match event {
            Event::Text(_) if self.link_depth == 0 && !self.in_code_block => {
                self.run = Some(match self.run.take() {
                    Some(run) if run.end == range.start => run.start..range.end,
                    Some(run) => {
                        bare_urls(text, run, &mut self.edits);
                        range
                    }
                    None => range,
                });
            }
            Event::Code(_) => self.code.push(range),
            Event::Html(html) | Event::InlineHtml(html) if !is_line_break(&html) => {
                for (i, _) in text[range.clone()].match_indices('<') {
                    self.edits.push(Edit {
                        range: range.start + i..range.start + i + 1,
                        with: "&lt;".into(),
                    });
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                self.link_depth += 1;
                let written = matches!(
                    link_type,
                    LinkType::Inline
                        | LinkType::Reference
                        | LinkType::Collapsed
                        | LinkType::Shortcut
                );
                if written && (is_item_path(&dest_url) || is_script(&dest_url)) {
                    self.links.push(range);
                }
            }
            Event::Start(Tag::Image { .. }) => self.link_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.link_depth = self.link_depth.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code_block = true;
                self.code.push(range.clone());
                match kind {
                    CodeBlockKind::Fenced(info) if info.trim() != "text" => {
                        fence_as_text(text, range, &mut self.edits);
                    }
                    CodeBlockKind::Fenced(_) => {}
                    CodeBlockKind::Indented => dedent(text, range, &mut self.edits),
                }
            }
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            _ => {}
        }
    }

    fn flush_run(&mut self, text: &str) {
        if let Some(run) = self.run.take() {
            bare_urls(text, run, &mut self.edits);
        }
    }
}

/// `<br>`, `<br/>` and `<br />`: a line break rustdoc accepts as it is.
fn is_line_break(html: &str) -> bool {
    let compact: String = html
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    compact == "<br>" || compact == "<br/>"
}

/// A link destination rustdoc would resolve as a Rust path (`name`, `Type::method`, `f()`)
/// rather than follow as a URL: one with only the characters of paths, as rustdoc decides
/// (a `/`, `.` or `-` makes it a URL).
fn is_item_path(dest: &str) -> bool {
    let path = dest.replace('`', "");
    let path = path.split('#').next().unwrap_or("");
    !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || ":_<>, !*&;@()".contains(c))
}

/// A `javascript:`, `data:` or `vbscript:` link: a spec must not put script in the docs.
fn is_script(dest: &str) -> bool {
    let scheme = dest.trim_start().split(':').next().unwrap_or("");
    ["javascript", "data", "vbscript"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s))
        && dest.contains(':')
}

/// Escapes every `[` and `]` of `span` that is not in inline code and not escaped already.
fn escape_brackets(text: &str, span: Range<usize>, code: &[Range<usize>], edits: &mut Vec<Edit>) {
    let bytes = text.as_bytes();
    for i in span.clone() {
        if !matches!(bytes[i], b'[' | b']') || code.iter().any(|c| c.contains(&i)) {
            continue;
        }
        let backslashes = bytes[span.start..i]
            .iter()
            .rev()
            .take_while(|b| **b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            edits.push(Edit::insert(i, "\\"));
        }
    }
}

/// Wraps each bare `http://` or `https://` URL of a text run into `<...>`.
fn bare_urls(text: &str, run: Range<usize>, edits: &mut Vec<Edit>) {
    let s = &text[run.clone()];
    let mut from = 0;
    while let Some(found) = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| s[from..].find(scheme).map(|i| (from + i, scheme.len())))
        .min()
    {
        let (start, scheme) = found;
        let end = url_end(s, start, scheme);
        if end > start + scheme {
            edits.push(Edit::insert(run.start + start, "<"));
            edits.push(Edit::insert(run.start + end, ">"));
        }
        from = end.max(start + scheme);
    }
}

/// Where the URL starting at `start` ends: at a character an autolink cannot hold or that
/// ends a URL in prose (quotes, brackets, a table's `|`), less the sentence's punctuation
/// after it and a closing parenthesis it did not open.
fn url_end(s: &str, start: usize, scheme: usize) -> usize {
    let rest = &s[start..];
    let stop = rest
        .char_indices()
        .skip(scheme)
        .find(|(_, c)| c.is_whitespace() || "<>\"'`|[]\\".contains(*c))
        .map_or(rest.len(), |(i, _)| i);
    let mut url = &rest[..stop];
    loop {
        let unbalanced = url.ends_with(')') && url.matches('(').count() < url.matches(')').count();
        if unbalanced || url.ends_with(|c| ".,;:!?*_~".contains(c)) {
            url = &url[..url.len() - 1];
        } else {
            break;
        }
    }
    start + url.len()
}

/// Replaces a fence's language (`js`, none, `rust`) by `text`, so rustdoc shows the block
/// and does not compile it.
fn fence_as_text(text: &str, block: Range<usize>, edits: &mut Vec<Edit>) {
    let line_end = text[block.start..]
        .find('\n')
        .map_or(text.len(), |i| block.start + i);
    let line = &text[block.start..line_end];
    let Some(open) = line.find(['`', '~']) else {
        return;
    };
    let fence_char = line.as_bytes()[open];
    let run = line[open..]
        .bytes()
        .take_while(|b| *b == fence_char)
        .count();
    let info = block.start + open + run;
    edits.push(Edit {
        range: info..line_end,
        with: "text".into(),
    });
}

/// Removes the indentation of each line of an indented code block, so that the next pass
/// reads it as the paragraph it was meant to be.
fn dedent(text: &str, block: Range<usize>, edits: &mut Vec<Edit>) {
    let bytes = text.as_bytes();
    let mut line_start = text[..block.start].rfind('\n').map_or(0, |i| i + 1);
    while line_start < block.end {
        let spaces = bytes[line_start..]
            .iter()
            .take_while(|b| **b == b' ')
            .count();
        if spaces > 0 {
            edits.push(Edit {
                range: line_start..line_start + spaces,
                with: String::new(),
            });
        }
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_become_autolinks_without_the_sentence_punctuation() {
        assert_eq!(
            make_safe("See https://example.com/a_b. Or (https://x.org/y), \"https://t.io\"."),
            "See <https://example.com/a_b>. Or (<https://x.org/y>), \"<https://t.io>\"."
        );
        assert_eq!(
            make_safe("https://en.wikipedia.org/wiki/Rust_(language) is it"),
            "<https://en.wikipedia.org/wiki/Rust_(language)> is it"
        );
    }

    #[test]
    fn links_and_code_keep_their_urls() {
        for text in [
            "[docs](https://example.com)",
            "<https://example.com>",
            "`https://example.com`",
            "```text\nhttps://example.com\n```",
            "[a]\n\n[a]: https://example.com",
        ] {
            assert_eq!(make_safe(text), text);
        }
    }

    #[test]
    fn brackets_that_rustdoc_would_resolve_are_escaped() {
        assert_eq!(
            make_safe("status:[code] or [String]"),
            "status:\\[code\\] or \\[String\\]"
        );
        assert_eq!(make_safe("a [link](Client)"), "a \\[link\\](Client)");
        // Brackets inside the code of a link text make it no link, for rustdoc too.
        assert_eq!(make_safe("[`x[0]`] and \\[y\\]"), "[`x[0]`] and \\[y\\]");
        assert_eq!(make_safe("[text][missing]"), "\\[text\\]\\[missing\\]");
        assert_eq!(make_safe("- [x] done"), "- [x] done");
        assert_eq!(
            make_safe("[go](JavaScript:void(0);x.y)"),
            "\\[go\\](JavaScript:void(0);x.y)"
        );
    }

    #[test]
    fn html_is_shown_as_text_except_line_breaks() {
        assert_eq!(
            make_safe("a preview at <uuid>.<br/>Next, <RULE_ID> (no tag name)"),
            "a preview at &lt;uuid>.<br/>Next, <RULE_ID> (no tag name)"
        );
        assert_eq!(
            make_safe("<div>\nsee https://a.io\n</div>"),
            "&lt;div>\nsee <https://a.io>\n&lt;/div>"
        );
        assert_eq!(make_safe("<!-- open"), "&lt;!-- open");
    }

    #[test]
    fn safe_text_is_left_as_it_is() {
        let hostile = [
            "x https://a.io/(b)) [y] <b>z</b> ```\nfn main() {}\n```",
            "> ```\n>     x\n\n<!-- [a](b) https://c.io",
            "[a]: b\n\n[a] [c][a] ![i](https://x.io/i.png) <https://ok.io>",
            "| a | b |\n|---|---|\n| [x] | <y> |",
        ];
        for text in hostile {
            let once = make_safe(text);
            assert_eq!(make_safe(&once), once, "from {text:?}");
            assert!(find_edits(&once).is_empty());
        }
    }

    #[test]
    fn code_blocks_become_text_blocks() {
        assert_eq!(
            make_safe("> ```\n> fn x() {}\n> ```"),
            "> ```text\n> fn x() {}\n> ```"
        );
        assert_eq!(make_safe("a\n\n    let x = 1;"), "a\n\nlet x = 1;");
        assert_eq!(make_safe("~~~rust\nx\n~~~"), "~~~text\nx\n~~~");
    }
}
