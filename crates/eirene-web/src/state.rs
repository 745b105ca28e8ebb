//! What the server holds between requests: the stores, the map, the population raster, and
//! per-state-of-the-data caches of SQL sessions and rendered responses.
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
use eirene_spatial::{CountryRaster, RowSource};
use eirene_store::{Sql, Store};
use eirene_treaties::records::{RECORDS_FILE, Records};

use crate::error::WebError;
use crate::pages::Rows;
use crate::pages::conflict_index::Ranked;
use crate::pages::exposure::Exposed;
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
    /// Population exposure in every country, shared by the country pages: one pass over the
    /// population raster, made when the first page asks.
    pub exposure: tokio::sync::OnceCell<Exposed>,
    /// The conflict index by events source and window end, shared by the index page's languages
    /// and twins: with diffusion, each computation reads the whole population raster.
    pub rankings: tokio::sync::Mutex<HashMap<(&'static str, NaiveDate), Arc<Ranked>>>,
}

impl Snapshot {
    async fn new(stamp: Stamp, store: &Store) -> Result<Snapshot, WebError> {
        Ok(Snapshot {
            stamp,
            sql: store.sql().await?,
            cache: Mutex::default(),
            indicators: Default::default(),
            treaties: Default::default(),
            exposure: Default::default(),
            rankings: Default::default(),
        })
    }

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
    /// The population raster the server was started with (`eirene serve --population`), for
    /// the exposure on country pages and the diffusion of the conflict index.
    pub population: Option<PopulationRaster>,
    watched: Vec<PathBuf>,
    snapshot: RwLock<Arc<Snapshot>>,
}

impl Site {
    /// Opens the data directory, and the population raster if one is given: a raster that
    /// cannot be read, or that has no country boundaries to count its people by, stops the
    /// server now rather than failing the first page that needs it.
    pub async fn open(data_dir: &Path, population: Option<PathBuf>) -> Result<Site, WebError> {
        let store = Store::open(data_dir)?;
        let records = Records::open_sqlite(&data_dir.join(RECORDS_FILE)).await?;
        let world = load_world(&store)?;
        let population = population
            .map(|path| PopulationRaster::open(path, world.as_ref()))
            .transpose()?;
        let watched = vec![
            data_dir.join("ledger.jsonl"),
            data_dir.join(RECORDS_FILE),
            data_dir.join(format!("{RECORDS_FILE}-wal")),
        ];
        let snapshot = RwLock::new(Arc::new(Snapshot::new(Stamp::of(&watched), &store).await?));
        Ok(Site {
            store,
            records,
            world,
            population,
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
        let fresh = Arc::new(Snapshot::new(stamp, &self.store).await?);
        *self.snapshot.write().expect("snapshot lock") = fresh.clone();
        Ok(fresh)
    }
}

/// A population raster (GeoTIFF or ESRI ASCII), and the countries its people are counted by.
pub struct PopulationRaster {
    path: PathBuf,
    /// The Natural Earth countries, rasterised once for every pass.
    countries: Arc<CountryRaster>,
}

impl PopulationRaster {
    /// Checks that the raster at `path` can be read (its header, now) and that there are
    /// boundaries to assign its people to.
    fn open(path: PathBuf, world: Option<&World>) -> Result<PopulationRaster, WebError> {
        eirene_spatial::raster::open(&path)?;
        let world = world.ok_or_else(|| {
            WebError::Internal(format!(
                "population raster {}: no country boundaries to count its people by: run \
                 `eirene sync naturalearth`",
                path.display()
            ))
        })?;
        Ok(PopulationRaster {
            path,
            countries: Arc::new(CountryRaster::new(world)),
        })
    }

    /// The file's name, as pages cite it: the server's directories are nobody's business.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .unwrap_or(self.path.as_os_str())
            .to_string_lossy()
            .into_owned()
    }

    /// Runs `pass` over the raster, read from start to end, with the countries its cells belong
    /// to. The pass runs on a blocking thread: a global raster takes seconds to read, which
    /// would stall every other request on the server's I/O threads.
    pub async fn read<T: Send + 'static>(
        &self,
        pass: impl FnOnce(&mut dyn RowSource, &CountryRaster) -> Result<T, WebError> + Send + 'static,
    ) -> Result<T, WebError> {
        let path = self.path.clone();
        let countries = self.countries.clone();
        tokio::task::spawn_blocking(move || {
            let mut raster = eirene_spatial::raster::open(&path)?;
            pass(raster.as_mut(), &countries)
        })
        .await
        .map_err(|e| WebError::Internal(format!("population raster pass: {e}")))?
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
