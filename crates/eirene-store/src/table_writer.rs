//! Writing a table as Parquet while its batches are still being parsed.
//!
//! Encoding and compressing columns costs about as much as parsing them. Batches are encoded as
//! they arrive, on one thread per core, each thread owning some of the columns: the work
//! overlaps parsing, and memory holds the encoded row group instead of the whole table.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::arrow::arrow_writer::{
    ArrowColumnChunk, ArrowColumnWriter, ArrowRowGroupWriterFactory, compute_leaves,
};
use datafusion::parquet::basic::Compression;
use datafusion::parquet::errors::ParquetError;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::parquet::file::writer::SerializedFileWriter;

use crate::error::StoreError;

/// Rows per Parquet row group. DataFusion reads a row group on one thread, so a table held in
/// one group is scanned on one core. With 128k rows GED (386,000 events) spreads over the cores:
/// queries on 1M rows ran 18 to 28 % faster than with the `parquet` crate's default of 1M rows,
/// those on 10M rows as fast, and files grew by 0.8 % (docs/BENCHMARKS.md). DuckDB writes
/// 122,880.
const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Rows handed to the encoding threads at a time. Each thread encodes them column by column, so
/// that a column's encoder state (dictionary, page buffers) stays in cache for that many rows.
const HANDOFF_ROWS: usize = 64 * 1024;

/// Handoffs waiting for each encoding thread. A slow encoder makes the parser wait instead of
/// letting batches pile up.
const QUEUED_HANDOFFS: usize = 2;

/// One table being written as a Parquet file (SNAPPY).
pub struct TableWriter {
    name: &'static str,
    path: PathBuf,
    file: SerializedFileWriter<File>,
    factory: ArrowRowGroupWriterFactory,
    /// The row group being encoded, if one has rows.
    group: Option<RowGroup>,
    /// Row groups written so far.
    groups: usize,
    /// Rows written so far, including the open group.
    rows: u64,
    /// Rows per row group.
    group_rows: usize,
    /// Encoding threads per row group.
    threads: usize,
}

/// How every table is written: SNAPPY, row groups of `group_rows` rows, and the writer's name
/// and version.
pub fn parquet_properties(group_rows: usize) -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(group_rows))
        .set_created_by(format!("eirene {}", crate::EIRENE_VERSION))
        .build()
}

impl TableWriter {
    /// Creates the file of table `name` with the schema its batches share.
    pub fn create(
        path: PathBuf,
        name: &'static str,
        schema: SchemaRef,
    ) -> Result<TableWriter, StoreError> {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        TableWriter::with_layout(path, name, schema, ROW_GROUP_ROWS, threads)
    }

    /// [`TableWriter::create`] with row groups of `group_rows` rows, encoded on `threads`
    /// threads. The file does not depend on `threads`.
    pub fn with_layout(
        path: PathBuf,
        name: &'static str,
        schema: SchemaRef,
        group_rows: usize,
        threads: usize,
    ) -> Result<TableWriter, StoreError> {
        let file = File::create(&path).map_err(|e| StoreError::io(&path, e))?;
        let (file, factory) =
            ArrowWriter::try_new(file, schema, Some(parquet_properties(group_rows)))
                .and_then(ArrowWriter::into_serialized_writer)
                .map_err(|source| parquet_error(&path, source))?;
        Ok(TableWriter {
            name,
            path,
            file,
            factory,
            group: None,
            groups: 0,
            rows: 0,
            group_rows,
            threads,
        })
    }

    /// The table's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Encodes the next batch, closing row groups as they fill.
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), StoreError> {
        let mut rest = batch.clone();
        while rest.num_rows() > 0 {
            let group = match self.group.take() {
                Some(group) => group,
                None => RowGroup::start(&self.factory, self.groups, &rest, self.threads)
                    .map_err(|source| parquet_error(&self.path, source))?,
            };
            let group = self.group.insert(group);
            let take = rest.num_rows().min(self.group_rows - group.rows);
            if !group.push(rest.slice(0, take)) {
                let stopped = self.group.take().map(RowGroup::finish);
                let reason = match stopped {
                    Some(Err(reason)) => reason,
                    _ => ParquetError::General("an encoding thread stopped".into()),
                };
                return Err(parquet_error(&self.path, reason));
            }
            self.rows += take as u64;
            if group.rows == self.group_rows {
                self.close_group()?;
            }
            rest = rest.slice(take, rest.num_rows() - take);
        }
        Ok(())
    }

    /// Writes the open row group and the footer, fsyncs the file, and returns the row count.
    pub fn finish(mut self) -> Result<(&'static str, u64), StoreError> {
        self.close_group()?;
        let file = self
            .file
            .into_inner()
            .map_err(|source| parquet_error(&self.path, source))?;
        file.sync_all().map_err(|e| StoreError::io(&self.path, e))?;
        Ok((self.name, self.rows))
    }

    /// Waits for the open row group's columns and appends them to the file, in schema order.
    fn close_group(&mut self) -> Result<(), StoreError> {
        let Some(group) = self.group.take() else {
            return Ok(());
        };
        let append = |file: &mut SerializedFileWriter<File>| -> parquet::errors::Result<()> {
            let chunks = group.finish()?;
            let mut row_group = file.next_row_group()?;
            for chunk in chunks {
                chunk.append_to_row_group(&mut row_group)?;
            }
            row_group.close().map(drop)
        };
        append(&mut self.file).map_err(|source| parquet_error(&self.path, source))?;
        self.groups += 1;
        Ok(())
    }
}

fn parquet_error(path: &Path, source: ParquetError) -> StoreError {
    StoreError::Parquet {
        path: path.to_owned(),
        source,
    }
}

/// A row group being encoded by one thread per core.
struct RowGroup {
    encoders: Vec<Encoder>,
    /// Batches not yet handed to the encoders.
    pending: Vec<RecordBatch>,
    pending_rows: usize,
    rows: usize,
}

/// An encoding thread and the queue of batches it has yet to encode.
struct Encoder {
    queue: mpsc::SyncSender<Arc<[RecordBatch]>>,
    thread: JoinHandle<parquet::errors::Result<Vec<EncodedField>>>,
}

/// The writers of one field's leaves (a list field has several), with the field's position.
type FieldWriters = (usize, Vec<ArrowColumnWriter>);

/// The column chunks of one field, with the field's position.
type EncodedField = (usize, Vec<ArrowColumnChunk>);

impl RowGroup {
    /// Starts row group `index`, sharing out the fields among `threads` by the size of their
    /// values in `first`, the group's first batch, so that each thread has about as many bytes
    /// to encode.
    fn start(
        factory: &ArrowRowGroupWriterFactory,
        index: usize,
        first: &RecordBatch,
        threads: usize,
    ) -> parquet::errors::Result<RowGroup> {
        let mut writers = factory.create_column_writers(index)?.into_iter();
        let mut fields = Vec::with_capacity(first.num_columns());
        for (position, field) in first.schema().fields().iter().enumerate() {
            let leaves = compute_leaves(field, first.column(position))?.len();
            let weight = first.column(position).get_array_memory_size();
            fields.push((weight, position, writers.by_ref().take(leaves).collect()));
        }
        fields.sort_by_key(|(weight, position, _)| (std::cmp::Reverse(*weight), *position));
        let mut shares: Vec<(usize, Vec<FieldWriters>)> =
            (0..threads).map(|_| (0, Vec::new())).collect();
        for (weight, position, writers) in fields {
            let lightest = shares
                .iter_mut()
                .min_by_key(|(load, _)| *load)
                .expect("at least one thread");
            lightest.0 += weight;
            lightest.1.push((position, writers));
        }
        let encoders = shares
            .into_iter()
            .filter(|(_, share)| !share.is_empty())
            .map(|(_, share)| Encoder::spawn(share))
            .collect();
        Ok(RowGroup {
            encoders,
            pending: Vec::new(),
            pending_rows: 0,
            rows: 0,
        })
    }

    /// Adds a batch, handing the pending ones to every thread once they are
    /// [`HANDOFF_ROWS`] rows; `false` when a thread has stopped on an error, which finishing the
    /// group returns.
    fn push(&mut self, batch: RecordBatch) -> bool {
        self.rows += batch.num_rows();
        self.pending_rows += batch.num_rows();
        self.pending.push(batch);
        self.pending_rows < HANDOFF_ROWS || self.hand_off()
    }

    /// Hands the pending batches to every thread; `false` when a thread has stopped.
    fn hand_off(&mut self) -> bool {
        let batches: Arc<[RecordBatch]> = std::mem::take(&mut self.pending).into();
        self.pending_rows = 0;
        self.encoders
            .iter()
            .all(|encoder| encoder.queue.send(Arc::clone(&batches)).is_ok())
    }

    /// Waits for every thread and returns the column chunks in schema order.
    fn finish(mut self) -> parquet::errors::Result<Vec<ArrowColumnChunk>> {
        if !self.pending.is_empty() {
            // A thread that stopped reports why when joined below.
            self.hand_off();
        }
        let mut fields = Vec::new();
        for encoder in self.encoders {
            drop(encoder.queue);
            fields.extend(encoder.thread.join().expect("encoding does not panic")?);
        }
        fields.sort_by_key(|(position, _)| *position);
        Ok(fields.into_iter().flat_map(|(_, chunks)| chunks).collect())
    }
}

impl Encoder {
    /// A thread that encodes its fields of every batch it is sent, until the queue closes.
    fn spawn(mut fields: Vec<FieldWriters>) -> Encoder {
        let (queue, handoffs) = mpsc::sync_channel::<Arc<[RecordBatch]>>(QUEUED_HANDOFFS);
        let thread = std::thread::spawn(move || {
            for batches in handoffs {
                for (position, writers) in &mut fields {
                    for batch in batches.iter() {
                        let field = batch.schema_ref().field(*position);
                        let leaves = compute_leaves(field, batch.column(*position))?;
                        for (writer, leaf) in writers.iter_mut().zip(&leaves) {
                            writer.write(leaf)?;
                        }
                    }
                }
            }
            fields
                .into_iter()
                .map(|(position, writers)| {
                    let chunks = writers
                        .into_iter()
                        .map(ArrowColumnWriter::close)
                        .collect::<parquet::errors::Result<_>>()?;
                    Ok((position, chunks))
                })
                .collect()
        });
        Encoder { queue, thread }
    }
}
