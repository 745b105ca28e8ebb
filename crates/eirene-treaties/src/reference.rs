//! The treaty reference (docs/TREATIES.md), generated from the registry, the state list and the
//! reference actions, so that the documentation cannot drift from what runs.

use std::fmt::Write;

use crate::import::{self, EIRENE_CSV_HEADER};
use crate::registry::{Registry, Treaty};
use crate::states;

/// The Markdown reference.
pub fn markdown() -> String {
    let mut doc = String::from(
        "# Treaties\n\n\
         Generated from the treaty registry (`crates/eirene-treaties/reference`); do not edit by hand.\n\
         Regenerate with `EIRENE_BLESS=1 cargo test -p eirene-cli --test it treaty_reference`.\n\n",
    );
    statuses(&mut doc);
    registry(&mut doc);
    formats(&mut doc);
    reference_actions(&mut doc);
    doc
}

fn statuses(doc: &mut String) {
    let _ = write!(
        doc,
        "## How status is computed\n\n\
         A state's status under a treaty on a date is a pure function of its dated actions \
         deposited on or before that date (signature; ratification, acceptance, approval, \
         accession, succession or consent to be bound; withdrawal):\n\n\
         | status | meaning |\n| --- | --- |\n\
         | `party` | consent deposited, in force for the state on that date |\n\
         | `bound` | consent deposited, not yet in force for the state (its date of effect is later, or the treaty is not in force) |\n\
         | `signatory` | signed, no consent to be bound |\n\
         | `withdrawn` | a withdrawal has taken effect (and the state has not rejoined) |\n\
         | `outside` | no action |\n\n\
         A consent takes effect on the date the treaty's rule gives (below), never before the \
         treaty's own entry into force; an action can override it, with a note. A withdrawal takes \
         effect after the treaty's notice period if the treaty is in force when it is notified, \
         and at once otherwise (Russia's revocation of its CTBT ratification, 2023). Until then \
         the state is still bound (`withdrawal_pending`).\n\n\
         Counts (`eirene treaties`): `signatories` = states that signed by the date (as the UN \
         Treaty Collection counts them); `bound` = consent deposited and not withdrawn; \
         `parties_in_force`; `withdrawal_pending`; `withdrawn`; `outside` = states of the list \
         below that are not bound. A treaty with no dated actions but a status-only table (OWID's \
         BWC status) is counted from that table, labelled `reported_status` with its period, \
         and has no signatory count.\n\n\
         The list of states is the UN Secretary-General's \"all States\" formula: {} states \
         (193 UN members, the Holy See and the State of Palestine, Cook Islands and Niue).\n\n",
        states::builtin().len()
    );
}

fn registry(doc: &mut String) {
    doc.push_str("## Registry\n\n");
    for treaty in Registry::builtin().treaties() {
        entry(doc, treaty);
    }
}

fn entry(doc: &mut String, t: &Treaty) {
    let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_owned(), |d| d.to_string());
    let in_force = match (&t.entry_into_force, &t.not_in_force) {
        (Some(d), _) => d.to_string(),
        (None, Some(condition)) => format!("not in force: {condition}"),
        (None, None) => "—".to_owned(),
    };
    let _ = write!(
        doc,
        "### `{}` — {}\n\n{}  \n*{}*\n\n\
         | | |\n| --- | --- |\n\
         | adopted | {} |\n| opened for signature | {} |\n| entry into force | {} |\n\
         | depositary | {} |\n| consent takes effect | {} |\n| withdrawal takes effect | {} |\n",
        t.id,
        t.acronym,
        t.name.en,
        t.name.fr,
        t.adopted,
        date(t.opened_for_signature),
        in_force,
        t.depositary,
        with_note(&t.effect.to_string(), t.effect.note.as_deref()),
        with_note(&t.withdrawal.to_string(), t.withdrawal.note.as_deref()),
    );
    if let Some(parent) = &t.part_of {
        let _ = writeln!(doc, "| part of | `{parent}` |");
    }
    if let Some(untc) = &t.untc {
        let _ = writeln!(doc, "| UN Treaty Collection | {untc} |");
    }
    if !t.aliases.is_empty() {
        let _ = writeln!(doc, "| also read as | {} |", t.aliases.join(", "));
    }
    let _ = writeln!(doc, "| source | <{}> |\n", t.source);
}

fn with_note(rule: &str, note: Option<&str>) -> String {
    match note {
        Some(note) => format!("{rule}. {note}"),
        None => rule.to_owned(),
    }
}

fn formats(doc: &mut String) {
    let _ = write!(
        doc,
        "## Files `eirene treaties import` reads\n\n\
         - `untc-status`: a UN Treaty Collection status table as published (CSV or tab-separated, \
         as a spreadsheet saves the page's table), one treaty per file (`--treaty ID`): \
         `Participant`, `Signature`, `Ratification, Acceptance(A), Approval(AA), Accession(a), \
         Succession(d)`; dates like `2 Dec 2022 a`; footnote numbers after names and dates are \
         ignored. Withdrawals are footnotes on UNTC pages: record them.\n\
         - `untc-scraped`: the scraped Chapter XXVI CSV (`country_name, treaty_id, action_type, \
         action_date, signature_date, …`). For texts never open for signature (CCW protocols and \
         amendment) its signature column is read as the consent date.\n\
         - `eirene`: one action per row, header `{}`; `state`, `treaty`, `action`, `deposited` \
         required. `eirene treaties export` writes it and reads back unchanged.\n\
         - `owid-status`: OWID's biological and chemical weapons table (`Entity, Year, \
         bioweapons_convention, chemweapons_convention`), kept as status facts for the year.\n\n\
         Every file is checked whole before anything is written; every problem is reported with \
         file, line, column and reason. A file imported before (same bytes and layout) is skipped; \
         an action already recorded (same state, treaty, action and date) is kept as it was.\n\n",
        EIRENE_CSV_HEADER.join(",")
    );
}

fn reference_actions(doc: &mut String) {
    doc.push_str(
        "## Reference actions (`eirene treaties import --reference`)\n\n\
         Withdrawals, and the consents they withdraw, that the UNTC scrape of 2026-02-03 lacks \
         (it drops states that withdrew):\n\n\
         | state | treaty | action | deposited | in effect | reason |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    let actions = import::reference_actions()
        .expect("the reference actions are checked by their tests")
        .actions;
    for a in &actions {
        let treaty = Registry::builtin()
            .get(&a.treaty)
            .expect("checked on import");
        let effective = a
            .effective(treaty)
            .map_or("—".to_owned(), |d| d.to_string());
        let _ = writeln!(
            doc,
            "| {} | `{}` | {} | {} | {} | {} |",
            a.state,
            a.treaty,
            a.kind,
            a.deposited,
            effective,
            a.provenance.reason.as_deref().unwrap_or_default()
        );
    }
    doc.push('\n');
}
