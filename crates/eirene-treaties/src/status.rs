//! A state's status under a treaty at a date, as a pure function of the dated actions.
//!
//! Nothing here reads a database: the same actions and date always give the same answer, which
//! is what lets the records be audited and the answers be tested exhaustively.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::action::{Action, ActionKind, Provenance, StatusFact};
use crate::registry::Treaty;
use crate::states;

/// Where a state stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Consent deposited and in force for the state.
    Party,
    /// Consent deposited, not yet in force for the state (its date of effect is later, or the
    /// treaty is not in force).
    Bound,
    /// Signed, no consent to be bound.
    Signatory,
    /// Consent (or signature) withdrawn, and the withdrawal has taken effect.
    Withdrawn,
    /// No action at all.
    Outside,
}

impl Status {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Party => "party",
            Status::Bound => "bound",
            Status::Signatory => "signatory",
            Status::Withdrawn => "withdrawn",
            Status::Outside => "outside",
        }
    }

    /// Every status, for parsing.
    pub const ALL: [Status; 5] = [
        Status::Party,
        Status::Bound,
        Status::Signatory,
        Status::Withdrawn,
        Status::Outside,
    ];

    /// Whether the state's consent to be bound stands (deposited, not withdrawn).
    pub fn is_bound(self) -> bool {
        matches!(self, Status::Party | Status::Bound)
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| format!("unknown status {text:?}"))
    }
}

/// One state's standing under one treaty on one date, with the dates that explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateStatus {
    /// ISO 3166 alpha-3.
    pub state: String,
    /// Where it stands.
    pub status: Status,
    /// Date of signature, if it signed.
    pub signed: Option<NaiveDate>,
    /// The instrument of consent in effect, if any.
    pub consent: Option<ActionKind>,
    /// Date the consent was deposited.
    pub consent_deposited: Option<NaiveDate>,
    /// Date the treaty takes (or took) effect for the state.
    pub in_force_for_state: Option<NaiveDate>,
    /// Date a withdrawal was notified (the last one, if it still counts).
    pub withdrawal_notified: Option<NaiveDate>,
    /// Date it takes (or took) effect.
    pub withdrawal_effective: Option<NaiveDate>,
    /// Where the status comes from: the action (or reported fact) that decided it.
    pub source: Option<Provenance>,
}

impl StateStatus {
    /// A state with no action: outside, no dates.
    pub fn outside(state: &str) -> StateStatus {
        StateStatus {
            state: state.to_owned(),
            status: Status::Outside,
            signed: None,
            consent: None,
            consent_deposited: None,
            in_force_for_state: None,
            withdrawal_notified: None,
            withdrawal_effective: None,
            source: None,
        }
    }

    /// Notified a withdrawal that has not yet taken effect: still bound until then.
    pub fn withdrawal_pending(&self) -> bool {
        self.status.is_bound() && self.withdrawal_notified.is_some()
    }
}

/// The status of `state` on `as_of`, from that state's actions on `treaty` (any order; actions
/// of other states or treaties must not be passed). Actions deposited after `as_of` are ignored;
/// a consent deposited after a withdrawal starts afresh (a state may rejoin).
pub fn state_status<'a>(
    treaty: &Treaty,
    state: &str,
    actions: impl IntoIterator<Item = &'a Action>,
    as_of: NaiveDate,
) -> StateStatus {
    let mut known: Vec<&Action> = actions
        .into_iter()
        .filter(|a| a.deposited <= as_of)
        .collect();
    known.sort_by_key(|a| (a.deposited, a.kind));
    let mut status = StateStatus::outside(state);
    for action in known {
        if apply(&mut status, action, treaty) {
            status.source = Some(action.provenance.clone());
        }
    }
    status.status = classify(&status, as_of);
    status
}

/// Folds one action (in date order) into the status; true if it changed where the state stands.
fn apply(status: &mut StateStatus, action: &Action, treaty: &Treaty) -> bool {
    match action.kind {
        ActionKind::Signature => {
            let first = status.signed.is_none();
            if first {
                status.signed = Some(action.deposited);
            }
            first && status.consent.is_none()
        }
        // The first notice governs: a later notice of the same withdrawal changes nothing.
        ActionKind::Withdrawal if status.withdrawal_notified.is_some() => false,
        ActionKind::Withdrawal => {
            status.withdrawal_notified = Some(action.deposited);
            status.withdrawal_effective = action.effective(treaty);
            true
        }
        // Already bound: a second instrument changes nothing.
        _ if status.consent.is_some() && status.withdrawal_notified.is_none() => false,
        // A first consent, or rejoining after a withdrawal.
        consent => {
            status.consent = Some(consent);
            status.consent_deposited = Some(action.deposited);
            status.in_force_for_state = action.effective(treaty);
            status.withdrawal_notified = None;
            status.withdrawal_effective = None;
            true
        }
    }
}

fn classify(status: &StateStatus, as_of: NaiveDate) -> Status {
    if status.withdrawal_effective.is_some_and(|d| d <= as_of) {
        Status::Withdrawn
    } else if status.consent.is_some() {
        match status.in_force_for_state {
            Some(effective) if effective <= as_of => Status::Party,
            _ => Status::Bound,
        }
    } else if status.signed.is_some() {
        Status::Signatory
    } else {
        Status::Outside
    }
}

/// Counts for one treaty on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Registry id.
    pub treaty: String,
    /// The date.
    pub as_of: NaiveDate,
    /// Whether the treaty itself is in force on that date.
    pub in_force: bool,
    /// States that have signed by that date (whatever they did next), as the UN Treaty
    /// Collection counts "signatories".
    pub signatories: usize,
    /// States whose consent to be bound is deposited and not withdrawn.
    pub bound: usize,
    /// Bound states for which the treaty is in force.
    pub parties_in_force: usize,
    /// Bound states that have notified a withdrawal not yet in effect.
    pub withdrawal_pending: usize,
    /// States whose withdrawal has taken effect (and that have not rejoined).
    pub withdrawn: usize,
    /// States of the "all States" list that are not bound.
    pub outside: usize,
}

/// The status of every state of the "all States" list and of every other state that acted on the
/// treaty by `as_of`, sorted by ISO code; `actions` may hold other treaties' actions, which are skipped.
pub fn all_states(treaty: &Treaty, actions: &[Action], as_of: NaiveDate) -> Vec<StateStatus> {
    by_state(treaty, actions)
        .iter()
        // A state off the list appears once it has acted.
        .filter(|(state, actions)| {
            states::contains(state) || actions.iter().any(|a| a.deposited <= as_of)
        })
        .map(|(state, actions)| state_status(treaty, state, actions.iter().copied(), as_of))
        .collect()
}

/// The treaty's actions grouped by state, with an empty group for every state of the list.
fn by_state<'a>(treaty: &Treaty, actions: &'a [Action]) -> BTreeMap<&'a str, Vec<&'a Action>> {
    let mut groups: BTreeMap<&str, Vec<&Action>> = states::builtin()
        .iter()
        .map(|s| (s.iso3.as_str(), Vec::new()))
        .collect();
    for action in actions.iter().filter(|a| a.treaty == treaty.id) {
        groups.entry(&action.state).or_default().push(action);
    }
    groups
}

/// The counts of a list of statuses from [`all_states`].
pub fn summarize(treaty: &Treaty, statuses: &[StateStatus], as_of: NaiveDate) -> Summary {
    let count = |keep: &dyn Fn(&StateStatus) -> bool| statuses.iter().filter(|s| keep(s)).count();
    Summary {
        treaty: treaty.id.clone(),
        as_of,
        in_force: treaty.in_force_on(as_of),
        signatories: count(&|s| s.signed.is_some()),
        bound: count(&|s| s.status.is_bound()),
        parties_in_force: count(&|s| s.status == Status::Party),
        withdrawal_pending: count(&|s| s.withdrawal_pending()),
        withdrawn: count(&|s| s.status == Status::Withdrawn),
        outside: count(&|s| states::contains(&s.state) && !s.status.is_bound()),
    }
}

/// Universality over time: the counts at the end of each year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The year; counts are as of 31 December (or `until`, for the last year).
    pub year: i32,
    /// States bound.
    pub bound: usize,
    /// States for which the treaty is in force.
    pub parties_in_force: usize,
    /// Consents deposited during the year.
    pub new_consents: usize,
    /// Withdrawals that took effect during the year.
    pub withdrawals: usize,
}

/// Counts for every year from the treaty's adoption to `until`.
pub fn timeline(treaty: &Treaty, actions: &[Action], until: NaiveDate) -> Vec<YearCount> {
    let groups = by_state(treaty, actions);
    let treaty_actions = || groups.values().flatten().copied();
    (treaty.adopted.year()..=until.year())
        .map(|year| {
            let end = NaiveDate::from_ymd_opt(year, 12, 31)
                .expect("31 December exists")
                .min(until);
            let in_year =
                |date: Option<NaiveDate>| date.is_some_and(|d| d.year() == year && d <= end);
            let statuses: Vec<Status> = groups
                .iter()
                .map(|(state, actions)| {
                    state_status(treaty, state, actions.iter().copied(), end).status
                })
                .collect();
            YearCount {
                year,
                bound: statuses.iter().filter(|s| s.is_bound()).count(),
                parties_in_force: statuses.iter().filter(|s| **s == Status::Party).count(),
                new_consents: treaty_actions()
                    .filter(|a| a.kind.is_consent() && in_year(Some(a.deposited)))
                    .count(),
                withdrawals: treaty_actions()
                    .filter(|a| a.kind == ActionKind::Withdrawal && in_year(a.effective(treaty)))
                    .count(),
            }
        })
        .collect()
}

/// What a treaty's status is computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    /// Dated actions: signatures, instruments of consent, withdrawals.
    Actions,
    /// Status reported by a source for a period, without dates (OWID's BWC table), used only
    /// when no dated action of the treaty is recorded.
    ReportedStatus {
        /// The period reported on ("2022").
        reported_for: String,
    },
    /// Nothing recorded for this treaty yet: every state counts as outside.
    NoRecords,
}

/// A treaty's standing on a date: every state, the counts, and what they rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// What the statuses are computed from.
    pub basis: Basis,
    /// The counts.
    pub summary: Summary,
    /// Every state of the list and every other participant, by ISO code.
    pub states: Vec<StateStatus>,
}

/// The treaty's standing on `as_of` from its dated actions or, when it has none, from the most
/// recent status facts reported for a period starting on or before `as_of`.
pub fn evaluate(
    treaty: &Treaty,
    actions: &[Action],
    facts: &[StatusFact],
    as_of: NaiveDate,
) -> Evaluation {
    let (basis, states) = if actions.iter().any(|a| a.treaty == treaty.id) {
        (Basis::Actions, all_states(treaty, actions, as_of))
    } else if let Some(latest) = facts
        .iter()
        .filter(|f| f.treaty == treaty.id && f.as_of <= as_of)
        .map(|f| f.as_of)
        .max()
    {
        let reported: Vec<&StatusFact> = facts
            .iter()
            .filter(|f| f.treaty == treaty.id && f.as_of == latest)
            .collect();
        let basis = Basis::ReportedStatus {
            reported_for: reported[0].reported_for.clone(),
        };
        (basis, from_facts(&reported))
    } else {
        (Basis::NoRecords, all_states(treaty, &[], as_of))
    };
    Evaluation {
        basis,
        summary: summarize(treaty, &states, as_of),
        states,
    }
}

/// Statuses as reported, for every state of the list (outside when not reported).
fn from_facts(facts: &[&StatusFact]) -> Vec<StateStatus> {
    let mut by_state: BTreeMap<&str, Option<&StatusFact>> = states::builtin()
        .iter()
        .map(|s| (s.iso3.as_str(), None))
        .collect();
    for fact in facts {
        by_state.insert(&fact.state, Some(fact));
    }
    by_state
        .into_iter()
        .map(|(state, fact)| StateStatus {
            status: fact.map_or(Status::Outside, |f| f.status),
            source: fact.map(|f| f.provenance.clone()),
            ..StateStatus::outside(state)
        })
        .collect()
}
