//! The command line, defined once: help text, environment variables and defaults live here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Eirene: an open peace-and-security observatory for parliaments.
///
/// Eirene keeps the open evidence on armed conflict, displacement and military spending (UCDP,
/// SIPRI, UNHCR, World Bank) in a local store, with the provenance of every file, and answers SQL
/// over it.
///
/// Exit codes: 0 success; 1 internal failure; 2 usage error (bad arguments, bad SQL); 3 the input
/// data was rejected (nothing was written); 4 a download failed.
#[derive(Debug, Parser)]
#[command(name = "eirene", version, about, long_about)]
pub struct Cli {
    /// The data directory (store, downloads, ledger). Default: the platform's data directory,
    /// e.g. ~/.local/share/eirene.
    #[arg(long, global = true, env = "EIRENE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch sources from their publishers (or a mirror) and ingest them.
    Sync(SyncArgs),
    /// Ingest files you already have into the store as one vintage of a source.
    Ingest(IngestArgs),
    /// List the sources, their stored vintages and the provenance ledger.
    Sources(SourcesArgs),
    /// Run a read-only SQL query over the store.
    Sql(SqlArgs),
    /// The report's indicators: list them, compute them, explain how.
    #[command(subcommand)]
    Indicators(IndicatorsCommand),
    /// An ACLED-style conflict index (Eirene method) over 12 months of events: deadliness,
    /// danger to civilians, diffusion, fragmentation, ranks and levels.
    Index(IndexArgs),
    /// People within R km of a conflict event in a 12-month window, per country and world.
    Exposure(ExposureArgs),
    /// Serve the web application (pages, maps, JSON API) from the data directory.
    Serve(ServeArgs),
    /// Treaty participation at any date: who is bound by which treaty, gaps, universality over
    /// time; import and edit the records (kept, with their history, in DATA_DIR/records.sqlite).
    Treaties(TreatiesArgs),
    /// Write synthetic data for benchmarks (never real data; never ingest it beside real data).
    #[command(subcommand)]
    Synth(SynthCommand),
}

/// `eirene sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Sources to sync (default: all). Known: countries, ucdp-ged, ucdp-acd, sipri-milex,
    /// unhcr-population, wb-population, naturalearth.
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,

    /// Take the files from a local mirror directory laid out like the project's shared/data
    /// (see the README's mirror table) instead of downloading them.
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with = "mirror_url",
        env = "EIRENE_MIRROR_DIR"
    )]
    pub from: Option<PathBuf>,

    /// Download from an HTTP mirror laid out like a local mirror, instead of the publishers.
    #[arg(long, value_name = "URL", env = "EIRENE_MIRROR_URL")]
    pub mirror_url: Option<String>,

    /// Attempts per download before giving up (with exponential backoff between them).
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub attempts: u32,
}

/// `eirene ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The source the files belong to.
    #[arg(value_name = "SOURCE")]
    pub source: String,

    /// The files, as published (zip, gzip or plain CSV; xlsx for SIPRI; TopoJSON for Natural
    /// Earth). Several files of one source form one vintage (e.g. country subsets of GED). Name a
    /// file's part with PART=FILE (UNHCR: population, idmc, unrwa); otherwise it is recognised by
    /// its name. `countries` without a file loads the reference built into Eirene.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,

    /// The version of the source the files hold (e.g. 25.1). Default: read from UCDP file names;
    /// required for other sources.
    #[arg(long, value_name = "V")]
    pub version: Option<String>,
}

/// `eirene sources`.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Show one source in full: catalogue entry, vintages and every ledger entry.
    #[arg(value_name = "SOURCE")]
    pub source: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
    pub format: Format,
}

/// `eirene sql`.
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The query (DataFusion SQL). Tables: see README or `SHOW TABLES`. It may start with a
    /// `-- comment`, as the indicators' SQL files do.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,

    /// Output format: an aligned table, CSV with a header, or a JSON array of row objects.
    #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
    pub format: Format,
}

/// `eirene indicators`.
#[derive(Debug, Subcommand)]
pub enum IndicatorsCommand {
    /// Every indicator: id, name, unit, sources.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
        format: Format,
        /// Language of names.
        #[arg(long, value_enum, default_value_t = LangArg::En, env = "EIRENE_LANG")]
        lang: LangArg,
    },
    /// Compute an indicator, optionally for one country, region or period.
    Show(ShowArgs),
    /// How an indicator is defined and computed: definition, sources, caveats, the SQL.
    Explain {
        /// Indicator id (see `eirene indicators list`).
        #[arg(value_name = "ID")]
        id: String,
        /// Language of the text.
        #[arg(long, value_enum, default_value_t = LangArg::En, env = "EIRENE_LANG")]
        lang: LangArg,
        /// Output format (table: readable text; json: the catalogue entry).
        #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
        format: Format,
    },
}

/// `eirene indicators show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Indicator id (see `eirene indicators list`).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Only this country (ISO 3166 alpha-3, e.g. MMR).
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// Only this region, as the source names it (e.g. Africa, Middle East, World).
    #[arg(long, value_name = "NAME")]
    pub region: Option<String>,
    /// Only this year.
    #[arg(long, value_name = "Y", conflicts_with_all = ["from", "to"])]
    pub year: Option<i32>,
    /// From this year (inclusive).
    #[arg(long, value_name = "Y")]
    pub from: Option<i32>,
    /// To this year (inclusive).
    #[arg(long, value_name = "Y")]
    pub to: Option<i32>,
    /// Output format: JSON is `{"indicator", "sources", "sql", "rows"}`.
    #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
    pub format: Format,
}

/// A language of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// French.
    Fr,
}

/// `eirene exposure`.
#[derive(Debug, Args)]
pub struct ExposureArgs {
    /// The radius around each event, in km (1, 2 and 5 are the usual ones).
    #[arg(long, default_value_t = 5.0, value_name = "KM")]
    pub radius_km: f64,
    /// The last day of the 12-month window (default: the last day with events).
    #[arg(long, value_name = "DATE")]
    pub window_end: Option<chrono::NaiveDate>,
    /// The population raster: a GeoTIFF (WorldPop, GHSL) or an ESRI ASCII grid, longitude/latitude.
    #[arg(long, value_name = "FILE")]
    pub population: std::path::PathBuf,
    /// The events: UCDP GED (every event of organised violence) or your ACLED export
    /// (political-violence events).
    #[arg(long, value_enum, default_value_t = EventSourceArg::Ucdp)]
    pub source: EventSourceArg,
    /// Output format: JSON is `{"radius_km", "window", "world", "countries", …}`.
    #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
    pub format: Format,
}

/// `eirene index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The last day of the 12-month window (default: the last 30 November with data, as the
    /// annual edition runs December to November).
    #[arg(long, value_name = "DATE")]
    pub window_end: Option<chrono::NaiveDate>,
    /// The events: UCDP GED or your ACLED export.
    #[arg(long, value_enum, default_value_t = EventSourceArg::Ucdp)]
    pub source: EventSourceArg,
    /// A population raster (GeoTIFF or ESRI ASCII) for the diffusion indicator; without it,
    /// the index uses the other three.
    #[arg(long, value_name = "FILE")]
    pub population: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
    pub format: Format,
}

/// Which events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventSourceArg {
    /// UCDP Georeferenced Event Dataset (synced).
    Ucdp,
    /// Your ACLED export (ingested with `eirene ingest acled`).
    Acled,
}

/// `eirene serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at start).
    #[arg(
        long,
        default_value = "127.0.0.1:8080",
        value_name = "ADDR",
        env = "EIRENE_BIND"
    )]
    pub bind: std::net::SocketAddr,
    /// A population raster (GeoTIFF or ESRI ASCII, longitude/latitude): country pages then show
    /// the people living within 5 km of organised violence, and the conflict index computes
    /// diffusion. Checked at start; read in full when a page first needs it after each change
    /// of the data (seconds for a global raster).
    #[arg(long, value_name = "FILE", env = "EIRENE_POPULATION")]
    pub population: Option<PathBuf>,
}

/// `eirene treaties`: without a subcommand, the summary of every treaty on a date.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TreatiesArgs {
    /// What to do (default: the summary of every treaty).
    #[command(subcommand)]
    pub command: Option<TreatiesCommand>,
    /// The date and output format of the summary.
    #[command(flatten)]
    pub view: StatusView,
}

/// The date a status is asked for, and how to print it.
#[derive(Debug, Clone, Args)]
pub struct StatusView {
    /// The date (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
    pub format: Format,
    /// Language of treaty names.
    #[arg(long, value_enum, default_value_t = LangArg::En, env = "EIRENE_LANG")]
    pub lang: LangArg,
}

/// Who makes a change, and why: required for every change, kept in the history.
#[derive(Debug, Clone, Args)]
pub struct EditorArgs {
    /// Why (a sentence; kept in the history).
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Who (default: $EIRENE_EDITOR, else $USER).
    #[arg(long, value_name = "NAME", env = "EIRENE_EDITOR")]
    pub editor: Option<String>,
}

/// `eirene treaties …`.
#[derive(Debug, Subcommand)]
pub enum TreatiesCommand {
    /// The treaty registry: dates, depositary, date-of-effect and withdrawal rules, sources.
    Registry {
        /// One treaty (default: all).
        #[arg(value_name = "ID")]
        id: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
        format: Format,
        /// Language of names.
        #[arg(long, value_enum, default_value_t = LangArg::En, env = "EIRENE_LANG")]
        lang: LangArg,
    },
    /// One treaty: every state's status, the states outside, recent actions.
    Show {
        /// Treaty id (see `eirene treaties registry`).
        #[arg(value_name = "ID")]
        id: String,
        /// How many recent actions to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        recent: usize,
        /// Date and format.
        #[command(flatten)]
        view: StatusView,
    },
    /// One state: its status under every treaty, and its gaps (not joined, signed but not
    /// ratified, withdrawn).
    Country {
        /// ISO 3166 alpha-3 code (e.g. FRA) or a name the country reference knows.
        #[arg(value_name = "ISO3")]
        state: String,
        /// Date and format.
        #[command(flatten)]
        view: StatusView,
    },
    /// Universality over time: states bound and parties in force at the end of each year.
    Timeline {
        /// Treaty id.
        #[arg(value_name = "ID")]
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
        format: Format,
    },
    /// Import files of treaty actions or status. Every file is checked before anything is
    /// written; a file already imported is skipped.
    Import(TreatyImportArgs),
    /// Record one action by hand (a withdrawal, a new ratification).
    Record(RecordArgs),
    /// Change a recorded action; give the revision you read (`eirene treaties actions`).
    Edit(EditArgs),
    /// Delete a recorded action; its history stays.
    Delete {
        /// Action id.
        #[arg(value_name = "ACTION")]
        id: i64,
        /// The revision you read: a changed action is not deleted.
        #[arg(long, value_name = "N")]
        revision: i64,
        /// Who and why.
        #[command(flatten)]
        editor: EditorArgs,
    },
    /// Recorded actions with their ids, revisions and provenance.
    Actions {
        /// Only this treaty.
        #[arg(long, value_name = "ID")]
        treaty: Option<String>,
        /// Only this state (ISO3 or name).
        #[arg(long, value_name = "ISO3")]
        state: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
        format: Format,
    },
    /// Every change of the actions (or of one): who, when, why, before and after.
    History {
        /// Only this action.
        #[arg(value_name = "ACTION")]
        id: Option<i64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
        format: Format,
    },
    /// Write recorded actions as an Eirene CSV, which `import` reads back unchanged.
    Export {
        /// Only this treaty.
        #[arg(long, value_name = "ID")]
        treaty: Option<String>,
        /// Only this state (ISO3 or name).
        #[arg(long, value_name = "ISO3")]
        state: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The files imported so far.
    Imports {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
        format: Format,
    },
}

/// `eirene treaties import`.
#[derive(Debug, Args)]
pub struct TreatyImportArgs {
    /// The files: a UNTC status table (CSV or tab-separated, with --treaty), the scraped UNTC
    /// CSV, an Eirene action CSV, or OWID's BWC/CWC status table.
    #[arg(value_name = "FILE", required_unless_present = "reference")]
    pub files: Vec<PathBuf>,
    /// The layout, when the header does not tell.
    #[arg(long, value_enum, value_name = "LAYOUT")]
    pub layout: Option<LayoutArg>,
    /// The treaty a UNTC status table is about.
    #[arg(long, value_name = "ID")]
    pub treaty: Option<String>,
    /// Also import Eirene's reference actions: cited withdrawals (and the consents they
    /// withdraw) missing from the UNTC scrape.
    #[arg(long)]
    pub reference: bool,
    /// Who imports (default: $EIRENE_EDITOR, else $USER).
    #[arg(long, value_name = "NAME", env = "EIRENE_EDITOR")]
    pub editor: Option<String>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = Format::Table, env = "EIRENE_FORMAT")]
    pub format: Format,
}

/// A file layout, on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// UN Treaty Collection status table (Participant, Signature, Ratification…).
    UntcStatus,
    /// The scraped UNTC CSV (country_name, treaty_id, action_type, …).
    UntcScraped,
    /// Eirene's action CSV (state, treaty, action, deposited, …).
    Eirene,
    /// OWID's status-only table (Entity, Year, bioweapons_convention, …).
    OwidStatus,
}

/// `eirene treaties record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The state (ISO3 or name).
    #[arg(long, value_name = "ISO3")]
    pub state: String,
    /// The treaty id.
    #[arg(long, value_name = "ID")]
    pub treaty: String,
    /// What it did: signature, ratification, acceptance, approval, accession, succession,
    /// consent, withdrawal.
    #[arg(long, value_name = "KIND")]
    pub action: String,
    /// Date of deposit (of notification, for a withdrawal), YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub date: chrono::NaiveDate,
    /// A date of effect replacing the treaty's rule (needs --note).
    #[arg(long, value_name = "DATE", requires = "note")]
    pub effective: Option<chrono::NaiveDate>,
    /// Why the date of effect differs from the rule.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Declarations or reservations, as free text.
    #[arg(long, value_name = "TEXT")]
    pub declarations: Option<String>,
    /// The citation: depositary notification, URL (default: "manual entry").
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Who and why.
    #[command(flatten)]
    pub editor: EditorArgs,
}

/// `eirene treaties edit`: the fields given replace the recorded ones.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Action id.
    #[arg(value_name = "ACTION")]
    pub id: i64,
    /// The revision you read: a changed action is not overwritten.
    #[arg(long, value_name = "N")]
    pub revision: i64,
    /// New date of deposit.
    #[arg(long, value_name = "DATE")]
    pub date: Option<chrono::NaiveDate>,
    /// New action kind.
    #[arg(long, value_name = "KIND")]
    pub action: Option<String>,
    /// A date of effect replacing the treaty's rule (needs --note).
    #[arg(long, value_name = "DATE", requires = "note")]
    pub effective: Option<chrono::NaiveDate>,
    /// Why the date of effect differs from the rule.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Declarations or reservations.
    #[arg(long, value_name = "TEXT")]
    pub declarations: Option<String>,
    /// Who and why.
    #[command(flatten)]
    pub editor: EditorArgs,
}

/// `eirene synth`.
#[derive(Debug, Subcommand)]
pub enum SynthCommand {
    /// A GED-format CSV with realistic distributions (countries, years, types, heavy-tailed deaths).
    Ged {
        /// Number of events.
        #[arg(long, value_name = "N")]
        rows: u64,
        /// Random seed: the same seed gives the same file.
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,
        /// Output file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for reading.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON: an array of row objects.
    Json,
}
