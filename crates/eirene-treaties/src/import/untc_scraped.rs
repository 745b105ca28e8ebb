//! The scraped UN Treaty Collection Chapter XXVI CSV (`shared/data/treaties`): one row per
//! participant and treaty, with the consent in `action_type`/`action_date` and the signature in
//! `signature_date`.
//!
//! Its known quirk is handled here: for texts joined only by consent to be bound (the CCW
//! protocols IV, II amended and V, and the amendment of Article 1), the `signature_date` column
//! holds the consent date, alone or repeating `action_date`; it is never a signature. Its known gap is not: withdrawals are not in it, and withdrawing states were
//! dropped; Eirene's reference `actions.csv` restores the ones we know of.

use crate::action::{Action, ActionKind};
use crate::import::{Rows, Table};

pub(super) fn read(rows: &mut Rows<'_>, table: &Table, out: &mut Vec<Action>) {
    let Some([country, treaty_id, action_type, action_date, signature_date]) = table.columns(
        [
            "country_name",
            "treaty_id",
            "action_type",
            "action_date",
            "signature_date",
        ],
        rows,
    ) else {
        return;
    };
    let mtdsg = table.column("mtdsg_no");
    for (line, record) in &table.records {
        let line = *line;
        let cell = |column| Rows::cell(record, column);
        let state = rows.state(cell(country), line, country);
        let treaty = rows.treaty(cell(treaty_id), line, treaty_id);
        if let (Some(treaty), Some(column)) = (treaty, mtdsg)
            && let Some(expected) = &treaty.untc
            && !cell(column).is_empty()
            && cell(column) != expected
        {
            let reason = format!(
                "UNTC number {:?} does not match treaty {} ({expected})",
                cell(column),
                treaty.id
            );
            rows.reject(rows.at(line, column), reason);
        }
        let kind = match cell(action_type) {
            "" => None,
            text => match text.parse::<ActionKind>() {
                Ok(kind) if kind.is_consent() => Some(kind),
                _ => {
                    let reason = format!("unknown action type {text:?}");
                    rows.reject(rows.at(line, action_type), reason);
                    continue;
                }
            },
        };
        let (Some(state), Some(treaty)) = (state, treaty) else {
            continue;
        };
        let signature = match cell(signature_date) {
            "" => None,
            text => rows.iso_date(text, line, signature_date),
        };
        let consent = match (kind, cell(action_date)) {
            (Some(kind), "") => {
                rows.reject(rows.at(line, action_date), format!("{kind} without a date"));
                None
            }
            (Some(kind), text) => rows.iso_date(text, line, action_date).map(|d| (kind, d)),
            (None, "") => None,
            (None, _) => {
                rows.reject(
                    rows.at(line, action_type),
                    "a date of consent without its type",
                );
                None
            }
        };
        let mut push = |kind: ActionKind, deposited| {
            let action = rows.plain_action(&state, treaty, kind, deposited, line);
            rows.keep(action, line, out);
        };
        if treaty.opened_for_signature.is_some() {
            if let Some(date) = signature {
                push(ActionKind::Signature, date);
            }
            if let Some((kind, date)) = consent {
                push(kind, date);
            }
            continue;
        }
        // Texts never open for signature: the signature column repeats the consent date
        // (amended Article 1) or holds it alone (Protocols IV, II amended, V).
        match (consent, signature) {
            (Some((kind, date)), None) => push(kind, date),
            (Some((kind, date)), Some(repeated)) if repeated == date => push(kind, date),
            (None, Some(date)) => push(ActionKind::Consent, date),
            (None, None) => {}
            (Some(_), Some(_)) => {
                let reason = format!("{} was never open for signature", treaty.id);
                rows.reject(rows.at(line, signature_date), reason);
            }
        }
    }
}
