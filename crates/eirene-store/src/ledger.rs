//! The provenance ledger: one JSON line per ingest, appended and never rewritten.
//!
//! JSON Lines keeps the ledger readable with `jq` or a text editor, and appending a line is the
//! only write, so an interrupted append can cost at most that line.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;

use eirene_ingest::Ingested;
use eirene_sources::SourceId;
use serde::{Deserialize, Serialize};

use crate::error::StoreError;

/// An input file of an ingest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// File name as given.
    pub name: String,
    /// The part of the source it holds (`main`, `population`, `idmc` ...).
    pub part: String,
    /// SHA-256 of the bytes as published (before decompression), hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Where it came from: the URL it was downloaded from, or the local path.
    pub origin: String,
}

impl FileRecord {
    /// Describes a file: its name, size and SHA-256, read in one streaming pass.
    pub fn of(path: &Path, part: &str, origin: &str) -> Result<FileRecord, StoreError> {
        use sha2::Digest;
        let io_err = |e| StoreError::io(path, e);
        let mut file = File::open(path).map_err(io_err)?;
        let mut hasher = sha2::Sha256::new();
        let mut buffer = vec![0u8; 1 << 20];
        let mut bytes = 0u64;
        loop {
            let n = file.read(&mut buffer).map_err(io_err)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
            bytes += n as u64;
        }
        Ok(FileRecord {
            name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            part: part.to_owned(),
            sha256: hex::encode(hasher.finalize()),
            bytes,
            origin: origin.to_owned(),
        })
    }
}

/// A row left out or rejected, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// File, line or cell, column.
    pub location: String,
    /// Why.
    pub reason: String,
}

/// One ingest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// 1-based position in the ledger.
    pub seq: u64,
    /// Source id.
    pub source: String,
    /// Version of the source.
    pub version: String,
    /// The input files.
    pub files: Vec<FileRecord>,
    /// Rows written per table.
    pub tables: Vec<(String, u64)>,
    /// Rows written over all tables.
    pub rows_accepted: u64,
    /// Rows not loaded under a documented rule (notes, aggregates), with reasons.
    pub rows_rejected: u64,
    /// The first rejections, with where and why.
    pub rejections: Vec<Rejection>,
    /// Warnings that did not stop the ingest.
    pub warnings: Vec<String>,
    /// When, in UTC (RFC 3339).
    pub ingested_at: String,
    /// The Eirene version that ingested it.
    pub eirene_version: String,
}

/// How many rejections an entry lists; all are counted.
const MAX_LISTED_REJECTIONS: usize = 100;

impl LedgerEntry {
    pub(crate) fn new(
        seq: u64,
        source: SourceId,
        version: &str,
        files: Vec<FileRecord>,
        tables: &[(&str, u64)],
        ingested: &Ingested,
    ) -> Self {
        LedgerEntry {
            seq,
            source: source.to_string(),
            version: version.to_owned(),
            files,
            tables: tables
                .iter()
                .map(|&(name, rows)| (name.to_owned(), rows))
                .collect(),
            rows_accepted: tables.iter().map(|(_, rows)| rows).sum(),
            rows_rejected: ingested.skipped.len() as u64,
            rejections: ingested
                .skipped
                .iter()
                .take(MAX_LISTED_REJECTIONS)
                .map(|p| Rejection {
                    location: p.location.to_string(),
                    reason: p.reason.clone(),
                })
                .collect(),
            warnings: ingested.warnings.clone(),
            ingested_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            eirene_version: crate::EIRENE_VERSION.to_owned(),
        }
    }
}

/// The number the next entry takes.
pub(crate) fn next_seq(path: &Path) -> Result<u64, StoreError> {
    Ok(read(path)?.last().map_or(1, |last| last.seq + 1))
}

/// Appends an entry and makes it durable.
pub(crate) fn append(path: &Path, entry: LedgerEntry) -> Result<LedgerEntry, StoreError> {
    let mut line = serde_json::to_vec(&entry).expect("ledger entries serialise");
    line.push(b'\n');
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    file.write_all(&line)
        .and_then(|()| file.sync_all())
        .map_err(|e| StoreError::io(path, e))?;
    Ok(entry)
}

/// Every entry, oldest first; an absent ledger is empty.
pub(crate) fn read(path: &Path) -> Result<Vec<LedgerEntry>, StoreError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| StoreError::Ledger {
                path: path.to_owned(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}
