//! Running the `eirene` binary against a temporary data directory, and reading its output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The shared test data (`../shared/data` beside the repository), or `EIRENE_SHARED_DATA`.
pub fn shared_data() -> PathBuf {
    std::env::var_os("EIRENE_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// A file of the shared test data.
pub fn shared(relative: &str) -> PathBuf {
    let path = shared_data().join(relative);
    assert!(
        path.is_file(),
        "shared test data missing: {}",
        path.display()
    );
    path
}

/// A data directory and the binary that works on it.
pub struct Eirene {
    pub dir: tempfile::TempDir,
}

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Eirene {
    /// An empty data directory.
    pub fn new() -> Eirene {
        Eirene {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `eirene ARGS...` with this data directory.
    pub fn run(&self, args: &[&str]) -> Run {
        let output: Output = Command::new(env!("CARGO_BIN_EXE_eirene"))
            .args(args)
            .env("EIRENE_DATA_DIR", self.dir.path())
            .env_remove("EIRENE_FORMAT")
            .output()
            .expect("the eirene binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs a command that must succeed.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "eirene {args:?} failed:\n{}", run.stderr);
        run
    }

    /// Rows of a query, as JSON objects.
    pub fn query(&self, sql: &str) -> Vec<BTreeMap<String, Value>> {
        let run = self.ok(&["sql", "--format", "json", sql]);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
    }

    /// The single value of a one-row, one-column query.
    pub fn scalar(&self, sql: &str) -> Value {
        let rows = self.query(sql);
        assert_eq!(rows.len(), 1, "{sql} returned {rows:?}");
        rows[0].values().next().cloned().expect("one column")
    }

    /// A digest of every file and directory under the data directory (paths and bytes).
    ///
    /// SQLite's write-ahead log and its index are left out: every command folds the log into the
    /// database file before it ends (checked here: a log left behind is empty), so the database
    /// file holds the records, whether or not SQLite got to delete the emptied log.
    pub fn digest(&self) -> String {
        let mut hasher = Sha256::new();
        let mut entries = Vec::new();
        walk(self.dir.path(), &mut entries);
        entries.sort();
        for path in entries {
            let name = path.to_string_lossy();
            if name.ends_with("-wal") {
                let bytes = std::fs::metadata(&path).expect("readable").len();
                assert_eq!(bytes, 0, "{name} was left holding records");
                continue;
            }
            if name.ends_with("-shm") {
                continue;
            }
            let relative = path
                .strip_prefix(self.dir.path())
                .expect("under the data directory");
            hasher.update(relative.to_string_lossy().as_bytes());
            if path.is_file() {
                hasher.update(std::fs::read(&path).expect("readable"));
            }
        }
        hex::encode(hasher.finalize())
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("directory entry").path();
        out.push(path.clone());
        if path.is_dir() {
            walk(&path, out);
        }
    }
}

/// A data directory synced once from the shared mirror, shared by read-only tests.
pub fn synced() -> &'static Eirene {
    static SYNCED: OnceLock<Eirene> = OnceLock::new();
    SYNCED.get_or_init(|| {
        let eirene = Eirene::new();
        eirene.ok(&[
            "sync",
            "--from",
            shared_data().to_str().expect("UTF-8 path"),
        ]);
        eirene
    })
}

/// A JSON number as f64.
pub fn num(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}
