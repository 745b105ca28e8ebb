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
