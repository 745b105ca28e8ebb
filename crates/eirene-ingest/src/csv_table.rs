//! Reading a CSV table into typed Arrow columns, driven by a declared layout.
//!
//! Each CSV source declares its [`Layout`]: the columns it expects, their types, whether a column
//! must be in the header and whether a value may be empty. One reader serves them all, so every
//! source rejects bad input the same way: a value that does not fit its type, a row with too few
//! or too many fields, bytes that are not UTF-8 — each reported with line, column and reason, all
//! of them in one pass.
//!
//! Columns are matched by header name, not position, so publishers may reorder columns; a column
//! the layout marks optional may be missing (older GED layouts) and becomes nulls with a warning.

use std::io::Read;
use std::sync::{Arc, Mutex, mpsc};

use arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder,
    ListBuilder, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;

mod split;

use crate::error::{IngestError, Location, Problem, Problems};
use crate::{Ingested, Table, TableSink};
use split::{FieldSpan, Splitter};

/// The type of a column, as read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 32-bit integer (years, codes). `1992.0` is accepted, `1992.5` is not.
    Int32,
    /// 64-bit integer (ids, counts).
    Int64,
    /// Floating point.
    Float64,
    /// UTF-8 text; an empty field is null.
    Text,
    /// A boolean written `0`/`1` or `true`/`false` (any case).
    Flag,
    /// A date written `YYYY-MM-DD` (optionally followed by a time, which is dropped) or
    /// `DD-MM-YYYY` (as spreadsheets re-save UCDP files).
    Date,
    /// A comma-separated list of integers such as `"1, 3"` (UCDP multi-valued fields).
    IntList,
}

impl Kind {
    fn data_type(self) -> DataType {
        match self {
            Kind::Int32 => DataType::Int32,
            Kind::Int64 => DataType::Int64,
            Kind::Float64 => DataType::Float64,
            Kind::Text => DataType::Utf8,
            Kind::Flag => DataType::Boolean,
            Kind::Date => DataType::Date32,
            Kind::IntList => DataType::List(Arc::new(Field::new("item", DataType::Int32, true))),
        }
    }

    /// What the user should have written, for error messages.
    fn expected(self) -> &'static str {
        match self {
            Kind::Int32 | Kind::Int64 => "a whole number",
            Kind::Float64 => "a number",
            Kind::Text => "text",
            Kind::Flag => "0/1 or true/false",
            Kind::Date => "a date (YYYY-MM-DD or DD-MM-YYYY)",
            Kind::IntList => "whole numbers separated by commas",
        }
    }
}

/// One column of a layout.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// Column name in the store.
    pub name: &'static str,
    /// Header name in the publisher's file (usually the same as `name`).
    pub header: &'static str,
    /// Type.
    pub kind: Kind,
    /// Whether the header must contain the column.
    pub presence: Presence,
    /// Whether a value may be empty.
    pub nullable: bool,
    /// One line on the meaning, for the schema documentation.
    pub doc: &'static str,
}

impl ColumnSpec {
    /// A column that must be present and may hold empty values.
    pub const fn new(name: &'static str, kind: Kind, doc: &'static str) -> Self {
        ColumnSpec {
            name,
            header: name,
            kind,
            presence: Presence::Required,
            nullable: true,
            doc,
        }
    }

    /// The same column, read from a header named differently from the store column.
    pub const fn header(self, header: &'static str) -> Self {
        ColumnSpec { header, ..self }
    }

    /// The same column, but every row must have a value.
    pub const fn not_null(self) -> Self {
        ColumnSpec {
            nullable: false,
            ..self
        }
    }

    /// The same column, but older layouts may lack it.
    pub const fn optional(self) -> Self {
        ColumnSpec {
            presence: Presence::Optional,
            ..self
        }
    }

    /// The same column, but files have it only when the user asked the publisher for it.
    pub const fn on_request(self) -> Self {
        ColumnSpec {
            presence: Presence::OnRequest,
            ..self
        }
    }
}

/// Whether a column must be in the header, and what its absence means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Every file has it; a header without it is the wrong file.
    Required,
    /// Older layouts lack it: it loads as nulls, with a warning naming it.
    Optional,
    /// The publisher adds it only on request (ACLED's population columns): nulls, no warning.
    OnRequest,
}

/// The columns of one CSV table.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The table the rows go to.
    pub table: &'static str,
    /// What the file is, for error messages ("a UCDP GED CSV").
    pub what: &'static str,
    /// The columns, in store order.
    pub columns: &'static [ColumnSpec],
}

impl Layout {
    /// The Arrow schema of the table.
    pub fn schema(&self) -> SchemaRef {
        Arc::new(Schema::new(
            self.columns
                .iter()
                .map(|c| Field::new(c.name, c.kind.data_type(), c.nullable))
                .collect::<Vec<_>>(),
        ))
    }
}

/// Reads the whole CSV into a table, or fails listing every bad value.
///
/// `warnings` receives the optional columns that were missing and header columns the layout does
/// not know (they are ignored).
pub fn read(
    input: impl Read + Send,
    display: &str,
    layout: &Layout,
    warnings: &mut Vec<String>,
) -> Result<Table, IngestError> {
    let mut batches = Vec::new();
    stream(input, display, layout, warnings, &mut |batch| {
        batches.push(batch);
        Ok(())
    })?;
    Ok(Table {
        name: layout.table,
        batches,
    })
}

/// [`read`] of a file as published (zip, gzip or plain; see [`crate::input::open_text`]).
pub fn read_file(
    path: &std::path::Path,
    display: &str,
    layout: &Layout,
    warnings: &mut Vec<String>,
) -> Result<Table, IngestError> {
    read(
        crate::input::open_text(path, display)?,
        display,
        layout,
        warnings,
    )
}

/// Reads the whole CSV, handing its batches to `on_batch` in file order as soon as they are
/// parsed (at least one batch, empty for a file without rows).
///
/// After the first bad value no further batch is handed on, since the import will fail, but the
/// rest of the file is still read so that the error lists every bad value. An error from
/// `on_batch` stops the reading and is returned as it is.
pub fn stream(
    input: impl Read + Send,
    display: &str,
    layout: &Layout,
    warnings: &mut Vec<String>,
    on_batch: &mut dyn FnMut(RecordBatch) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    stream_in_chunks(input, display, layout, warnings, CHUNK_BYTES, on_batch)
}

/// [`stream`] of a file as published.
pub fn stream_file(
    path: &std::path::Path,
    display: &str,
    layout: &Layout,
    warnings: &mut Vec<String>,
    on_batch: &mut dyn FnMut(RecordBatch) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    let input = crate::input::open_text(path, display)?;
    stream(input, display, layout, warnings, on_batch)
}

/// Streams every file with one layout into one table of `sink`, showing each batch to `check`
/// with the index of its file before handing it on. A table without rows gets one empty batch.
pub fn stream_files(
    files: &[(&std::path::Path, &str)],
    layout: &Layout,
    sink: &mut dyn TableSink,
    check: &mut dyn FnMut(&RecordBatch, usize) -> Result<(), IngestError>,
) -> Result<Ingested, IngestError> {
    let mut ingested = Ingested::default();
    let table = layout.table;
    let mut write = |batch| {
        sink.write(table, batch)
            .map_err(|source| IngestError::Write { table, source })
    };
    let mut rows = 0;
    for (index, &(path, display)) in files.iter().enumerate() {
        stream_file(
            path,
            display,
            layout,
            &mut ingested.warnings,
            &mut |batch| {
                check(&batch, index)?;
                rows += batch.num_rows();
                if batch.num_rows() > 0 {
                    write(batch)
                } else {
                    Ok(())
                }
            },
        )?;
    }
    if rows == 0 {
        write(RecordBatch::new_empty(layout.schema()))?;
    }
    Ok(ingested)
}

/// [`stream`], cutting the text into chunks of about `chunk_bytes` (tests use tiny chunks).
fn stream_in_chunks(
    input: impl Read + Send,
    display: &str,
    layout: &Layout,
    warnings: &mut Vec<String>,
    chunk_bytes: usize,
    on_batch: &mut dyn FnMut(RecordBatch) -> Result<(), IngestError>,
) -> Result<(), IngestError> {
    let mut chunks = Chunker::new(input, display, chunk_bytes);
    let empty = || IngestError::format(Location::file(display), "the file is empty");
    let first = chunks.next_chunk()?.ok_or_else(empty)?;
    let (header, body_start) = read_header(&first, display, layout, warnings)?.ok_or_else(empty)?;
    let context = ChunkContext {
        header: &header,
        layout,
        schema: layout.schema(),
        display,
    };
    let delivered = parse_in_parallel(&context, chunks, first, body_start, on_batch)?;
    if delivered == 0 {
        on_batch(RecordBatch::new_empty(context.schema))?;
    }
    Ok(())
}

/// Parses the header, the first record of the first chunk. Returns it with the offset where the
/// data rows start, or `None` when the file holds no record at all.
fn read_header(
    first: &[u8],
    display: &str,
    layout: &Layout,
    warnings: &mut Vec<String>,
) -> Result<Option<(Header, usize)>, IngestError> {
    let mut splitter = Splitter::new(first);
    let mut fields = Vec::new();
    if splitter.next_record(&mut fields).is_none() {
        return Ok(None);
    }
    let names = fields
        .iter()
        .enumerate()
        .map(|(i, field)| header_name(first, *field, i, display))
        .collect::<Result<Vec<_>, _>>()?;
    let header = Header::parse(&names, display, layout, warnings)?;
    Ok(Some((header, splitter.position())))
}

/// Decompressed CSV text handed to a worker at a time. Big enough that handing chunks over costs
/// nothing next to parsing them (about 12,000 GED rows), small enough that all cores stay busy to
/// the end of a GED-sized file and that few chunks wait in memory.
const CHUNK_BYTES: usize = 8 << 20;

/// Cuts a CSV stream into chunks of whole records, so that each chunk parses on its own.
struct Chunker<'a, R> {
    input: R,
    display: &'a str,
    /// The least size of a chunk, the last one excepted.
    chunk_bytes: usize,
    /// The start of the next chunk: bytes read after the last record end of the previous one.
    carry: Vec<u8>,
    /// Whether the input has ended.
    done: bool,
    /// 1-based line number of the first byte of `carry`, for errors.
    line: u64,
}

impl<'a, R: Read> Chunker<'a, R> {
    fn new(input: R, display: &'a str, chunk_bytes: usize) -> Self {
        Chunker {
            input,
            display,
            chunk_bytes,
            carry: Vec::new(),
            done: false,
            line: 1,
        }
    }

    /// The next chunk: whole records, at least `chunk_bytes` unless the input ends first (the
    /// last chunk holds whatever is left, complete record or not); `None` at the end.
    fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, IngestError> {
        let mut text = std::mem::take(&mut self.carry);
        let mut want = self.chunk_bytes.max(1);
        loop {
            self.fill(&mut text, want)?;
            if self.done {
                return Ok((!text.is_empty()).then_some(text));
            }
            if let Some(end) = last_record_end(&text) {
                self.carry = text.split_off(end);
                self.line += count_lines(&text);
                return Ok(Some(text));
            }
            // One record longer than a chunk: read on until it ends.
            want = text.len() * 2;
        }
    }

    /// Reads until `text` holds `want` bytes or the input ends.
    fn fill(&mut self, text: &mut Vec<u8>, want: usize) -> Result<(), IngestError> {
        let missing = want.saturating_sub(text.len());
        text.reserve(missing);
        let read = (&mut self.input)
            .take(missing as u64)
            .read_to_end(text)
            .map_err(|e| {
                IngestError::format(
                    Location::line(self.display, self.line),
                    format!("unreadable CSV: {e}"),
                )
            })?;
        if read < missing {
            self.done = true;
        }
        Ok(())
    }
}

/// The offset just past the last record terminator (a `\n` outside quotes) in `text`, which
/// starts at a record start; `None` when no record ends in it.
///
/// It follows `csv`'s reading of quotes exactly, or chunks would be cut inside a quoted field: a
/// quote opens a quoted field only at the start of a field; inside one, `""` is a literal quote
/// and a lone quote closes it; anywhere else a quote is an ordinary character. Only quotes and
/// line feeds are looked at, with `memchr`, so this runs at memory speed.
fn last_record_end(text: &[u8]) -> Option<usize> {
    let mut end = None;
    let mut at = 0;
    let mut quoted = false;
    while at < text.len() {
        if quoted {
            let Some(found) = memchr::memchr(b'"', &text[at..]) else {
                break;
            };
            let close = at + found;
            if text.get(close + 1) == Some(&b'"') {
                at = close + 2;
            } else {
                quoted = false;
                at = close + 1;
            }
        } else {
            let Some(found) = memchr::memchr2(b'"', b'\n', &text[at..]) else {
                break;
            };
            let hit = at + found;
            if text[hit] == b'\n' {
                end = Some(hit + 1);
            } else {
                quoted = hit == 0 || matches!(text[hit - 1], b',' | b'\n' | b'\r');
            }
            at = hit + 1;
        }
    }
    end
}

/// Number of line feeds, as `csv` counts lines.
/// (The reading thread counts every chunk: `memchr` keeps that off the critical path.)
fn count_lines(text: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', text).count() as u64
}

/// What every worker needs to turn a chunk into a batch.
struct ChunkContext<'a> {
    header: &'a Header,
    layout: &'a Layout,
    schema: SchemaRef,
    display: &'a str,
}

/// A chunk of whole records to parse.
struct Job {
    /// Position of the chunk in the file.
    index: usize,
    text: Vec<u8>,
    /// Where the records start in `text` (after the header, in the first chunk).
    start: usize,
    /// 1-based line number of `text[start]`.
    first_line: u64,
    /// Line feeds in `text[start..]`: about as many records.
    lines: u64,
}

/// A parsed chunk.
struct Parsed {
    batch: RecordBatch,
    /// The problems of its rows, in file order.
    problems: Problems,
}

/// Parses every chunk on a pool of worker threads, one per core, while another thread reads and
/// cuts the input and this one hands the parsed chunks to `on_batch` in file order. Returns how
/// many batches were handed on.
///
/// Both queues hold one chunk per worker: when `on_batch` is slow (the store encoding), parsing
/// waits rather than piling batches up in memory.
fn parse_in_parallel(
    context: &ChunkContext<'_>,
    mut chunks: Chunker<'_, impl Read + Send>,
    first: Vec<u8>,
    body_start: usize,
    on_batch: &mut dyn FnMut(RecordBatch) -> Result<(), IngestError>,
) -> Result<usize, IngestError> {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(workers);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Parsed)>(workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (job_rx, done_tx) = (Arc::clone(&job_rx), done_tx.clone());
            scope.spawn(move || {
                loop {
                    // The lock is released before parsing, so workers parse concurrently.
                    let job = job_rx
                        .lock()
                        .expect("no worker panics holding the lock")
                        .recv();
                    let Ok(job) = job else { break };
                    let index = job.index;
                    if done_tx.send((index, parse_chunk(context, job))).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the workers hold the queues' other ends: if they all stop, sending fails instead
        // of blocking forever, and once they are done the results end.
        drop((job_rx, done_tx));
        let feeder = scope.spawn(move || feed(&mut chunks, first, body_start, job_tx));
        let delivered = deliver_in_order(done_rx, context.display, on_batch);
        // When delivering failed, the results' queue is gone: the workers stop, then the feeder.
        let fed = feeder.join().expect("cutting chunks does not panic");
        let delivered = delivered?;
        fed?;
        Ok(delivered)
    })
}

/// Hands the parsed chunks to `on_batch` in file order as they arrive, until the first problem;
/// then fails listing the problems of every chunk. Returns how many batches were handed on.
fn deliver_in_order(
    done: mpsc::Receiver<(usize, Parsed)>,
    display: &str,
    on_batch: &mut dyn FnMut(RecordBatch) -> Result<(), IngestError>,
) -> Result<usize, IngestError> {
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    let mut delivered = 0;
    let mut problems = Problems::default();
    for (index, parsed) in done {
        waiting.insert(index, parsed);
        while let Some(parsed) = waiting.remove(&next) {
            next += 1;
            problems.extend(parsed.problems);
            if problems.is_empty() && parsed.batch.num_rows() > 0 {
                on_batch(parsed.batch)?;
                delivered += 1;
            }
        }
    }
    problems.into_result(display)?;
    Ok(delivered)
}

/// Sends the first chunk and then every further one to the workers, in file order.
fn feed(
    chunks: &mut Chunker<'_, impl Read>,
    first: Vec<u8>,
    body_start: usize,
    job_tx: mpsc::SyncSender<Job>,
) -> Result<(), IngestError> {
    let mut first_line = 1 + count_lines(&first[..body_start]);
    let mut next = Some((first, body_start));
    for index in 0.. {
        let Some((text, start)) = next else { break };
        let lines = count_lines(&text[start..]);
        let job = Job {
            index,
            text,
            start,
            first_line,
            lines,
        };
        if job_tx.send(job).is_err() {
            break; // the workers stopped: the batches are not wanted, or one panicked
        }
        first_line += lines;
        next = chunks.next_chunk()?.map(|text| (text, 0));
    }
    Ok(())
}

/// Parses one chunk into a batch, collecting the problems of its rows.
fn parse_chunk(context: &ChunkContext<'_>, job: Job) -> Parsed {
    let bytes = &job.text[job.start..];
    let width = context.header.width;
    let records = Records::split(bytes, job.first_line, job.lines as usize, width);
    // Sized from the field lengths, so that text columns never grow (and copy) as rows come.
    let (rows, field_bytes) = records.sizes(width);
    let mut builders = Builders::new(context, rows, &field_bytes);
    // Text cut at ASCII delimiters stays UTF-8, so checking the whole chunk once spares checking
    // each field; a chunk that fails is checked field by field, to say where.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => ChunkText::Utf8(text),
        Err(_) => ChunkText::Bytes(bytes),
    };
    let mut problems = Problems::default();
    for (fields, line) in records.iter() {
        if fields.len() == width {
            builders.append_row(fields, &text, context, line, &mut problems);
        } else {
            problems.push(Problem::new(
                Location::line(context.display, line),
                format!(
                    "the row has {} fields; the header has {width}",
                    fields.len()
                ),
            ));
        }
    }
    // A chunk with problems fails the whole file: building its batch would only trip over the
    // nulls it holds in required columns.
    let batch = if problems.is_empty() {
        builders.finish(&context.schema)
    } else {
        RecordBatch::new_empty(context.schema.clone())
    };
    Parsed { batch, problems }
}

/// Where each layout column sits in the file.
struct Header {
    /// Index in the row of each layout column, `None` for a missing optional column.
    positions: Vec<Option<usize>>,
    /// Number of fields in the header row.
    width: usize,
}

impl Header {
    fn parse(
        names: &[String],
        display: &str,
        layout: &Layout,
        warnings: &mut Vec<String>,
    ) -> Result<Header, IngestError> {
        let at = |i: usize, name: &str| Location::line(display, 1).with_column(i + 1, name);
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                return Err(IngestError::format(
                    at(i, name),
                    "the column name appears twice",
                ));
            }
        }
        let mut positions = Vec::with_capacity(layout.columns.len());
        let mut missing = Vec::new();
        for spec in layout.columns {
            let found = names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(spec.header));
            if found.is_none() {
                match spec.presence {
                    Presence::Required => {
                        return Err(IngestError::format(
                            Location::line(display, 1),
                            format!(
                                "the header lacks the column `{}`: is this {}?",
                                spec.header, layout.what
                            ),
                        ));
                    }
                    Presence::Optional => missing.push(spec.header),
                    Presence::OnRequest => {}
                }
            }
            positions.push(found);
        }
        if !missing.is_empty() {
            warnings.push(format!(
                "{display}: columns missing from this layout, loaded as nulls: {}",
                missing.join(", ")
            ));
        }
        let unknown: Vec<&str> = names
            .iter()
            .filter(|n| {
                !layout
                    .columns
                    .iter()
                    .any(|c| n.eq_ignore_ascii_case(c.header))
            })
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            warnings.push(format!(
                "{display}: columns not in the layout, ignored: {}",
                unknown.join(", ")
            ));
        }
        Ok(Header {
            positions,
            width: names.len(),
        })
    }
}

/// A header field as text, without a UTF-8 byte-order mark or surrounding spaces.
fn header_name(
    text: &[u8],
    field: FieldSpan,
    index: usize,
    display: &str,
) -> Result<String, IngestError> {
    let raw = std::str::from_utf8(field.raw(text)).map_err(|e| {
        IngestError::format(
            Location::line(display, 1).with_column(index + 1, "?"),
            format!(
                "the header is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    Ok(field
        .value(raw)
        .trim_start_matches('\u{feff}')
        .trim()
        .to_owned())
}

/// The records of a chunk: where their fields lie in the text, and their lines.
struct Records {
    fields: Vec<FieldSpan>,
    /// For each record, the index of its first field in `fields` and its 1-based line.
    starts: Vec<(usize, u64)>,
}

impl Records {
    /// Splits `text`, whose first byte is on line `first_line`. Room is made for about `rows`
    /// records `width` fields wide, so that the lists do not grow (and copy) as they fill, but
    /// for no more than a field per 4 bytes of text: a text of empty lines has many lines and no
    /// fields. (Beyond that room the lists grow as usual.)
    fn split(text: &[u8], first_line: u64, rows: usize, width: usize) -> Records {
        let mut splitter = Splitter::new(text);
        let mut records = Records {
            fields: Vec::with_capacity((rows * width).min(text.len() / 4)),
            starts: Vec::with_capacity(rows + 1),
        };
        let (mut line, mut counted) = (first_line, 0);
        let mut first_field = 0;
        while let Some(begin) = splitter.next_record(&mut records.fields) {
            line += count_lines(&text[counted..begin]);
            counted = begin;
            records.starts.push((first_field, line));
            first_field = records.fields.len();
        }
        records
    }

    /// The number of records `width` fields wide, and the bytes their fields take at each
    /// position.
    fn sizes(&self, width: usize) -> (usize, Vec<usize>) {
        let mut bytes = vec![0; width];
        let mut rows = 0;
        for (fields, _) in self.iter().filter(|(fields, _)| fields.len() == width) {
            rows += 1;
            for (sum, field) in bytes.iter_mut().zip(fields) {
                *sum += field.len();
            }
        }
        (rows, bytes)
    }

    /// Each record's fields with its line, in order.
    fn iter(&self) -> impl Iterator<Item = (&[FieldSpan], u64)> {
        let ends = self
            .starts
            .iter()
            .skip(1)
            .map(|&(first, _)| first)
            .chain([self.fields.len()]);
        self.starts
            .iter()
            .zip(ends)
            .map(|(&(first, line), end)| (&self.fields[first..end], line))
    }
}

/// The text of a chunk: known to be UTF-8 as a whole, or to be checked field by field.
enum ChunkText<'a> {
    Utf8(&'a str),
    Bytes(&'a [u8]),
}

impl ChunkText<'_> {
    /// A field as written, as text.
    fn raw(&self, field: FieldSpan) -> Result<&str, std::str::Utf8Error> {
        match self {
            ChunkText::Utf8(text) => Ok(field.raw_str(text)),
            ChunkText::Bytes(bytes) => std::str::from_utf8(field.raw(bytes)),
        }
    }
}

/// `str::trim`, skipped when the value plainly needs none (most values: trimming costs a
/// character decode at each end).
fn trim(value: &str) -> &str {
    let plain = |b: &u8| b.is_ascii() && !b.is_ascii_whitespace();
    let bytes = value.as_bytes();
    if bytes.first().is_some_and(plain) && bytes.last().is_some_and(plain) {
        value
    } else {
        value.trim()
    }
}

/// One Arrow builder per layout column.
enum Builder {
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float64(Float64Builder),
    Text(StringBuilder),
    Flag(BooleanBuilder),
    Date(Date32Builder),
    IntList(ListBuilder<Int32Builder>),
}

impl Builder {
    /// A builder with room for `rows` values; `text_bytes` says how much text they hold at most.
    fn new(kind: Kind, rows: usize, text_bytes: usize) -> Self {
        match kind {
            Kind::Int32 => Builder::Int32(Int32Builder::with_capacity(rows)),
            Kind::Int64 => Builder::Int64(Int64Builder::with_capacity(rows)),
            Kind::Float64 => Builder::Float64(Float64Builder::with_capacity(rows)),
            Kind::Text => Builder::Text(StringBuilder::with_capacity(rows, text_bytes)),
            Kind::Flag => Builder::Flag(BooleanBuilder::with_capacity(rows)),
            Kind::Date => Builder::Date(Date32Builder::with_capacity(rows)),
            Kind::IntList => Builder::IntList(ListBuilder::new(Int32Builder::new())),
        }
    }

    fn append_null(&mut self) {
        match self {
            Builder::Int32(b) => b.append_null(),
            Builder::Int64(b) => b.append_null(),
            Builder::Float64(b) => b.append_null(),
            Builder::Text(b) => b.append_null(),
            Builder::Flag(b) => b.append_null(),
            Builder::Date(b) => b.append_null(),
            Builder::IntList(b) => b.append_null(),
        }
    }

    /// Appends a non-empty value, or returns why it does not fit (the caller appends a null).
    fn append(&mut self, text: &str) -> Result<(), ()> {
        match self {
            Builder::Int32(b) => b.append_value(
                parse_int(text)
                    .and_then(|v| i32::try_from(v).ok())
                    .ok_or(())?,
            ),
            Builder::Int64(b) => b.append_value(parse_int(text).ok_or(())?),
            Builder::Float64(b) => b.append_value(text.parse::<f64>().map_err(drop)?),
            Builder::Text(b) => b.append_value(text),
            Builder::Flag(b) => b.append_value(parse_flag(text).ok_or(())?),
            Builder::Date(b) => b.append_value(days_since_epoch(parse_date(text).ok_or(())?)),
            Builder::IntList(b) => {
                let items = parse_int_list(text).ok_or(())?;
                b.values().append_slice(&items);
                b.append(true);
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Int32(b) => Arc::new(b.finish()),
            Builder::Int64(b) => Arc::new(b.finish()),
            Builder::Float64(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Flag(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::IntList(b) => Arc::new(b.finish()),
        }
    }
}

/// The builders of one batch.
struct Builders {
    columns: Vec<Builder>,
}

impl Builders {
    /// Builders with room for `rows` rows; `field_bytes[position]` is the length of the fields at
    /// that position in the file, summed over the rows.
    fn new(context: &ChunkContext<'_>, rows: usize, field_bytes: &[usize]) -> Self {
        let columns = context
            .layout
            .columns
            .iter()
            .zip(&context.header.positions)
            .map(|(spec, position)| {
                Builder::new(spec.kind, rows, position.map_or(0, |at| field_bytes[at]))
            })
            .collect();
        Builders { columns }
    }

    fn append_row(
        &mut self,
        fields: &[FieldSpan],
        text: &ChunkText<'_>,
        context: &ChunkContext<'_>,
        line: u64,
        problems: &mut Problems,
    ) {
        let display = context.display;
        for ((builder, spec), position) in self
            .columns
            .iter_mut()
            .zip(context.layout.columns)
            .zip(&context.header.positions)
        {
            let Some(index) = *position else {
                builder.append_null();
                continue;
            };
            let at = || Location::line(display, line).with_column(index + 1, spec.header);
            let field = fields[index];
            let value = match text.raw(field) {
                Ok(raw) => field.value(raw),
                Err(e) => {
                    problems.push(Problem::new(
                        at(),
                        format!(
                            "not UTF-8 text (invalid byte at offset {} of the field)",
                            e.valid_up_to()
                        ),
                    ));
                    builder.append_null();
                    continue;
                }
            };
            let text = trim(&value);
            if text.is_empty() {
                if !spec.nullable {
                    problems.push(Problem::new(at(), "a value is required"));
                }
                builder.append_null();
            } else if builder.append(text).is_err() {
                problems.push(Problem::new(
                    at(),
                    format!("`{}` is not {}", shorten(text), spec.kind.expected()),
                ));
                builder.append_null();
            }
        }
    }

    fn finish(&mut self, schema: &SchemaRef) -> RecordBatch {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Builder::finish).collect();
        RecordBatch::try_new(schema.clone(), arrays).expect("builders follow the layout's schema")
    }
}

/// A value cut to a readable length for an error message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// An integer, also written as a float with no fraction (`1992.0`), as R and spreadsheets do.
pub fn parse_int(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().or_else(|| {
        let f = text.parse::<f64>().ok()?;
        (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
    })
}

/// `0`/`1`, `true`/`false` or `t`/`f`, in any case (compared in place: this runs once per row).
fn parse_flag(text: &str) -> Option<bool> {
    let is = |words: [&str; 3]| words.iter().any(|w| text.eq_ignore_ascii_case(w));
    if is(["1", "true", "t"]) {
        Some(true)
    } else if is(["0", "false", "f"]) {
        Some(false)
    } else {
        None
    }
}

/// `YYYY-MM-DD` (a trailing time is dropped), `DD-MM-YYYY`, or `D Month YYYY` (`12 March 2022`,
/// as older ACLED exports write dates; tried last, so the usual formats cost nothing more).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let day = text.split([' ', 'T']).next()?;
    iso_date(day.as_bytes()).or_else(|| {
        NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(day, "%d-%m-%Y"))
            .or_else(|_| NaiveDate::parse_from_str(text, "%d %B %Y"))
            .ok()
    })
}

/// Exactly `YYYY-MM-DD`, read without chrono's format interpreter, which takes most of the time
/// of a date column; anything else (including an impossible date) is left to the full parser.
fn iso_date(day: &[u8]) -> Option<NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = day else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(&[y0, y1, y2, y3])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&[m0, m1])?, number(&[d0, d1])?)
}

fn days_since_epoch(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    (date - epoch).num_days() as i32
}

fn parse_int_list(text: &str) -> Option<Vec<i32>> {
    text.split(',')
        .map(|item| item.trim().parse::<i32>().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Array, AsArray};
    use arrow::datatypes::{Date32Type, Int32Type, Int64Type};

    const COLUMNS: &[ColumnSpec] = &[
        ColumnSpec::new("id", Kind::Int64, "").not_null(),
        ColumnSpec::new("name", Kind::Text, ""),
        ColumnSpec::new("day", Kind::Date, ""),
        ColumnSpec::new("regions", Kind::IntList, ""),
        ColumnSpec::new("flag", Kind::Flag, "").optional(),
    ];
    const LAYOUT: Layout = Layout {
        table: "t",
        what: "a test table",
        columns: COLUMNS,
    };

    fn read_str(text: &[u8]) -> Result<(Table, Vec<String>), IngestError> {
        let mut warnings = Vec::new();
        read(text, "t.csv", &LAYOUT, &mut warnings).map(|t| (t, warnings))
    }

    fn problems(err: IngestError) -> Vec<String> {
        err.messages()
    }

    #[test]
    fn reads_typed_columns_by_header_name_with_bom_and_crlf() {
        let csv = "\u{feff}name,id,day,regions\r\nA,1,15-11-2012,\"1, 3\"\r\nB,2.0,2013-01-03 00:00:00.000,\r\n";
        let (table, warnings) = read_str(csv.as_bytes()).unwrap();
        let batch = &table.batches[0];
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(
            batch.column(0).as_primitive::<Int64Type>().values(),
            &[1, 2]
        );
        let days = batch.column(2).as_primitive::<Date32Type>();
        assert_eq!(days.value_as_date(0), NaiveDate::from_ymd_opt(2012, 11, 15));
        assert_eq!(days.value_as_date(1), NaiveDate::from_ymd_opt(2013, 1, 3));
        let regions = batch.column(3).as_list::<i32>();
        assert_eq!(
            regions.value(0).as_primitive::<Int32Type>().values(),
            &[1, 3]
        );
        assert!(regions.is_null(1));
        assert!(
            batch.column(4).is_null(0),
            "missing optional column is null"
        );
        assert!(warnings[0].contains("flag"), "{warnings:?}");
    }

    #[test]
    fn every_bad_value_is_reported_with_line_and_column() {
        let csv = "id,name,day,regions\n1,a,2020-01-01,1\nx,b,2020-13-01,\n3,c,2020-01-01,1,extra\n,d,,\n";
        let found = problems(read_str(csv.as_bytes()).unwrap_err());
        assert_eq!(
            found,
            [
                "t.csv:3: column 1 (id): `x` is not a whole number",
                "t.csv:3: column 3 (day): `2020-13-01` is not a date (YYYY-MM-DD or DD-MM-YYYY)",
                "t.csv:4: the row has 5 fields; the header has 4",
                "t.csv:5: column 1 (id): a value is required",
            ]
        );
    }

    #[test]
    fn lines_are_counted_in_crlf_files_and_across_empty_lines() {
        let csv = "id,name,day,regions\r\n1,a,,\r\nx,b,,\r\n\r\n\"y\",\"multi\r\nline\",,\r\n";
        let found = problems(read_str(csv.as_bytes()).unwrap_err());
        assert_eq!(
            found,
            [
                "t.csv:3: column 1 (id): `x` is not a whole number",
                "t.csv:5: column 1 (id): `y` is not a whole number",
            ]
        );
    }

    #[test]
    fn non_utf8_bytes_and_wrong_headers_are_rejected() {
        let found = problems(read_str(b"id,name,day,regions\n1,caf\xe9,,\n").unwrap_err());
        assert_eq!(
            found,
            ["t.csv:2: column 2 (name): not UTF-8 text (invalid byte at offset 3 of the field)"]
        );
        let found = problems(read_str(b"conflict_id,year\n1,2\n").unwrap_err());
        assert!(found[0].contains("lacks the column `id`"), "{found:?}");
        let found = problems(read_str(b"id,id,name,day,regions\n").unwrap_err());
        assert!(
            found[0].contains("column 2 (id): the column name appears twice"),
            "{found:?}"
        );
        let found = problems(read_str(b"").unwrap_err());
        assert!(found[0].contains("empty"), "{found:?}");
    }

    #[test]
    fn unclosed_quote_at_end_of_file_is_a_truncated_row() {
        let found = problems(read_str(b"id,name,day,regions\n1,\"trunc").unwrap_err());
        assert_eq!(found, ["t.csv:2: the row has 2 fields; the header has 4"]);
    }

    fn read_chunked(text: &[u8], chunk_bytes: usize) -> Result<RecordBatch, Vec<String>> {
        let mut batches = Vec::new();
        let mut collect = |batch| {
            batches.push(batch);
            Ok(())
        };
        stream_in_chunks(
            text,
            "t.csv",
            &LAYOUT,
            &mut Vec::new(),
            chunk_bytes,
            &mut collect,
        )
        .map_err(problems)?;
        Ok(arrow::compute::concat_batches(&LAYOUT.schema(), &batches).unwrap())
    }

    #[test]
    fn record_ends_follow_csv_quoting() {
        assert_eq!(last_record_end(b"a,b\nc,d\n"), Some(8));
        assert_eq!(last_record_end(b"a,b\nc,d"), Some(4));
        assert_eq!(
            last_record_end(b"a,\"b\nc\",d"),
            None,
            "line feed inside quotes"
        );
        assert_eq!(
            last_record_end(b"a,\"b\"\"\n\",d\nx"),
            Some(11),
            "escaped quote"
        );
        assert_eq!(
            last_record_end(b"a,b\"c\nd,e\"f\n"),
            Some(12),
            "quote inside a field"
        );
        assert_eq!(
            last_record_end(b"a\r\"b\nc\"\n"),
            Some(8),
            "quoted field after a CR"
        );
        assert_eq!(last_record_end(b"x,\"unclosed\n"), None);
    }

    #[test]
    fn any_chunk_size_reads_the_same_table_and_problems() {
        let good = "name,id,day,regions\r\n\"multi\nline, \"\"quoted\"\"\",1,2012-11-15,\"1, 3\"\r\nB\"x,2,15-11-2012,\r\n\nC,3,,7\n";
        let whole = read_chunked(good.as_bytes(), 1 << 20).unwrap();
        assert_eq!(whole.num_rows(), 3);
        assert_eq!(
            whole.column(1).as_string::<i32>().value(0),
            "multi\nline, \"quoted\""
        );
        assert_eq!(whole.column(1).as_string::<i32>().value(1), "B\"x");
        let bad = "id,name,day,regions\n1,\"a\nb\",2020-01-01,1\nx,b,2020-13-01,\n3,c,2020-01-01,1,extra\n,d,,\n";
        let bad_whole = read_chunked(bad.as_bytes(), 1 << 20).unwrap_err();
        assert_eq!(
            bad_whole[0],
            "t.csv:4: column 1 (id): `x` is not a whole number"
        );
        for chunk_bytes in 1..=good.len() {
            assert_eq!(
                read_chunked(good.as_bytes(), chunk_bytes).unwrap(),
                whole,
                "{chunk_bytes}"
            );
            assert_eq!(
                read_chunked(bad.as_bytes(), chunk_bytes).unwrap_err(),
                bad_whole
            );
        }
    }

    #[test]
    fn day_month_name_year_dates_are_read() {
        let march = NaiveDate::from_ymd_opt(2022, 3, 12);
        assert_eq!(parse_date("12 March 2022"), march);
        assert_eq!(parse_date("12 Mar 2022"), march);
        assert_eq!(
            parse_date("1 January 1997"),
            NaiveDate::from_ymd_opt(1997, 1, 1)
        );
        assert_eq!(parse_date("31 February 2022"), None);
        assert_eq!(parse_date("12 Marchy 2022"), None);
    }

    #[test]
    fn iso_dates_read_fast_agree_with_chrono() {
        for text in [
            "2024-02-29",
            "2023-02-29",
            "1989-01-01",
            "2020-13-01",
            "2020-1-05",
            "+2020-01-0",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            if let Some(fast) = iso_date(text.as_bytes()) {
                assert_eq!(Some(fast), chrono, "{text}");
            }
            assert_eq!(
                parse_date(text),
                chrono.or_else(|| NaiveDate::parse_from_str(text, "%d-%m-%Y").ok()),
                "{text}"
            );
        }
        assert_eq!(iso_date(b"2023-02-29"), None);
        assert_eq!(parse_flag("TRUE"), Some(true));
        assert_eq!(parse_flag("F"), Some(false));
        assert_eq!(parse_flag("yes"), None);
    }
}
