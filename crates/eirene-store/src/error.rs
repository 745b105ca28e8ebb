//! Store errors.

use std::path::{Path, PathBuf};

/// Why a store operation failed. A failed write leaves the previous state in place.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Writing or reading Parquet failed.
    #[error("{}: {source}", path.display())]
    Parquet {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: datafusion::parquet::errors::ParquetError,
    },
    /// The ledger holds a line that is not a ledger entry.
    #[error("{}:{line}: not a ledger entry: {reason}", path.display())]
    Ledger {
        /// The ledger file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The reason.
        reason: String,
    },
    /// A version string that cannot name a directory and a table.
    #[error("version `{0}` may only use letters, digits, `.`, `-` and `_` (at most 40)")]
    BadVersion(String),
    /// No such vintage in the store.
    #[error("no vintage {version} of {source_id} in the store")]
    UnknownVintage {
        /// The source.
        source_id: String,
        /// The version asked for.
        version: String,
    },
    /// The SQL could not be planned or run (syntax, unknown table, a write attempted ...).
    #[error("{0}")]
    Query(#[from] datafusion::error::DataFusionError),
}

impl StoreError {
    /// An I/O error at a path.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.to_owned(),
            source,
        }
    }
}
