//! Treaty pages: `/treaties` (universality of every treaty on a date) and `/treaties/{id}`
//! (every state's status, the states outside, parties over time, recent actions); `?as_of=DATE`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use std::collections::HashMap;

use eirene_charts::{Category, CategoryMap, Chart, Series};
use eirene_treaties::status::{self, Basis, Evaluation};
use eirene_treaties::{Action, Registry, Status, Treaty, states};
use maud::html;
use serde_json::json;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::layout;
use crate::pages::countries::country_name;
use crate::respond::{Ask, Page, Table, answer};
use crate::state::Site;

/// The date asked for (`?as_of=YYYY-MM-DD`), today by default.
fn as_of(ask: &Ask) -> Result<NaiveDate, WebError> {
    Ok(ask
        .parsed::<NaiveDate>("as_of", "a date (YYYY-MM-DD)")?
        .unwrap_or_else(|| chrono::Local::now().date_naive()))
}

fn basis_text(basis: &Basis) -> String {
    match basis {
        Basis::Actions => "actions".to_owned(),
        Basis::ReportedStatus { reported_for } => format!("reported status ({reported_for})"),
        Basis::NoRecords => "no records".to_owned(),
    }
}

async fn records(site: &Site) -> Result<(Vec<Action>, Vec<eirene_treaties::StatusFact>), WebError> {
    let actions = site.records.plain_actions(None, None).await?;
    Ok((actions, site.records.facts(None).await?))
}

/// Every treaty's evaluation on one date.
pub type Standing = Vec<(&'static Treaty, Evaluation)>;

/// Every treaty's standing on `date`, computed once per snapshot of the data.
pub async fn standing(site: &Site, date: NaiveDate) -> Result<Arc<Standing>, WebError> {
    let snapshot = site.snapshot().await?;
    let mut memo = snapshot.treaties.lock().await;
    if let Some(standing) = memo.get(&date) {
        return Ok(standing.clone());
    }
    let (actions, facts) = records(site).await?;
    let standing: Arc<Standing> = Arc::new(
        Registry::builtin()
            .treaties()
            .iter()
            .map(|t| (t, status::evaluate(t, &actions, &facts, date)))
            .collect(),
    );
    memo.insert(date, standing.clone());
    Ok(standing)
}

/// `/treaties`, `.json`, `.csv`.
#[utoipa::path(get, path = "/treaties.json", tag = "treaties",
    params(("as_of" = Option<String>, Query, description = "Date, YYYY-MM-DD (default: today)")),
    responses(
        (status = 200, description = "Per treaty: signatories, bound, parties in force, withdrawals, outside, basis", content_type = "application/json"),
        (status = 400, description = "A malformed date"),
    ))]
pub async fn list(State(site): State<Arc<Site>>, ask: Ask) -> Response {
    answer(&ask, list_page(&site, &ask).await)
}

async fn list_page(site: &Site, ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let date = as_of(ask)?;
    let evaluations = standing(site, date).await?;
    let columns = [
        "treaty",
        "name",
        "as_of",
        "in_force",
        "basis",
        "signatories",
        "bound",
        "parties_in_force",
        "withdrawal_pending",
        "withdrawn",
        "outside",
    ];
    let rows: Vec<serde_json::Value> = evaluations
        .iter()
        .map(|(t, e)| {
            let s = &e.summary;
            json!({
                "treaty": t.id,
                "name": t.name_in(lang.code()),
                "as_of": date,
                "in_force": s.in_force,
                "basis": basis_text(&e.basis),
                "signatories": matches!(e.basis, Basis::Actions).then_some(s.signatories),
                "bound": s.bound,
                "parties_in_force": s.parties_in_force,
                "withdrawal_pending": s.withdrawal_pending,
                "withdrawn": s.withdrawn,
                "outside": s.outside,
            })
        })
        .collect();
    let body = html! {
        h1 { (lang.t("treaties.title")) }
        form.pick method="get" action="/treaties" {
            @if lang == Lang::Fr { input type="hidden" name="lang" value="fr"; }
            label { (lang.t("treaties.as_of")) " " input type="date" name="as_of" value=(date); }
            button type="submit" { (lang.t("indicators.show")) }
        }
        table {
            thead { tr {
                th { (lang.t("nav.treaties")) } th.num { (lang.t("treaties.signatories")) } th.num { (lang.t("treaties.bound")) }
                th.num { (lang.t("treaties.parties")) } th.num { (lang.t("treaties.pending")) } th.num { (lang.t("treaties.withdrawn")) }
                th.num { (lang.t("treaties.outside")) } th { (lang.t("treaties.basis")) }
            } }
            tbody {
                @for (t, e) in evaluations.iter() {
                    @let s = &e.summary;
                    tr {
                        td { a href=(ask.link(&format!("/treaties/{}", t.id))) { (t.acronym) } @if !s.in_force { " " small { "(" (lang.t("treaties.not_in_force")) ")" } } }
                        td.num { @if matches!(e.basis, Basis::Actions) { (s.signatories) } @else { "—" } }
                        td.num { (s.bound) } td.num { (s.parties_in_force) } td.num { (s.withdrawal_pending) }
                        td.num { (s.withdrawn) } td.num { (s.outside) } td { (basis_text(&e.basis)) }
                    }
                }
            }
        }
        p.source { (lang.t("treaties.as_of")) " " (lang.date(date)) ". " (lang.t("source")) ": " a href=(ask.link("/sources")) { (lang.t("nav.sources")) } }
    };
    let table = table_of(&columns, &rows);
    Ok(Page {
        title: lang.t("treaties.title").to_owned(),
        body,
        json: json!(rows),
        table: Some(table),
        svg: None,
    })
}

fn table_of(columns: &[&str], rows: &[serde_json::Value]) -> Table {
    Table {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| match &r[*c] {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Null => String::new(),
                        v => v.to_string(),
                    })
                    .collect()
            })
            .collect(),
    }
}

/// The statuses in the order of the map's legend.
const MAP_STATUSES: [Status; 5] = [
    Status::Party,
    Status::Bound,
    Status::Signatory,
    Status::Withdrawn,
    Status::Outside,
];

/// Every state's status on a world map (states without records are "no data").
fn status_map(
    site: &Site,
    evaluation: &Evaluation,
    treaty: &Treaty,
    ask: &Ask,
    date: NaiveDate,
) -> Option<String> {
    let world = site.world.as_ref()?;
    if matches!(evaluation.basis, Basis::NoRecords) {
        return None;
    }
    let lang = ask.lang;
    let labels: Vec<String> = MAP_STATUSES
        .iter()
        .map(|s| lang.t(&format!("status.{}", s.as_str())).to_owned())
        .collect();
    let categories: Vec<Category> = labels.iter().map(|label| Category { label }).collect();
    let assignment: HashMap<String, usize> = evaluation
        .states
        .iter()
        .filter_map(|s| {
            Some((
                s.state.clone(),
                MAP_STATUSES.iter().position(|m| *m == s.status)?,
            ))
        })
        .collect();
    let title = format!(
        "{} — {} ({})",
        treaty.acronym,
        lang.t("treaties.map"),
        lang.date(date)
    );
    let href = |iso3: &str| ask.link(&format!("/countries/{iso3}"));
    Some(eirene_charts::category_map(
        world,
        &CategoryMap {
            title: &title,
            source: lang.t("treaties.chart_source"),
            categories: &categories,
            assignment: &assignment,
            href: &href,
            no_data: lang.t("no_data"),
            locale: lang.locale(),
        },
    ))
}

/// `/treaties/{id}`, `.json`, `.csv`, `.svg` (parties over time).
#[utoipa::path(get, path = "/treaties/{id}.json", tag = "treaties",
    params(
        ("id" = String, Path, description = "Treaty id", example = "att"),
        ("as_of" = Option<String>, Query, description = "Date, YYYY-MM-DD (default: today)"),
    ),
    responses(
        (status = 200, description = "The registry entry, every state's status, the states outside, the timeline, recent actions", content_type = "application/json"),
        (status = 404, description = "Unknown treaty"),
    ))]
pub async fn handler(State(site): State<Arc<Site>>, Path(_): Path<String>, ask: Ask) -> Response {
    answer(&ask, page(&site, &ask).await)
}

async fn page(site: &Site, ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let id = ask.path.trim_start_matches("/treaties/");
    let treaty = Registry::builtin()
        .get(id)
        .filter(|t| t.id == id)
        .ok_or_else(|| WebError::NotFound(format!("unknown treaty {id}")))?;
    let date = as_of(ask)?;
    let (actions, facts) = records(site).await?;
    let evaluation = status::evaluate(treaty, &actions, &facts, date);
    let index = eirene_ingest::countries::CountryIndex::builtin()
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let mine: Vec<&Action> = actions.iter().filter(|a| a.treaty == treaty.id).collect();
    let timeline = if mine.is_empty() {
        Vec::new()
    } else {
        status::timeline(treaty, &actions, date)
    };
    let chart = (!timeline.is_empty()).then(|| {
        let series = vec![
            Series {
                name: lang.t("treaties.bound").to_owned(),
                points: timeline
                    .iter()
                    .map(|y| (f64::from(y.year), y.bound as f64))
                    .collect(),
            },
            Series {
                name: lang.t("treaties.parties").to_owned(),
                points: timeline
                    .iter()
                    .map(|y| (f64::from(y.year), y.parties_in_force as f64))
                    .collect(),
            },
        ];
        let title = format!("{} — {}", treaty.acronym, lang.t("treaties.over_time"));
        eirene_charts::line_chart(&Chart {
            title: &title,
            x_label: lang.t("year"),
            unit: lang.t("unit.states"),
            source: lang.t("treaties.chart_source"),
            locale: lang.locale(),
            series: &series,
        })
    });
    let map = status_map(site, &evaluation, treaty, ask, date);
    let mut recent: Vec<&Action> = mine
        .iter()
        .copied()
        .filter(|a| a.deposited <= date)
        .collect();
    recent.sort_by_key(|a| std::cmp::Reverse((a.deposited, a.kind)));
    recent.truncate(15);
    // Outside, by name in the reader's language.
    let mut outside: Vec<(String, &status::StateStatus)> = evaluation
        .states
        .iter()
        .filter(|s| states::contains(&s.state) && !s.status.is_bound())
        .map(|s| (country_name(&index, &s.state, lang), s))
        .collect();
    outside.sort_by(|a, b| a.0.cmp(&b.0));
    let s = &evaluation.summary;
    let body = html! {
        h1 { (treaty.acronym) " — " (treaty.name_in(lang.code())) }
        p {
            (lang.t("treaties.as_of")) " " (lang.date(date)) " (" (basis_text(&evaluation.basis)) "): "
            (s.bound) " " (lang.t("treaties.bound").to_lowercase()) ", " (s.parties_in_force) " " (lang.t("treaties.parties").to_lowercase()) ", "
            (s.withdrawn) " " (lang.t("treaties.withdrawn").to_lowercase()) ", " (s.outside) " " (lang.t("treaties.outside").to_lowercase()) "."
            @if let Some(condition) = &treaty.not_in_force { " " (lang.t("treaties.not_in_force")) ": " (condition) }
        }
        @if matches!(evaluation.basis, Basis::NoRecords) { p { (lang.t("treaties.no_records")) } }
        @if let Some(svg) = &map {
            (layout::figure(svg, None, lang))
            p.source { (lang.t("map.disputed")) }
        }
        @if let Some(svg) = &chart { (layout::figure(svg, Some(&ask.twin("svg")), lang)) }
        h2 { (lang.t("treaties.outside")) " (" (outside.len()) ")" }
        ul {
            @for (name, st) in &outside {
                li { a href=(ask.link(&format!("/countries/{}", st.state))) { (name) } " — " span class=(format!("status-{}", st.status.as_str())) { (lang.t(&format!("status.{}", st.status.as_str()))) } }
            }
        }
        @if !recent.is_empty() {
            h2 { (lang.t("treaties.recent")) }
            table {
                tbody {
                    @for a in &recent {
                        tr { td { (a.deposited) } td { a href=(ask.link(&format!("/countries/{}", a.state))) { (country_name(&index, &a.state, lang)) } } td { (a.kind) } td.source { (a.provenance.to_string()) } }
                    }
                }
            }
        }
        h2 { (lang.t("treaties.map")) }
        table {
            thead { tr { th { (lang.t("country")) } th { (lang.t("treaties.status")) } th { "signed" } th { "consent" } th { "in force for the state" } } }
            tbody {
                @for st in &evaluation.states {
                    tr {
                        td { a href=(ask.link(&format!("/countries/{}", st.state))) { (country_name(&index, &st.state, lang)) } }
                        td class=(format!("status-{}", st.status.as_str())) { (lang.t(&format!("status.{}", st.status.as_str()))) @if st.withdrawal_pending() { " (" (lang.t("treaties.pending")) ")" } }
                        td { @if let Some(d) = st.signed { (d) } }
                        td { @if let Some(d) = st.consent_deposited { (d) " " } @if let Some(k) = st.consent { (k) } }
                        td { @if let Some(d) = st.in_force_for_state { (d) } }
                    }
                }
            }
        }
        h2 { (lang.t("method")) }
        p { "Consent: " (treaty.effect) ". Withdrawal: " (treaty.withdrawal) ". " a href=(treaty.source) { (treaty.source) } }
    };
    let json = json!({
        "treaty": treaty,
        "as_of": date,
        "basis": evaluation.basis,
        "summary": evaluation.summary,
        "states": evaluation.states,
        "outside": outside.iter().map(|(name, s)| json!({"iso3": s.state, "name": name, "status": s.status})).collect::<Vec<_>>(),
        "timeline": timeline,
        "recent_actions": recent,
    });
    let columns = [
        "iso3",
        "status",
        "withdrawal_pending",
        "signed",
        "consent",
        "consent_deposited",
        "in_force_for_state",
        "withdrawal_notified",
        "withdrawal_effective",
    ];
    let rows: Vec<serde_json::Value> = evaluation.states.iter().map(|st| json!({
        "iso3": st.state, "status": st.status, "withdrawal_pending": st.withdrawal_pending(), "signed": st.signed, "consent": st.consent,
        "consent_deposited": st.consent_deposited, "in_force_for_state": st.in_force_for_state, "withdrawal_notified": st.withdrawal_notified, "withdrawal_effective": st.withdrawal_effective,
    })).collect();
    Ok(Page {
        title: treaty.acronym.clone(),
        body,
        json,
        table: Some(table_of(&columns, &rows)),
        svg: chart,
    })
}
