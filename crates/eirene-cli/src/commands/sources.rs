//! `eirene sources [SOURCE] [--format table|csv|json]`: the catalogue, the stored vintages and
//! the provenance ledger.

use std::io::Write;

use eirene_sources::{SourceId, catalogue};
use eirene_store::{LedgerEntry, Store, Vintage};
use serde_json::json;

use crate::cli::{Format, SourcesArgs};
use crate::output::{text_batch, write_batches};

pub fn run(store: &Store, args: SourcesArgs) -> anyhow::Result<()> {
    let selected = match &args.source {
        Some(text) => vec![super::parse_source(text)?],
        None => SourceId::ALL.to_vec(),
    };
    let vintages = store.vintages()?;
    let ledger = store.ledger()?;
    let mut out = crate::output::stdout();
    match args.format {
        Format::Json => {
            let sources: Vec<_> = selected
                .iter()
                .map(|&id| source_json(id, &vintages, &ledger))
                .collect();
            serde_json::to_writer_pretty(&mut out, &json!({ "sources": sources }))?;
            writeln!(out)?;
            Ok(())
        }
        format => {
            if let (Format::Table, [id]) = (format, selected.as_slice()) {
                write_catalogue_entry(&mut out, *id)?;
            }
            let batch = vintage_rows(&selected, &vintages, &ledger);
            write_batches(&mut out, format, &batch.schema(), &[batch])
        }
    }
}

/// The latest ledger entry of a vintage: the one that wrote what is stored now.
fn latest<'a>(ledger: &'a [LedgerEntry], source: &str, version: &str) -> Option<&'a LedgerEntry> {
    ledger
        .iter()
        .rev()
        .find(|e| e.source == source && e.version == version)
}

fn vintage_rows(
    selected: &[SourceId],
    vintages: &[Vintage],
    ledger: &[LedgerEntry],
) -> datafusion::arrow::record_batch::RecordBatch {
    let mut rows = Vec::new();
    for &id in selected {
        let licence = catalogue::source(id).licence.to_owned();
        let stored: Vec<&Vintage> = vintages
            .iter()
            .filter(|v| v.source == id.as_str())
            .collect();
        if stored.is_empty() {
            let status = if id.is_user_export() {
                "(user's own export; not ingested)"
            } else {
                "(not synced)"
            };
            rows.push(vec![
                id.to_string(),
                status.into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                licence.clone(),
            ]);
        }
        for vintage in stored {
            let entry = latest(ledger, &vintage.source, &vintage.version);
            let tables = vintage
                .tables
                .iter()
                .map(|(t, n)| format!("{t} ({n})"))
                .collect::<Vec<_>>()
                .join(", ");
            let files = entry.map_or_else(String::new, |e| {
                e.files
                    .iter()
                    .map(|f| format!("{} sha256:{}", f.name, &f.sha256[..12]))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            rows.push(vec![
                id.to_string(),
                vintage.version.clone(),
                if vintage.current {
                    "yes".into()
                } else {
                    String::new()
                },
                tables,
                files,
                entry.map_or_else(String::new, |e| e.ingested_at.clone()),
                licence.clone(),
            ]);
        }
    }
    text_batch(
        &[
            "source",
            "version",
            "current",
            "tables (rows)",
            "files",
            "ingested_at",
            "licence",
        ],
        &rows,
    )
}

fn write_catalogue_entry(out: &mut impl Write, id: SourceId) -> std::io::Result<()> {
    let s = catalogue::source(id);
    writeln!(
        out,
        "{} — {}\npublisher: {}\nhomepage:  {}\nformat:    {}\nlicence:   {}\ncite as:   {}",
        s.id, s.title, s.publisher, s.homepage, s.format, s.licence, s.citation
    )?;
    if id.is_user_export() {
        writeln!(
            out,
            "download:  none, user's own export (eirene ingest {id} FILE... --version V)"
        )?;
    }
    for d in s.downloads {
        writeln!(
            out,
            "download:  {} ({}, version {})",
            d.url, d.part, d.version
        )?;
    }
    if !s.notes.is_empty() {
        writeln!(out, "notes:     {}", s.notes)?;
    }
    writeln!(out)
}

fn source_json(id: SourceId, vintages: &[Vintage], ledger: &[LedgerEntry]) -> serde_json::Value {
    let s = catalogue::source(id);
    let stored: Vec<_> = vintages
        .iter()
        .filter(|v| v.source == id.as_str())
        .map(|v| {
            json!({
                "version": v.version,
                "current": v.current,
                "tables": v.tables.iter().map(|(t, n)| json!({"name": t, "rows": n})).collect::<Vec<_>>(),
                "ledger_entry": latest(ledger, &v.source, &v.version).map(|e| e.seq),
            })
        })
        .collect();
    let entries: Vec<&LedgerEntry> = ledger.iter().filter(|e| e.source == id.as_str()).collect();
    json!({
        "id": id.as_str(),
        "title": s.title,
        "publisher": s.publisher,
        "homepage": s.homepage,
        "format": s.format,
        "licence": s.licence,
        "citation": s.citation,
        "user_export": id.is_user_export(),
        "downloads": s.downloads.iter().map(|d| json!({"part": d.part, "url": d.url, "version": d.version})).collect::<Vec<_>>(),
        "vintages": stored,
        "ledger": entries,
    })
}
