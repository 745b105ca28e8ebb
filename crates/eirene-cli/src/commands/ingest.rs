//! `eirene ingest SOURCE FILE... [--version V]`, and the ingest step `eirene sync` shares.

use anyhow::Context;
use eirene_ingest::{Ingested, InputFile};
use eirene_sources::SourceId;
use eirene_store::{FileRecord, LedgerEntry, Store};

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
    eirene_store::check_version(&version)?;
    // The files are hashed for the ledger while they are parsed: both read every byte, and
    // hashing first would add its time to the ingest's.
    let (records, parsed) = std::thread::scope(|scope| {
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
        let parsed = parse(source, &version, &files);
        let records = hashing.join().expect("hashing a file does not panic");
        (records, parsed)
    });
    let entry = commit(store, source, &version, records?, parsed?)?;
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
    eirene_store::check_version(version)?;
    let (files, records): (Vec<InputFile>, Vec<FileRecord>) = inputs
        .into_iter()
        .map(|input| (input.file, input.record))
        .unzip();
    let ingested = parse(source, version, &files)?;
    commit(store, source, version, records, ingested)
}

/// Parses the files of one vintage, printing the parsers' warnings.
fn parse(source: SourceId, version: &str, files: &[InputFile]) -> anyhow::Result<Ingested> {
    let bar = spinner(format!(
        "{source} {version}: reading {} file(s)",
        files.len()
    ));
    let parsed = eirene_ingest::ingest(source, files);
    bar.finish_and_clear();
    let ingested = parsed.with_context(|| format!("{source} {version} was not ingested"))?;
    for warning in &ingested.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(ingested)
}

/// Writes a parsed vintage to the store with the provenance of its files.
fn commit(
    store: &Store,
    source: SourceId,
    version: &str,
    records: Vec<FileRecord>,
    ingested: Ingested,
) -> anyhow::Result<LedgerEntry> {
    let bar = spinner(format!(
        "{source} {version}: writing {} row(s)",
        ingested.rows_accepted()
    ));
    let entry = store.commit(source, version, records, ingested);
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
