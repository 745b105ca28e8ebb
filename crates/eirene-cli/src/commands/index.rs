//! `eirene index`: an ACLED-style conflict index, Eirene method, over 12 months of events.

use std::io::Write;

use eirene_index::{Options, Population};
use eirene_spatial::CountryRaster;
use eirene_store::Store;
use serde_json::json;

use crate::cli::{Format, IndexArgs};
use crate::commands::block_on;
use crate::commands::exposure::event_source;
use crate::output::{self, write_rows};
use eirene_indicators::events::{Window, check_synced, index_document};

pub fn run(store: &Store, args: IndexArgs) -> anyhow::Result<()> {
    let source = event_source(args.source);
    let (window, events) = block_on(async {
        check_synced(store, &source)?;
        let sql = store.sql().await?;
        let end = match args.window_end {
            Some(end) => end,
            None => eirene_index::annual_window_end(source.last_date(&sql).await?),
        };
        let window = Window::ending(end);
        let events = source.index_events(&sql, &window).await?;
        anyhow::Ok((window, events))
    })??;
    let ranking = match &args.population {
        Some(path) => {
            let world = eirene_web::state::load_world(store)?.ok_or_else(|| {
                crate::UsageError(
                    "no country boundaries in the store: run `eirene sync naturalearth`".into(),
                )
            })?;
            let countries = CountryRaster::new(&world);
            let mut raster = eirene_spatial::raster::open(path)?;
            let population = Population {
                source: raster.as_mut(),
                countries: &countries,
            };
            eirene_index::conflict_index(&events, Some(population), &Options::default())?
        }
        None => eirene_index::conflict_index(&events, None, &Options::default())?,
    };
    let index = eirene_ingest::countries::CountryIndex::builtin()?;
    let name = |iso3: &str| index.name(iso3, false).unwrap_or(iso3).to_owned();
    let out = &mut output::stdout();
    if args.format == Format::Json {
        let population_file = args.population.as_ref().map(|p| p.display().to_string());
        let document = index_document(
            &ranking,
            &window,
            &source,
            events.len(),
            population_file.as_deref(),
        );
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)?;
        return Ok(());
    }
    let rows: Vec<serde_json::Value> = ranking
        .countries
        .iter()
        .filter(|c| c.rank.is_some())
        .map(|c| json!({
            "rank": c.rank, "iso3": c.iso3, "country": name(&c.iso3), "level": c.level,
            "score": c.score, "deadliness": c.deadliness, "danger_to_civilians": c.danger_to_civilians,
            "diffusion": c.diffusion, "fragmentation": c.fragmentation,
        }))
        .collect();
    if args.format == Format::Table {
        let diffusion = if ranking.diffusion_computed {
            ""
        } else {
            "; diffusion not computed (give --population)"
        };
        writeln!(
            out,
            "{} — {} events of {} from {} to {}{diffusion}",
            ranking.method,
            events.len(),
            source.id,
            window.start,
            window.end
        )?;
    }
    write_rows(out, args.format, &rows)
}
