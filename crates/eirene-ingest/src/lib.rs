//! Parsers that turn the publishers' files into validated, typed Arrow tables.
//!
//! Each source of the catalogue ([`eirene_sources::SourceId`]) has a module here that reads the
//! files exactly as the publisher distributes them (zipped CSV, gzip, xlsx, TopoJSON). The
//! canonical tables go to a [`TableSink`], batch by batch; the rows deliberately left out (with
//! reasons) and the warnings come back as an [`Ingested`]. Parsers never write anything
//! themselves: the sink (the store) decides where the tables go, and a parser failure makes it
//! discard everything, so existing data cannot be touched.
//!
//! Errors name the file, the line (or sheet and cell), the column and the reason
//! ([`Problem`]); a file with bad rows fails as a whole ([`IngestError::Rows`]) after listing all
//! of them, so a user fixes everything in one round.

pub mod acled;
pub mod countries;
pub mod csv_table;
pub mod error;
pub mod input;
pub mod naturalearth;
pub mod population;
pub mod schema_doc;
pub mod sipri;
pub mod ucdp;
pub mod unhcr;

pub use error::{IngestError, Location, Problem};

use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use eirene_sources::SourceId;

/// One canonical table produced by an ingest, e.g. `ged_events`.
#[derive(Debug, Clone)]
pub struct Table {
    /// Table name as queried in SQL (`ged_events`, `milex`, ...).
    pub name: &'static str,
    /// The rows, in one or more batches sharing one schema.
    pub batches: Vec<RecordBatch>,
}

impl Table {
    /// Number of rows over all batches.
    pub fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
}

/// A file kept as published, beside the tables (e.g. the TopoJSON boundaries the map draws).
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name inside the vintage directory.
    pub name: String,
    /// The bytes, unchanged.
    pub bytes: Vec<u8>,
}

/// Receives the tables of an ingest batch by batch, as they are parsed.
///
/// Big CSV files are parsed in chunks on every core. Handing each chunk on as soon as it is
/// parsed lets the store encode it while later chunks are parsed, and memory holds a few chunks
/// instead of the whole table.
pub trait TableSink {
    /// Takes the next batch of `table`. The batches of a table share one schema and come in file
    /// order; every table gets at least one batch, possibly empty.
    fn write(&mut self, table: &'static str, batch: RecordBatch) -> Result<(), SinkError>;
}

/// Why a [`TableSink`] could not take a batch.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// A sink that keeps the tables in memory, in the order they first appear.
#[derive(Debug, Default)]
pub struct Tables(pub Vec<Table>);

impl TableSink for Tables {
    fn write(&mut self, table: &'static str, batch: RecordBatch) -> Result<(), SinkError> {
        match self.0.iter_mut().find(|t| t.name == table) {
            Some(known) => known.batches.push(batch),
            None => self.0.push(Table {
                name: table,
                batches: vec![batch],
            }),
        }
        Ok(())
    }
}

impl Table {
    /// Hands every batch to `sink`.
    pub fn write_to(self, sink: &mut dyn TableSink) -> Result<(), IngestError> {
        let table = self.name;
        for batch in self.batches {
            sink.write(table, batch)
                .map_err(|source| IngestError::Write { table, source })?;
        }
        Ok(())
    }
}

/// What one ingest produced besides the rows it handed to its sink.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Tables a parser built in memory (the whole-file formats: workbooks, JSON, small CSVs);
    /// [`ingest`] hands them to the sink, CSV sources stream theirs there directly.
    pub tables: Vec<Table>,
    /// Files to keep as published.
    pub attachments: Vec<Attachment>,
    /// Rows deliberately not loaded under a documented rule (notes, blank or aggregate rows), each
    /// with where and why. A row that *cannot* be read is an error instead.
    pub skipped: Vec<Problem>,
    /// Things the user should know that do not stop the import (a missing optional column, GED
    /// rows where `best` lies outside `low..=high`).
    pub warnings: Vec<String>,
}

impl Ingested {
    /// Rows of the tables held here.
    pub fn rows_accepted(&self) -> usize {
        self.tables.iter().map(Table::num_rows).sum()
    }
}

/// A file handed to an ingest, with the table part it feeds (`main` for single-table sources;
/// `population`, `idmc`, `unrwa` for UNHCR).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Where the file is.
    pub path: PathBuf,
    /// The name errors and the ledger show: the file name as the user gave it.
    pub display: String,
    /// The part of the source the file holds.
    pub part: String,
}

impl InputFile {
    /// A file argument as users write it: `PATH`, or `PART=PATH` to name the part. Without a part,
    /// UNHCR files are recognised by name (`idmc`, `unrwa`, else `population`).
    pub fn from_arg(source: SourceId, arg: &str) -> InputFile {
        let (part, path) = match arg.split_once('=') {
            Some((part, path)) if !part.contains(['/', '\\', '.']) => (part.to_owned(), path),
            _ => (default_part(source, arg).to_owned(), arg),
        };
        InputFile::new(Path::new(path), &part)
    }

    /// A file for a given part.
    pub fn new(path: &Path, part: &str) -> InputFile {
        let display = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        InputFile {
            path: path.to_owned(),
            display,
            part: part.to_owned(),
        }
    }
}

fn default_part(source: SourceId, path: &str) -> &'static str {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match source {
        SourceId::UnhcrPopulation if name.contains("idmc") => "idmc",
        SourceId::UnhcrPopulation if name.contains("unrwa") => "unrwa",
        SourceId::UnhcrPopulation => "population",
        _ => "main",
    }
}

/// Parses the files of one vintage of a source, handing every table to `sink`; what comes back
/// holds no table. Nothing is written: after an error the sink's batches are to be discarded.
pub fn ingest(
    source: SourceId,
    files: &[InputFile],
    sink: &mut dyn TableSink,
) -> Result<Ingested, IngestError> {
    let mut ingested = parse(source, files, sink)?;
    for table in std::mem::take(&mut ingested.tables) {
        table.write_to(sink)?;
    }
    Ok(ingested)
}

/// Runs the parser of `source`: CSV sources stream their tables to `sink`, the others return
/// them.
fn parse(
    source: SourceId,
    files: &[InputFile],
    sink: &mut dyn TableSink,
) -> Result<Ingested, IngestError> {
    let pairs: Vec<(&Path, &str)> = files
        .iter()
        .map(|f| (f.path.as_path(), f.display.as_str()))
        .collect();
    match source {
        SourceId::UcdpGed => ucdp::parse_ged(&at_least_one(source, &pairs)?, sink),
        SourceId::UcdpAcd => ucdp::parse_acd(&at_least_one(source, &pairs)?, sink),
        SourceId::Acled => acled::parse(&at_least_one(source, &pairs)?, sink),
        SourceId::UnhcrPopulation => {
            let triples: Vec<_> = files
                .iter()
                .map(|f| (f.path.as_path(), f.display.as_str(), f.part.as_str()))
                .collect();
            unhcr::parse(&triples)
        }
        SourceId::WbPopulation => {
            let (path, display) = exactly_one(source, &pairs)?;
            population::parse(path, display)
        }
        SourceId::SipriMilex => {
            let (path, display) = exactly_one(source, &pairs)?;
            sipri::parse(path, display)
        }
        SourceId::NaturalEarth => {
            let (path, display) = exactly_one(source, &pairs)?;
            naturalearth::parse(path, display)
        }
        SourceId::Countries => match pairs.as_slice() {
            [] => countries::builtin(),
            _ => {
                let (path, display) = exactly_one(source, &pairs)?;
                countries::parse(path, display)
            }
        },
    }
}

fn at_least_one<'a>(
    source: SourceId,
    files: &[(&'a Path, &'a str)],
) -> Result<Vec<(&'a Path, &'a str)>, IngestError> {
    if files.is_empty() {
        return Err(IngestError::Usage(format!(
            "{source} needs at least one file"
        )));
    }
    Ok(files.to_vec())
}

fn exactly_one<'a>(
    source: SourceId,
    files: &[(&'a Path, &'a str)],
) -> Result<(&'a Path, &'a str), IngestError> {
    match files {
        [one] => Ok(*one),
        _ => Err(IngestError::Usage(format!(
            "{source} takes exactly one file, got {}",
            files.len()
        ))),
    }
}

/// The release a file name announces, as UCDP names its files: `ged_v24_1_myanmar.csv.gz` and
/// `GEDEvent_v25_1.csv` give `24.1`/`25.1`, `ged251-csv.zip` and `ucdp-prio-acd-251-csv.zip` give
/// `25.1`. Other sources have no such convention: their version is given with `--version`.
pub fn version_from_file_name(name: &str) -> Option<String> {
    let name = name.to_ascii_lowercase();
    let digits_after = |marker: &str| -> Option<String> {
        let rest = &name[name.find(marker)? + marker.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some(digits)
    };
    if let Some(rest) = name.find("_v").map(|i| &name[i + 2..]) {
        let mut parts = rest.splitn(3, ['_', '.', '-']);
        if let (Some(major), Some(minor)) = (parts.next(), parts.next())
            && !major.is_empty()
            && major.chars().all(|c| c.is_ascii_digit())
            && !minor.is_empty()
            && minor.chars().all(|c| c.is_ascii_digit())
        {
            return Some(format!("{major}.{minor}"));
        }
    }
    ["ged", "acd-"]
        .iter()
        .filter_map(|m| digits_after(m))
        .find(|d| d.len() == 3)
        .map(|d| format!("{}.{}", &d[..2], &d[2..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_from_ucdp_file_names() {
        assert_eq!(
            version_from_file_name("ged_v24_1_myanmar.csv.gz").as_deref(),
            Some("24.1")
        );
        assert_eq!(
            version_from_file_name("GEDEvent_v25_1.csv").as_deref(),
            Some("25.1")
        );
        assert_eq!(
            version_from_file_name("ged251-csv.zip").as_deref(),
            Some("25.1")
        );
        assert_eq!(
            version_from_file_name("ucdp-prio-acd-251-csv.zip").as_deref(),
            Some("25.1")
        );
        assert_eq!(
            version_from_file_name("ucdp_prio_acd_v24_1.csv").as_deref(),
            Some("24.1")
        );
        assert_eq!(version_from_file_name("events.csv"), None);
    }

    #[test]
    fn unhcr_parts_are_recognised_by_name_or_given() {
        let f = InputFile::from_arg(SourceId::UnhcrPopulation, "data/idmc.csv");
        assert_eq!((f.part.as_str(), f.display.as_str()), ("idmc", "idmc.csv"));
        let f = InputFile::from_arg(SourceId::UnhcrPopulation, "unrwa=x/y.csv");
        assert_eq!(
            (f.part.as_str(), f.path.as_path()),
            ("unrwa", Path::new("x/y.csv"))
        );
        assert_eq!(
            InputFile::from_arg(SourceId::UcdpGed, "./ged.csv").part,
            "main"
        );
    }
}
