//! Synthetic UCDP GED-format event files, **for benchmarks only**.
//!
//! This crate writes CSV files that look like the UCDP Georeferenced Event Dataset
//! (GED): the same 49 columns in the same order ([`GED_COLUMNS`]), and values with
//! realistic types, lengths and distributions, so that ingest pipelines can be
//! timed on files of any size (the real GED 25.1 has 385,918 rows).
//!
//! # Synthetic data is never real data
//!
//! Every event, actor pairing, place name, headline and death count written here is
//! invented. The files exist only to measure speed and memory. They must **never**
//! be mixed with, stored next to, or published as real UCDP data, and no statistic
//! computed from them means anything. Keep them in throwaway locations such as
//! `bench/out/` and in stores that hold nothing else.
//!
//! # What the generator does
//!
//! * Countries come from a built-in table of 44 countries ([`countries`]) with
//!   their GED name, Gleditsch–Ward code (`country_id`), UCDP region, a weight
//!   roughly proportional to how many GED events they have (Syria, Afghanistan,
//!   Iraq, Ukraine, Mexico, Somalia, DR Congo, Nigeria ...), a lon/lat bounding box
//!   (coordinates are drawn uniformly inside it) and the years in which events occur.
//! * Years run 1989–2024, weighted toward 2013–2016 and 2022–2024.
//! * `type_of_violence` 1/2/3 is about 60/20/20 overall, with country profiles
//!   (Mexico and Brazil are almost all non-state violence).
//! * Conflict, dyad and actor ids are consistent: one state-based conflict per
//!   country (`"Syria: Government"`), one dyad per government opponent, non-state
//!   dyads between pairs of groups, one-sided dyads `"<actor> - Civilians"`
//!   (`side_b_dset_id` 9999, `side_b_new_id` 1). The same actor name has the same id
//!   everywhere.
//! * Deaths are heavy-tailed (about 9 % zero, 35 % one, most below 10, a Pareto
//!   tail from 100 up to 20,000) and split into `deaths_a`, `deaths_b`,
//!   `deaths_civilians` and `deaths_unknown`; `best` is always their sum and
//!   `low <= best <= high` holds on every row (real GED breaks this on ~1 % of rows).
//! * `relid` is `CODE-YEAR-TYPE-DYAD-N` (e.g. `SYR-2013-1-11973-99`), unique;
//!   `id` is unique and increasing.
//! * Dates are ISO `YYYY-MM-DD` inside the event year; `date_prec` 1–5 sets the span.
//! * Text columns (`source_article`, `source_headline`, `where_description`,
//!   `adm_1`, `adm_2` ...) have realistic shapes and lengths; about half of the
//!   pre-2010 rows (15 % of later ones) have the older free-text `source_article` with
//!   `number_of_sources` = -1 and empty `source_office`/`source_date`/`source_headline`.
//!
//! Output is deterministic: the same [`GedOptions`] give byte-identical files.
//! The CSV has `\n` line ends and RFC 4180 quoting (only fields holding a comma,
//! quote or line break are quoted), like the GED sample, and averages about 710 bytes
//! per row (10 million rows ≈ 7 GB). Generation is single-threaded and
//! allocation-free per row after warm-up: about 600,000 rows/s (≈ 420 MB/s) in a
//! release build, so output speed is usually bounded by the disk.
//!
//! ```
//! let mut csv = Vec::new();
//! let rows = eirene_synth::write_ged(&mut csv, &eirene_synth::GedOptions { rows: 10, seed: 1 })?;
//! assert_eq!(rows, 10);
//! # Ok::<(), eirene_synth::SynthError>(())
//! ```

mod tables;

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Pareto};

pub use tables::CountrySpec;
use tables::{COUNTRIES, FIRST_YEAR, LAST_YEAR, YEAR_WEIGHTS};

/// The 49 GED columns, in the order of the UCDP GED CSV.
pub const GED_COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

/// How many rows pass between two calls of the progress callback of
/// [`write_ged_with_progress`].
pub const PROGRESS_INTERVAL: u64 = 1 << 16;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GedOptions {
    /// Number of event rows (the header is not counted).
    pub rows: u64,
    /// Seed of the random generator; the same seed gives the same bytes.
    pub seed: u64,
}

impl Default for GedOptions {
    fn default() -> Self {
        Self {
            rows: 1000,
            seed: 1,
        }
    }
}

/// Errors while writing a synthetic file.
#[derive(Debug)]
#[non_exhaustive]
pub enum SynthError {
    /// Creating, writing or renaming the output failed.
    Io(io::Error),
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SynthError::Io(e) => write!(f, "writing synthetic data: {e}"),
        }
    }
}

impl std::error::Error for SynthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SynthError::Io(e) => Some(e),
        }
    }
}

impl From<io::Error> for SynthError {
    fn from(e: io::Error) -> Self {
        SynthError::Io(e)
    }
}

/// The built-in country table the generator draws from.
pub fn countries() -> &'static [CountrySpec] {
    COUNTRIES
}

/// The UCDP region name (`Africa`, `Americas`, `Asia`, `Europe`, `Middle East`)
/// of a Gleditsch–Ward code, as written in the `region` column.
pub fn region_of(gw: u16) -> &'static str {
    tables::region_of(gw)
}

/// Writes a synthetic GED CSV (header plus `options.rows` rows) to `out` and
/// returns the number of rows written.
///
/// `out` is buffered internally; pass a plain [`std::fs::File`].
pub fn write_ged(out: impl Write, options: &GedOptions) -> Result<u64, SynthError> {
    write_ged_with_progress(out, options, |_| {})
}

/// Like [`write_ged`], calling `progress(rows_written_so_far)` every
/// [`PROGRESS_INTERVAL`] rows and once at the end (for a progress bar).
pub fn write_ged_with_progress(
    out: impl Write,
    options: &GedOptions,
    mut progress: impl FnMut(u64),
) -> Result<u64, SynthError> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    out.write_all(GED_COLUMNS.join(",").as_bytes())?;
    out.write_all(b"\n")?;
    let mut generator = Generator::new(options.seed);
    for row in 0..options.rows {
        generator.write_row(&mut out)?;
        if (row + 1) % PROGRESS_INTERVAL == 0 {
            progress(row + 1);
        }
    }
    out.flush()?;
    progress(options.rows);
    Ok(options.rows)
}

/// Writes a synthetic GED CSV to `path`, creating parent directories.
///
/// The data go to `<path>.part` first, which is renamed to `path` only once
/// complete, so an interrupted run never leaves a truncated file at `path`.
pub fn write_ged_to_path(
    path: impl AsRef<Path>,
    options: &GedOptions,
    progress: impl FnMut(u64),
) -> Result<u64, SynthError> {
    let path = path.as_ref();
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = std::path::PathBuf::from(part);
    let file = std::fs::File::create(&part)?;
    let rows = write_ged_with_progress(&file, options, progress)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&part, path)?;
    Ok(rows)
}

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// One dyad with everything that is fixed per dyad.
struct Dyad {
    tov: u8,
    weight: u32,
    from_year: u16,
    /// Global slot for the per-dyad-year event counters of `relid`.
    slot: usize,
    conflict_dset_id: u32,
    conflict_new_id: u32,
    conflict_name: String,
    dyad_dset_id: u32,
    dyad_new_id: u32,
    dyad_name: String,
    side_a_dset_id: u32,
    side_a_new_id: u32,
    side_a: &'static str,
    side_b_dset_id: u32,
    side_b_new_id: u32,
    side_b: &'static str,
    /// Names used in headlines.
    head_a: String,
    head_b: String,
    gwnoa: Option<u16>,
    gwnob: Option<u16>,
}

struct Country {
    spec: &'static CountrySpec,
    short: &'static str,
    region: &'static str,
    agencies: &'static [&'static str],
    /// Cumulative year weights, restricted to the country's years.
    year_cum: [u32; YEARS],
    tov_cum: [u32; 3],
    dyads: Vec<Dyad>,
    by_type: [Vec<usize>; 3],
    lon: (i64, i64),
    lat: (i64, i64),
    adm2_suffix: &'static str,
}

/// Assigns one id per distinct actor name.
struct ActorIds(Vec<(&'static str, u32)>);

impl ActorIds {
    fn get(&mut self, name: &'static str) -> u32 {
        if let Some(&(_, id)) = self.0.iter().find(|(n, _)| *n == name) {
            return id;
        }
        let id = 100 + 37 * self.0.len() as u32;
        self.0.push((name, id));
        id
    }
}

fn micro(deg: f64) -> i64 {
    (deg * 1e6).round() as i64
}

fn short_name(name: &'static str) -> &'static str {
    name.split(" (").next().unwrap_or(name)
}

fn build_countries() -> Vec<Country> {
    let mut actors = ActorIds(Vec::new());
    let mut slot = 0usize;
    let mut out = Vec::with_capacity(COUNTRIES.len());
    for (i, spec) in COUNTRIES.iter().enumerate() {
        let i = i as u32;
        let short = short_name(spec.name);
        let gov_head = format!("{short} government");
        let gov_id = actors.get(spec.gov);
        let mut dyads = Vec::new();
        let mut next_slot = || {
            slot += 1;
            slot - 1
        };
        // State-based: the government against each opponent.
        for (j, rebel) in spec.rebels.iter().enumerate() {
            let id = actors.get(rebel);
            let dyad_id = 700 + i * 10 + j as u32;
            dyads.push(Dyad {
                tov: 1,
                weight: if j == 0 { 4 } else { 1 },
                from_year: FIRST_YEAR,
                slot: next_slot(),
                conflict_dset_id: 200 + i,
                conflict_new_id: 200 + i,
                conflict_name: format!("{}: Government", spec.name),
                dyad_dset_id: dyad_id,
                dyad_new_id: dyad_id,
                dyad_name: format!("{} - {}", spec.gov, rebel),
                side_a_dset_id: gov_id,
                side_a_new_id: gov_id,
                side_a: spec.gov,
                side_b_dset_id: id,
                side_b_new_id: id,
                side_b: rebel,
                head_a: gov_head.clone(),
                head_b: (*rebel).to_owned(),
                gwnoa: Some(spec.gw),
                gwnob: None,
            });
        }
        if let Some((other, other_gw, from_year)) = spec.interstate {
            let other_id = actors.get(other);
            let dyad_id = 1200 + i;
            dyads.push(Dyad {
                tov: 1,
                weight: 12,
                from_year,
                slot: next_slot(),
                conflict_dset_id: 400 + i,
                conflict_new_id: 400 + i,
                conflict_name: format!("{} - {}", short_name(other_name(other)), short),
                dyad_dset_id: dyad_id,
                dyad_new_id: dyad_id,
                dyad_name: format!("{} - {}", other, spec.gov),
                side_a_dset_id: other_id,
                side_a_new_id: other_id,
                side_a: other,
                side_b_dset_id: gov_id,
                side_b_new_id: gov_id,
                side_b: spec.gov,
                head_a: format!("{} army", short_name(other_name(other))),
                head_b: gov_head.clone(),
                gwnoa: Some(other_gw),
                gwnob: Some(spec.gw),
            });
        }
        // Non-state: consecutive pairs of groups.
        for (k, pair) in spec.groups.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let dyad_id = 13000 + i * 10 + k as u32;
            let (id_a, id_b) = (actors.get(a), actors.get(b));
            dyads.push(Dyad {
                tov: 2,
                weight: if k == 0 { 3 } else { 1 },
                from_year: FIRST_YEAR,
                slot: next_slot(),
                conflict_dset_id: dyad_id,
                conflict_new_id: 12000 + i * 10 + k as u32,
                conflict_name: format!("{a} - {b}"),
                dyad_dset_id: dyad_id,
                dyad_new_id: dyad_id,
                dyad_name: format!("{a} - {b}"),
                side_a_dset_id: id_a,
                side_a_new_id: id_a,
                side_a: a,
                side_b_dset_id: id_b,
                side_b_new_id: id_b,
                side_b: b,
                head_a: a.to_owned(),
                head_b: b.to_owned(),
                gwnoa: None,
                gwnob: None,
            });
        }
        // One-sided: every actor against civilians.
        let mut perpetrators: Vec<&'static str> = vec![spec.gov];
        for name in spec.rebels.iter().chain(spec.groups) {
            if !perpetrators.contains(name) {
                perpetrators.push(name);
            }
        }
        for (a, name) in perpetrators.into_iter().enumerate() {
            let id = actors.get(name);
            let is_gov = name == spec.gov;
            dyads.push(Dyad {
                tov: 3,
                weight: if a < 2 { 3 } else { 1 },
                from_year: FIRST_YEAR,
                slot: next_slot(),
                conflict_dset_id: id,
                conflict_new_id: 14000 + i * 20 + a as u32,
                conflict_name: format!("{name} - Civilians"),
                dyad_dset_id: id,
                dyad_new_id: 15000 + i * 20 + a as u32,
                dyad_name: format!("{name} - Civilians"),
                side_a_dset_id: id,
                side_a_new_id: id,
                side_a: name,
                side_b_dset_id: 9999,
                side_b_new_id: 1,
                side_b: "Civilians",
                head_a: if is_gov {
                    format!("{short} security forces")
                } else {
                    name.to_owned()
                },
                head_b: "civilians".to_owned(),
                gwnoa: is_gov.then_some(spec.gw),
                gwnob: None,
            });
        }

        let mut by_type: [Vec<usize>; 3] = Default::default();
        for (d, dyad) in dyads.iter().enumerate() {
            by_type[usize::from(dyad.tov - 1)].push(d);
        }
        let mut tov_cum = [0u32; 3];
        let mut acc = 0;
        for t in 0..3 {
            if !by_type[t].is_empty() {
                acc += u32::from(spec.tov[t]);
            }
            tov_cum[t] = acc;
        }
        assert!(acc > 0, "country {} has no dyads", spec.name);

        let mut year_cum = [0u32; YEARS];
        let mut acc = 0;
        for (y, w) in YEAR_WEIGHTS.iter().enumerate() {
            let year = FIRST_YEAR + y as u16;
            if (spec.years.0..=spec.years.1).contains(&year) {
                acc += w;
            }
            year_cum[y] = acc;
        }
        let region = tables::region_of(spec.gw);
        out.push(Country {
            spec,
            short,
            region,
            agencies: tables::agencies(region),
            year_cum,
            tov_cum,
            dyads,
            by_type,
            lon: (micro(spec.lon.0), micro(spec.lon.1)),
            lat: (micro(spec.lat.0), micro(spec.lat.1)),
            adm2_suffix: if region == "Americas" {
                "municipality"
            } else {
                "district"
            },
        });
    }
    out
}

/// The name as written in dyad names for an interstate opponent.
fn other_name(gov: &'static str) -> &'static str {
    gov.strip_prefix("Government of ").unwrap_or(gov)
}

/// Picks an index from a cumulative weight table.
fn pick_cum<R: RngExt>(rng: &mut R, cum: &[u32]) -> usize {
    let total = cum[cum.len() - 1];
    let u = rng.random_range(0..total);
    cum.partition_point(|&c| c <= u)
}

struct Generator {
    rng: Xoshiro256PlusPlus,
    countries: Vec<Country>,
    country_cum: Vec<u32>,
    /// Events so far per dyad slot and year (the last part of `relid`).
    counters: Vec<u32>,
    pareto: Pareto<f64>,
    next_id: u64,
    // Reusable buffers.
    place: String,
    place2: String,
    adm2: String,
    relid: String,
    article: String,
    office: String,
    sdate: String,
    headlines: String,
    headline: String,
    where_coord: String,
    where_desc: String,
    lat: String,
    lon: String,
    wkt: String,
    row: Vec<u8>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let countries = build_countries();
        let slots = countries.iter().map(|c| c.dyads.len()).sum::<usize>();
        let mut acc = 0;
        let country_cum = countries
            .iter()
            .map(|c| {
                acc += c.spec.weight;
                acc
            })
            .collect();
        Self {
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            countries,
            country_cum,
            counters: vec![0; slots * YEARS],
            pareto: Pareto::new(100.0, 1.3).expect("valid Pareto parameters"),
            next_id: 1,
            place: String::with_capacity(32),
            place2: String::with_capacity(32),
            adm2: String::with_capacity(48),
            relid: String::with_capacity(48),
            article: String::with_capacity(1024),
            office: String::with_capacity(256),
            sdate: String::with_capacity(64),
            headlines: String::with_capacity(1024),
            headline: String::with_capacity(256),
            where_coord: String::with_capacity(64),
            where_desc: String::with_capacity(256),
            lat: String::with_capacity(16),
            lon: String::with_capacity(16),
            wkt: String::with_capacity(48),
            row: Vec::with_capacity(4096),
        }
    }

    fn write_row<W: Write>(&mut self, out: &mut W) -> io::Result<()> {
        let rng = &mut self.rng;
        let ci = pick_cum(rng, &self.country_cum);
        let c = &self.countries[ci];
        let spec = c.spec;
        let year_idx = pick_cum(rng, &c.year_cum);
        let year = FIRST_YEAR + year_idx as u16;
        let tov = pick_cum(rng, &c.tov_cum);
        // Pick a dyad of that type active in that year.
        let candidates = &c.by_type[tov];
        let total: u32 = candidates
            .iter()
            .map(|&d| &c.dyads[d])
            .filter(|d| d.from_year <= year)
            .map(|d| d.weight)
            .sum();
        let mut u = rng.random_range(0..total);
        let mut dyad = &c.dyads[candidates[0]];
        for &d in candidates {
            let cand = &c.dyads[d];
            if cand.from_year > year {
                continue;
            }
            if u < cand.weight {
                dyad = cand;
                break;
            }
            u -= cand.weight;
        }

        // ids
        self.next_id += rng.random_range(1..=3u64);
        let id = self.next_id;
        let counter = &mut self.counters[dyad.slot * YEARS + year_idx];
        *counter += 1;
        self.relid.clear();
        self.relid.push_str(spec.code);
        self.relid.push('-');
        push_u64(&mut self.relid, u64::from(year));
        self.relid.push('-');
        push_u64(&mut self.relid, u64::from(dyad.tov));
        self.relid.push('-');
        push_u64(&mut self.relid, u64::from(dyad.dyad_new_id));
        self.relid.push('-');
        push_u64(&mut self.relid, u64::from(*counter));

        // dates (day numbers since 1970-01-01)
        let jan1 = days_from_civil(i64::from(year), 1, 1);
        let dec31 = days_from_civil(i64::from(year), 12, 31);
        let mut start = jan1 + rng.random_range(0..=(dec31 - jan1));
        let p = rng.random_range(0..1000u32);
        let date_prec: u8 = match p {
            0..850 => 1,
            850..957 => 2,
            957..964 => 3,
            964..987 => 4,
            _ => 5,
        };
        let mut end = match date_prec {
            1 => start,
            2 => start + rng.random_range(1..=6),
            3 => start + rng.random_range(7..=14),
            4 => {
                let (y, m, _) = civil_from_days(start);
                start = days_from_civil(y, m, 1);
                days_from_civil(y + i64::from(m == 12), m % 12 + 1, 1) - 1
            }
            _ => start + rng.random_range(15..=180),
        };
        end = end.min(dec31);

        // place
        let p = rng.random_range(0..1000u32);
        let where_prec: u8 = match p {
            0..475 => 1,
            475..707 => 2,
            707..847 => 3,
            847..952 => 4,
            952..987 => 5,
            987..999 => 6,
            _ => 7,
        };
        push_place(rng, &mut self.place);
        push_place(rng, &mut self.place2);
        let adm1 = if where_prec >= 6 || rng.random_range(0..100u32) < 2 {
            ""
        } else {
            spec.adm1[rng.random_range(0..spec.adm1.len())]
        };
        self.adm2.clear();
        if where_prec <= 3 && rng.random_range(0..100u32) < 92 {
            push_place(rng, &mut self.adm2);
            self.adm2.push(' ');
            self.adm2.push_str(c.adm2_suffix);
        }
        self.where_coord.clear();
        self.where_desc.clear();
        let wc = &mut self.where_coord;
        let wd = &mut self.where_desc;
        let kind = rng.random_range(0..3u32);
        match where_prec {
            1 | 2 => {
                wc.push_str(&self.place);
                wc.push_str(if where_prec == 1 && kind != 0 {
                    " village"
                } else {
                    " town"
                });
                match kind {
                    0 => {
                        wd.push_str("in and around ");
                        wd.push_str(wc);
                    }
                    1 => {
                        wd.push_str("in the ");
                        wd.push_str(wc);
                        if !self.adm2.is_empty() {
                            wd.push_str(", ");
                            wd.push_str(&self.adm2);
                        }
                    }
                    _ => {
                        wd.push_str("between ");
                        wd.push_str(&self.place);
                        wd.push_str(" and ");
                        wd.push_str(&self.place2);
                        if !adm1.is_empty() {
                            wd.push_str(", ");
                            wd.push_str(adm1);
                        }
                    }
                }
            }
            3 => {
                if self.adm2.is_empty() {
                    wc.push_str(&self.place);
                    wc.push_str(" area");
                } else {
                    wc.push_str(&self.adm2);
                }
                wd.push_str(wc);
                if !adm1.is_empty() {
                    wd.push_str(" of ");
                    wd.push_str(adm1);
                }
            }
            4 | 5 => {
                let unit = if adm1.is_empty() { c.short } else { adm1 };
                wc.push_str(unit);
                if where_prec == 5 {
                    wd.push_str("in the border area of ");
                    wd.push_str(unit);
                } else if kind == 0 {
                    for k in 0..3 {
                        if k > 0 {
                            wd.push_str(if k == 2 { " and " } else { ", " });
                        }
                        wd.push_str(spec.adm1[rng.random_range(0..spec.adm1.len())]);
                    }
                } else {
                    wd.push_str(unit);
                }
            }
            6 => {
                wc.push_str(spec.name);
                wd.push_str(c.short);
            }
            _ => {
                wc.push_str(c.short);
                wc.push_str(" territorial waters");
                wd.push_str("off the coast of ");
                wd.push_str(c.short);
            }
        }
        if rng.random_range(0..1000u32) < 15 {
            wd.clear();
        }

        // coordinates
        let lon = rng.random_range(c.lon.0..=c.lon.1);
        let lat = rng.random_range(c.lat.0..=c.lat.1);
        self.lat.clear();
        push_coord(&mut self.lat, lat);
        self.lon.clear();
        push_coord(&mut self.lon, lon);
        self.wkt.clear();
        self.wkt.push_str("POINT (");
        self.wkt.push_str(&self.lon);
        self.wkt.push(' ');
        self.wkt.push_str(&self.lat);
        self.wkt.push(')');
        let row = (lat + 90_000_000).div_euclid(500_000).min(359);
        let col = (lon + 180_000_000).div_euclid(500_000).min(719);
        let priogrid = row * 720 + col + 1;

        // deaths
        let (deaths, best) = sample_deaths(rng, &self.pareto, dyad.tov);
        let (low, high) = if rng.random_range(0..100u32) < 85 {
            (best, best)
        } else {
            let low = best - rng.random_range(0..=best / 2);
            let high = best + rng.random_range(0..=best.max(3));
            (low, high)
        };

        // sources
        let old_style = year < 2010;
        let n_sources: i32 = if rng.random_range(0..100u32) < if old_style { 55 } else { 15 } {
            -1
        } else {
            match rng.random_range(0..100u32) {
                0..60 => 1,
                60..85 => 2,
                85..94 => 3,
                94..98 => 4,
                _ => 5,
            }
        };
        self.article.clear();
        self.office.clear();
        self.sdate.clear();
        self.headlines.clear();
        let pub_day = end + rng.random_range(0..=2);
        for s in 0..n_sources.max(1) {
            let agency = c.agencies[rng.random_range(0..c.agencies.len())];
            let templates = tables::HEADLINES[usize::from(dyad.tov - 1)];
            let template = templates[rng.random_range(0..templates.len())];
            self.headline.clear();
            fill_template(
                &mut self.headline,
                template,
                best,
                dyad,
                &self.place,
                if adm1.is_empty() { c.short } else { adm1 },
                c.short,
            );
            let day = pub_day + i64::from(s);
            if n_sources < 0 {
                // Older free-text style: `AFP 2006-04-12 "Headline`.
                self.article.push_str(agency);
                self.article.push(' ');
                push_date(&mut self.article, day);
                self.article.push_str(" \"");
                self.article.push_str(&self.headline);
                continue;
            }
            if s > 0 {
                self.article.push(';');
                self.office.push(';');
                self.sdate.push(';');
                self.headlines.push(';');
            }
            self.article.push('"');
            self.article.push_str(agency);
            self.article.push(',');
            push_date(&mut self.article, day);
            self.article.push(',');
            self.article.push_str(&self.headline);
            self.article.push('"');
            self.office.push_str(agency);
            push_date(&mut self.sdate, day);
            self.headlines.push_str(&self.headline);
        }
        let original = if rng.random_range(0..100u32) < 12 {
            ""
        } else {
            tables::ORIGINALS[rng.random_range(0..tables::ORIGINALS.len())]
        };
        let active_year = rng.random_range(0..100u32) < 97;
        let event_clarity = if rng.random_range(0..100u32) < 93 {
            b"1"
        } else {
            b"2"
        };

        // write the 49 fields
        let mut nb = NumBuf::new();
        self.row.clear();
        let mut row = Row(&mut self.row);
        row.field(nb.fmt(id));
        row.field(&self.relid);
        row.field(nb.fmt(u64::from(year)));
        row.field(if active_year { b"1" } else { b"0" });
        row.field(b"Clear");
        row.field(nb.fmt(u64::from(dyad.tov)));
        row.field(nb.fmt(u64::from(dyad.conflict_dset_id)));
        row.field(nb.fmt(u64::from(dyad.conflict_new_id)));
        row.field(&dyad.conflict_name);
        row.field(nb.fmt(u64::from(dyad.dyad_dset_id)));
        row.field(nb.fmt(u64::from(dyad.dyad_new_id)));
        row.field(&dyad.dyad_name);
        row.field(nb.fmt(u64::from(dyad.side_a_dset_id)));
        row.field(nb.fmt(u64::from(dyad.side_a_new_id)));
        row.field(dyad.side_a);
        row.field(nb.fmt(u64::from(dyad.side_b_dset_id)));
        row.field(nb.fmt(u64::from(dyad.side_b_new_id)));
        row.field(dyad.side_b);
        row.field(if n_sources < 0 {
            &b"-1"[..]
        } else {
            nb.fmt(n_sources as u64)
        });
        row.field(&self.article);
        row.field(&self.office);
        row.field(&self.sdate);
        row.field(&self.headlines);
        row.field(original);
        row.field(nb.fmt(u64::from(where_prec)));
        row.field(&self.where_coord);
        row.field(&self.where_desc);
        row.field(adm1);
        row.field(&self.adm2);
        row.field(&self.lat);
        row.field(&self.lon);
        row.field(&self.wkt);
        row.field(nb.fmt(priogrid as u64));
        row.field(spec.name);
        row.field(nb.fmt(u64::from(spec.gw)));
        row.field(c.region);
        row.field(event_clarity);
        row.field(nb.fmt(u64::from(date_prec)));
        let mut date = [0u8; 10];
        row.field(fmt_date(&mut date, start));
        row.field(fmt_date(&mut date, end));
        for d in deaths {
            row.field(nb.fmt(u64::from(d)));
        }
        row.field(nb.fmt(u64::from(best)));
        row.field(nb.fmt(u64::from(high)));
        row.field(nb.fmt(u64::from(low)));
        match dyad.gwnoa {
            Some(gw) => row.field(nb.fmt(u64::from(gw))),
            None => row.field(b""),
        }
        match dyad.gwnob {
            Some(gw) => row.field(nb.fmt(u64::from(gw))),
            None => row.field(b""),
        }
        row.end();
        out.write_all(&self.row)
    }
}

/// Heavy-tailed death count: a fixed table for 0–99, a Pareto tail above.
fn sample_best<R: RngExt>(rng: &mut R, pareto: &Pareto<f64>) -> u32 {
    // (cumulative per 10,000, low, high)
    const TABLE: [(u32, u32, u32); 9] = [
        (900, 0, 0),
        (4300, 1, 1),
        (5800, 2, 2),
        (6600, 3, 3),
        (7250, 4, 4),
        (8500, 5, 9),
        (9200, 10, 19),
        (9650, 20, 49),
        (9850, 50, 99),
    ];
    let u = rng.random_range(0..10_000u32);
    for (cum, lo, hi) in TABLE {
        if u < cum {
            return if lo == hi {
                lo
            } else {
                rng.random_range(lo..=hi)
            };
        }
    }
    let x: f64 = pareto.sample(rng);
    x.min(20_000.0) as u32
}

/// Draws `best` and splits it into `[deaths_a, deaths_b, deaths_civilians,
/// deaths_unknown]` according to the type of violence.
fn sample_deaths<R: RngExt>(rng: &mut R, pareto: &Pareto<f64>, tov: u8) -> ([u32; 4], u32) {
    let best = sample_best(rng, pareto);
    // Cumulative weights (per 100) of the category that takes most deaths.
    let cum: [u32; 4] = match tov {
        1 => [25, 70, 80, 100],
        2 => [20, 40, 50, 100],
        _ => [0, 0, 90, 100],
    };
    let primary = pick_cum(rng, &cum);
    let mut parts = [0u32; 4];
    if best < 2 || rng.random_range(0..100u32) < 75 {
        parts[primary] = best;
    } else {
        let secondary = (primary + rng.random_range(1..4usize)) % 4;
        let moved = rng.random_range(1..best);
        parts[primary] = best - moved;
        parts[secondary] = moved;
    }
    (parts, best)
}

/// Substitutes the placeholders of a headline template.
fn fill_template(
    out: &mut String,
    template: &str,
    deaths: u32,
    dyad: &Dyad,
    place: &str,
    region: &str,
    country: &str,
) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let key = rest.as_bytes().get(open + 1).copied();
        match key {
            Some(b'N') => push_u64(out, u64::from(deaths)),
            Some(b'A') => out.push_str(&dyad.head_a),
            Some(b'B') => out.push_str(&dyad.head_b),
            Some(b'P') => out.push_str(place),
            Some(b'R') => out.push_str(region),
            Some(b'C') => out.push_str(country),
            _ => {}
        }
        rest = &rest[(open + 3).min(rest.len())..];
    }
    out.push_str(rest);
}

/// Appends an invented place name of two or three syllables.
fn push_place<R: RngExt>(rng: &mut R, out: &mut String) {
    out.clear();
    let n = rng.random_range(2..=3);
    for k in 0..n {
        let syl = tables::SYLLABLES[rng.random_range(0..tables::SYLLABLES.len())];
        if k == 0 {
            let mut chars = syl.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(syl);
        }
    }
}

/// One CSV row being assembled: fields are quoted only when they contain a comma,
/// a double quote or a line break (RFC 4180, like `csv`'s default), each field is
/// followed by a comma, and [`Row::end`] turns the last comma into `\n`.
struct Row<'a>(&'a mut Vec<u8>);

impl Row<'_> {
    fn field(&mut self, value: impl AsRef<[u8]>) {
        let v = value.as_ref();
        if v.iter().any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
            self.0.push(b'"');
            for (k, part) in v.split(|&b| b == b'"').enumerate() {
                if k > 0 {
                    self.0.extend_from_slice(b"\"\"");
                }
                self.0.extend_from_slice(part);
            }
            self.0.push(b'"');
        } else {
            self.0.extend_from_slice(v);
        }
        self.0.push(b',');
    }

    fn end(&mut self) {
        if let Some(last) = self.0.last_mut() {
            *last = b'\n';
        }
    }
}

/// Stack buffer for formatting integers without allocating.
struct NumBuf([u8; 20]);

impl NumBuf {
    fn new() -> Self {
        NumBuf([0; 20])
    }

    fn fmt(&mut self, mut v: u64) -> &[u8] {
        let mut i = self.0.len();
        loop {
            i -= 1;
            self.0[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        &self.0[i..]
    }
}

fn push_u64(out: &mut String, v: u64) {
    let mut nb = NumBuf::new();
    for &b in nb.fmt(v) {
        out.push(char::from(b));
    }
}

/// Appends micro-degrees as decimal degrees with up to six decimals
/// (trailing zeros trimmed, at least one decimal: `31.0`, `35.763369`).
fn push_coord(out: &mut String, micro: i64) {
    if micro < 0 {
        out.push('-');
    }
    let abs = micro.unsigned_abs();
    push_u64(out, abs / 1_000_000);
    out.push('.');
    let mut frac = abs % 1_000_000;
    let mut digits = 6;
    while digits > 1 && frac.is_multiple_of(10) {
        frac /= 10;
        digits -= 1;
    }
    let mut buf = [b'0'; 6];
    for k in (0..digits).rev() {
        buf[k] = b'0' + (frac % 10) as u8;
        frac /= 10;
    }
    for &b in &buf[..digits] {
        out.push(char::from(b));
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Formats a day number as `YYYY-MM-DD` (years 1000–9999).
fn fmt_date(buf: &mut [u8; 10], day: i64) -> &[u8] {
    let (y, m, d) = civil_from_days(day);
    let y = y as u32;
    buf[0] = b'0' + (y / 1000 % 10) as u8;
    buf[1] = b'0' + (y / 100 % 10) as u8;
    buf[2] = b'0' + (y / 10 % 10) as u8;
    buf[3] = b'0' + (y % 10) as u8;
    buf[4] = b'-';
    buf[5] = b'0' + (m / 10) as u8;
    buf[6] = b'0' + (m % 10) as u8;
    buf[7] = b'-';
    buf[8] = b'0' + (d / 10) as u8;
    buf[9] = b'0' + (d % 10) as u8;
    &buf[..]
}

fn push_date(out: &mut String, day: i64) {
    let mut buf = [0u8; 10];
    for &b in fmt_date(&mut buf, day).iter() {
        out.push(char::from(b));
    }
}

#[cfg(test)]
mod tests;
