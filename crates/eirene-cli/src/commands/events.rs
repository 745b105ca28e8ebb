//! Conflict events in a 12-month window, from a user's ACLED export or from UCDP GED: what the
//! exposure and the conflict index are computed from.

use chrono::{Days, Months, NaiveDate};
use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::Float64Type;
use eirene_spatial::LatLon;
use eirene_store::{Sql, Store};
use serde::Serialize;

use crate::UsageError;
use crate::cli::EventSourceArg;

/// Twelve months ending on a day (both days included).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Window {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Window {
    /// The twelve months ending on `end`.
    pub fn ending(end: NaiveDate) -> Window {
        let start = end
            .checked_sub_months(Months::new(12))
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .expect("dates far from the calendar's ends");
        Window { start, end }
    }
}

/// Where events come from, with the table and the SQL that reads them.
#[derive(Debug, Clone, Copy)]
pub struct EventSource {
    /// The source id (`acled`, `ucdp-ged`).
    pub id: &'static str,
    table: &'static str,
    /// The last date an event of the table can have.
    last_date: &'static str,
    /// Events in the window, as SQL over the table (`{start}`, `{end}` replaced).
    in_window: &'static str,
}

impl EventSource {
    /// The source named on the command line.
    pub fn of(arg: EventSourceArg) -> EventSource {
        match arg {
            // Political-violence events only: demonstrations are not conflict.
            EventSourceArg::Acled => EventSource {
                id: "acled",
                table: "acled_events",
                last_date: "MAX(event_date)",
                in_window: "event_date BETWEEN DATE '{start}' AND DATE '{end}' \
                            AND disorder_type LIKE '%Political violence%'",
            },
            // Every GED event is organised violence; an event counts when its date range
            // meets the window.
            EventSourceArg::Ucdp => EventSource {
                id: "ucdp-ged",
                table: "ged_events",
                last_date: "MAX(date_end)",
                in_window: "date_start <= DATE '{end}' AND date_end >= DATE '{start}'",
            },
        }
    }

    /// The condition selecting the window's events.
    fn condition(&self, window: &Window) -> String {
        self.in_window
            .replace("{start}", &window.start.to_string())
            .replace("{end}", &window.end.to_string())
    }

    /// The window ending on `end`, or on the last day with data.
    pub async fn window(&self, sql: &Sql, end: Option<NaiveDate>) -> anyhow::Result<Window> {
        if let Some(end) = end {
            return Ok(Window::ending(end));
        }
        let query = format!("SELECT {} AS last FROM {}", self.last_date, self.table);
        let result = sql.query(&query).await?;
        let last = result
            .json_rows()?
            .first()
            .and_then(|row| row.get("last")?.as_str()?.parse::<NaiveDate>().ok())
            .ok_or_else(|| UsageError(format!("{} has no events: nothing to compute", self.id)))?;
        Ok(Window::ending(last))
    }

    /// The coordinates of the window's events.
    pub async fn points(&self, sql: &Sql, window: &Window) -> anyhow::Result<Vec<LatLon>> {
        let query = format!(
            "SELECT CAST(latitude AS DOUBLE) AS lat, CAST(longitude AS DOUBLE) AS lon FROM {} \
             WHERE {} AND latitude IS NOT NULL AND longitude IS NOT NULL",
            self.table,
            self.condition(window)
        );
        let result = sql.query(&query).await?;
        let mut points = Vec::with_capacity(result.num_rows());
        for batch in &result.batches {
            let lat = batch.column(0).as_primitive::<Float64Type>();
            let lon = batch.column(1).as_primitive::<Float64Type>();
            for i in 0..batch.num_rows() {
                if lat.is_valid(i) && lon.is_valid(i) {
                    points.push(LatLon {
                        lat: lat.value(i),
                        lon: lon.value(i),
                    });
                }
            }
        }
        Ok(points)
    }
}

/// Opens the store's SQL, saying which sync is missing when the event table is not there.
pub async fn session(store: &Store, source: &EventSource) -> anyhow::Result<Sql> {
    let current = store.current(source.id)?;
    if current.is_none() {
        let hint = if source.id == "acled" {
            "import your export with `eirene ingest acled FILE --version V`"
        } else {
            "run `eirene sync ucdp-ged`"
        };
        return Err(UsageError(format!("no {} events in the store: {hint}", source.id)).into());
    }
    Ok(store.sql().await?)
}
