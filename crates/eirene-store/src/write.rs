//! Durable, atomic writes: stage in `tmp/`, fsync, rename into place.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use std::sync::Mutex;

use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::arrow::arrow_writer::{
    ArrowColumnChunk, ArrowColumnWriter, compute_leaves,
};
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};
use eirene_ingest::{Ingested, Table};

use crate::error::StoreError;

/// A vintage being written. Dropping it without [`Staged::publish`] removes everything it wrote.
pub(crate) struct Staged {
    dir: Option<PathBuf>,
}

/// Writes the tables and attachments of an ingest into a fresh directory under `tmp`.
pub(crate) fn stage(tmp: &Path, ingested: &Ingested) -> Result<Staged, StoreError> {
    let dir = unique_child(tmp, "ingest");
    fs::create_dir(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let staged = Staged {
        dir: Some(dir.clone()),
    };
    for table in &ingested.tables {
        write_parquet(&dir.join(format!("{}.parquet", table.name)), table)?;
    }
    for attachment in &ingested.attachments {
        write_synced(&dir.join(&attachment.name), &attachment.bytes)?;
    }
    Ok(staged)
}

impl Staged {
    fn dir(&self) -> &Path {
        self.dir
            .as_deref()
            .expect("a staged vintage has its directory until published")
    }

    /// Adds a JSON document to the staged vintage.
    pub(crate) fn write_json(
        &self,
        name: &str,
        value: &impl serde::Serialize,
    ) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec_pretty(value).expect("ledger types serialise");
        write_synced(&self.dir().join(name), &bytes)
    }

    /// Moves the staged directory to `target`, replacing an earlier copy as a whole.
    pub(crate) fn publish(mut self, target: &Path) -> Result<(), StoreError> {
        let dir = self.dir.take().expect("published once");
        sync_dir(&dir)?;
        let parent = target.parent().expect("vintage directories have a parent");
        fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        let tmp = dir.parent().expect("staging directories live in tmp/");
        let replaced = target.exists().then(|| unique_child(tmp, "replaced"));
        if let Some(old) = &replaced {
            fs::rename(target, old).map_err(|e| StoreError::io(target, e))?;
        }
        if let Err(e) = fs::rename(&dir, target) {
            if let Some(old) = &replaced {
                let _ = fs::rename(old, target);
            }
            let _ = fs::remove_dir_all(&dir);
            return Err(StoreError::io(target, e));
        }
        sync_dir(parent)?;
        if let Some(old) = replaced {
            fs::remove_dir_all(&old).map_err(|e| StoreError::io(&old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = fs::remove_dir_all(dir);
        }
    }
}

/// Replaces a small file atomically: write a sibling, fsync, rename over.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let parent = path.parent().expect("store files have a parent");
    fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    let sibling = unique_child(parent, ".replace");
    write_synced(&sibling, bytes)?;
    fs::rename(&sibling, path).map_err(|e| {
        let _ = fs::remove_file(&sibling);
        StoreError::io(path, e)
    })?;
    sync_dir(parent)
}

/// Rows per Parquet row group: the `parquet` crate's default, kept explicit because row groups
/// are cut here rather than by `ArrowWriter`.
const ROW_GROUP_ROWS: usize = 1024 * 1024;

/// Writes a table as one Parquet file (SNAPPY), encoding its columns on all cores.
///
/// Encoding and compressing the columns is most of the cost of an ingest after parsing, and the
/// columns are independent: each row group is encoded by a pool of threads taking one column at a
/// time, then written in schema order, so the file is the same as `ArrowWriter` would write.
fn write_parquet(path: &Path, table: &Table) -> Result<(), StoreError> {
    let parquet_err = |source| StoreError::Parquet {
        path: path.to_owned(),
        source,
    };
    let schema = table
        .batches
        .first()
        .expect("a table has at least one batch")
        .schema();
    let file = File::create(path).map_err(|e| StoreError::io(path, e))?;
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("eirene {}", crate::EIRENE_VERSION))
        .build();
    let (mut writer, column_writers) = ArrowWriter::try_new(&file, schema, Some(properties))
        .and_then(ArrowWriter::into_serialized_writer)
        .map_err(parquet_err)?;
    for (index, batches) in row_groups(&table.batches).iter().enumerate() {
        let writers = column_writers
            .create_column_writers(index)
            .map_err(parquet_err)?;
        let chunks = encode_columns(writers, batches).map_err(parquet_err)?;
        let mut row_group = writer.next_row_group().map_err(parquet_err)?;
        for chunk in chunks {
            chunk
                .append_to_row_group(&mut row_group)
                .map_err(parquet_err)?;
        }
        row_group.close().map_err(parquet_err)?;
    }
    writer.close().map_err(parquet_err)?;
    file.sync_all().map_err(|e| StoreError::io(path, e))
}

/// The batches of a table grouped into row groups of at most [`ROW_GROUP_ROWS`] rows (batches are
/// sliced where a row group ends; slicing copies nothing).
fn row_groups(batches: &[RecordBatch]) -> Vec<Vec<RecordBatch>> {
    let mut groups = Vec::new();
    let mut group = Vec::new();
    let mut rows = 0;
    for batch in batches {
        let mut rest = batch.clone();
        while rest.num_rows() > 0 {
            let take = rest.num_rows().min(ROW_GROUP_ROWS - rows);
            group.push(rest.slice(0, take));
            rest = rest.slice(take, rest.num_rows() - take);
            rows += take;
            if rows == ROW_GROUP_ROWS {
                groups.push(std::mem::take(&mut group));
                rows = 0;
            }
        }
    }
    if !group.is_empty() || groups.is_empty() {
        groups.push(group);
    }
    groups
}

/// Encodes one row group: every column of `batches` through its writer (one per Parquet leaf
/// column, in schema order), on one thread per core. Returns the column chunks in schema order.
fn encode_columns(
    writers: Vec<ArrowColumnWriter>,
    batches: &[RecordBatch],
) -> parquet::errors::Result<Vec<ArrowColumnChunk>> {
    let Some(first) = batches.first() else {
        return writers.into_iter().map(ArrowColumnWriter::close).collect();
    };
    let schema = first.schema();
    // Hand out whole fields (a list field has several leaves, each with its own writer).
    let mut writers = writers.into_iter();
    let mut jobs = Vec::with_capacity(schema.fields().len());
    for (index, field) in schema.fields().iter().enumerate() {
        let leaves = compute_leaves(field, first.column(index))?.len();
        jobs.push((index, writers.by_ref().take(leaves).collect::<Vec<_>>()));
    }
    let jobs = Mutex::new(jobs.into_iter());
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut encoded: Vec<(usize, Vec<ArrowColumnChunk>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| encode_fields(&jobs, batches)))
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("encoding a column does not panic"))
            .collect::<parquet::errors::Result<Vec<_>>>()
    })?
    .into_iter()
    .flatten()
    .collect();
    encoded.sort_by_key(|(index, _)| *index);
    Ok(encoded.into_iter().flat_map(|(_, chunks)| chunks).collect())
}

/// One encoding thread: takes fields from `jobs` until none is left, encodes each over all batches.
fn encode_fields(
    jobs: &Mutex<std::vec::IntoIter<(usize, Vec<ArrowColumnWriter>)>>,
    batches: &[RecordBatch],
) -> parquet::errors::Result<Vec<(usize, Vec<ArrowColumnChunk>)>> {
    let mut done = Vec::new();
    loop {
        let job = jobs
            .lock()
            .expect("no thread panics holding the lock")
            .next();
        let Some((index, mut writers)) = job else {
            return Ok(done);
        };
        for batch in batches {
            let leaves = compute_leaves(batch.schema_ref().field(index), batch.column(index))?;
            for (writer, leaf) in writers.iter_mut().zip(&leaves) {
                writer.write(leaf)?;
            }
        }
        let chunks = writers
            .into_iter()
            .map(ArrowColumnWriter::close)
            .collect::<parquet::errors::Result<_>>()?;
        done.push((index, chunks));
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = File::create(path).map_err(|e| StoreError::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| StoreError::io(path, e))
}

/// Makes renames and new entries in `dir` durable.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io(dir, e))
}

/// A name in `dir` no other process or call uses.
fn unique_child(dir: &Path, prefix: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{prefix}-{}-{nanos}-{n}", std::process::id()))
}

/// The tables of a vintage directory with their row counts, read from the Parquet footers.
pub(crate) fn table_row_counts(dir: &Path) -> Result<Vec<(String, u64)>, StoreError> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))? {
        let path = entry.map_err(|e| StoreError::io(dir, e))?.path();
        if path.extension().is_some_and(|x| x == "parquet") {
            let file = File::open(&path).map_err(|e| StoreError::io(&path, e))?;
            let reader = SerializedFileReader::new(file).map_err(|source| StoreError::Parquet {
                path: path.clone(),
                source,
            })?;
            let rows = reader.metadata().file_metadata().num_rows() as u64;
            let name = path
                .file_stem()
                .expect("a .parquet file has a stem")
                .to_string_lossy()
                .into_owned();
            out.push((name, rows));
        }
    }
    out.sort();
    Ok(out)
}
