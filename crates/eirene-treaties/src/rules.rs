//! When a treaty action takes effect: each treaty's own rule, as its final clauses state it.
//!
//! The rules are data in the registry (`reference/treaties.toml`); this module only knows how to
//! apply them to a date of deposit.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// When a state's consent to be bound takes effect for it, once the treaty is in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum EffectRule {
    /// On the date of deposit (BWC, NPT).
    OnDeposit,
    /// A number of days after deposit (ATT: 90; CWC and the counter-terrorism conventions: 30).
    DaysAfterDeposit {
        /// Days.
        days: u64,
    },
    /// A number of months after deposit (CCW: six).
    MonthsAfterDeposit {
        /// Months.
        months: u32,
    },
    /// The first day of the n-th month after the month of deposit (Mine Ban Convention and
    /// Convention on Cluster Munitions: the sixth).
    FirstDayOfMonthAfterDeposit {
        /// n.
        months: u32,
    },
}

/// When a notice of withdrawal (denunciation) takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum WithdrawalRule {
    /// A number of days after the notice (ATT: 90).
    DaysAfterNotice {
        /// Days.
        days: u64,
    },
    /// A number of months after the notice (Mine Ban Convention: six; CCW: twelve).
    MonthsAfterNotice {
        /// Months.
        months: u32,
    },
    /// The treaty has no withdrawal clause. Article 56 of the Vienna Convention on the Law of
    /// Treaties then requires at least twelve months' notice, which is what Eirene applies.
    NoClause,
}

/// A rule with the article of the treaty that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cited<R> {
    /// The rule.
    #[serde(flatten)]
    pub rule: R,
    /// The article that states it, e.g. "Art. 22(2)".
    pub article: String,
    /// Anything the rule alone does not say (an armed-conflict clause, a condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl EffectRule {
    /// The date a consent deposited on `deposited` takes effect, if the treaty is already in force.
    pub fn apply(&self, deposited: NaiveDate) -> NaiveDate {
        match *self {
            EffectRule::OnDeposit => deposited,
            EffectRule::DaysAfterDeposit { days } => add_days(deposited, days),
            EffectRule::MonthsAfterDeposit { months } => add_months(deposited, months),
            EffectRule::FirstDayOfMonthAfterDeposit { months } => {
                add_months(first_of_month(deposited), months)
            }
        }
    }
}

impl WithdrawalRule {
    /// The date a withdrawal notified on `notified` takes effect.
    pub fn apply(&self, notified: NaiveDate) -> NaiveDate {
        match *self {
            WithdrawalRule::DaysAfterNotice { days } => add_days(notified, days),
            WithdrawalRule::MonthsAfterNotice { months } => add_months(notified, months),
            WithdrawalRule::NoClause => add_months(notified, 12),
        }
    }
}

impl fmt::Display for EffectRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EffectRule::OnDeposit => write!(f, "on deposit"),
            EffectRule::DaysAfterDeposit { days } => write!(f, "{days} days after deposit"),
            EffectRule::MonthsAfterDeposit { months } => {
                write!(f, "{months} months after deposit")
            }
            EffectRule::FirstDayOfMonthAfterDeposit { months } => write!(
                f,
                "first day of the {} month after the month of deposit",
                ordinal(*months)
            ),
        }
    }
}

impl fmt::Display for WithdrawalRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WithdrawalRule::DaysAfterNotice { days } => write!(f, "{days} days after notice"),
            WithdrawalRule::MonthsAfterNotice { months } => {
                write!(f, "{months} months after notice")
            }
            WithdrawalRule::NoClause => write!(
                f,
                "no withdrawal clause (12 months' notice applied, Vienna Convention art. 56)"
            ),
        }
    }
}

impl<R: fmt::Display> fmt::Display for Cited<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.rule, self.article)
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("every month has a first day")
}

fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .expect("treaty dates are far from the end of the calendar")
}

/// Calendar months; the 31st of a month followed by a shorter one ends on that month's last
/// day, as depositaries count.
fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .expect("treaty dates are far from the end of the calendar")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn ninety_days_after_deposit() {
        // ATT Art. 22(2): a deposit on 2 December 2022 takes effect on 2 March 2023.
        let rule = EffectRule::DaysAfterDeposit { days: 90 };
        assert_eq!(rule.apply(date("2022-12-02")), date("2023-03-02"));
    }

    #[test]
    fn first_day_of_the_sixth_month() {
        let rule = EffectRule::FirstDayOfMonthAfterDeposit { months: 6 };
        assert_eq!(rule.apply(date("1998-12-03")), date("1999-06-01"));
        assert_eq!(rule.apply(date("2011-01-31")), date("2011-07-01"));
        assert_eq!(rule.apply(date("2024-08-01")), date("2025-02-01"));
    }

    #[test]
    fn months_clamp_to_the_end_of_a_shorter_month() {
        let rule = EffectRule::MonthsAfterDeposit { months: 6 };
        assert_eq!(rule.apply(date("2023-08-31")), date("2024-02-29"));
    }

    #[test]
    fn rules_read_as_the_treaties_state_them() {
        let mine_ban = EffectRule::FirstDayOfMonthAfterDeposit { months: 6 };
        assert_eq!(
            mine_ban.to_string(),
            "first day of the 6th month after the month of deposit"
        );
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
    }

    #[test]
    fn withdrawal_notice_periods() {
        let six = WithdrawalRule::MonthsAfterNotice { months: 6 };
        assert_eq!(six.apply(date("2025-06-27")), date("2025-12-27"));
        assert_eq!(
            WithdrawalRule::NoClause.apply(date("2025-01-15")),
            date("2026-01-15")
        );
    }
}
