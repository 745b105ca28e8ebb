//! Printing results as an aligned table, CSV or JSON, all from Arrow batches, so every command
//! formats values the same way.

use std::io::Write;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::json::{WriterBuilder, writer::JsonArray};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::arrow::util::pretty::pretty_format_batches;

use crate::cli::Format;

/// Writes rows in the chosen format. An empty result still prints its header (table, CSV) or `[]`
/// (the JSON writer writes the brackets itself).
pub fn write_batches(
    out: &mut impl Write,
    format: Format,
    schema: &SchemaRef,
    batches: &[RecordBatch],
) -> anyhow::Result<()> {
    let empty = [RecordBatch::new_empty(schema.clone())];
    let batches = if batches.is_empty() {
        &empty[..]
    } else {
        batches
    };
    match format {
        Format::Table => {
            let rounded: Vec<RecordBatch> =
                batches.iter().map(round_floats).collect::<Result<_, _>>()?;
            writeln!(out, "{}", pretty_format_batches(&rounded)?)?;
        }
        Format::Csv => {
            let mut writer = datafusion::arrow::csv::WriterBuilder::new()
                .with_header(true)
                .build(&mut *out);
            for batch in batches {
                writer.write(batch)?;
            }
        }
        Format::Json => {
            let mut writer = WriterBuilder::new()
                .with_explicit_nulls(true)
                .build::<_, JsonArray>(&mut *out);
            for batch in batches {
                writer.write(batch)?;
            }
            writer.finish()?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Decimals shown for floating-point values in the table format (CSV and JSON keep every digit).
const TABLE_DECIMALS: i32 = 2;

/// The batch with floating-point columns rounded for reading.
fn round_floats(batch: &RecordBatch) -> Result<RecordBatch, datafusion::arrow::error::ArrowError> {
    use datafusion::arrow::array::{ArrayRef, AsArray, Float64Array};
    use datafusion::arrow::datatypes::{DataType, Float64Type};
    use std::sync::Arc;
    let scale = 10f64.powi(TABLE_DECIMALS);
    let columns: Vec<ArrayRef> = batch
        .columns()
        .iter()
        .map(|column| match column.data_type() {
            DataType::Float64 => {
                let values = column.as_primitive::<Float64Type>();
                Arc::new(
                    values
                        .iter()
                        .map(|v| v.map(|x| (x * scale).round() / scale))
                        .collect::<Float64Array>(),
                ) as ArrayRef
            }
            _ => column.clone(),
        })
        .collect();
    RecordBatch::try_new(batch.schema(), columns)
}

/// A batch of text columns, for listings that are not query results.
pub fn text_batch(columns: &[&str], rows: &[Vec<String>]) -> RecordBatch {
    use datafusion::arrow::array::{ArrayRef, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use std::sync::Arc;
    let schema = Schema::new(
        columns
            .iter()
            .map(|c| Field::new(*c, DataType::Utf8, false))
            .collect::<Vec<_>>(),
    );
    let arrays: Vec<ArrayRef> = (0..columns.len())
        .map(|i| {
            Arc::new(
                rows.iter()
                    .map(|row| Some(row[i].as_str()))
                    .collect::<StringArray>(),
            ) as ArrayRef
        })
        .collect();
    RecordBatch::try_new(Arc::new(schema), arrays).expect("one value per column in every row")
}

/// Whether a reader closed standard output early (`eirene sql ... | head`).
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Standard output, remembering a closed pipe: Arrow's writers turn the I/O error into text, so
/// the error alone cannot tell a closed pipe from a real failure.
pub struct Stdout(std::io::StdoutLock<'static>);

/// Standard output for results.
pub fn stdout() -> Stdout {
    Stdout(std::io::stdout().lock())
}

/// True once a write to standard output found the pipe closed.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed)
}

fn note_closed_pipe(error: std::io::Error) -> std::io::Error {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    error
}

impl Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes).map_err(note_closed_pipe)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(note_closed_pipe)
    }
}

/// Rows of any serializable type, printed like query results: JSON exactly as serde writes
/// them; table and CSV through Arrow, with the schema inferred from the values.
pub fn write_rows<T: serde::Serialize>(
    out: &mut impl Write,
    format: Format,
    rows: &[T],
) -> anyhow::Result<()> {
    use datafusion::arrow::json::reader::{ReaderBuilder, infer_json_schema_from_iterator};
    let values = rows
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()?;
    if format == Format::Json {
        serde_json::to_writer(&mut *out, &values)?;
        writeln!(out)?;
        return Ok(());
    }
    let schema = std::sync::Arc::new(infer_json_schema_from_iterator(values.iter().map(Ok))?);
    let mut decoder = ReaderBuilder::new(schema.clone()).build_decoder()?;
    decoder.serialize(&values)?;
    let batches: Vec<RecordBatch> = decoder.flush()?.into_iter().collect();
    write_batches(out, format, &schema, &batches)
}
