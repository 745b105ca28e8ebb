//! Conflict events in a 12-month window, from a user's ACLED export or from UCDP GED: what the
//! exposure and the conflict index are computed from.

use chrono::{Days, Months, NaiveDate};
use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::Float64Type;
use eirene_spatial::LatLon;
use eirene_store::{Sql, Store};
use serde::Serialize;

use crate::IndicatorError;

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
    /// The conflict index's view of an event: SQL columns iso3, date, lat, lon, fatalities,
    /// political_violence, targets_civilians, actor_1, actor_2 (non-state armed groups or null).
    index_columns: &'static str,
}

impl EventSource {
    /// A user's ACLED export (`acled_events`).
    pub fn acled() -> EventSource {
        // Political-violence events only: demonstrations are not conflict.
        EventSource {
            id: "acled",
            table: "acled_events",
            last_date: "MAX(event_date)",
            in_window: "event_date BETWEEN DATE '{start}' AND DATE '{end}' \
                            AND disorder_type LIKE '%Political violence%'",
            // Non-state armed groups: ACLED actor types 2 (rebel groups), 3 (political
            // militias) and 4 (identity militias), as codes or as labels.
            index_columns: "countries.iso3 AS iso3, event_date AS date, \
                    CAST(latitude AS DOUBLE) AS lat, CAST(longitude AS DOUBLE) AS lon, \
                    CAST(fatalities AS DOUBLE) AS fatalities, \
                    disorder_type LIKE '%Political violence%' AS political_violence, \
                    COALESCE(civilian_targeting = 'Civilian targeting', false) AS targets_civilians, \
                    CASE WHEN inter1 IN ('2', '3', '4', 'Rebel group', 'Political militia', \
                        'Identity militia') THEN actor1 END AS actor_1, \
                    CASE WHEN inter2 IN ('2', '3', '4', 'Rebel group', 'Political militia', \
                        'Identity militia') THEN actor2 END AS actor_2 \
                    FROM acled_events JOIN countries ON countries.iso_numeric = acled_events.iso",
        }
    }

    /// UCDP GED (`ged_events`).
    pub fn ucdp() -> EventSource {
        // Every GED event is organised violence. An event counts in the window of its first
        // possible date, as UCDP counts it in the year of `date_start`: an event dated only to a
        // year must not count in every window that its date range touches.
        EventSource {
            id: "ucdp-ged",
            table: "ged_events",
            last_date: "MAX(date_start)",
            in_window: "date_start BETWEEN DATE '{start}' AND DATE '{end}'",
            // Non-state armed groups: both sides of a non-state conflict, side B of a
            // state-based one (side A is a government), side A of one-sided violence
            // unless it is a government.
            index_columns: "countries.iso3 AS iso3, date_start AS date, \
                    CAST(latitude AS DOUBLE) AS lat, CAST(longitude AS DOUBLE) AS lon, \
                    CAST(best AS DOUBLE) AS fatalities, true AS political_violence, \
                    type_of_violence = 3 AS targets_civilians, \
                    CASE WHEN type_of_violence = 2 \
                        OR (type_of_violence = 3 AND side_a NOT LIKE 'Government of%') \
                        THEN side_a END AS actor_1, \
                    CASE WHEN type_of_violence IN (1, 2) THEN side_b END AS actor_2 \
                    FROM ged_events JOIN countries ON countries.gw_code = ged_events.country_id",
        }
    }

    /// The condition selecting the window's events.
    fn condition(&self, window: &Window) -> String {
        self.in_window
            .replace("{start}", &window.start.to_string())
            .replace("{end}", &window.end.to_string())
    }

    /// The window ending on `end`, or on the last day with data.
    pub async fn window(
        &self,
        sql: &Sql,
        end: Option<NaiveDate>,
    ) -> Result<Window, IndicatorError> {
        if let Some(end) = end {
            return Ok(Window::ending(end));
        }
        Ok(Window::ending(self.last_date(sql).await?))
    }

    /// The last day with an event.
    pub async fn last_date(&self, sql: &Sql) -> Result<NaiveDate, IndicatorError> {
        let query = format!("SELECT {} AS last FROM {}", self.last_date, self.table);
        let result = sql.query(&query).await?;
        let last = result
            .json_rows()?
            .first()
            .and_then(|row| row.get("last")?.as_str()?.parse::<NaiveDate>().ok())
            .ok_or_else(|| {
                IndicatorError::Selection(format!("{} has no events: nothing to compute", self.id))
            })?;
        Ok(last)
    }

    /// The coordinates of the window's events.
    pub async fn points(&self, sql: &Sql, window: &Window) -> Result<Vec<LatLon>, IndicatorError> {
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

impl EventSource {
    /// The window's events as the conflict index reads them (events in a country the reference
    /// has no ISO code for cannot be ranked and are left out by the join).
    pub async fn index_events(
        &self,
        sql: &Sql,
        window: &Window,
    ) -> Result<Vec<eirene_index::Event>, IndicatorError> {
        let query = format!(
            "SELECT {} WHERE {} AND latitude IS NOT NULL AND longitude IS NOT NULL",
            self.index_columns,
            self.condition(window)
        );
        let rows = sql.query(&query).await?.json_rows()?;
        rows.iter().map(index_event).collect()
    }
}

fn index_event(
    row: &serde_json::Map<String, serde_json::Value>,
) -> Result<eirene_index::Event, IndicatorError> {
    let text = |key: &str| row.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let number = |key: &str| row.get(key).and_then(|v| v.as_f64()).unwrap_or_default();
    let flag = |key: &str| row.get(key).and_then(|v| v.as_bool()).unwrap_or_default();
    Ok(eirene_index::Event {
        iso3: text("iso3").unwrap_or_default(),
        date: text("date")
            .unwrap_or_default()
            .parse()
            .map_err(|e| IndicatorError::Selection(format!("event date: {e}")))?,
        lat: number("lat"),
        lon: number("lon"),
        fatalities: number("fatalities"),
        political_violence: flag("political_violence"),
        targets_civilians: flag("targets_civilians"),
        non_state_actors: ["actor_1", "actor_2"]
            .iter()
            .filter_map(|k| text(k))
            .collect(),
    })
}

/// Checks that the store holds the source's events (a clear error naming the source if not).
pub fn check_synced(store: &Store, source: &EventSource) -> Result<(), IndicatorError> {
    match store.current(source.id)? {
        Some(_) => Ok(()),
        None => Err(IndicatorError::MissingSource {
            indicator: "events",
            source_id: source.id,
        }),
    }
}

/// The conflict index of a window as one JSON document, as the command line and the web
/// application publish it: the method, the window, the events counted, the population raster
/// diffusion was computed from (null without one), the options, the ranking.
pub fn index_document(
    ranking: &eirene_index::Ranking,
    window: &Window,
    source: &EventSource,
    events: usize,
    population_file: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({
        "method": ranking.method,
        "window": window,
        "source": source.id,
        "events": events,
        "diffusion_computed": ranking.diffusion_computed,
        "population_file": population_file,
        "options": ranking.options,
        "countries": ranking.countries,
    })
}
