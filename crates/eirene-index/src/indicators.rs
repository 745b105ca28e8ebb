//! The events, and the three indicators they give without a map: deadliness, danger to
//! civilians and fragmentation.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::IndexError;

/// One conflict event, as the caller read it from an ACLED export or UCDP GED, already
/// filtered to the index's 12-month window.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// ISO 3166-1 alpha-3 code of the country the event happened in (ACLED's numeric `iso`
    /// translated by the caller). Compared trimmed and in upper case.
    pub iso3: String,
    /// Day of the event.
    pub date: NaiveDate,
    /// WGS 84 latitude, degrees.
    pub lat: f64,
    /// WGS 84 longitude, degrees.
    pub lon: f64,
    /// Reported fatalities (ACLED `fatalities`, GED `best`); finite, not negative.
    pub fatalities: f64,
    /// Whether the event is political violence: ACLED `disorder_type` contains "Political
    /// violence"; every UCDP GED event is. Only these events count towards the index.
    pub political_violence: bool,
    /// Whether the event targets civilians: ACLED `civilian_targeting` = "Civilian
    /// targeting"; GED `type_of_violence` = 3 (one-sided violence).
    pub targets_civilians: bool,
    /// Names of the non-state armed groups involved, as the caller decides from ACLED's
    /// `inter1`/`inter2` codes or GED's sides.
    pub non_state_actors: Vec<String>,
}

/// The first and last dates of the political-violence events: the window the data covers,
/// for the reader to check against the one intended (the caller chose the window; a gap at
/// either end means a partial export).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The earliest event.
    pub first: NaiveDate,
    /// The latest event.
    pub last: NaiveDate,
}

/// What the events say about one country.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tally {
    /// Whether any of its events is political violence: only such countries are ranked.
    pub(crate) active: bool,
    /// Fatalities in political violence.
    pub(crate) deadliness: f64,
    /// Political-violence events targeting civilians.
    pub(crate) danger_to_civilians: u64,
    /// Distinct non-state armed groups in political violence.
    pub(crate) fragmentation: u64,
}

/// The country code an event is filed under: trimmed, upper case, so that " syr" and "SYR"
/// are one country.
pub(crate) fn country_code(iso3: &str) -> String {
    iso3.trim().to_ascii_uppercase()
}

/// Refuses the first event that cannot be counted: one without a country, off the globe, or
/// with fatalities that are not a count. Silently skipping it would shift the ranking.
pub(crate) fn check(events: &[Event]) -> Result<(), IndexError> {
    match events
        .iter()
        .enumerate()
        .find_map(|(i, e)| problem(e).map(|p| (i, p)))
    {
        Some((index, reason)) => Err(IndexError::Event { index, reason }),
        None => Ok(()),
    }
}

fn problem(event: &Event) -> Option<String> {
    let Event { lat, lon, .. } = *event;
    if country_code(&event.iso3).is_empty() {
        Some("no country code".to_owned())
    } else if !((-90.0..=90.0).contains(&lat) && lon.is_finite()) {
        Some(format!(
            "latitude {lat}, longitude {lon} is not a point on the globe"
        ))
    } else if !(event.fatalities.is_finite() && event.fatalities >= 0.0) {
        Some(format!("{} fatalities is not a count", event.fatalities))
    } else {
        None
    }
}

/// The indicators of every country named by an event, by country code. Countries with only
/// other events (protests, strategic developments) are kept, inactive, so the output lists
/// them as low/inactive instead of leaving the reader to wonder whether they were read.
pub(crate) fn tally(events: &[Event]) -> BTreeMap<String, Tally> {
    let mut gathered: BTreeMap<String, Gathered> = BTreeMap::new();
    for event in events {
        let country = gathered.entry(country_code(&event.iso3)).or_default();
        if event.political_violence {
            country.add(event);
        }
    }
    gathered
        .into_iter()
        .map(|(code, country)| (code, country.finish()))
        .collect()
}

/// The political-violence events' dates, first and last; None without any.
pub(crate) fn period(events: &[Event]) -> Option<Period> {
    let mut dates = events
        .iter()
        .filter(|e| e.political_violence)
        .map(|e| e.date);
    let first = dates.next()?;
    let (first, last) = dates.fold((first, first), |(a, b), d| (a.min(d), b.max(d)));
    Some(Period { first, last })
}

/// One country's political-violence events, gathered.
#[derive(Default)]
struct Gathered {
    active: bool,
    fatalities: Vec<f64>,
    civilians: u64,
    actors: BTreeSet<String>,
}

impl Gathered {
    fn add(&mut self, event: &Event) {
        self.active = true;
        self.fatalities.push(event.fatalities);
        self.civilians += u64::from(event.targets_civilians);
        let names = event.non_state_actors.iter().filter_map(|n| actor_key(n));
        self.actors.extend(names);
    }

    /// Fatalities are summed smallest first: a fixed order, so that fractional counts (GED's
    /// estimates may be) give the same total however the events were ordered.
    fn finish(mut self) -> Tally {
        self.fatalities.sort_by(f64::total_cmp);
        Tally {
            active: self.active,
            deadliness: self.fatalities.iter().sum(),
            danger_to_civilians: self.civilians,
            fragmentation: self.actors.len() as u64,
        }
    }
}

/// The name a group is counted under: trimmed, inner spaces collapsed and in lower case, so
/// that "Group X", " group x " and "GROUP  X" are one group; None for a blank name.
fn actor_key(name: &str) -> Option<String> {
    let key = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (!key.is_empty()).then(|| key.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::event;

    #[test]
    fn actor_names_are_compared_trimmed_and_case_blind() {
        assert_eq!(actor_key(" Group  X ").as_deref(), Some("group x"));
        assert_eq!(actor_key("GROUP X"), actor_key("group\tx"));
        assert_eq!(actor_key("Ĳssel Militia"), actor_key("ĳSSEL militia"));
        assert_ne!(actor_key("Group X"), actor_key("Group X2"));
        assert_eq!(actor_key("   "), None);
        assert_eq!(actor_key(""), None);
    }

    #[test]
    fn fatalities_do_not_depend_on_the_order_of_events() {
        // Summed in this order these lose the small ones: 1e16 + 1 = 1e16 in f64.
        let values = [1e16, 1.0, 1.0, -0.0, 0.5, 3.25];
        let total = |order: &[usize]| {
            let events: Vec<Event> = order
                .iter()
                .map(|&i| Event {
                    fatalities: values[i],
                    ..event("AAA")
                })
                .collect();
            tally(&events)["AAA"].deadliness
        };
        let forward = total(&[0, 1, 2, 3, 4, 5]);
        assert_eq!(forward, total(&[5, 4, 3, 2, 1, 0]));
        assert_eq!(forward, total(&[1, 0, 4, 2, 5, 3]));
        assert_eq!(forward, 1e16 + 6.0, "small counts first keep their sum");
    }

    #[test]
    fn the_period_spans_political_violence_only() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
        let events = [
            Event {
                date: day(9),
                ..event("AAA")
            },
            Event {
                date: day(1),
                political_violence: false,
                ..event("AAA")
            },
            Event {
                date: day(4),
                ..event("BBB")
            },
            Event {
                date: day(20),
                ..event("AAA")
            },
        ];
        assert_eq!(
            period(&events),
            Some(Period {
                first: day(4),
                last: day(20)
            })
        );
        assert_eq!(period(&events[1..2]), None);
        assert_eq!(period(&[]), None);
    }

    #[test]
    fn bad_events_are_refused_by_position() {
        let cases = [
            (
                Event {
                    iso3: " ".into(),
                    ..event("AAA")
                },
                "event 1: no country code",
            ),
            (
                Event {
                    lat: 91.0,
                    ..event("AAA")
                },
                "event 1: latitude 91, longitude 0 is not a point on the globe",
            ),
            (
                Event {
                    lon: f64::NAN,
                    ..event("AAA")
                },
                "event 1: latitude 0, longitude NaN is not a point on the globe",
            ),
            (
                Event {
                    fatalities: -1.0,
                    ..event("AAA")
                },
                "event 1: -1 fatalities is not a count",
            ),
            (
                Event {
                    fatalities: f64::INFINITY,
                    ..event("AAA")
                },
                "event 1: inf fatalities is not a count",
            ),
        ];
        for (bad, message) in cases {
            let error = check(&[event("AAA"), bad, event("BBB")]).unwrap_err();
            assert_eq!(error.to_string(), message);
        }
        assert!(check(&[event(" syr"), event("AAA")]).is_ok());
        assert_eq!(country_code(" syr\n"), "SYR");
    }
}
