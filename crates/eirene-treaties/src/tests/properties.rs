//! Properties of the status function over random action lists: locality (a state's status
//! depends only on its own actions on the treaty), order independence, no look-ahead, counts that
//! agree with a brute-force fold, monotonicity of the bound set without withdrawals, and the
//! fold checked against the rules written out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use super::date;
use crate::action::{Action, ActionKind, Provenance};
use crate::registry::{Registry, Treaty};
use crate::states;
use crate::status::{self, StateStatus, Status};

/// The treaties actions are generated for: in force with a days rule (ATT), in force with a
/// first-of-month rule (Mine Ban Convention), and not in force (CTBT).
const TREATIES: [&str; 3] = ["att", "apmbc", "ctbt"];

/// Four states of the "all States" list and one outside it (Kosovo), so that the `outside`
/// count must skip a state that acted.
const STATES: [&str; 5] = ["FRA", "NGA", "BRA", "NZL", "XKX"];

/// No failure files written into the source tree; few enough cases for a debug build.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn first_day() -> NaiveDate {
    date("1990-01-01")
}

/// Days from 1990-01-01 to 2030-12-31.
const SPAN: u64 = 14_974;

fn a_date() -> impl Strategy<Value = NaiveDate> {
    a_date_in(first_day(), SPAN)
}

/// A date from `start` to `span` days later.
fn a_date_in(start: NaiveDate, span: u64) -> impl Strategy<Value = NaiveDate> {
    (0..=span).prop_map(move |days| start + Days::new(days))
}

fn a_treaty() -> impl Strategy<Value = &'static Treaty> {
    prop::sample::select(TREATIES.to_vec()).prop_map(|id| Registry::builtin().get(id).unwrap())
}

fn action(state: &str, treaty: &str, kind: ActionKind, deposited: NaiveDate) -> Action {
    Action {
        state: state.to_owned(),
        treaty: treaty.to_owned(),
        kind,
        deposited,
        effective_override: None,
        override_note: None,
        declarations: None,
        provenance: Provenance {
            source: "properties.rs".to_owned(),
            ..Provenance::default()
        },
    }
}

/// One action of one of [`STATES`] on `treaty`, of one of `kinds`, now and then with a date of
/// effect that overrides the treaty's rule.
fn an_action(
    treaty: &'static str,
    kinds: Vec<ActionKind>,
    (start, span): (NaiveDate, u64),
) -> impl Strategy<Value = Action> {
    (
        prop::sample::select(STATES.to_vec()),
        prop::sample::select(kinds),
        a_date_in(start, span),
        prop::option::weighted(0.1, a_date_in(start, span)),
    )
        .prop_map(move |(state, kind, deposited, effective_override)| Action {
            effective_override,
            ..action(state, treaty, kind, deposited)
        })
}

/// Up to `max` actions on `treaty`, with no two sharing a key (as the records database and every
/// reader guarantee).
fn actions(
    treaty: &'static str,
    kinds: Vec<ActionKind>,
    max: usize,
) -> impl Strategy<Value = Vec<Action>> {
    actions_in(treaty, kinds, max, (first_day(), SPAN))
}

/// The same, with every date (of deposit and of effect) in a window.
fn actions_in(
    treaty: &'static str,
    kinds: Vec<ActionKind>,
    max: usize,
    window: (NaiveDate, u64),
) -> impl Strategy<Value = Vec<Action>> {
    prop::collection::vec(an_action(treaty, kinds, window), 0..=max).prop_map(unique)
}

fn unique(actions: Vec<Action>) -> Vec<Action> {
    let mut seen = BTreeSet::new();
    actions
        .into_iter()
        .filter(|a| seen.insert((a.state.clone(), a.treaty.clone(), a.kind, a.deposited)))
        .collect()
}

/// A treaty and a list of its actions, of any kind.
fn treaty_and_actions(max: usize) -> impl Strategy<Value = (&'static Treaty, Vec<Action>)> {
    a_treaty().prop_flat_map(move |treaty| {
        (
            Just(treaty),
            actions(treaty.id.as_str(), ActionKind::ALL.to_vec(), max),
        )
    })
}

fn by_state(statuses: Vec<StateStatus>) -> BTreeMap<String, StateStatus> {
    statuses.into_iter().map(|s| (s.state.clone(), s)).collect()
}

fn bound_set(treaty: &Treaty, actions: &[Action], as_of: NaiveDate) -> BTreeSet<String> {
    status::all_states(treaty, actions, as_of)
        .into_iter()
        .filter(|s| s.status.is_bound())
        .map(|s| s.state)
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// An action of another state, on this treaty or another one, leaves every other state's
    /// status as it was, at any date.
    #[test]
    fn another_states_action_changes_no_other_status(
        (treaty, actions) in treaty_and_actions(16),
        extra in (
            prop::sample::select(STATES.to_vec()),
            prop::sample::select(vec!["att", "apmbc", "ctbt", "ccm", "tpnw"]),
            prop::sample::select(ActionKind::ALL.to_vec()),
            a_date(),
        ),
        dates in prop::collection::vec(a_date(), 1..6),
    ) {
        let (state, other_treaty, kind, deposited) = extra;
        let extra = action(state, other_treaty, kind, deposited);
        let mut with_extra = actions.clone();
        with_extra.push(extra.clone());
        let same_treaty = extra.treaty == treaty.id;
        for as_of in dates {
            let before = by_state(status::all_states(treaty, &actions, as_of));
            let after = by_state(status::all_states(treaty, &with_extra, as_of));
            for (code, status) in &before {
                if same_treaty && *code == extra.state {
                    continue;
                }
                prop_assert_eq!(after.get(code), Some(status), "{} on {}", code, as_of);
            }
            // The only state that may appear is the one that acted (a state off the list).
            for code in after.keys() {
                prop_assert!(before.contains_key(code) || *code == extra.state, "{}", code);
            }
            if !same_treaty {
                prop_assert_eq!(&after, &before);
            }
        }
    }

    /// The statuses depend on the set of actions, not on their order.
    #[test]
    fn order_of_the_actions_does_not_matter(
        (treaty, actions, shuffled) in treaty_and_actions(24).prop_flat_map(|(treaty, actions)| {
            (Just(treaty), Just(actions.clone()), Just(actions).prop_shuffle())
        }),
        dates in prop::collection::vec(a_date(), 1..6),
    ) {
        for as_of in dates {
            prop_assert_eq!(
                status::all_states(treaty, &actions, as_of),
                status::all_states(treaty, &shuffled, as_of),
                "{}", as_of
            );
            for state in STATES {
                let mine = |list: &[Action]| -> Vec<Action> {
                    list.iter().filter(|a| a.state == state).cloned().collect()
                };
                let (a, b) = (mine(&actions), mine(&shuffled));
                prop_assert_eq!(
                    status::state_status(treaty, state, a.iter().rev(), as_of),
                    status::state_status(treaty, state, &b, as_of)
                );
            }
        }
    }

    /// Actions deposited after the date do not matter, however many there are.
    #[test]
    fn later_actions_do_not_matter(
        (treaty, actions) in treaty_and_actions(24),
        as_of in a_date(),
    ) {
        let known: Vec<Action> = actions.iter().filter(|a| a.deposited <= as_of).cloned().collect();
        let statuses = status::all_states(treaty, &actions, as_of);
        let all = by_state(statuses.clone());
        let without_later = by_state(status::all_states(treaty, &known, as_of));
        for (code, status) in &without_later {
            prop_assert_eq!(all.get(code), Some(status), "{} on {}", code, as_of);
        }
        // A state off the list that acts only later is listed (all_states lists every state
        // that acted on the treaty), but as outside, with nothing dated.
        for (code, status) in &all {
            if !without_later.contains_key(code) {
                prop_assert!(!states::contains(code), "{}", code);
                prop_assert_eq!(status.status, Status::Outside, "{}", code);
                prop_assert_eq!(
                    (status.signed, status.consent, status.withdrawal_notified),
                    (None, None, None)
                );
            }
        }
        // And nothing in the answer is dated by a later deposit.
        for s in &statuses {
            for deposited in [s.signed, s.consent_deposited, s.withdrawal_notified] {
                prop_assert!(deposited.is_none_or(|d| d <= as_of), "{:?}", s);
            }
        }
    }

    /// The summary's counts are those of the list it summarizes, counted by brute force.
    #[test]
    fn summary_counts_are_brute_force_counts(
        (treaty, actions) in treaty_and_actions(24),
        as_of in a_date(),
    ) {
        let statuses = status::all_states(treaty, &actions, as_of);
        let summary = status::summarize(treaty, &statuses, as_of);
        let count = |keep: &dyn Fn(&StateStatus) -> bool| {
            statuses.iter().filter(|s| keep(s)).count()
        };

        // Every state of the list is there, once, and nothing but the list and the actors.
        let listed = by_state(statuses.clone());
        prop_assert_eq!(listed.len(), statuses.len(), "one status per state");
        for state in states::builtin() {
            prop_assert!(listed.contains_key(&state.iso3), "{} missing", state.iso3);
        }
        for code in listed.keys() {
            prop_assert!(
                states::contains(code) || actions.iter().any(|a| a.state == *code),
                "{} neither listed nor acting", code
            );
        }

        let bound = count(&|s| matches!(s.status, Status::Party | Status::Bound));
        let outside = states::builtin()
            .iter()
            .filter(|state| !listed[&state.iso3].status.is_bound())
            .count();
        let signatories: BTreeSet<&str> = actions
            .iter()
            .filter(|a| a.kind == ActionKind::Signature && a.deposited <= as_of)
            .map(|a| a.state.as_str())
            .collect();
        prop_assert_eq!(summary.treaty.as_str(), treaty.id.as_str());
        prop_assert_eq!(summary.as_of, as_of);
        prop_assert_eq!(
            summary.in_force,
            treaty.entry_into_force.is_some_and(|d| d <= as_of)
        );
        prop_assert_eq!(summary.bound, bound);
        prop_assert_eq!(summary.parties_in_force, count(&|s| s.status == Status::Party));
        prop_assert_eq!(summary.withdrawn, count(&|s| s.status == Status::Withdrawn));
        prop_assert_eq!(summary.outside, outside);
        prop_assert_eq!(summary.signatories, signatories.len());
        prop_assert!(summary.withdrawal_pending <= summary.bound);
        prop_assert!(summary.parties_in_force <= summary.bound);
        prop_assert_eq!(summary.bound + summary.outside, states::builtin().len()
            + count(&|s| s.status.is_bound() && !states::contains(&s.state)));
        // No party to a treaty not in force, unless a recorded date of effect says otherwise.
        if !summary.in_force && actions.iter().all(|a| a.effective_override.is_none()) {
            prop_assert_eq!(summary.parties_in_force, 0, "no party to a treaty not in force");
        }
    }

    /// Without withdrawals, a state once bound stays bound: the bound set only grows.
    #[test]
    fn without_withdrawals_the_bound_set_only_grows(
        (treaty, actions) in a_treaty().prop_flat_map(|treaty| {
            let kinds: Vec<ActionKind> = ActionKind::ALL
                .into_iter()
                .filter(|k| *k != ActionKind::Withdrawal)
                .collect();
            (Just(treaty), actions(treaty.id.as_str(), kinds, 24))
        }),
        mut dates in prop::collection::vec(a_date(), 2..8),
    ) {
        dates.sort();
        for pair in dates.windows(2) {
            let (earlier, later) = (
                bound_set(treaty, &actions, pair[0]),
                bound_set(treaty, &actions, pair[1]),
            );
            prop_assert!(earlier.is_subset(&later), "{:?} on {} but {:?} on {}",
                earlier, pair[0], later, pair[1]);
        }
        // And bound from the first consent on: exactly the states with a consent by then.
        for as_of in dates {
            let consented: BTreeSet<String> = actions
                .iter()
                .filter(|a| a.kind.is_consent() && a.deposited <= as_of)
                .map(|a| a.state.clone())
                .collect();
            prop_assert_eq!(bound_set(treaty, &actions, as_of), consented);
        }
    }

    /// With one consent per state and no withdrawals, parties stay parties too, and a state is
    /// a party exactly from the consent's date of effect.
    #[test]
    fn with_one_consent_each_the_party_set_only_grows(
        (treaty, actions) in treaty_and_actions(24).prop_map(|(treaty, actions)| {
            let mut consented = BTreeSet::new();
            let actions = actions
                .into_iter()
                .filter(|a| a.kind != ActionKind::Withdrawal)
                .filter(|a| !a.kind.is_consent() || consented.insert(a.state.clone()))
                .collect::<Vec<_>>();
            (treaty, actions)
        }),
        mut dates in prop::collection::vec(a_date(), 2..8),
    ) {
        dates.sort();
        let parties = |as_of| -> BTreeSet<String> {
            status::all_states(treaty, &actions, as_of)
                .into_iter()
                .filter(|s| s.status == Status::Party)
                .map(|s| s.state)
                .collect()
        };
        for pair in dates.windows(2) {
            prop_assert!(parties(pair[0]).is_subset(&parties(pair[1])));
        }
        for as_of in dates {
            let expected: BTreeSet<String> = actions
                .iter()
                .filter(|a| a.kind.is_consent() && a.deposited <= as_of)
                .filter(|a| a.effective(treaty).is_some_and(|d| d <= as_of))
                .map(|a| a.state.clone())
                .collect();
            prop_assert_eq!(parties(as_of), expected);
        }
    }
}

/// The consent in effect, written out from the rules rather than as a fold: the earliest consent
/// after the last withdrawal notified before the latest consent (a second instrument while
/// bound changes nothing; a consent after a withdrawal rejoins).
fn governing_consent<'a>(known: &[&'a Action]) -> Option<&'a Action> {
    let key = |a: &&Action| (a.deposited, a.kind);
    let latest = known
        .iter()
        .copied()
        .filter(|a| a.kind.is_consent())
        .max_by_key(key)?;
    let reset = known
        .iter()
        .copied()
        .filter(|a| a.kind == ActionKind::Withdrawal && key(a) < key(&latest))
        .max_by_key(key);
    known
        .iter()
        .copied()
        .filter(|a| a.kind.is_consent() && reset.is_none_or(|w| key(a) > key(&w)))
        .min_by_key(key)
}

/// The withdrawal that counts: the first one notified after the consent in effect (or the
/// first at all, without consent).
fn governing_withdrawal<'a>(known: &[&'a Action], consent: Option<&Action>) -> Option<&'a Action> {
    let key = |a: &Action| (a.deposited, a.kind);
    known
        .iter()
        .copied()
        .filter(|a| a.kind == ActionKind::Withdrawal)
        .filter(|w| consent.is_none_or(|c| key(w) > key(c)))
        .min_by_key(|a| key(a))
}

/// What a state's status should be on `as_of`, from the governing consent and withdrawal.
fn expected_status(treaty: &Treaty, mine: &[&Action], as_of: NaiveDate) -> Status {
    let known: Vec<&Action> = mine
        .iter()
        .copied()
        .filter(|a| a.deposited <= as_of)
        .collect();
    let consent = governing_consent(&known);
    let withdrawn = governing_withdrawal(&known, consent)
        .is_some_and(|w| w.effective(treaty).is_some_and(|d| d <= as_of));
    if withdrawn {
        Status::Withdrawn
    } else if let Some(consent) = consent {
        match consent.effective(treaty) {
            Some(d) if d <= as_of => Status::Party,
            _ => Status::Bound,
        }
    } else if known.iter().any(|a| a.kind == ActionKind::Signature) {
        Status::Signatory
    } else {
        Status::Outside
    }
}

proptest! {
    #![proptest_config(config())]

    /// The fold agrees with the rules written out, on dates close enough together that actions
    /// fall on the same day, around entry into force and inside notice periods.
    #[test]
    fn status_follows_the_rules(
        (treaty, actions, dates) in (a_treaty(), 0..SPAN, 0..800_u64).prop_flat_map(
            |(treaty, offset, span)| {
                let window = (first_day() + Days::new(offset), span);
                (
                    Just(treaty),
                    actions_in(treaty.id.as_str(), ActionKind::ALL.to_vec(), 16, window),
                    prop::collection::vec(a_date_in(window.0, span + 400), 1..8),
                )
            },
        ),
    ) {
        for as_of in dates {
            for state in STATES {
                let mine: Vec<&Action> = actions.iter().filter(|a| a.state == state).collect();
                let got = status::state_status(treaty, state, mine.iter().copied(), as_of);
                let expected = expected_status(treaty, &mine, as_of);
                prop_assert_eq!(got.status, expected, "{} on {}", state, as_of);
                let known: Vec<&Action> =
                    mine.iter().copied().filter(|a| a.deposited <= as_of).collect();
                let signature = known
                    .iter()
                    .filter(|a| a.kind == ActionKind::Signature)
                    .map(|a| a.deposited)
                    .min();
                prop_assert_eq!(got.signed, signature);
                let consent = governing_consent(&known);
                prop_assert_eq!(got.consent, consent.map(|a| a.kind));
                prop_assert_eq!(got.consent_deposited, consent.map(|a| a.deposited));
                prop_assert_eq!(got.in_force_for_state, consent.and_then(|a| a.effective(treaty)));
                prop_assert_eq!(
                    got.withdrawal_pending(),
                    got.status.is_bound() && got.withdrawal_notified.is_some()
                );
            }
        }
    }
}

/// A state whose withdrawal has taken effect, and that notifies another withdrawal without
/// rejoining, is withdrawn from the first one on (a later notice does not revive it).
#[test]

fn a_second_withdrawal_notice_does_not_revive_a_withdrawn_state() {
    let apmbc = Registry::builtin().get("apmbc").unwrap();
    let list = [
        action("FRA", "apmbc", ActionKind::Ratification, date("2000-01-01")),
        action("FRA", "apmbc", ActionKind::Withdrawal, date("2020-01-01")),
        action("FRA", "apmbc", ActionKind::Withdrawal, date("2022-01-01")),
    ];
    let at = |as_of: &str| status::state_status(apmbc, "FRA", &list, date(as_of)).status;
    assert_eq!(at("2019-12-31"), Status::Party);
    assert_eq!(
        at("2020-07-01"),
        Status::Withdrawn,
        "six months after the first notice"
    );
    assert_eq!(at("2021-12-31"), Status::Withdrawn);
    assert_eq!(
        at("2022-03-01"),
        Status::Withdrawn,
        "no consent since the first withdrawal"
    );
}
