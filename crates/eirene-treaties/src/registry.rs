//! The treaty registry: facts about each treaty, written into the project with their sources
//! (`reference/treaties.toml`), and the dates they imply.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::{Cited, EffectRule, WithdrawalRule};

/// The registry file built into Eirene.
const BUILTIN: &str = include_str!("../reference/treaties.toml");

/// A name in each of the product's languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
}

/// What a treaty is about, for grouping in lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Arms control and disarmament.
    Disarmament,
    /// The universal conventions against terrorism.
    CounterTerrorism,
}

/// One treaty (or an annexed protocol or amendment that states join separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    /// Short lowercase id, stable in URLs: `att`, `ctbt`, `ccw_p5`.
    pub id: String,
    /// The usual abbreviation.
    pub acronym: String,
    /// Grouping.
    pub family: Family,
    /// For a protocol or amendment, the treaty it belongs to (`ccw`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// The full title.
    pub name: Names,
    /// Date the text was adopted.
    pub adopted: NaiveDate,
    /// Date it opened for signature; none for texts joined only by consent to be bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_for_signature: Option<NaiveDate>,
    /// Date it entered into force; none while it is not in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<NaiveDate>,
    /// For a treaty not in force: the condition for its entry into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in_force: Option<String>,
    /// Who keeps the instruments.
    pub depositary: String,
    /// When consent deposited after entry into force takes effect for the state.
    pub effect: Cited<EffectRule>,
    /// When a withdrawal takes effect.
    pub withdrawal: Cited<WithdrawalRule>,
    /// The official status page.
    pub source: String,
    /// The UN Treaty Collection's number (MTDSG), for treaties the UN Secretary-General keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub untc: Option<String>,
    /// Other ids data files use for it (`ottawa` for `apmbc`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Treaty {
    /// The date a consent deposited on `deposited` takes effect for that state: the treaty's
    /// rule, but never before the treaty's own entry into force. None while the treaty is not in
    /// force: the state is bound, the treaty not yet in force for anyone.
    pub fn consent_effect(&self, deposited: NaiveDate) -> Option<NaiveDate> {
        let in_force = self.entry_into_force?;
        Some(self.effect.rule.apply(deposited).max(in_force))
    }

    /// The date a withdrawal notified on `notified` takes effect. The notice period is a clause
    /// of the treaty and runs only once the treaty is in force; before that, withdrawing a
    /// ratification (Russia and the CTBT, 2023) takes effect when it is notified.
    pub fn withdrawal_effect(&self, notified: NaiveDate) -> NaiveDate {
        match self.entry_into_force {
            Some(in_force) if in_force <= notified => self.withdrawal.rule.apply(notified),
            _ => notified,
        }
    }

    /// Whether the treaty is in force on a date.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.entry_into_force.is_some_and(|d| d <= date)
    }

    /// The name in a language (`"fr"` or anything else for English).
    pub fn name_in(&self, lang: &str) -> &str {
        if lang == "fr" {
            &self.name.fr
        } else {
            &self.name.en
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    treaty: Vec<Treaty>,
}

/// Every treaty Eirene knows, in the registry's order.
#[derive(Debug, Clone)]
pub struct Registry {
    treaties: Vec<Treaty>,
}

/// The registry file is not valid.
#[derive(Debug, thiserror::Error)]
#[error("treaty registry: {0}")]
pub struct RegistryError(String);

impl Registry {
    /// The registry built into Eirene.
    pub fn builtin() -> &'static Registry {
        static REGISTRY: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
        REGISTRY.get_or_init(|| {
            Registry::parse(BUILTIN).expect("the built-in registry is checked by its tests")
        })
    }

    /// Reads and checks a registry file.
    pub fn parse(text: &str) -> Result<Registry, RegistryError> {
        let file: File = toml::from_str(text).map_err(|e| RegistryError(e.to_string()))?;
        let registry = Registry {
            treaties: file.treaty,
        };
        registry.check()?;
        Ok(registry)
    }

    /// All treaties.
    pub fn treaties(&self) -> &[Treaty] {
        &self.treaties
    }

    /// The treaty with this id or alias, ignoring case.
    pub fn get(&self, id: &str) -> Option<&Treaty> {
        let id = id.trim().to_ascii_lowercase();
        self.treaties
            .iter()
            .find(|t| t.id == id || t.aliases.contains(&id))
    }

    /// The ids, for messages that list the choices.
    pub fn ids(&self) -> Vec<&str> {
        self.treaties.iter().map(|t| t.id.as_str()).collect()
    }

    fn check(&self) -> Result<(), RegistryError> {
        let mut seen = std::collections::HashSet::new();
        for treaty in &self.treaties {
            let fail = |reason: &str| Err(RegistryError(format!("{}: {reason}", treaty.id)));
            for id in std::iter::once(&treaty.id).chain(&treaty.aliases) {
                if !seen.insert(id.as_str()) {
                    return fail(&format!("id or alias {id:?} is used twice"));
                }
            }
            if treaty.entry_into_force.is_some() == treaty.not_in_force.is_some() {
                return fail("give exactly one of entry_into_force and not_in_force");
            }
            if let Some(parent) = &treaty.part_of
                && !self.treaties.iter().any(|t| t.id == *parent)
            {
                return fail(&format!("part_of names unknown treaty {parent:?}"));
            }
            if treaty
                .opened_for_signature
                .is_some_and(|d| d < treaty.adopted)
            {
                return fail("opened for signature before it was adopted");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn builtin_registry_has_the_required_treaties() {
        let registry = Registry::builtin();
        for id in [
            "bwc",
            "cwc",
            "npt",
            "ctbt",
            "tpnw",
            "att",
            "apmbc",
            "ccm",
            "ccw",
            "ccw_art1",
            "ccw_p2a",
            "ccw_p4",
            "ccw_p5",
            "enmod",
            "ptbt",
            "geneva1925",
        ] {
            assert!(registry.get(id).is_some(), "{id} missing");
        }
        let terrorism = registry
            .treaties()
            .iter()
            .filter(|t| t.family == Family::CounterTerrorism)
            .count();
        assert!(terrorism >= 5, "{terrorism} counter-terrorism conventions");
        assert_eq!(registry.get("ottawa").unwrap().id, "apmbc");
    }

    #[test]
    fn ctbt_is_not_in_force() {
        let ctbt = Registry::builtin().get("ctbt").unwrap();
        assert!(ctbt.entry_into_force.is_none());
        assert!(ctbt.not_in_force.as_deref().unwrap().contains("Annex 2"));
        assert_eq!(ctbt.consent_effect(date("2000-06-30")), None);
        // A withdrawn ratification of a treaty not in force takes effect at once.
        assert_eq!(
            ctbt.withdrawal_effect(date("2023-11-03")),
            date("2023-11-03")
        );
    }

    #[test]
    fn effect_never_precedes_entry_into_force() {
        let att = Registry::builtin().get("att").unwrap();
        assert_eq!(
            att.consent_effect(date("2013-06-03")),
            Some(date("2014-12-24"))
        );
        assert_eq!(
            att.consent_effect(date("2022-12-02")),
            Some(date("2023-03-02"))
        );
        let apmbc = Registry::builtin().get("apmbc").unwrap();
        // Deposited after the 40th instrument but close to entry into force: the state's own
        // six-month rule is later than the treaty's entry into force.
        assert_eq!(
            apmbc.consent_effect(date("1998-12-03")),
            Some(date("1999-06-01"))
        );
        assert_eq!(
            apmbc.consent_effect(date("2025-03-20")),
            Some(date("2025-09-01"))
        );
    }

    #[test]
    fn a_malformed_registry_is_rejected_with_the_treaty_named() {
        let text = BUILTIN.replace("id = \"cwc\"", "id = \"bwc\"");
        let err = Registry::parse(&text).unwrap_err().to_string();
        assert!(err.contains("\"bwc\" is used twice"), "{err}");
    }
}
