//! `eirene treaties`: treaty participation at any date, from the records database.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use eirene_ingest::countries::CountryIndex;
use eirene_treaties::import::{self, Imported, Layout, Options};
use eirene_treaties::records::{Edit, ImportOutcome, RECORDS_FILE, Records, StoredAction};
use eirene_treaties::status::{self, Basis, Evaluation, StateStatus};
use eirene_treaties::{
    Action, ActionKind, Provenance, Registry, Status, StatusFact, Treaty, states,
};
use serde::Serialize;
use serde_json::json;

use crate::UsageError;
use crate::cli::{
    EditArgs, EditorArgs, Format, LangArg, LayoutArg, RecordArgs, StatusView, TreatiesArgs,
    TreatiesCommand, TreatyImportArgs,
};
use crate::commands::block_on;
use crate::output::{self, write_rows};

/// Opens (creating it if needed) the records database of a data directory.
async fn open_records(data_dir: &Path) -> anyhow::Result<Records> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let database = data_dir.join(RECORDS_FILE);
    Records::open_sqlite(&database)
        .await
        .with_context(|| format!("cannot open {}", database.display()))
}

pub fn run(data_dir: &Path, args: TreatiesArgs) -> anyhow::Result<()> {
    block_on(async move {
        let records = open_records(data_dir).await?;
        let out = &mut output::stdout();
        let result = match args.command {
            None => summary(&records, out, &args.view).await,
            Some(TreatiesCommand::Registry { id, format, lang }) => {
                registry(out, id.as_deref(), format, lang)
            }
            Some(TreatiesCommand::Show { id, recent, view }) => {
                show(&records, out, &id, recent, &view).await
            }
            Some(TreatiesCommand::Country { state, view }) => {
                country(&records, out, &state, &view).await
            }
            Some(TreatiesCommand::Timeline { id, format }) => {
                timeline(&records, out, &id, format).await
            }
            Some(TreatiesCommand::Import(args)) => import_files(&records, out, args).await,
            Some(TreatiesCommand::Record(args)) => record(&records, out, args).await,
            Some(TreatiesCommand::Edit(args)) => edit(&records, out, args).await,
            Some(TreatiesCommand::Delete {
                id,
                revision,
                editor,
            }) => {
                records.delete(id, revision, &edit_of(editor)).await?;
                writeln!(out, "deleted action {id}; its history is kept")?;
                Ok(())
            }
            Some(TreatiesCommand::Actions {
                treaty,
                state,
                format,
            }) => actions(&records, out, treaty, state, format).await,
            Some(TreatiesCommand::History { id, format }) => {
                let history = records.history(id).await?;
                if format == Format::Json {
                    write_rows(out, format, &history)
                } else {
                    write_rows(
                        out,
                        format,
                        &history.iter().map(HistoryRow::of).collect::<Vec<_>>(),
                    )
                }
            }
            Some(TreatiesCommand::Export {
                treaty,
                state,
                out: file,
            }) => export(&records, out, treaty, state, file.as_deref()).await,
            Some(TreatiesCommand::Imports { format }) => {
                write_rows(out, format, &records.imports().await?)
            }
        };
        records.close().await;
        result
    })?
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn lang(arg: LangArg) -> &'static str {
    match arg {
        LangArg::En => "en",
        LangArg::Fr => "fr",
    }
}

fn treaty(id: &str) -> Result<&'static Treaty, UsageError> {
    let registry = Registry::builtin();
    registry.get(id).ok_or_else(|| {
        UsageError(format!(
            "unknown treaty {id:?}; known: {}",
            registry.ids().join(", ")
        ))
    })
}

/// The ISO alpha-3 code of a state typed by the user (a code or a name).
fn state_code(text: &str) -> anyhow::Result<String> {
    let index = CountryIndex::builtin()?;
    let upper = text.trim().to_ascii_uppercase();
    if index.knows(&upper) {
        return Ok(upper);
    }
    index.by_name(text).map(str::to_owned).ok_or_else(|| {
        UsageError(format!(
            "unknown country {text:?}: give an ISO 3166 alpha-3 code"
        ))
        .into()
    })
}

fn state_name(iso3: &str) -> &str {
    states::name(iso3).unwrap_or(iso3)
}

/// Every treaty's standing on one date, from the records.
async fn evaluate_all(
    records: &Records,
    as_of: NaiveDate,
) -> anyhow::Result<Vec<(&'static Treaty, Evaluation, Vec<Action>)>> {
    let actions: Vec<Action> = records.plain_actions(None, None).await?;
    let facts = records.facts(None).await?;
    Ok(Registry::builtin()
        .treaties()
        .iter()
        .map(|treaty| {
            let mine: Vec<Action> = actions
                .iter()
                .filter(|a| a.treaty == treaty.id)
                .cloned()
                .collect();
            let evaluation = status::evaluate(treaty, &mine, &facts, as_of);
            (treaty, evaluation, mine)
        })
        .collect())
}

/// One treaty's standing on one date.
async fn evaluate_one(
    records: &Records,
    treaty: &Treaty,
    as_of: NaiveDate,
) -> anyhow::Result<(Evaluation, Vec<Action>, Vec<StatusFact>)> {
    let actions: Vec<Action> = records.plain_actions(Some(&treaty.id), None).await?;
    let facts = records.facts(Some(&treaty.id)).await?;
    let evaluation = status::evaluate(treaty, &actions, &facts, as_of);
    Ok((evaluation, actions, facts))
}

/// What the figures rest on, in words: "actions" or "reported status (2022)".
fn basis_text(basis: &Basis) -> String {
    match basis {
        Basis::Actions => "dated actions".to_owned(),
        Basis::ReportedStatus { reported_for } => format!("reported status ({reported_for})"),
        Basis::NoRecords => "no records".to_owned(),
    }
}

/// The files and editors behind a treaty's figures, with how many rows each gave.
#[derive(Debug, Serialize)]
struct SourceCount {
    source: String,
    sha256: Option<String>,
    editor: Option<String>,
    rows: usize,
}

impl SourceCount {
    /// The editor, or the file's name without its directory, for a table cell.
    fn brief(self) -> String {
        self.editor.unwrap_or_else(|| {
            let name = Path::new(&self.source)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            name.unwrap_or(self.source)
        })
    }
}

fn sources<'a>(provenances: impl Iterator<Item = &'a Provenance>) -> Vec<SourceCount> {
    let mut counts: Vec<SourceCount> = Vec::new();
    for p in provenances {
        match counts
            .iter_mut()
            .find(|c| c.source == p.source && c.sha256 == p.sha256 && c.editor == p.editor)
        {
            Some(count) => count.rows += 1,
            None => counts.push(SourceCount {
                source: p.source.clone(),
                sha256: p.sha256.clone(),
                editor: p.editor.clone(),
                rows: 1,
            }),
        }
    }
    counts
}

fn evaluation_sources(
    evaluation: &Evaluation,
    actions: &[Action],
    facts: &[StatusFact],
) -> Vec<SourceCount> {
    match evaluation.basis {
        Basis::Actions => sources(actions.iter().map(|a| &a.provenance)),
        Basis::ReportedStatus { .. } => sources(facts.iter().map(|f| &f.provenance)),
        Basis::NoRecords => Vec::new(),
    }
}

/// One row of `eirene treaties`.
#[derive(Debug, Serialize)]
struct SummaryRow {
    treaty: String,
    acronym: String,
    as_of: NaiveDate,
    in_force: bool,
    basis: String,
    signatories: Option<usize>,
    bound: usize,
    parties_in_force: usize,
    withdrawal_pending: usize,
    withdrawn: usize,
    outside: usize,
    sources: String,
}

async fn summary(records: &Records, out: &mut impl Write, view: &StatusView) -> anyhow::Result<()> {
    let as_of = view.as_of.unwrap_or_else(today);
    let evaluations = evaluate_all(records, as_of).await?;
    let facts = records.facts(None).await?;
    if view.format == Format::Json {
        let rows: Vec<serde_json::Value> = evaluations
            .iter()
            .map(|(treaty, evaluation, actions)| {
                let mut row = json!({
                    "treaty": treaty.id,
                    "name": treaty.name_in(lang(view.lang)),
                    "entry_into_force": treaty.entry_into_force,
                    "basis": evaluation.basis,
                });
                merge(&mut row, counts(evaluation));
                row["sources"] = json!(evaluation_sources(evaluation, actions, &facts));
                row
            })
            .collect();
        return write_rows(out, view.format, &rows);
    }
    let rows: Vec<SummaryRow> = evaluations
        .iter()
        .map(|(treaty, evaluation, actions)| {
            let s = &evaluation.summary;
            let files: Vec<String> = evaluation_sources(evaluation, actions, &facts)
                .into_iter()
                .map(|c| c.brief())
                .collect();
            SummaryRow {
                treaty: treaty.id.clone(),
                acronym: treaty.acronym.clone(),
                as_of,
                in_force: s.in_force,
                basis: basis_text(&evaluation.basis),
                signatories: signatories(evaluation),
                bound: s.bound,
                parties_in_force: s.parties_in_force,
                withdrawal_pending: s.withdrawal_pending,
                withdrawn: s.withdrawn,
                outside: s.outside,
                sources: files.join("; "),
            }
        })
        .collect();
    write_rows(out, view.format, &rows)
}

/// Signatories are known from dated actions only: a reported "ratified" does not say whether
/// the state signed first.
fn signatories(evaluation: &Evaluation) -> Option<usize> {
    matches!(evaluation.basis, Basis::Actions).then_some(evaluation.summary.signatories)
}

/// The summary counts as JSON, with `signatories` null where the basis cannot tell.
fn counts(evaluation: &Evaluation) -> serde_json::Value {
    let mut counts = json!(evaluation.summary);
    counts["signatories"] = json!(signatories(evaluation));
    counts
}

/// Adds the fields of `more` (an object) to `object`.
fn merge(object: &mut serde_json::Value, more: serde_json::Value) {
    if let (Some(object), serde_json::Value::Object(more)) = (object.as_object_mut(), more) {
        object.extend(more);
    }
}

fn registry(
    out: &mut impl Write,
    id: Option<&str>,
    format: Format,
    lang_arg: LangArg,
) -> anyhow::Result<()> {
    let treaties: Vec<&Treaty> = match id {
        Some(id) => vec![treaty(id)?],
        None => Registry::builtin().treaties().iter().collect(),
    };
    if format == Format::Json {
        return write_rows(out, format, &treaties);
    }
    let rows: Vec<serde_json::Value> = treaties
        .iter()
        .map(|t| {
            json!({
                "treaty": t.id,
                "acronym": t.acronym,
                "name": t.name_in(lang(lang_arg)),
                "adopted": t.adopted,
                "opened_for_signature": t.opened_for_signature.map(|d| d.to_string()).unwrap_or_default(),
                "entry_into_force": t.entry_into_force.map(|d| d.to_string()).unwrap_or_else(|| "not in force".to_owned()),
                "depositary": t.depositary,
                "effect": t.effect.to_string(),
                "withdrawal": t.withdrawal.to_string(),
                "source": t.source,
            })
        })
        .collect();
    write_rows(out, format, &rows)
}

/// One state's row in `treaties show` and `treaties country`.
#[derive(Debug, Serialize)]
struct StatusRow {
    iso3: String,
    name: String,
    treaty: String,
    status: Status,
    withdrawal_pending: bool,
    signed: Option<NaiveDate>,
    consent: Option<ActionKind>,
    consent_deposited: Option<NaiveDate>,
    in_force_for_state: Option<NaiveDate>,
    withdrawal_notified: Option<NaiveDate>,
    withdrawal_effective: Option<NaiveDate>,
    source: String,
}

impl StatusRow {
    fn of(treaty: &Treaty, s: &StateStatus) -> StatusRow {
        StatusRow {
            iso3: s.state.clone(),
            name: state_name(&s.state).to_owned(),
            treaty: treaty.id.clone(),
            status: s.status,
            withdrawal_pending: s.withdrawal_pending(),
            signed: s.signed,
            consent: s.consent,
            consent_deposited: s.consent_deposited,
            in_force_for_state: s.in_force_for_state,
            withdrawal_notified: s.withdrawal_notified,
            withdrawal_effective: s.withdrawal_effective,
            source: s
                .source
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }
}

/// An action as listed: who did what, when, with effect when, on whose word.
#[derive(Debug, Serialize)]
struct ActionRow {
    id: Option<i64>,
    revision: Option<i64>,
    iso3: String,
    treaty: String,
    action: ActionKind,
    deposited: NaiveDate,
    effective: Option<NaiveDate>,
    effective_note: Option<String>,
    source: String,
}

impl ActionRow {
    fn of(action: &Action, stored: Option<&StoredAction>) -> ActionRow {
        ActionRow {
            id: stored.map(|s| s.id),
            revision: stored.map(|s| s.revision),
            iso3: action.state.clone(),
            treaty: action.treaty.clone(),
            action: action.kind,
            deposited: action.deposited,
            effective: treaty(&action.treaty)
                .ok()
                .and_then(|t| action.effective(t)),
            effective_note: action.override_note.clone(),
            source: action.provenance.to_string(),
        }
    }
}

async fn show(
    records: &Records,
    out: &mut impl Write,
    id: &str,
    recent: usize,
    view: &StatusView,
) -> anyhow::Result<()> {
    let treaty = treaty(id)?;
    let as_of = view.as_of.unwrap_or_else(today);
    let (evaluation, actions, facts) = evaluate_one(records, treaty, as_of).await?;
    let rows: Vec<StatusRow> = evaluation
        .states
        .iter()
        .map(|s| StatusRow::of(treaty, s))
        .collect();
    let outside: Vec<&StatusRow> = rows
        .iter()
        .filter(|r| states::contains(&r.iso3) && !r.status.is_bound())
        .collect();
    let mut latest: Vec<&Action> = actions.iter().filter(|a| a.deposited <= as_of).collect();
    latest.sort_by_key(|a| std::cmp::Reverse((a.deposited, a.kind)));
    let latest: Vec<ActionRow> = latest
        .into_iter()
        .take(recent)
        .map(|a| ActionRow::of(a, None))
        .collect();
    match view.format {
        Format::Json => {
            let document = json!({
                "treaty": treaty.id,
                "name": treaty.name_in(lang(view.lang)),
                "as_of": as_of,
                "basis": evaluation.basis,
                "summary": counts(&evaluation),
                "states": rows,
                "outside": outside.iter().map(|r| json!({"iso3": r.iso3, "name": r.name, "status": r.status})).collect::<Vec<_>>(),
                "recent_actions": latest,
                "sources": evaluation_sources(&evaluation, &actions, &facts),
            });
            serde_json::to_writer_pretty(&mut *out, &document)?;
            writeln!(out)?;
        }
        Format::Csv => write_rows(out, view.format, &rows)?,
        Format::Table => {
            let s = &evaluation.summary;
            writeln!(
                out,
                "{} — {}",
                treaty.acronym,
                treaty.name_in(lang(view.lang))
            )?;
            writeln!(
                out,
                "As of {as_of} ({}): {} bound, {} parties in force, {} withdrawal(s) pending, {} withdrawn, {} of {} states outside.",
                basis_text(&evaluation.basis),
                s.bound,
                s.parties_in_force,
                s.withdrawal_pending,
                s.withdrawn,
                s.outside,
                states::builtin().len()
            )?;
            write_rows(out, view.format, &rows)?;
            let names: Vec<String> = outside
                .iter()
                .map(|r| match r.status {
                    Status::Outside => r.name.clone(),
                    status => format!("{} ({})", r.name, status.as_str()),
                })
                .collect();
            writeln!(out, "\nOutside ({}): {}", outside.len(), names.join(", "))?;
            if !latest.is_empty() {
                writeln!(out, "\nRecent actions:")?;
                write_rows(out, view.format, &latest)?;
            }
        }
    }
    Ok(())
}

async fn country(
    records: &Records,
    out: &mut impl Write,
    state: &str,
    view: &StatusView,
) -> anyhow::Result<()> {
    let iso3 = state_code(state)?;
    let as_of = view.as_of.unwrap_or_else(today);
    let evaluations = evaluate_all(records, as_of).await?;
    let rows: Vec<(StatusRow, &Basis)> = evaluations
        .iter()
        .map(|(treaty, evaluation, _)| {
            let status = evaluation
                .states
                .iter()
                .find(|s| s.state == iso3)
                .cloned()
                .unwrap_or_else(|| status::state_status(treaty, &iso3, [], as_of));
            (StatusRow::of(treaty, &status), &evaluation.basis)
        })
        .collect();
    // A treaty with no records says nothing about the state: it is not a gap.
    let gap = |wanted: &dyn Fn(&StatusRow) -> bool| -> Vec<String> {
        rows.iter()
            .filter(|(r, basis)| **basis != Basis::NoRecords && wanted(r))
            .map(|(r, _)| r.treaty.clone())
            .collect()
    };
    let not_joined = gap(&|r| r.status == Status::Outside);
    let signed_only = gap(&|r| r.status == Status::Signatory);
    let withdrawn = gap(&|r| r.status == Status::Withdrawn);
    let no_records: Vec<String> = rows
        .iter()
        .filter(|(_, basis)| **basis == Basis::NoRecords)
        .map(|(r, _)| r.treaty.clone())
        .collect();
    match view.format {
        Format::Json => {
            let treaties: Vec<serde_json::Value> = rows
                .iter()
                .map(|(row, basis)| {
                    let mut value = serde_json::to_value(row).expect("rows serialize");
                    value["basis"] = serde_json::to_value(basis).expect("bases serialize");
                    value
                })
                .collect();
            let document = json!({
                "iso3": iso3,
                "name": state_name(&iso3),
                "as_of": as_of,
                "treaties": treaties,
                "gaps": {
                    "not_joined": not_joined,
                    "signed_not_ratified": signed_only,
                    "withdrawn": withdrawn,
                },
                "no_records": no_records,
            });
            serde_json::to_writer_pretty(&mut *out, &document)?;
            writeln!(out)?;
        }
        format => {
            let rows: Vec<&StatusRow> = rows.iter().map(|(r, _)| r).collect();
            if format == Format::Table {
                writeln!(out, "{} ({iso3}), as of {as_of}", state_name(&iso3))?;
            }
            write_rows(out, format, &rows)?;
            if format == Format::Table {
                writeln!(out, "\nNot joined: {}", list_or_none(&not_joined))?;
                writeln!(out, "Signed, not ratified: {}", list_or_none(&signed_only))?;
                writeln!(out, "Withdrawn: {}", list_or_none(&withdrawn))?;
                writeln!(
                    out,
                    "No records yet (not counted as gaps): {}",
                    list_or_none(&no_records)
                )?;
            }
        }
    }
    Ok(())
}

fn list_or_none(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.join(", ")
    }
}

async fn timeline(
    records: &Records,
    out: &mut impl Write,
    id: &str,
    format: Format,
) -> anyhow::Result<()> {
    let treaty = treaty(id)?;
    let actions: Vec<Action> = records.plain_actions(Some(&treaty.id), None).await?;
    if actions.is_empty() {
        return Err(UsageError(format!(
            "no dated actions recorded for {}: import a file first (`eirene treaties import`)",
            treaty.id
        ))
        .into());
    }
    write_rows(out, format, &status::timeline(treaty, &actions, today()))
}

fn editor_name(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn edit_of(args: EditorArgs) -> Edit {
    Edit {
        editor: editor_name(args.editor),
        reason: args.reason,
    }
}

async fn import_files(
    records: &Records,
    out: &mut impl Write,
    args: TreatyImportArgs,
) -> anyhow::Result<()> {
    let options = Options {
        layout: args.layout.map(|l| match l {
            LayoutArg::UntcStatus => Layout::UntcStatus,
            LayoutArg::UntcScraped => Layout::UntcScraped,
            LayoutArg::Eirene => Layout::Eirene,
            LayoutArg::OwidStatus => Layout::OwidStatus,
        }),
        treaty: args.treaty,
    };
    // Every file is checked before anything is written.
    let mut files: Vec<Imported> = args
        .files
        .iter()
        .map(|path| import::read(path, &path.display().to_string(), &options))
        .collect::<Result<_, _>>()?;
    if args.reference {
        files.push(import::reference_actions()?);
    }
    let editor = editor_name(args.editor);
    let mut outcomes = Vec::new();
    for file in &files {
        outcomes.push(records.import(file, &editor).await?);
    }
    if args.format == Format::Json {
        return write_rows(out, args.format, &outcomes);
    }
    for outcome in &outcomes {
        match outcome {
            ImportOutcome::Imported(r) => writeln!(
                out,
                "{}: imported as {} (import #{}): {} action(s) added, {} already recorded, {} status fact(s)",
                r.file, r.layout, r.id, r.actions_added, r.actions_known, r.facts_added
            )?,
            ImportOutcome::AlreadyImported(r) => writeln!(
                out,
                "{}: already imported (import #{} on {}); nothing changed",
                r.file, r.id, r.imported_at
            )?,
        }
    }
    Ok(())
}

/// Imports treaty files and the reference actions into the records database of `data_dir`
/// (what a full `eirene sync --from DIR` does with the mirror's treaty files).
pub fn import_with_reference(data_dir: &Path, files: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let args = TreatyImportArgs {
        files: files.to_vec(),
        layout: None,
        treaty: None,
        reference: true,
        editor: None,
        format: Format::Table,
    };
    block_on(async move {
        let records = open_records(data_dir).await?;
        let result = import_files(&records, &mut output::stdout(), args).await;
        records.close().await;
        result
    })?
}

fn action_kind(text: &str) -> Result<ActionKind, UsageError> {
    text.parse().map_err(UsageError)
}

async fn record(records: &Records, out: &mut impl Write, args: RecordArgs) -> anyhow::Result<()> {
    let treaty = treaty(&args.treaty)?;
    let edit = edit_of(args.editor);
    let action = Action {
        state: state_code(&args.state)?,
        treaty: treaty.id.clone(),
        kind: action_kind(&args.action)?,
        deposited: args.date,
        effective_override: args.effective,
        override_note: args.note,
        declarations: args.declarations,
        provenance: Provenance {
            source: args.source.unwrap_or_else(|| "manual entry".to_owned()),
            sha256: None,
            line: None,
            editor: Some(edit.editor.clone()),
            reason: Some(edit.reason.clone()),
        },
    };
    let id = records.record(&action, &edit).await?;
    writeln!(
        out,
        "recorded action {id} (revision 1): {} {} of {} on {}, in effect {}",
        action.state,
        action.kind,
        treaty.id,
        action.deposited,
        action
            .effective(treaty)
            .map_or("when the treaty enters into force".to_owned(), |d| d
                .to_string())
    )?;
    Ok(())
}

async fn edit(records: &Records, out: &mut impl Write, args: EditArgs) -> anyhow::Result<()> {
    let stored = records.action(args.id).await?;
    let edit = edit_of(args.editor);
    let mut changed = stored.action.clone();
    if let Some(date) = args.date {
        changed.deposited = date;
    }
    if let Some(kind) = args.action {
        changed.kind = action_kind(&kind)?;
    }
    if args.effective.is_some() {
        changed.effective_override = args.effective;
        changed.override_note = args.note;
    }
    if args.declarations.is_some() {
        changed.declarations = args.declarations;
    }
    changed.provenance.editor = Some(edit.editor.clone());
    changed.provenance.reason = Some(edit.reason.clone());
    let updated = records
        .update(args.id, args.revision, &changed, &edit)
        .await?;
    writeln!(
        out,
        "updated action {} (now revision {})",
        updated.id, updated.revision
    )?;
    Ok(())
}

async fn actions(
    records: &Records,
    out: &mut impl Write,
    treaty_id: Option<String>,
    state: Option<String>,
    format: Format,
) -> anyhow::Result<()> {
    let treaty_id = treaty_id
        .map(|id| treaty(&id).map(|t| t.id.clone()))
        .transpose()?;
    let state = state.map(|s| state_code(&s)).transpose()?;
    let stored = records
        .actions(treaty_id.as_deref(), state.as_deref())
        .await?;
    if format == Format::Json {
        return write_rows(out, format, &stored);
    }
    let rows: Vec<ActionRow> = stored
        .iter()
        .map(|s| ActionRow::of(&s.action, Some(s)))
        .collect();
    write_rows(out, format, &rows)
}

async fn export(
    records: &Records,
    out: &mut impl Write,
    treaty_id: Option<String>,
    state: Option<String>,
    file: Option<&Path>,
) -> anyhow::Result<()> {
    let treaty_id = treaty_id
        .map(|id| treaty(&id).map(|t| t.id.clone()))
        .transpose()?;
    let state = state.map(|s| state_code(&s)).transpose()?;
    let actions = records
        .plain_actions(treaty_id.as_deref(), state.as_deref())
        .await?;
    match file {
        Some(path) => {
            let mut bytes = Vec::new();
            import::write_eirene_csv(&actions, &mut bytes)?;
            write_atomically(path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(
                out,
                "wrote {} action(s) to {}",
                actions.len(),
                path.display()
            )?;
        }
        None => import::write_eirene_csv(&actions, out)?,
    }
    Ok(())
}

/// Writes a file whole or not at all: a failed write leaves any previous file as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A history entry for reading: the JSON images summarised.
#[derive(Debug, Serialize)]
struct HistoryRow {
    action_id: i64,
    operation: String,
    at: String,
    editor: String,
    reason: String,
    before: String,
    after: String,
}

impl HistoryRow {
    fn of(entry: &eirene_treaties::records::HistoryEntry) -> HistoryRow {
        let brief = |image: &Option<serde_json::Value>| {
            image
                .as_ref()
                .map(|v| {
                    let text = |key: &str| v[key].as_str().unwrap_or_default().to_owned();
                    let effective = text("effective_override");
                    let mut brief = format!(
                        "{} {} {} {}",
                        text("state"),
                        text("kind"),
                        text("treaty"),
                        text("deposited")
                    );
                    if !effective.is_empty() {
                        brief.push_str(&format!(" (in effect {effective})"));
                    }
                    brief
                })
                .unwrap_or_default()
        };
        HistoryRow {
            action_id: entry.action_id,
            operation: entry.operation.clone(),
            at: entry.at.clone(),
            editor: entry.editor.clone(),
            reason: entry.reason.clone(),
            before: brief(&entry.before),
            after: brief(&entry.after),
        }
    }
}
