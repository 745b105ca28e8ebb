//! Durable, atomic writes: stage in `tmp/`, fsync, rename into place.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};

use crate::error::StoreError;

/// A vintage being written. Dropping it without [`Staged::publish`] removes everything it wrote.
pub(crate) struct Staged {
    dir: Option<PathBuf>,
}

impl Staged {
    /// A fresh directory under `tmp` to write a vintage into.
    pub(crate) fn new(tmp: &Path) -> Result<Staged, StoreError> {
        let dir = unique_child(tmp, "ingest");
        fs::create_dir(&dir).map_err(|e| StoreError::io(&dir, e))?;
        Ok(Staged { dir: Some(dir) })
    }

    /// Where a file of the vintage is written.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    /// Adds a file to the staged vintage.
    pub(crate) fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        write_synced(&self.path(name), bytes)
    }

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
        self.write_file(name, &bytes)
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
