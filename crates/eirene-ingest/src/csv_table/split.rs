//! Cutting CSV text into records and fields without copying it.
//!
//! Why not `csv`: its byte-at-a-time state machine copies every field into a record buffer,
//! while most bytes of a GED file are long quoted texts, which only need their closing quote
//! found. This splitter jumps between the bytes that matter with `memchr` and
//! records where each field lies, so values are read straight out of the text.
//!
//! It reads exactly what `csv` reads with our dialect (comma, RFC 4180 quotes with `""`, any of
//! `\r`, `\n` or `\r\n` ending a record, empty lines skipped, rows of any width); a test checks
//! it against `csv` on random texts:
//! * a quote opens a quoted field only at the start of a field; inside one, `""` is a quote and a
//!   lone quote closes it; whatever follows the closing quote up to the next delimiter is kept;
//! * anywhere else a quote is an ordinary character;
//! * an unclosed quote runs to the end of the text.
//!
//! One thing differs on purpose: the position of a record is that of its first byte. `csv`
//! reports where its reading started, which after a `\r\n` is still on the previous line, so
//! every error in a CRLF file was reported one line too early.

use std::borrow::Cow;

/// Where a field lies in the text and how its value is written there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FieldSpan {
    start: usize,
    end: usize,
    form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The bytes are the value.
    Plain,
    /// A quoted field without quotes inside: the value is the bytes between the quotes.
    Quoted,
    /// A quoted field with `""` inside, text after its closing quote, or no closing quote: the
    /// value has to be put together (see [`unescape`]).
    Escaped,
}

impl FieldSpan {
    /// Bytes the field takes in the text, an upper bound on the length of its value.
    pub(super) fn len(self) -> usize {
        self.end - self.start
    }

    /// The field as written, quotes included.
    pub(super) fn raw(self, text: &[u8]) -> &[u8] {
        &text[self.start..self.end]
    }

    /// The field as written, from text already known to be UTF-8. The field boundaries are ASCII
    /// delimiters, so slicing there always falls between characters.
    pub(super) fn raw_str(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// The value of a field, given the field as written (from [`FieldSpan::raw_str`]).
    pub(super) fn value(self, raw: &str) -> Cow<'_, str> {
        match self.form {
            Form::Plain => Cow::Borrowed(raw),
            Form::Quoted => Cow::Borrowed(&raw[1..raw.len() - 1]),
            Form::Escaped => Cow::Owned(unescape(raw)),
        }
    }
}

/// The value of a quoted field that is not simply its inner bytes: `""` becomes `"`, text after
/// the closing quote is kept as it is, and an unclosed field runs to its end.
fn unescape(raw: &str) -> String {
    let mut value = String::with_capacity(raw.len());
    let mut rest = &raw[1..];
    while let Some(quote) = rest.find('"') {
        value.push_str(&rest[..quote]);
        if rest[quote + 1..].starts_with('"') {
            value.push('"');
            rest = &rest[quote + 2..];
        } else {
            value.push_str(&rest[quote + 1..]);
            return value;
        }
    }
    value.push_str(rest);
    value
}

/// Reads records one after another from a text.
pub(super) struct Splitter<'t> {
    text: &'t [u8],
    at: usize,
}

impl<'t> Splitter<'t> {
    pub(super) fn new(text: &'t [u8]) -> Self {
        Splitter { text, at: 0 }
    }

    /// The offset just past the last record read.
    pub(super) fn position(&self) -> usize {
        self.at
    }

    /// Appends the fields of the next record to `fields` and returns the offset of its first
    /// byte; `None` when the text has no more records.
    pub(super) fn next_record(&mut self, fields: &mut Vec<FieldSpan>) -> Option<usize> {
        let text = self.text;
        while self.at < text.len() && matches!(text[self.at], b'\r' | b'\n') {
            self.at += 1;
        }
        if self.at == text.len() {
            return None;
        }
        let begin = self.at;
        loop {
            let field = self.field();
            fields.push(field);
            match text.get(field.end) {
                Some(b',') => self.at = field.end + 1,
                Some(_) => {
                    // A `\r` or `\n`; the `\n` of a `\r\n` is skipped with the next record.
                    self.at = field.end + 1;
                    return Some(begin);
                }
                None => {
                    self.at = field.end;
                    return Some(begin);
                }
            }
        }
    }

    /// The field starting at `self.at`; it ends at a delimiter, a terminator or the end of text.
    fn field(&self) -> FieldSpan {
        let (text, start) = (self.text, self.at);
        if text.get(start) != Some(&b'"') {
            return FieldSpan {
                start,
                end: plain_end(text, start),
                form: Form::Plain,
            };
        }
        let mut form = Form::Quoted;
        let mut at = start + 1;
        loop {
            let Some(quote) = memchr::memchr(b'"', &text[at..]).map(|i| at + i) else {
                // No closing quote: the field runs to the end of the text.
                return FieldSpan {
                    start,
                    end: text.len(),
                    form: Form::Escaped,
                };
            };
            if text.get(quote + 1) == Some(&b'"') {
                form = Form::Escaped;
                at = quote + 2;
                continue;
            }
            let end = plain_end(text, quote + 1);
            if end > quote + 1 {
                form = Form::Escaped; // text after the closing quote
            }
            return FieldSpan { start, end, form };
        }
    }
}

/// The end of an unquoted stretch starting at `from`: the next delimiter or terminator.
fn plain_end(text: &[u8], from: usize) -> usize {
    memchr::memchr3(b',', b'\n', b'\r', &text[from..]).map_or(text.len(), |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eirene_testkit::Prng;

    /// Records as `csv` reads them with the reader's dialect.
    fn by_csv(text: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            out.push(record.iter().map(<[u8]>::to_vec).collect());
        }
        out
    }

    /// Records as the splitter reads them, with the offset of each.
    fn split(text: &[u8]) -> (Vec<Vec<Vec<u8>>>, Vec<usize>) {
        let mut splitter = Splitter::new(text);
        let (mut records, mut offsets, mut fields) = (Vec::new(), Vec::new(), Vec::new());
        let text = std::str::from_utf8(text).unwrap();
        while let Some(begin) = splitter.next_record(&mut fields) {
            let values = fields.drain(..);
            records.push(
                values
                    .map(|f| f.value(f.raw_str(text)).as_bytes().to_vec())
                    .collect(),
            );
            offsets.push(begin);
        }
        (records, offsets)
    }

    #[test]
    fn a_record_is_placed_at_its_first_byte() {
        assert_eq!(split(b"a\r\nb\r\n\r\nc").1, [0, 3, 8]);
        assert_eq!(split(b"\n\"x\ny\"\nz").1, [1, 7]);
    }

    #[test]
    fn reads_what_csv_reads() {
        for text in [
            "a,b\nc,d\n",
            "a,b\r\nc,d",
            "\n\na,,\r\r\n,\n",
            "\"a\"\"b\",\"c\nd\"\"\"\n\"x\"y,z",
            "a\"b\",c\n\"unclosed,\nstill",
            "\"\",\"\"\"\",\"\"x\n",
            ",",
            "\"",
        ] {
            assert_eq!(
                split(text.as_bytes()).0,
                by_csv(text.as_bytes()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reads_what_csv_reads_on_random_texts() {
        let alphabet = [b'a', b'b', b',', b'"', b'\n', b'\r', b' '];
        let mut rng = Prng::new(7);
        for _ in 0..10_000 {
            let len = rng.below(24);
            let text: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            assert_eq!(
                split(&text).0,
                by_csv(&text),
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }
}
