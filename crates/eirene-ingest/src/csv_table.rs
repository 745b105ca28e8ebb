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
use std::sync::Arc;

use arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder,
    ListBuilder, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;

use crate::Table;
use crate::error::{IngestError, Location, Problem, Problems};

/// Rows per Arrow batch: large enough for fast Parquet writes, small enough to stay cache-friendly.
const BATCH_ROWS: usize = 64 * 1024;

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
    /// Whether the header must contain the column (else: nulls and a warning).
    pub required: bool,
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
            required: true,
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
            required: false,
            ..self
        }
    }
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
    input: impl Read,
    display: &str,
    layout: &Layout,
    warnings: &mut Vec<String>,
) -> Result<Table, IngestError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    if !read_record(&mut reader, &mut record, display)? {
        return Err(IngestError::format(
            Location::file(display),
            "the file is empty",
        ));
    }
    let header = Header::parse(&record, display, layout, warnings)?;
    let schema = layout.schema();
    let mut batches = Vec::new();
    let mut builders = Builders::new(layout);
    let mut problems = Problems::default();
    while read_record(&mut reader, &mut record, display)? {
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.width {
            problems.push(Problem::new(
                Location::line(display, line),
                format!(
                    "the row has {} fields; the header has {}",
                    record.len(),
                    header.width
                ),
            ));
            continue;
        }
        builders.append_row(&record, &header, layout, display, line, &mut problems);
        if builders.rows == BATCH_ROWS {
            batches.push(builders.finish(&schema));
        }
    }
    problems.into_result(display)?;
    if builders.rows > 0 || batches.is_empty() {
        batches.push(builders.finish(&schema));
    }
    Ok(Table {
        name: layout.table,
        batches,
    })
}

/// Reads the next record; a CSV syntax error (for instance an unclosed quote) stops the import.
fn read_record(
    reader: &mut csv::Reader<impl Read>,
    record: &mut csv::ByteRecord,
    display: &str,
) -> Result<bool, IngestError> {
    reader.read_byte_record(record).map_err(|e| {
        let line = e.position().map_or(0, |p| p.line());
        IngestError::format(
            Location::line(display, line),
            format!("unreadable CSV: {e}"),
        )
    })
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
        record: &csv::ByteRecord,
        display: &str,
        layout: &Layout,
        warnings: &mut Vec<String>,
    ) -> Result<Header, IngestError> {
        let names: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, raw)| header_name(raw, i, display))
            .collect::<Result<_, _>>()?;
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
                if spec.required {
                    return Err(IngestError::format(
                        Location::line(display, 1),
                        format!(
                            "the header lacks the column `{}`: is this {}?",
                            spec.header, layout.what
                        ),
                    ));
                }
                missing.push(spec.header);
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
fn header_name(raw: &[u8], index: usize, display: &str) -> Result<String, IngestError> {
    let text = std::str::from_utf8(raw).map_err(|e| {
        IngestError::format(
            Location::line(display, 1).with_column(index + 1, "?"),
            format!(
                "the header is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    Ok(text.trim_start_matches('\u{feff}').trim().to_owned())
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
    fn new(kind: Kind) -> Self {
        match kind {
            Kind::Int32 => Builder::Int32(Int32Builder::with_capacity(BATCH_ROWS)),
            Kind::Int64 => Builder::Int64(Int64Builder::with_capacity(BATCH_ROWS)),
            Kind::Float64 => Builder::Float64(Float64Builder::with_capacity(BATCH_ROWS)),
            Kind::Text => Builder::Text(StringBuilder::with_capacity(BATCH_ROWS, BATCH_ROWS * 16)),
            Kind::Flag => Builder::Flag(BooleanBuilder::with_capacity(BATCH_ROWS)),
            Kind::Date => Builder::Date(Date32Builder::with_capacity(BATCH_ROWS)),
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

struct Builders {
    columns: Vec<Builder>,
    rows: usize,
}

impl Builders {
    fn new(layout: &Layout) -> Self {
        Builders {
            columns: layout
                .columns
                .iter()
                .map(|c| Builder::new(c.kind))
                .collect(),
            rows: 0,
        }
    }

    fn append_row(
        &mut self,
        record: &csv::ByteRecord,
        header: &Header,
        layout: &Layout,
        display: &str,
        line: u64,
        problems: &mut Problems,
    ) {
        for ((builder, spec), position) in self
            .columns
            .iter_mut()
            .zip(layout.columns)
            .zip(&header.positions)
        {
            let Some(index) = *position else {
                builder.append_null();
                continue;
            };
            let at = || Location::line(display, line).with_column(index + 1, spec.header);
            let text = match std::str::from_utf8(&record[index]) {
                Ok(text) => text.trim(),
                Err(e) => {
                    problems.push(Problem::new(
                        at(),
                        format!(
                            "not UTF-8 text (invalid byte at offset {} of the value)",
                            e.valid_up_to()
                        ),
                    ));
                    builder.append_null();
                    continue;
                }
            };
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
        self.rows += 1;
    }

    fn finish(&mut self, schema: &SchemaRef) -> RecordBatch {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Builder::finish).collect();
        self.rows = 0;
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

fn parse_flag(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "t" => Some(true),
        "0" | "false" | "f" => Some(false),
        _ => None,
    }
}

/// `YYYY-MM-DD` (a trailing time is dropped) or `DD-MM-YYYY`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let day = text.split([' ', 'T']).next()?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d-%m-%Y"))
        .ok()
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
        match err {
            IngestError::Rows { problems, .. } => {
                problems.iter().map(ToString::to_string).collect()
            }
            other => vec![other.to_string()],
        }
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
    fn non_utf8_bytes_and_wrong_headers_are_rejected() {
        let found = problems(read_str(b"id,name,day,regions\n1,caf\xe9,,\n").unwrap_err());
        assert_eq!(
            found,
            ["t.csv:2: column 2 (name): not UTF-8 text (invalid byte at offset 3 of the value)"]
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
}
