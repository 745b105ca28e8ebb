//! Our World in Data's biological and chemical weapons table (after the Arms Control Association,
//! 2022): whether each country has ratified or signed the BWC and the CWC in a year, without
//! dates. It is the only open BWC status we have, so it is kept as status facts, never turned
//! into dated actions.

use chrono::NaiveDate;

use crate::action::StatusFact;
use crate::import::{Rows, Table};
use crate::status::Status;

/// The table's columns and the treaties they report on.
const COLUMNS: [(&str, &str); 2] = [
    ("bioweapons_convention", "bwc"),
    ("chemweapons_convention", "cwc"),
];

pub(super) fn read(rows: &mut Rows<'_>, table: &Table, out: &mut Vec<StatusFact>) {
    let Some([entity, year]) = table.columns(["Entity", "Year"], rows) else {
        return;
    };
    let columns: Vec<(usize, &str)> = COLUMNS
        .iter()
        .filter_map(|(name, treaty)| table.column(name).map(|c| (c, *treaty)))
        .collect();
    for (line, record) in &table.records {
        let line = *line;
        let reported: Vec<(usize, &str, &str)> = columns
            .iter()
            .map(|&(column, treaty)| (column, treaty, Rows::cell(record, column)))
            .filter(|(_, _, text)| !text.is_empty())
            .collect();
        if reported.is_empty() {
            continue; // an aggregate such as "World": no status to report
        }
        let Some(state) = rows.state(Rows::cell(record, entity), line, entity) else {
            continue;
        };
        let reported_for = Rows::cell(record, year).to_owned();
        let Some(as_of) = reported_for
            .parse::<i32>()
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        else {
            rows.reject(rows.at(line, year), format!("bad year {reported_for:?}"));
            continue;
        };
        for (column, treaty, text) in reported {
            let status = match text {
                "ratified" => Status::Party,
                "signed" => Status::Signatory,
                "neither signed nor ratified" => Status::Outside,
                other => {
                    let reason = format!(
                        "unknown status {other:?}; expected ratified, signed, or neither signed \
                         nor ratified"
                    );
                    rows.reject(rows.at(line, column), reason);
                    continue;
                }
            };
            out.push(StatusFact {
                state: state.clone(),
                treaty: treaty.to_owned(),
                status,
                reported: text.to_owned(),
                reported_for: reported_for.clone(),
                as_of,
                provenance: rows.provenance_of_line(line),
            });
        }
    }
}
