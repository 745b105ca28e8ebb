//! `eirene sync [SOURCE...] [--from DIR | --mirror-url URL]`: fetch, then ingest.
//!
//! Files come from one of three places: the publishers (the catalogue's URLs), an HTTP mirror, or
//! a local mirror directory (both laid out as [`eirene_sources::mirror`] documents). Downloads
//! land in the data directory's `downloads/` and stay there as the published originals. A vintage
//! whose files are byte-identical to what the ledger last recorded for it is not ingested again.
//! Sources read from a user's own export (ACLED) have nothing to fetch and are skipped.

use std::path::PathBuf;

use eirene_ingest::InputFile;
use eirene_sources::{DownloadOptions, SourceId, catalogue, mirror};
use eirene_store::{LedgerEntry, Store};

use super::ingest::{Input, builtin_countries_version, describe, ingest_vintage, summary};
use crate::cli::SyncArgs;
use crate::progress::DownloadBar;

/// Where the files come from.
enum Origin {
    Publishers,
    HttpMirror(String),
    LocalMirror(PathBuf),
}

/// A file to fetch: where from and which part of the source it holds.
struct Fetch {
    location: String,
    file_name: String,
    part: String,
}

pub fn run(store: &Store, args: SyncArgs) -> anyhow::Result<()> {
    let sources = if args.sources.is_empty() {
        SourceId::ALL.to_vec()
    } else {
        args.sources
            .iter()
            .map(|s| super::parse_source(s))
            .collect::<Result<_, _>>()?
    };
    let origin = match (args.from, args.mirror_url) {
        (Some(dir), _) => Origin::LocalMirror(dir),
        (None, Some(url)) => Origin::HttpMirror(url),
        (None, None) => Origin::Publishers,
    };
    let options = DownloadOptions {
        max_attempts: args.attempts.max(1),
        ..DownloadOptions::default()
    };
    for source in sources {
        if source.is_user_export() {
            // Nothing to fetch: the publisher's terms forbid redistribution. Named explicitly,
            // the user learns how to import their export; a plain `eirene sync` skips it quietly.
            if !args.sources.is_empty() {
                eprintln!(
                    "note: {source} is read from your own export only (nothing to download); \
                     import it with `eirene ingest {source} FILE... --version V`"
                );
            }
            continue;
        }
        sync_source(store, source, &origin, &options)?;
    }
    if let (Origin::LocalMirror(dir), true) = (&origin, args.sources.is_empty()) {
        let files: Vec<PathBuf> = mirror::TREATY_FILES
            .iter()
            .map(|path| dir.join(path))
            .filter(|path| path.is_file())
            .collect();
        super::treaties::import_with_reference(store.root(), &files)?;
    }
    Ok(())
}

/// Syncs every vintage the origin has for a source; the last one becomes current.
fn sync_source(
    store: &Store,
    source: SourceId,
    origin: &Origin,
    options: &DownloadOptions,
) -> anyhow::Result<()> {
    let vintages = plan(source, origin);
    for (version, fetches) in &vintages {
        let inputs = fetches
            .iter()
            .map(|fetch| obtain(store, source, version, fetch, origin, options))
            .collect::<anyhow::Result<Vec<_>>>()?;
        match up_to_date(store, source, version, &inputs)? {
            Some(entry) => println!(
                "{source} {version}: up to date (ledger entry {})",
                entry.seq
            ),
            None => println!(
                "{}",
                summary(&ingest_vintage(store, source, version, inputs)?)
            ),
        }
    }
    if let Some((last, _)) = vintages.last() {
        store.set_current(source, last)?;
    }
    Ok(())
}

/// The vintages to sync and their files. The country reference is built in: it has no files.
fn plan(source: SourceId, origin: &Origin) -> Vec<(String, Vec<Fetch>)> {
    if source == SourceId::Countries {
        return vec![(builtin_countries_version(), Vec::new())];
    }
    match origin {
        Origin::Publishers => {
            let downloads = catalogue::source(source).downloads;
            let Some(first) = downloads.first() else {
                return Vec::new();
            };
            let version = match first.version {
                catalogue::LATEST => today(),
                pinned => pinned.to_owned(),
            };
            let fetches = downloads
                .iter()
                .map(|d| Fetch {
                    location: d.url.to_owned(),
                    file_name: d.file_name.to_owned(),
                    part: d.part.to_owned(),
                })
                .collect();
            vec![(version, fetches)]
        }
        Origin::HttpMirror(base) => mirror_plan(source, |file| file.url(base)),
        Origin::LocalMirror(dir) => {
            mirror_plan(source, |file| file.local_path(dir).display().to_string())
        }
    }
}

fn mirror_plan(
    source: SourceId,
    locate: impl Fn(&mirror::MirrorFile) -> String,
) -> Vec<(String, Vec<Fetch>)> {
    mirror::vintages(source)
        .into_iter()
        .map(|(version, files)| {
            let fetches = files
                .into_iter()
                .map(|file| Fetch {
                    location: locate(file),
                    file_name: file.path.rsplit('/').next().unwrap_or(file.path).to_owned(),
                    part: file.part.to_owned(),
                })
                .collect();
            (version.to_owned(), fetches)
        })
        .collect()
}

/// Today's date (UTC) as the version of a publisher's "latest" download.
fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// The file on disk for a fetch (downloaded into `downloads/` when it is a URL), with its origin.
fn obtain(
    store: &Store,
    source: SourceId,
    version: &str,
    fetch: &Fetch,
    origin: &Origin,
    options: &DownloadOptions,
) -> anyhow::Result<Input> {
    let path = match origin {
        Origin::LocalMirror(_) => {
            let path = PathBuf::from(&fetch.location);
            anyhow::ensure!(
                path.is_file(),
                "{}: not in the mirror ({source} {version})",
                path.display()
            );
            path
        }
        Origin::Publishers | Origin::HttpMirror(_) => {
            let dest = store.downloads_dir(source, version).join(&fetch.file_name);
            eirene_sources::download::download(
                &fetch.location,
                &dest,
                options,
                &mut DownloadBar::new(),
            )?;
            dest
        }
    };
    let file = InputFile::new(&path, &fetch.part);
    let record = describe(&file, &fetch.location)?;
    Ok(Input { file, record })
}

/// The ledger entry of this vintage when its files are byte-identical to the inputs.
fn up_to_date(
    store: &Store,
    source: SourceId,
    version: &str,
    inputs: &[Input],
) -> anyhow::Result<Option<LedgerEntry>> {
    let stored = store
        .vintages()?
        .into_iter()
        .any(|v| v.source == source.as_str() && v.version == version);
    if !stored {
        return Ok(None);
    }
    let Some(last) = store
        .ledger()?
        .into_iter()
        .rev()
        .find(|e| e.source == source.as_str() && e.version == version)
    else {
        return Ok(None);
    };
    let mut digests: Vec<String> = inputs.iter().map(|i| i.record.sha256.clone()).collect();
    let mut recorded: Vec<String> = last.files.iter().map(|f| f.sha256.clone()).collect();
    digests.sort();
    recorded.sort();
    Ok((digests == recorded).then_some(last))
}
