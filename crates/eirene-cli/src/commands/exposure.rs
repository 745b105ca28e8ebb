//! `eirene exposure`: people within R km of a conflict event in a 12-month window, per country
//! and for the world.

use std::io::Write;

use anyhow::Context;
use eirene_spatial::{Band, CountryRaster, Grid, RasterError, RowSource};
use eirene_store::Store;
use serde_json::json;

use crate::UsageError;
use crate::cli::{ExposureArgs, Format};
use crate::commands::block_on;
use crate::output::{self, write_rows};
use eirene_indicators::events::{EventSource, check_synced};

pub fn run(store: &Store, args: ExposureArgs) -> anyhow::Result<()> {
    if !(args.radius_km > 0.0 && args.radius_km.is_finite()) {
        return Err(UsageError(format!(
            "--radius-km must be a positive number, not {}",
            args.radius_km
        ))
        .into());
    }
    let source = event_source(args.source);
    let (window, events) = block_on(async {
        check_synced(store, &source)?;
        let sql = store.sql().await?;
        let window = source.window(&sql, args.window_end).await?;
        let events = source.points(&sql, &window).await?;
        anyhow::Ok((window, events))
    })??;
    let world = eirene_web::state::load_world(store)?.ok_or_else(|| {
        UsageError("no country boundaries in the store: run `eirene sync naturalearth`".into())
    })?;
    let countries = CountryRaster::new(&world);
    let mut raster = eirene_spatial::raster::open(&args.population)?;
    let bar = crate::progress::rows_bar(raster.grid().height as u64, "population rows");
    let mut progress = Progressing {
        inner: raster.as_mut(),
        bar: &bar,
    };
    let result = eirene_spatial::exposure(&mut progress, &events, args.radius_km, Some(&countries))
        .with_context(|| format!("exposure over {}", args.population.display()))?;
    bar.finish_and_clear();
    let share = |c: &eirene_spatial::Counts| c.share();
    let out = &mut output::stdout();
    match args.format {
        Format::Json => {
            let document = json!({
                "radius_km": args.radius_km,
                "window": window,
                "source": source.id,
                "events": events.len(),
                "population_file": args.population.display().to_string(),
                "world": {"population": result.total.population, "exposed": result.total.exposed, "share": share(&result.total)},
                "countries": result.countries.iter().map(|c| json!({
                    "iso3": c.iso3, "name": c.name, "population": c.counts.population,
                    "exposed": c.counts.exposed, "share": share(&c.counts),
                })).collect::<Vec<_>>(),
                "unassigned": {"population": result.unassigned.population, "exposed": result.unassigned.exposed},
            });
            serde_json::to_writer_pretty(&mut *out, &document)?;
            writeln!(out)?;
        }
        format => {
            let mut rows: Vec<serde_json::Value> = result
                .countries
                .iter()
                .filter(|c| c.counts.exposed > 0.0)
                .map(|c| json!({"iso3": c.iso3, "name": c.name, "population": c.counts.population.round(), "exposed": c.counts.exposed.round(), "share_pct": share(&c.counts).map(|s| s * 100.0)}))
                .collect();
            rows.sort_by(|a, b| {
                b["exposed"]
                    .as_f64()
                    .unwrap_or(0.0)
                    .total_cmp(&a["exposed"].as_f64().unwrap_or(0.0))
            });
            rows.push(json!({"iso3": "", "name": "World", "population": result.total.population.round(), "exposed": result.total.exposed.round(), "share_pct": share(&result.total).map(|s| s * 100.0)}));
            if format == Format::Table {
                eprintln!(
                    "{} events of {} from {} to {}, people within {} km of at least one:",
                    events.len(),
                    source.id,
                    window.start,
                    window.end,
                    args.radius_km
                );
            }
            write_rows(out, format, &rows)?;
        }
    }
    Ok(())
}

/// The events named on the command line.
pub fn event_source(arg: crate::cli::EventSourceArg) -> EventSource {
    match arg {
        crate::cli::EventSourceArg::Ucdp => EventSource::ucdp(),
        crate::cli::EventSourceArg::Acled => EventSource::acled(),
    }
}

/// A raster whose bands advance a progress bar.
struct Progressing<'a> {
    inner: &'a mut dyn RowSource,
    bar: &'a indicatif::ProgressBar,
}

impl RowSource for Progressing<'_> {
    fn grid(&self) -> &Grid {
        self.inner.grid()
    }

    fn next_band(&mut self) -> Result<Option<Band<'_>>, RasterError> {
        let band = self.inner.next_band()?;
        if let Some(band) = &band {
            self.bar.inc(band.rows() as u64);
        }
        Ok(band)
    }
}
