//! A state's status under a treaty at a date, as a pure function of the dated actions.
//!
//! Nothing here reads a database: the same actions and date always give the same answer, which
//! is what lets the records be audited and the answers be tested exhaustively.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::action::{Action, ActionKind};
use crate::registry::Treaty;
use crate::states;

/// Where a state stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
}

impl StateStatus {
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
    let mut status = StateStatus {
        state: state.to_owned(),
        status: Status::Outside,
        signed: None,
        consent: None,
        consent_deposited: None,
        in_force_for_state: None,
        withdrawal_notified: None,
        withdrawal_effective: None,
    };
    for action in known {
        match action.kind {
            ActionKind::Signature => status.signed = Some(action.deposited),
            ActionKind::Withdrawal => {
                status.withdrawal_notified = Some(action.deposited);
                status.withdrawal_effective = action.effective(treaty);
            }
            consent => {
                status.consent = Some(consent);
                status.consent_deposited = Some(action.deposited);
                status.in_force_for_state = action.effective(treaty);
                status.withdrawal_notified = None;
                status.withdrawal_effective = None;
            }
        }
    }
    status.status = classify(&status, as_of);
    status
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

/// The status of every state that acted on the treaty and of every state of the "all States"
/// list, sorted by ISO code; `actions` may hold other treaties' actions, which are skipped.
pub fn all_states(treaty: &Treaty, actions: &[Action], as_of: NaiveDate) -> Vec<StateStatus> {
    by_state(treaty, actions)
        .iter()
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
            let in_year = |date: Option<NaiveDate>| date.is_some_and(|d| d.year() == year && d <= end);
            let statuses: Vec<Status> = groups
                .iter()
                .map(|(state, actions)| state_status(treaty, state, actions.iter().copied(), end).status)
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
