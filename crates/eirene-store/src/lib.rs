//! The evidence store: every ingested vintage of every source as Parquet tables, the provenance
//! ledger, and read-only SQL over them through DataFusion.
//!
//! # Layout of a data directory
//!
//! ```text
//! DATA_DIR/
//!   store/<source>/<version>/<table>.parquet   one file per canonical table
//!   store/<source>/<version>/vintage.json      what was ingested: files, sha256, rows
//!   store/<source>/<version>/<attachment>      files kept as published (boundaries)
//!   store/<source>/current                     the version queries use by default
//!   downloads/<source>/<version>/<file>        files fetched by `eirene sync`, as published
//!   ledger.jsonl                               one JSON line per ingest, append-only
//!   tmp/                                       work space of ingests in progress
//! ```
//!
//! # Guarantees
//!
//! An ingest is all-or-nothing ([`Store::begin`], [`VintageWriter::commit`]): tables are written
//! into `tmp/` while they are parsed, fsynced, and moved into `store/` by one rename; the
//! `current` pointer is replaced by another rename; the ledger line is appended last. A failed
//! ingest removes what it wrote to `tmp/`, so it leaves the data directory byte-identical.

mod engine;
mod error;
mod ledger;
mod table_writer;
mod write;

pub use engine::{QueryResult, Sql, table_name};
pub use error::StoreError;
pub use ledger::{FileRecord, LedgerEntry, Rejection};
pub use table_writer::{TableWriter, parquet_properties};

use std::fs;
use std::path::{Path, PathBuf};

use datafusion::arrow::record_batch::RecordBatch;
use eirene_ingest::{Ingested, SinkError, TableSink};
use eirene_sources::SourceId;

/// The version of Eirene recorded in every ledger entry.
pub const EIRENE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// One stored vintage of a source.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Vintage {
    /// The source.
    pub source: String,
    /// Its version.
    pub version: String,
    /// Whether queries use it by default.
    pub current: bool,
    /// Tables and their row counts.
    pub tables: Vec<(String, u64)>,
}

impl Store {
    /// Opens a data directory, creating its layout when new.
    pub fn open(root: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let root = root.into();
        for dir in ["store", "downloads", "tmp"] {
            let path = root.join(dir);
            fs::create_dir_all(&path).map_err(|e| StoreError::io(&path, e))?;
        }
        Ok(Store { root })
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where `eirene sync` keeps the files it downloads for a vintage.
    pub fn downloads_dir(&self, source: SourceId, version: &str) -> PathBuf {
        self.root
            .join("downloads")
            .join(source.as_str())
            .join(version)
    }

    fn source_dir(&self, source: &str) -> PathBuf {
        self.root.join("store").join(source)
    }

    fn vintage_dir(&self, source: &str, version: &str) -> PathBuf {
        self.source_dir(source).join(version)
    }

    /// Starts writing the vintage `version` of `source`. The writer is the ingest's
    /// [`TableSink`]; [`VintageWriter::commit`] then makes the vintage current. Dropped without
    /// a commit (the ingest failed), it removes everything it wrote.
    pub fn begin(&self, source: SourceId, version: &str) -> Result<VintageWriter<'_>, StoreError> {
        check_version(version)?;
        Ok(VintageWriter {
            store: self,
            source,
            version: version.to_owned(),
            staged: write::Staged::new(&self.root.join("tmp"))?,
            tables: Vec::new(),
        })
    }

    /// Makes an already stored vintage the one queries use by default.
    pub fn set_current(&self, source: SourceId, version: &str) -> Result<(), StoreError> {
        if !self.vintage_dir(source.as_str(), version).is_dir() {
            return Err(StoreError::UnknownVintage {
                source_id: source.to_string(),
                version: version.to_owned(),
            });
        }
        write::replace_file(
            &self.source_dir(source.as_str()).join("current"),
            version.as_bytes(),
        )
    }

    /// The current version of a source, if any vintage is stored.
    pub fn current(&self, source: &str) -> Result<Option<String>, StoreError> {
        let path = self.source_dir(source).join("current");
        match fs::read_to_string(&path) {
            Ok(version) => Ok(Some(version.trim().to_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(&path, e)),
        }
    }

    /// Every stored vintage, by source then version.
    pub fn vintages(&self) -> Result<Vec<Vintage>, StoreError> {
        let mut out = Vec::new();
        for source in sorted_subdirs(&self.root.join("store"))? {
            let current = self.current(&source)?;
            for version in sorted_subdirs(&self.source_dir(&source))? {
                let tables = write::table_row_counts(&self.vintage_dir(&source, &version))?;
                let current = current.as_deref() == Some(version.as_str());
                out.push(Vintage {
                    source: source.clone(),
                    version,
                    current,
                    tables,
                });
            }
        }
        Ok(out)
    }

    /// The Parquet file of a table in a vintage.
    pub fn table_path(&self, source: &str, version: &str, table: &str) -> PathBuf {
        self.vintage_dir(source, version)
            .join(format!("{table}.parquet"))
    }

    /// A file kept as published in a vintage (e.g. the TopoJSON boundaries).
    pub fn attachment_path(&self, source: &str, version: &str, name: &str) -> PathBuf {
        self.vintage_dir(source, version).join(name)
    }

    fn ledger_path(&self) -> PathBuf {
        self.root.join("ledger.jsonl")
    }

    /// The ledger, oldest first.
    pub fn ledger(&self) -> Result<Vec<LedgerEntry>, StoreError> {
        ledger::read(&self.ledger_path())
    }
}

/// A vintage being ingested: its tables are written as they are parsed (see [`Store::begin`]).
pub struct VintageWriter<'s> {
    store: &'s Store,
    source: SourceId,
    version: String,
    staged: write::Staged,
    tables: Vec<TableWriter>,
}

impl TableSink for VintageWriter<'_> {
    fn write(&mut self, table: &'static str, batch: RecordBatch) -> Result<(), SinkError> {
        let known = self.tables.iter().position(|t| t.name() == table);
        let writer = match known {
            Some(index) => &mut self.tables[index],
            None => {
                let path = self.staged.path(&format!("{table}.parquet"));
                let writer = TableWriter::create(path, table, batch.schema())?;
                self.tables.push(writer);
                self.tables.last_mut().expect("just pushed")
            }
        };
        Ok(writer.write(&batch)?)
    }
}

impl VintageWriter<'_> {
    /// Finishes the tables, adds the attachments, makes the vintage current and records it in
    /// the ledger. `files` describe the inputs (name, sha256, size, origin); `ingested` is what
    /// the ingest returned besides its tables.
    ///
    /// A vintage ingested again replaces the earlier copy of the same version as a whole.
    pub fn commit(
        self,
        files: Vec<FileRecord>,
        ingested: Ingested,
    ) -> Result<LedgerEntry, StoreError> {
        let VintageWriter {
            store,
            source,
            version,
            staged,
            tables,
        } = self;
        let tables = tables
            .into_iter()
            .map(TableWriter::finish)
            .collect::<Result<Vec<_>, _>>()?;
        for attachment in &ingested.attachments {
            staged.write_file(&attachment.name, &attachment.bytes)?;
        }
        let entry = LedgerEntry::new(
            ledger::next_seq(&store.ledger_path())?,
            source,
            &version,
            files,
            &tables,
            &ingested,
        );
        staged.write_json("vintage.json", &entry)?;
        staged.publish(&store.vintage_dir(source.as_str(), &version))?;
        write::replace_file(
            &store.source_dir(source.as_str()).join("current"),
            version.as_bytes(),
        )?;
        ledger::append(&store.ledger_path(), entry)
    }
}

/// Versions become directory names and SQL table suffixes: keep them to a safe alphabet.
pub fn check_version(version: &str) -> Result<(), StoreError> {
    let ok = !version.is_empty()
        && version.len() <= 40
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !version.starts_with('.');
    if ok {
        Ok(())
    } else {
        Err(StoreError::BadVersion(version.to_owned()))
    }
}

/// Names of the subdirectories of `dir` (none when it does not exist), sorted.
fn sorted_subdirs(dir: &Path) -> Result<Vec<String>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        if entry
            .file_type()
            .map_err(|e| StoreError::io(dir, e))?
            .is_dir()
        {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}
