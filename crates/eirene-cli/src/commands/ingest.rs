//! `eirene ingest SOURCE FILE... [--version V]`, and the ingest step `eirene sync` shares.

use anyhow::Context;
use eirene_ingest::{Ingested, InputFile};
use eirene_sources::SourceId;
use eirene_store::{FileRecord, LedgerEntry, Store, VintageWriter};

use crate::UsageError;
use crate::cli::IngestArgs;
use crate::progress::spinner;

pub fn run(store: &Store, args: IngestArgs) -> anyhow::Result<()> {
    let source = super::parse_source(&args.source)?;
    let files: Vec<InputFile> = args
        .files
        .iter()
        .map(|arg| InputFile::from_arg(source, arg))
        .collect();
    let version = match (args.version, source, files.as_slice()) {
        (Some(version), _, _) => version,
        (None, SourceId::Countries, []) => builtin_countries_version(),
        (None, _, [first, ..]) => eirene_ingest::version_from_file_name(&first.display)
            .ok_or_else(|| {
                UsageError(format!(
                    "cannot tell the version of {source} from `{}`: pass --version",
                    first.display
                ))
            })?,
        (None, _, []) => return Err(UsageError(format!("{source} needs at least one FILE")).into()),
    };
    let mut vintage = store.begin(source, &version)?;
    // The files are hashed for the ledger while they are parsed: both read every byte, and
    // hashing first would add its time to the ingest's.
    let (records, ingested) = std::thread::scope(|scope| {
        let hashing = scope.spawn(|| {
            files
                .iter()
                .map(|file| {
                    let origin =
                        std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone());
                    describe(file, &origin.display().to_string())
                })
                .collect::<anyhow::Result<Vec<_>>>()
        });
        let ingested = ingest(source, &version, &files, &mut vintage);
        let records = hashing.join().expect("hashing a file does not panic");
        (records, ingested)
    });
    let entry = commit(vintage, records?, ingested?)?;
    println!("{}", summary(&entry));
    Ok(())
}

/// The version recorded for the country reference built into this Eirene.
pub fn builtin_countries_version() -> String {
    format!("builtin-{}", eirene_store::EIRENE_VERSION)
}

/// An input file with the provenance the ledger keeps for it.
pub struct Input {
    /// The file and the part of the source it holds.
    pub file: InputFile,
    /// Name, part, sha256, size and origin.
    pub record: FileRecord,
}

/// Reads a file once to record its size and sha256; `origin` is the URL or absolute path.
pub fn describe(file: &InputFile, origin: &str) -> anyhow::Result<FileRecord> {
    let mut record = FileRecord::of(&file.path, &file.part, origin)
        .with_context(|| format!("cannot read {}", file.path.display()))?;
    record.name.clone_from(&file.display);
    Ok(record)
}

/// Parses the files of one vintage and commits them to the store with their provenance.
pub fn ingest_vintage(
    store: &Store,
    source: SourceId,
    version: &str,
    inputs: Vec<Input>,
) -> anyhow::Result<LedgerEntry> {
    let mut vintage = store.begin(source, version)?;
    let (files, records): (Vec<InputFile>, Vec<FileRecord>) = inputs
        .into_iter()
        .map(|input| (input.file, input.record))
        .unzip();
    let ingested = ingest(source, version, &files, &mut vintage)?;
    commit(vintage, records, ingested)
}

/// Parses the files of one vintage into the vintage being written, printing the parsers'
/// warnings.
fn ingest(
    source: SourceId,
    version: &str,
    files: &[InputFile],
    vintage: &mut VintageWriter<'_>,
) -> anyhow::Result<Ingested> {
    let bar = spinner(format!(
        "{source} {version}: reading and writing {} file(s)",
        files.len()
    ));
    let parsed = eirene_ingest::ingest(source, files, vintage);
    bar.finish_and_clear();
    let ingested = parsed.with_context(|| format!("{source} {version} was not ingested"))?;
    for warning in &ingested.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(ingested)
}

/// Makes a written vintage current, with the provenance of its files.
fn commit(
    vintage: VintageWriter<'_>,
    records: Vec<FileRecord>,
    ingested: Ingested,
) -> anyhow::Result<LedgerEntry> {
    let bar = spinner("finishing the tables and committing".to_owned());
    let entry = vintage.commit(records, ingested);
    bar.finish_and_clear();
    Ok(entry?)
}

/// One line on what an ingest wrote.
pub fn summary(entry: &LedgerEntry) -> String {
    let tables: Vec<String> = entry
        .tables
        .iter()
        .map(|(name, rows)| format!("{name} {rows}"))
        .collect();
    let skipped = match entry.rows_rejected {
        0 => String::new(),
        n => format!(
            ", {n} row(s) left out (see `eirene sources {}`)",
            entry.source
        ),
    };
    format!(
        "{} {}: {} row(s) [{}]{skipped}; ledger entry {}",
        entry.source,
        entry.version,
        entry.rows_accepted,
        tables.join(", "),
        entry.seq
    )
}
