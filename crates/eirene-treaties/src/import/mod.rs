//! Reading treaty records from the files people have: the UN Treaty Collection's status tables,
//! a scraped UNTC CSV, Eirene's own action CSV, and status-only tables (OWID).
//!
//! Every reader checks every row and reports all problems at once, naming the file, line, column
//! and reason; a file with any problem yields nothing, so an import is all-or-nothing.

mod eirene_csv;
mod owid;
mod untc_scraped;
mod untc_status;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use eirene_ingest::countries::CountryIndex;
use eirene_ingest::error::{IngestError, Location, Problem, Problems};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::action::{Action, ActionKind, Provenance, StatusFact};
use crate::registry::{Registry, Treaty};

pub use eirene_csv::{HEADER as EIRENE_CSV_HEADER, write as write_eirene_csv};

/// The layouts Eirene reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// A UN Treaty Collection status table as published: Participant, Signature, and
    /// "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)", one treaty per
    /// file (CSV or tab-separated, as a spreadsheet saves the page's table).
    UntcStatus,
    /// The scraped UNTC Chapter XXVI CSV (`country_name,treaty_id,…,action_type,action_date,
    /// signature_date,…`).
    UntcScraped,
    /// Eirene's action CSV: one action per row (see [`EIRENE_CSV_HEADER`]).
    Eirene,
    /// Our World in Data's BWC/CWC status table: status as of a year, no dates.
    OwidStatus,
}

impl Layout {
    /// The name used on the command line and in the imports table.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::UntcStatus => "untc-status",
            Layout::UntcScraped => "untc-scraped",
            Layout::Eirene => "eirene",
            Layout::OwidStatus => "owid-status",
        }
    }

    /// Recognises a layout from a file's header row.
    fn detect(header: &[String]) -> Option<Layout> {
        let has = |name: &str| header.iter().any(|h| h.eq_ignore_ascii_case(name));
        if has("country_name") && has("treaty_id") && has("action_type") {
            Some(Layout::UntcScraped)
        } else if has("state") && has("treaty") && has("action") && has("deposited") {
            Some(Layout::Eirene)
        } else if has("entity") && has("year") && has("bioweapons_convention") {
            Some(Layout::OwidStatus)
        } else if header
            .first()
            .is_some_and(|h| untc_status::strip_footnotes(h).eq_ignore_ascii_case("participant"))
        {
            Some(Layout::UntcStatus)
        } else {
            None
        }
    }
}

/// What a file holds, checked.
#[derive(Debug)]
pub struct Imported {
    /// The layout it was read as.
    pub layout: Layout,
    /// The file as the user named it.
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Dated actions.
    pub actions: Vec<Action>,
    /// Status-only facts.
    pub facts: Vec<StatusFact>,
}

/// What the reader needs besides the file.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// The layout, when not recognised from the header.
    pub layout: Option<Layout>,
    /// The treaty a UNTC status table is about (it does not say so itself).
    pub treaty: Option<String>,
}

/// Eirene's reference actions (`reference/actions.csv`, built in): cited withdrawals, and the
/// consents they withdraw, that the UNTC scrape of 2026-02-03 lacks.
pub fn reference_actions() -> Result<Imported, IngestError> {
    const TEXT: &[u8] = include_bytes!("../../reference/actions.csv");
    read_bytes(
        TEXT.to_vec(),
        "eirene:reference/actions.csv",
        &Options::default(),
    )
}

/// Reads and checks a file. Nothing is returned unless every row is valid.
pub fn read(path: &Path, display: &str, options: &Options) -> Result<Imported, IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_owned(),
        source,
    })?;
    read_bytes(bytes, display, options)
}

fn read_bytes(bytes: Vec<u8>, display: &str, options: &Options) -> Result<Imported, IngestError> {
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let text = String::from_utf8(bytes).map_err(|e| {
        IngestError::format(Location::file(display), format!("not UTF-8 text: {e}"))
    })?;
    let table = Table::parse(&text, display)?;
    let layout = match options.layout {
        Some(layout) => layout,
        None => Layout::detect(&table.header).ok_or_else(|| {
            IngestError::format(
                Location::line(display, 1),
                format!(
                    "unrecognised header {:?}; name the layout with --layout (untc-status, \
                     untc-scraped, eirene, owid-status)",
                    table.header
                ),
            )
        })?,
    };
    let countries = CountryIndex::builtin()?;
    let mut rows = Rows {
        file: display,
        sha256: &sha256,
        header: &table.header,
        countries: &countries,
        registry: Registry::builtin(),
        problems: Problems::default(),
        seen: HashMap::new(),
    };
    let mut imported = Imported {
        layout,
        file: display.to_owned(),
        sha256: sha256.clone(),
        actions: Vec::new(),
        facts: Vec::new(),
    };
    match layout {
        Layout::UntcStatus => {
            let treaty = options.treaty.as_deref().ok_or_else(|| {
                IngestError::Usage(format!(
                    "{display}: a UNTC status table does not name its treaty; give --treaty ID"
                ))
            })?;
            let treaty = rows.registry.get(treaty).ok_or_else(|| {
                IngestError::Usage(format!(
                    "unknown treaty {treaty:?}; known: {}",
                    rows.registry.ids().join(", ")
                ))
            })?;
            untc_status::read(&mut rows, &table, treaty, &mut imported.actions)
        }
        Layout::UntcScraped => untc_scraped::read(&mut rows, &table, &mut imported.actions),
        Layout::Eirene => eirene_csv::read(&mut rows, &table, &mut imported.actions),
        Layout::OwidStatus => owid::read(&mut rows, &table, &mut imported.facts),
    }
    rows.problems.into_result(display)?;
    Ok(imported)
}

/// A delimited text table: the header and the records with their line numbers.
struct Table {
    header: Vec<String>,
    records: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    /// Reads comma-separated text, or tab-separated when the header has a tab (a table copied
    /// from a web page or saved by a spreadsheet as text; UNTC's own headers contain commas).
    fn parse(text: &str, display: &str) -> Result<Table, IngestError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or_default();
        let delimiter = if first.contains('\t') { b'\t' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let bad = |e: csv::Error| {
            let line = e.position().map_or(1, |p| p.line());
            IngestError::format(
                Location::line(display, line),
                format!("not readable as CSV: {e}"),
            )
        };
        let header: Vec<String> = reader
            .headers()
            .map_err(bad)?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        if header.iter().all(String::is_empty) {
            return Err(IngestError::format(Location::file(display), "empty file"));
        }
        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(bad)?;
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().any(|field| !field.trim().is_empty()) {
                records.push((line, record));
            }
        }
        Ok(Table { header, records })
    }

    /// The 0-based index of a column, by header name (case-insensitive).
    fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The indices of the columns a layout needs, or None after reporting each missing one.
    fn columns<const N: usize>(&self, names: [&str; N], rows: &mut Rows<'_>) -> Option<[usize; N]> {
        let found = names.map(|name| self.column(name));
        for (name, column) in names.iter().zip(&found) {
            if column.is_none() {
                rows.reject(
                    Location::line(rows.file, 1),
                    format!("missing column {name:?}"),
                );
            }
        }
        found
            .iter()
            .all(Option::is_some)
            .then(|| found.map(|c| c.expect("checked")))
    }
}

/// The state of one reading pass: where we are, what we know, what went wrong.
struct Rows<'a> {
    file: &'a str,
    sha256: &'a str,
    header: &'a [String],
    countries: &'a CountryIndex,
    registry: &'static Registry,
    problems: Problems,
    /// Action keys already read, with their line, to reject duplicate rows.
    seen: HashMap<(String, String, ActionKind, NaiveDate), u64>,
}

impl Rows<'_> {
    /// The location of a cell (0-based column index).
    fn at(&self, line: u64, column: usize) -> Location {
        let name = self.header.get(column).map_or("", String::as_str);
        Location::line(self.file, line).with_column(column + 1, name)
    }

    fn reject(&mut self, at: Location, reason: impl Into<String>) {
        self.problems.push(Problem::new(at, reason));
    }

    /// A cell's trimmed text; empty when the row is short.
    fn cell(record: &csv::StringRecord, column: usize) -> &str {
        record.get(column).unwrap_or_default().trim()
    }

    /// The ISO alpha-3 code of a state named in a cell: a code, or a name or alias the country
    /// reference knows ("Türkiye", "Côte d'Ivoire", "Holy See").
    fn state(&mut self, name: &str, line: u64, column: usize) -> Option<String> {
        if name.len() == 3
            && name.bytes().all(|b| b.is_ascii_uppercase())
            && self.countries.knows(name)
        {
            return Some(name.to_owned());
        }
        match self.countries.by_name(name) {
            Some(iso3) => Some(iso3.to_owned()),
            None => {
                let reason = if name.is_empty() {
                    "no state given".to_owned()
                } else {
                    format!(
                        "unknown country {name:?}: not a name, alias or ISO alpha-3 code of the \
                         country reference"
                    )
                };
                self.reject(self.at(line, column), reason);
                None
            }
        }
    }

    /// The registry treaty a cell names.
    fn treaty(&mut self, id: &str, line: u64, column: usize) -> Option<&'static Treaty> {
        let found = self.registry.get(id);
        if found.is_none() {
            let reason = format!(
                "unknown treaty {id:?}; known: {}",
                self.registry.ids().join(", ")
            );
            self.reject(self.at(line, column), reason);
        }
        found
    }

    /// An ISO date (YYYY-MM-DD) in a cell; None and a problem when malformed.
    fn iso_date(&mut self, text: &str, line: u64, column: usize) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                let reason = format!("bad date {text:?}: expected YYYY-MM-DD");
                self.reject(self.at(line, column), reason);
                None
            }
        }
    }

    /// Provenance pointing at a line of this file.
    fn provenance_of_line(&self, line: u64) -> Provenance {
        Provenance {
            source: self.file.to_owned(),
            sha256: Some(self.sha256.to_owned()),
            line: Some(line),
            editor: None,
            reason: None,
        }
    }

    /// An action read from a line of this file, with no override, note or declaration.
    fn plain_action(
        &self,
        state: &str,
        treaty: &Treaty,
        kind: ActionKind,
        deposited: NaiveDate,
        line: u64,
    ) -> Action {
        Action {
            state: state.to_owned(),
            treaty: treaty.id.clone(),
            kind,
            deposited,
            effective_override: None,
            override_note: None,
            declarations: None,
            provenance: self.provenance_of_line(line),
        }
    }

    /// Keeps an action unless an earlier row of the file holds the same one.
    fn keep(&mut self, action: Action, line: u64, out: &mut Vec<Action>) {
        let key = (
            action.state.clone(),
            action.treaty.clone(),
            action.kind,
            action.deposited,
        );
        if let Some(&first) = self.seen.get(&key) {
            let reason = format!(
                "duplicate row: {} {} of {} on {} is already on line {first}",
                action.state, action.kind, action.treaty, action.deposited
            );
            self.reject(Location::line(self.file, line), reason);
        } else {
            self.seen.insert(key, line);
            out.push(action);
        }
    }
}
