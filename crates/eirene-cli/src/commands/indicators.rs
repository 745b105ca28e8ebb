//! `eirene indicators list | show ID | explain ID`.

use std::io::Write;

use eirene_indicators::{Computed, Indicator, Lang, Selection};
use eirene_store::Store;
use serde_json::json;

use crate::cli::{Format, IndicatorsCommand, LangArg, ShowArgs};
use crate::output::{text_batch, write_batches};

pub fn run(store: &Store, command: IndicatorsCommand) -> anyhow::Result<()> {
    let mut out = crate::output::stdout();
    match command {
        IndicatorsCommand::List { format, lang } => list(&mut out, format, lang.into()),
        IndicatorsCommand::Show(args) => show(store, &mut out, args),
        IndicatorsCommand::Explain { id, lang, format } => {
            explain(&mut out, eirene_indicators::find(&id)?, lang.into(), format)
        }
    }
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
        }
    }
}

fn list(out: &mut impl Write, format: Format, lang: Lang) -> anyhow::Result<()> {
    let rows: Vec<Vec<String>> = eirene_indicators::catalogue()
        .map(|i| {
            vec![
                i.id.to_owned(),
                i.name.get(lang).to_owned(),
                i.unit.get(lang).to_owned(),
                source_ids(i),
            ]
        })
        .collect();
    let batch = text_batch(&["id", "name", "unit", "sources"], &rows);
    write_batches(out, format, &batch.schema(), &[batch])
}

fn source_ids(indicator: &Indicator) -> String {
    indicator
        .sources
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn show(store: &Store, out: &mut impl Write, args: ShowArgs) -> anyhow::Result<()> {
    let indicator = eirene_indicators::find(&args.id)?;
    let (from, to) = match args.year {
        Some(year) => (Some(year), Some(year)),
        None => (args.from, args.to),
    };
    let selection = Selection {
        country: args.country,
        region: args.region,
        from,
        to,
    };
    let computed = super::block_on(eirene_indicators::compute(store, indicator, &selection))??;
    match args.format {
        Format::Json => {
            let document = json!({
                "indicator": indicator.id,
                "name": indicator.name.en,
                "unit": indicator.unit.en,
                "sources": computed.sources,
                "sql": computed.sql,
                "rows": computed.result.json_rows()?,
            });
            serde_json::to_writer_pretty(&mut *out, &document)?;
            writeln!(out)?;
        }
        Format::Csv => {
            write_batches(
                out,
                Format::Csv,
                &computed.result.schema,
                computed.batches(),
            )?;
            eprintln!("{}", provenance(&computed));
        }
        Format::Table => {
            write_batches(
                out,
                Format::Table,
                &computed.result.schema,
                computed.batches(),
            )?;
            writeln!(out, "{}", provenance(&computed))?;
        }
    }
    Ok(())
}

/// Where the figures come from, for the reader of a table.
fn provenance(computed: &Computed) -> String {
    let sources: Vec<String> = computed
        .sources
        .iter()
        .map(|s| {
            let digests: Vec<&str> = s.sha256.iter().map(|d| &d[..12]).collect();
            if digests.is_empty() {
                format!("{} {}", s.id, s.version)
            } else {
                format!("{} {} (sha256 {})", s.id, s.version, digests.join(", "))
            }
        })
        .collect();
    format!(
        "{} rows. Sources: {}. Definition and SQL: eirene indicators explain {}",
        computed.result.num_rows(),
        sources.join("; "),
        computed.indicator.id
    )
}

fn explain(
    out: &mut impl Write,
    indicator: &Indicator,
    lang: Lang,
    format: Format,
) -> anyhow::Result<()> {
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, indicator)?;
        writeln!(out)?;
        return Ok(());
    }
    let citations: Vec<String> = indicator
        .sources
        .iter()
        .map(|&id| format!("  {id}: {}", eirene_sources::catalogue::source(id).citation))
        .collect();
    writeln!(
        out,
        "{id} — {name}\n\n{definition}\n\nUnit: {unit}\n\nCaveats: {caveats}\n\nSources:\n{sources}\n\nSQL (run it with `eirene sql`):\n\n{sql}",
        id = indicator.id,
        name = indicator.name.get(lang),
        definition = indicator.definition.get(lang),
        unit = indicator.unit.get(lang),
        caveats = indicator.caveats.get(lang),
        sources = citations.join("\n"),
        sql = indicator.sql.trim(),
    )?;
    Ok(())
}
