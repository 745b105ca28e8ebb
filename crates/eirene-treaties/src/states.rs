//! The states universality is measured against: the UN Secretary-General's "all States" formula
//! (UN members, the two observer states, Cook Islands and Niue), from `reference/states.csv`.

use serde::Deserialize;

const BUILTIN: &str = include_str!("../reference/states.csv");

/// One state.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct State {
    /// ISO 3166 alpha-3.
    pub iso3: String,
    /// Name as the UN lists it.
    pub name: String,
    /// Why it is in the list: `un_member`, `un_observer` or `all_states_formula`.
    pub basis: String,
}

/// The built-in list, sorted by ISO code.
pub fn builtin() -> &'static [State] {
    static STATES: std::sync::OnceLock<Vec<State>> = std::sync::OnceLock::new();
    STATES.get_or_init(|| {
        csv::Reader::from_reader(BUILTIN.as_bytes())
            .deserialize()
            .collect::<Result<Vec<State>, _>>()
            .expect("the built-in state list is checked by its tests")
    })
}

/// Whether a code is one of the states.
pub fn contains(iso3: &str) -> bool {
    name(iso3).is_some()
}

/// The UN name of a state of the list.
pub fn name(iso3: &str) -> Option<&'static str> {
    builtin()
        .binary_search_by(|s| s.iso3.as_str().cmp(iso3))
        .ok()
        .map(|i| builtin()[i].name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_states_formula_has_197_states() {
        let states = builtin();
        let count = |basis: &str| states.iter().filter(|s| s.basis == basis).count();
        assert_eq!(count("un_member"), 193);
        assert_eq!(count("un_observer"), 2);
        assert_eq!(count("all_states_formula"), 2);
        assert_eq!(states.len(), 197);
        assert!(
            states.windows(2).all(|w| w[0].iso3 < w[1].iso3),
            "sorted, unique"
        );
        assert!(contains("PSE") && contains("VAT") && contains("NIU"));
        assert!(!contains("TWN") && !contains("GRL") && !contains("XKX"));
    }

    #[test]
    fn every_state_is_in_the_country_reference() {
        let index = eirene_ingest::countries::CountryIndex::builtin().unwrap();
        for state in builtin() {
            assert!(
                index.knows(&state.iso3),
                "{} not in the country reference",
                state.iso3
            );
        }
    }
}
