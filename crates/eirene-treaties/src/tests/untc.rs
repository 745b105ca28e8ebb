//! The UN Treaty Collection scrape of 2026-02-03: the counts the UNTC pages showed that day.

use super::*;
use crate::registry::Registry;
use crate::status::{self, Status};

fn summary(actions: &[Action], treaty: &str, as_of: &str) -> status::Summary {
    let treaty = Registry::builtin().get(treaty).unwrap();
    let as_of = date(as_of);
    status::summarize(treaty, &status::all_states(treaty, actions, as_of), as_of)
}

#[test]
fn bound_counts_match_the_untc_pages_of_2026_02_03() {
    let scrape = untc_scrape().actions;
    let with_reference = all_actions();
    for (treaty, bound) in [
        ("cwc", 193),
        ("ctbt", 178),
        ("apmbc", 162),
        ("ccm", 112),
        ("att", 117),
        ("tpnw", 74),
    ] {
        assert_eq!(
            summary(&scrape, treaty, "2026-02-03").bound,
            bound,
            "{treaty}"
        );
        // Restoring the dropped withdrawals changes nothing on that date: they had taken effect.
        assert_eq!(
            summary(&with_reference, treaty, "2026-02-03").bound,
            bound,
            "{treaty} + reference"
        );
    }
}

#[test]
fn ccw_protocol_dates_are_consents_not_signatures() {
    let scrape = untc_scrape().actions;
    for (treaty, participants) in [
        ("ccw_p4", 111),
        ("ccw_p2a", 107),
        ("ccw_p5", 99),
        ("ccw_art1", 90),
    ] {
        let s = summary(&scrape, treaty, "2026-02-03");
        assert_eq!(s.bound, participants, "{treaty}");
        assert_eq!(s.signatories, 0, "{treaty}");
    }
}

#[test]
fn russia_is_withdrawn_from_the_ctbt_as_of_2024() {
    let actions = all_actions();
    let ctbt = Registry::builtin().get("ctbt").unwrap();
    let russia = |as_of: &str| {
        let mine = actions
            .iter()
            .filter(|a| a.treaty == "ctbt" && a.state == "RUS");
        status::state_status(ctbt, "RUS", mine, date(as_of))
    };
    assert_eq!(
        russia("2023-11-02").status,
        Status::Bound,
        "ratified, treaty not in force"
    );
    assert_eq!(russia("2024-01-01").status, Status::Withdrawn);
    assert_eq!(russia("2024-01-01").signed, Some(date("1996-09-24")));
}

#[test]
fn mine_ban_withdrawals_take_effect_after_six_months() {
    let actions = all_actions();
    let apmbc = Registry::builtin().get("apmbc").unwrap();
    let lithuania = |as_of: &str| {
        let mine = actions
            .iter()
            .filter(|a| a.treaty == "apmbc" && a.state == "LTU");
        status::state_status(apmbc, "LTU", mine, date(as_of))
    };
    let pending = lithuania("2025-12-26");
    assert_eq!(pending.status, Status::Party);
    assert!(pending.withdrawal_pending());
    assert_eq!(pending.withdrawal_effective, Some(date("2025-12-27")));
    assert_eq!(lithuania("2025-12-27").status, Status::Withdrawn);
    // Before the notice, a party like any other; in force for it on the first day of the
    // sixth month after its 2003-05-12 deposit.
    let before = lithuania("2025-01-01");
    assert_eq!(before.status, Status::Party);
    assert_eq!(before.in_force_for_state, Some(date("2003-11-01")));
}

#[test]
fn the_att_date_of_effect_is_ninety_days_after_deposit() {
    let actions = untc_scrape().actions;
    let att = Registry::builtin().get("att").unwrap();
    for action in actions
        .iter()
        .filter(|a| a.treaty == "att" && a.kind.is_consent())
    {
        let effect = action.effective(att).unwrap();
        if action.deposited > date("2014-09-25") {
            assert_eq!((effect - action.deposited).num_days(), 90, "{action:?}");
        } else {
            assert_eq!(effect, date("2014-12-24"), "{action:?}");
        }
    }
}

#[test]
fn counts_are_a_brute_force_fold_over_the_rows() {
    // Bound as of a date, counted straight from the rows: states with a consent deposited by
    // then. The scrape has no withdrawals, so this is the whole rule for it.
    let scrape = untc_scrape().actions;
    for treaty in ["att", "tpnw", "cwc", "ccm"] {
        for as_of in ["2000-01-01", "2015-06-30", "2021-01-22", "2026-02-03"] {
            let mut states: Vec<&str> = scrape
                .iter()
                .filter(|a| a.treaty == treaty && a.kind.is_consent() && a.deposited <= date(as_of))
                .map(|a| a.state.as_str())
                .collect();
            states.sort();
            states.dedup();
            assert_eq!(
                summary(&scrape, treaty, as_of).bound,
                states.len(),
                "{treaty} {as_of}"
            );
        }
    }
}
