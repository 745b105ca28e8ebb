//! What the server holds between requests: the stores, the map, and per-state-of-the-data
//! caches of SQL sessions and rendered responses.
//!
//! The data change only through `eirene sync`/`ingest` (the ledger) and `eirene treaties`
//! (the records database), possibly in another process. Each request compares a cheap stamp of
//! those files with the snapshot's; when it differs, a new SQL session and an empty response
//! cache replace the old ones. Rendering is therefore done once per page and state of the data.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use axum::body::Bytes;
use axum::http::StatusCode;
use eirene_charts::World;
use eirene_store::{Sql, Store};
use eirene_treaties::records::{RECORDS_FILE, Records};

use crate::error::WebError;
use crate::pages::Rows;
use crate::pages::treaties::Standing;
use chrono::NaiveDate;

/// A response kept for the state of the data it was rendered from.
#[derive(Debug, Clone)]
pub struct Cached {
    /// Status code.
    pub status: StatusCode,
    /// Content-Type.
    pub content_type: String,
    /// Body.
    pub body: Bytes,
    /// The body, gzip-compressed.
    pub gzipped: Bytes,
}

/// The sizes and modification times of the files whose change means new data.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp(Vec<Option<(u64, SystemTime)>>);

impl Stamp {
    fn of(files: &[PathBuf]) -> Stamp {
        Stamp(
            files
                .iter()
                .map(|f| {
                    let meta = std::fs::metadata(f).ok()?;
                    Some((meta.len(), meta.modified().ok()?))
                })
                .collect(),
        )
    }
}

/// One state of the data: its SQL session and the responses rendered from it.
pub struct Snapshot {
    stamp: Stamp,
    /// SQL over the store as it was.
    pub sql: Sql,
    cache: Mutex<HashMap<String, Cached>>,
    /// Indicators computed in full, shared by every page that shows a part of them.
    pub indicators: tokio::sync::Mutex<HashMap<&'static str, Option<Arc<Rows>>>>,
    /// Every treaty's standing on a date, shared by the country pages.
    pub treaties: tokio::sync::Mutex<HashMap<NaiveDate, Arc<Standing>>>,
}

impl Snapshot {
    /// A response rendered before for this key.
    pub fn cached(&self, key: &str) -> Option<Cached> {
        self.cache.lock().expect("cache lock").get(key).cloned()
    }

    /// Keeps a response.
    pub fn keep(&self, key: String, response: Cached) {
        self.cache.lock().expect("cache lock").insert(key, response);
    }
}

/// The server's state.
pub struct Site {
    /// The evidence store.
    pub store: Store,
    /// The treaty records.
    pub records: Records,
    /// Natural Earth boundaries, when synced.
    pub world: Option<World>,
    watched: Vec<PathBuf>,
    snapshot: RwLock<Arc<Snapshot>>,
}

impl Site {
    /// Opens the data directory.
    pub async fn open(data_dir: &Path) -> Result<Site, WebError> {
        let store = Store::open(data_dir)?;
        let records = Records::open_sqlite(&data_dir.join(RECORDS_FILE)).await?;
        let world = load_world(&store)?;
        let watched = vec![
            data_dir.join("ledger.jsonl"),
            data_dir.join(RECORDS_FILE),
            data_dir.join(format!("{RECORDS_FILE}-wal")),
        ];
        let snapshot = RwLock::new(Arc::new(Snapshot {
            stamp: Stamp::of(&watched),
            sql: store.sql().await?,
            cache: Mutex::default(),
            indicators: Default::default(),
            treaties: Default::default(),
        }));
        Ok(Site {
            store,
            records,
            world,
            watched,
            snapshot,
        })
    }

    /// The snapshot of the data as it is now, renewed if the data changed since.
    pub async fn snapshot(&self) -> Result<Arc<Snapshot>, WebError> {
        let stamp = Stamp::of(&self.watched);
        let current = self.snapshot.read().expect("snapshot lock").clone();
        if current.stamp == stamp {
            return Ok(current);
        }
        let fresh = Arc::new(Snapshot {
            stamp,
            sql: self.store.sql().await?,
            cache: Mutex::default(),
            indicators: Default::default(),
            treaties: Default::default(),
        });
        *self.snapshot.write().expect("snapshot lock") = fresh.clone();
        Ok(fresh)
    }
}

/// The boundaries of the current Natural Earth vintage, if synced (also used by the command
/// line for exposure and the conflict index).
pub fn load_world(store: &Store) -> Result<Option<World>, WebError> {
    let Some(version) = store.current("naturalearth")? else {
        return Ok(None);
    };
    let path = store.attachment_path("naturalearth", &version, "countries.topojson");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| WebError::Internal(format!("{}: {e}", path.display())))?;
    World::from_topojson(&text, "countries")
        .map(Some)
        .map_err(|e| WebError::Internal(format!("{}: {e}", path.display())))
}
