//! Eirene's action CSV: one action per row, for manual or bulk entry, and what `eirene treaties
//! export` writes. Reading what it wrote gives back the same actions (round trip), provenance
//! included.
//!
//! Columns (`state`, `treaty`, `action`, `deposited` required; the rest may be absent or empty):
//! `state` ISO alpha-3 or a name the country reference knows; `treaty` registry id or alias;
//! `action` one of signature, ratification, acceptance, approval, accession, succession,
//! consent, withdrawal; `deposited` YYYY-MM-DD; `effective_override` YYYY-MM-DD replacing the
//! treaty's date-of-effect rule, with `override_note` saying why; `declarations` free text;
//! `source` the citation (file or URL; empty means this file and line), `source_sha256` and
//! `source_line` when the source is a file; `editor` and `reason` for manual entries.

use std::io::Write;

use crate::action::{Action, ActionKind, Provenance};
use crate::import::{Rows, Table};

/// The header `eirene treaties export` writes.
pub const HEADER: [&str; 12] = [
    "state",
    "treaty",
    "action",
    "deposited",
    "effective_override",
    "override_note",
    "declarations",
    "source",
    "source_sha256",
    "source_line",
    "editor",
    "reason",
];

pub(super) fn read(rows: &mut Rows<'_>, table: &Table, out: &mut Vec<Action>) {
    let Some([state_col, treaty_col, action_col, deposited_col]) =
        table.columns(["state", "treaty", "action", "deposited"], rows)
    else {
        return;
    };
    let optional = |name: &str| table.column(name);
    for (line, record) in &table.records {
        let line = *line;
        let text = |column: Option<usize>| {
            column
                .map(|c| Rows::cell(record, c))
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let state = rows.state(Rows::cell(record, state_col), line, state_col);
        let treaty = rows.treaty(Rows::cell(record, treaty_col), line, treaty_col);
        let kind = match Rows::cell(record, action_col).parse::<ActionKind>() {
            Ok(kind) => Some(kind),
            Err(reason) => {
                rows.reject(rows.at(line, action_col), reason);
                None
            }
        };
        let deposited = rows.iso_date(Rows::cell(record, deposited_col), line, deposited_col);
        let effective_override = match optional("effective_override") {
            Some(column) if !Rows::cell(record, column).is_empty() => rows
                .iso_date(Rows::cell(record, column), line, column)
                .map(Some),
            _ => Some(None),
        };
        let source_line = match optional("source_line") {
            Some(column) if !Rows::cell(record, column).is_empty() => {
                match Rows::cell(record, column).parse::<u64>() {
                    Ok(n) => Some(Some(n)),
                    Err(_) => {
                        rows.reject(rows.at(line, column), "source_line is not a line number");
                        None
                    }
                }
            }
            _ => Some(None),
        };
        let (
            Some(state),
            Some(treaty),
            Some(kind),
            Some(deposited),
            Some(effective_override),
            Some(source_line),
        ) = (
            state,
            treaty,
            kind,
            deposited,
            effective_override,
            source_line,
        )
        else {
            continue;
        };
        let editor = text(optional("editor"));
        let reason = text(optional("reason"));
        let provenance = match text(optional("source")) {
            Some(source) => Provenance {
                source,
                sha256: text(optional("source_sha256")),
                line: source_line,
                editor,
                reason,
            },
            None => Provenance {
                editor,
                reason,
                ..rows.provenance_of_line(line)
            },
        };
        let action = Action {
            state,
            treaty: treaty.id.clone(),
            kind,
            deposited,
            effective_override,
            override_note: text(optional("override_note")),
            declarations: text(optional("declarations")),
            provenance,
        };
        rows.keep(action, line, out);
    }
}

/// Writes actions as an Eirene CSV, header first.
pub fn write(actions: &[Action], out: impl Write) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for action in actions {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        let p = &action.provenance;
        writer.write_record([
            action.state.clone(),
            action.treaty.clone(),
            action.kind.to_string(),
            action.deposited.to_string(),
            date(action.effective_override),
            text(&action.override_note),
            text(&action.declarations),
            p.source.clone(),
            text(&p.sha256),
            p.line.map(|l| l.to_string()).unwrap_or_default(),
            text(&p.editor),
            text(&p.reason),
        ])?;
    }
    writer.flush()?;
    Ok(())
}
