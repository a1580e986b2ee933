//! Diagnostics: every problem found in a spec, each with the file and the place it names.
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`] sink and the
//! pipeline refuses to emit anything while the sink holds an error (serde_derive's `Ctxt`
//! works the same way).

use std::fmt;
use std::path::{Path, PathBuf};

/// How many errors one run reports before it stops collecting more.
pub const ERROR_CAP: usize = 50;

/// Whether a diagnostic stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation stops; nothing is written.
    Error,
    /// Generation goes on; the spec was repaired or a keyword was ignored.
    Warning,
}

/// A line and column in a source file, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line = count_lines(before) + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let column = count_chars(&before[line_start..]) + 1;
        Position { line, column }
    }
}

/// How many line breaks `bytes` holds.
fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

/// How many characters start in `bytes` (UTF-8 continuation bytes do not start one): the
/// character count of the text, also when `bytes` ends inside a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

/// Lines and columns of one text, counted once: a long text (the Cloudflare spec is 4.2 MB
/// on one line) is not re-scanned from its start for each message.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// For each block of [`LineIndex::BLOCK`] bytes, the line breaks before it and the
    /// characters between the last of them and the block's start.
    blocks: Vec<(usize, usize)>,
}

impl LineIndex {
    const BLOCK: usize = 4096;

    /// Counts `text` once.
    pub fn new(text: &str) -> LineIndex {
        let mut blocks = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let (mut lines, mut column) = (0, 0);
        for chunk in text.as_bytes().chunks(Self::BLOCK) {
            blocks.push((lines, column));
            match chunk.iter().rposition(|b| *b == b'\n') {
                Some(i) => {
                    lines += count_lines(chunk);
                    column = count_chars(&chunk[i + 1..]);
                }
                None => column += count_chars(chunk),
            }
        }
        LineIndex { blocks }
    }

    /// The position of byte `offset` in `text`, the text this index was made from: the
    /// same as [`Position::of_offset`].
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let block = offset / Self::BLOCK;
        let Some(&(lines, column)) = self.blocks.get(block) else {
            return Position::of_offset(text, offset);
        };
        let part = &text.as_bytes()[block * Self::BLOCK..offset];
        match part.iter().rposition(|b| *b == b'\n') {
            Some(i) => Position {
                line: lines + count_lines(part) + 1,
                column: count_chars(&part[i + 1..]) + 1,
            },
            None => Position {
                line: lines + 1,
                column: column + count_chars(part) + 1,
            },
        }
    }
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The spec file the problem is in.
    pub file: PathBuf,
    /// Line and column, where the problem was found while reading text.
    pub position: Option<Position>,
    /// A JSON pointer into the document, such as `#/paths/~1zones/get/responses/200`.
    pub pointer: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file` at `pointer`.
    pub fn error(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: None,
            pointer: Some(pointer.into()),
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `file` at `pointer`.
    pub fn warning(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pointer, message)
        }
    }

    /// An error at a line and column of `file`, with no pointer.
    pub fn at(file: &Path, position: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: Some(position),
            pointer: None,
            message: message.into(),
            help: None,
        }
    }

    /// Adds what to do about the problem.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the line and column.
    pub fn with_position(mut self, position: Option<Position>) -> Self {
        self.position = self.position.or(position);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}", self.file.display())?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(pointer) = &self.pointer {
            write!(f, "\n  at {pointer}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The sink every stage reports into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    dropped_errors: usize,
}

impl Diagnostics {
    /// Records a problem; errors past [`ERROR_CAP`] are only counted.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if diagnostic.severity == Severity::Error && self.error_count() >= ERROR_CAP {
            self.dropped_errors += 1;
            return;
        }
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    /// Takes every diagnostic of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
        self.dropped_errors += other.dropped_errors;
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0 || self.dropped_errors > 0
    }

    /// How many errors were recorded (those past the cap included).
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
            + self.dropped_errors
    }

    /// The errors recorded, in order.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings recorded, in order.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// Every warning made an error (`--deny-warnings`), each saying so.
    pub fn deny_warnings(self) -> Diagnostics {
        let mut out = Diagnostics {
            items: Vec::new(),
            dropped_errors: self.dropped_errors,
        };
        for mut d in self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
                d.message
                    .push_str(" (a warning, denied by --deny-warnings)");
            }
            out.push(d);
        }
        out
    }

    /// Whether nothing at all was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    /// The errors, one block each, then a count; warnings are printed separately.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.errors() {
            writeln!(f, "{d}")?;
        }
        if self.dropped_errors > 0 {
            writeln!(f, "... and {} more errors not shown", self.dropped_errors)?;
        }
        let n = self.error_count();
        write!(
            f,
            "{n} error{} in the spec; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Builds JSON pointers (RFC 6901) one segment at a time.
pub fn pointer_push(base: &str, segment: &str) -> String {
    let escaped = segment.replace('~', "~0").replace('/', "~1");
    format!("{base}/{escaped}")
}

/// The pointer of an operation: `#/paths/<escaped path>/<method>`.
pub fn operation_pointer(path: &str, method: &str) -> String {
    pointer_push(&pointer_push("#/paths", path), method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_counting_from_the_start() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 { "é\n" } else { "ab€" });
        }
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).step_by(13) {
            assert_eq!(
                index.position(&text, offset),
                Position::of_offset(&text, offset)
            );
        }
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nµcd\n";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 3),
            Position { line: 2, column: 1 }
        );
        // 'µ' is two bytes but one column.
        assert_eq!(
            Position::of_offset(text, 5),
            Position { line: 2, column: 2 }
        );
    }

    #[test]
    fn pointers_escape_slash_and_tilde() {
        assert_eq!(
            operation_pointer("/zones/{id}", "put"),
            "#/paths/~1zones~1{id}/put"
        );
        assert_eq!(pointer_push("#", "a~b"), "#/a~0b");
    }

    #[test]
    fn errors_past_the_cap_are_counted() {
        let mut d = Diagnostics::default();
        for i in 0..ERROR_CAP + 3 {
            d.push(Diagnostic::error(Path::new("f"), "#", format!("e{i}")));
        }
        assert_eq!(d.error_count(), ERROR_CAP + 3);
        assert_eq!(d.errors().count(), ERROR_CAP);
        assert!(d.to_string().contains("3 more errors"));
    }
}
