//! The index end to end: indicators against a brute force, the ranking arithmetic by hand,
//! levels, determinism, and diffusion on a synthetic raster and map.

use std::collections::BTreeSet;

use eirene_charts::World;
use eirene_spatial::{Band, CountryRaster, Grid, InMemory, RasterError, RowSource};

use crate::cells::{Cell, Parallel};
use crate::testing::{TWO_SQUARES, event};
use crate::*;
use eirene_testkit::Prng;

fn index(events: &[Event], options: &Options) -> Ranking {
    conflict_index(events, None, options).unwrap()
}

fn country<'a>(ranking: &'a Ranking, iso3: &str) -> &'a CountryIndex {
    ranking.countries.iter().find(|c| c.iso3 == iso3).unwrap()
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-12,
        "{actual} is not {expected}"
    );
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Several countries: AAA and BBB tie on deadliness; CCC has only protests; " ddd" is DDD;
/// names repeat in other cases and spacing; non-political-violence events carry fatalities,
/// civilians and groups that must not count.
fn hand_made() -> Vec<Event> {
    vec![
        Event {
            fatalities: 3.0,
            targets_civilians: true,
            non_state_actors: names(&["Group X", " group x "]),
            ..event("AAA")
        },
        Event {
            fatalities: 2.0,
            non_state_actors: names(&["GROUP  X", "Militia Y"]),
            ..event("AAA")
        },
        Event {
            fatalities: 100.0,
            political_violence: false,
            targets_civilians: true,
            non_state_actors: names(&["Rioters Z"]),
            ..event("AAA")
        },
        Event {
            fatalities: 5.0,
            targets_civilians: true,
            ..event("BBB")
        },
        Event {
            targets_civilians: true,
            non_state_actors: names(&["militia y"]),
            ..event("BBB")
        },
        Event {
            fatalities: 7.0,
            political_violence: false,
            non_state_actors: names(&["Students"]),
            ..event("CCC")
        },
        Event {
            fatalities: 0.5,
            non_state_actors: names(&["", "  "]),
            ..event(" ddd")
        },
    ]
}

#[test]
fn indicators_match_a_brute_force_fold() {
    let events = hand_made();
    let ranking = index(&events, &Options::default());
    let codes: BTreeSet<String> = events
        .iter()
        .map(|e| e.iso3.trim().to_uppercase())
        .collect();
    assert_eq!(ranking.countries.len(), codes.len());
    for code in &codes {
        let violence: Vec<&Event> = events
            .iter()
            .filter(|e| e.iso3.trim().to_uppercase() == *code && e.political_violence)
            .collect();
        let groups: BTreeSet<String> = violence
            .iter()
            .flat_map(|e| &e.non_state_actors)
            .map(|n| {
                n.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|n| !n.is_empty())
            .collect();
        let found = country(&ranking, code);
        assert_eq!(
            found.deadliness,
            violence.iter().map(|e| e.fatalities).sum::<f64>(),
            "{code}"
        );
        let civilians = violence.iter().filter(|e| e.targets_civilians).count();
        assert_eq!(found.danger_to_civilians, civilians as u64, "{code}");
        assert_eq!(found.fragmentation, groups.len() as u64, "{code}");
        assert_eq!(found.rank.is_some(), !violence.is_empty(), "{code}");
        assert_eq!(found.diffusion, None);
    }
    // And by hand.
    let row = |code| {
        let c = country(&ranking, code);
        (c.deadliness, c.danger_to_civilians, c.fragmentation)
    };
    assert_eq!(row("AAA"), (5.0, 1, 2), "Group X once; the riot left out");
    assert_eq!(row("BBB"), (5.0, 2, 1), "Militia Y counts in each country");
    assert_eq!(row("CCC"), (0.0, 0, 0), "protests only");
    assert_eq!(row("DDD"), (0.5, 0, 0), "blank names are no group");
    let ccc = country(&ranking, "CCC");
    assert_eq!(
        (ccc.rank, ccc.level, ccc.score),
        (None, Level::LowInactive, 0.0)
    );
    assert_eq!(ccc.ranks, PerIndicator::from_array([None; 4]));
    assert_eq!(
        ranking.countries.last().unwrap().iso3,
        "CCC",
        "unranked last"
    );
}

/// A: 10 dead, no civilians, 3 groups; B: 10 dead, 2 civilian events, 1 group; C: no dead,
/// 1 civilian event, 1 group.
fn three_countries() -> Vec<Event> {
    vec![
        Event {
            fatalities: 10.0,
            non_state_actors: names(&["G1", "G2", "G3"]),
            ..event("AAA")
        },
        Event {
            fatalities: 10.0,
            targets_civilians: true,
            non_state_actors: names(&["H"]),
            ..event("BBB")
        },
        Event {
            targets_civilians: true,
            ..event("BBB")
        },
        Event {
            targets_civilians: true,
            non_state_actors: names(&["K"]),
            ..event("CCC")
        },
    ]
}

#[test]
fn ranks_percentiles_and_means_by_hand() {
    let ranking = index(&three_countries(), &Options::default());
    let [a, b, c] = ["AAA", "BBB", "CCC"].map(|code| country(&ranking, code).clone());
    // Deadliness 10, 10, 0: ranks 1.5, 1.5, 3. Civilians 0, 2, 1: 3, 1, 2. Groups 3, 1, 1:
    // 1, 2.5, 2.5. No diffusion without a raster.
    let ranks = |x: &CountryIndex| x.ranks.into_array();
    assert_eq!(ranks(&a), [Some(1.5), Some(3.0), None, Some(1.0)]);
    assert_eq!(ranks(&b), [Some(1.5), Some(1.0), None, Some(2.5)]);
    assert_eq!(ranks(&c), [Some(3.0), Some(2.0), None, Some(2.5)]);
    // Scores (3 − rank) / 2.
    let scores = |x: &CountryIndex| x.scores.into_array();
    assert_eq!(scores(&a), [Some(0.75), Some(0.0), None, Some(1.0)]);
    assert_eq!(scores(&b), [Some(0.75), Some(1.0), None, Some(0.25)]);
    assert_eq!(scores(&c), [Some(0.0), Some(0.5), None, Some(0.25)]);
    // Means of three: A 1.75 / 3, B 2 / 3, C 0.75 / 3.
    close(a.score, 1.75 / 3.0);
    close(b.score, 2.0 / 3.0);
    close(c.score, 0.25);
    let order: Vec<(&str, Option<usize>)> = ranking
        .countries
        .iter()
        .map(|x| (x.iso3.as_str(), x.rank))
        .collect();
    assert_eq!(
        order,
        [("BBB", Some(1)), ("AAA", Some(2)), ("CCC", Some(3))]
    );
    assert!(!ranking.diffusion_computed);
}

#[test]
fn weights_change_the_order() {
    // Fragmentation weighing 3: A (0.75 + 0 + 3) / 5, B (0.75 + 1 + 0.75) / 5, C 1.25 / 5.
    let options = Options {
        weights: PerIndicator {
            fragmentation: 3.0,
            ..Options::default().weights
        },
        ..Options::default()
    };
    let ranking = index(&three_countries(), &options);
    let scores: Vec<(&str, f64)> = ranking
        .countries
        .iter()
        .map(|x| (x.iso3.as_str(), x.score))
        .collect();
    assert_eq!(
        scores.iter().map(|s| s.0).collect::<Vec<_>>(),
        ["AAA", "BBB", "CCC"]
    );
    close(scores[0].1, 0.75);
    close(scores[1].1, 0.5);
    close(scores[2].1, 0.25);
    // A weight of zero leaves an indicator out: on deadliness alone A and B tie at 0.75 and
    // the tie stays a tie, broken by deadliness (equal) and then by code.
    let options = Options {
        weights: PerIndicator::from_array([1.0, 0.0, 0.0, 0.0]),
        ..Options::default()
    };
    let ranking = index(&three_countries(), &options);
    let a = country(&ranking, "AAA");
    assert_eq!((a.rank, a.score), (Some(1), 0.75));
    assert_eq!(country(&ranking, "BBB").score, 0.75);
}

#[test]
fn equal_scores_are_ordered_by_deadliness_then_code() {
    // A: 5 dead; B: one civilian event. Each is first on one indicator, last on the other,
    // tied on groups: both score 0.5, and A is deadlier.
    let events = [
        Event {
            fatalities: 5.0,
            ..event("BBA")
        },
        Event {
            targets_civilians: true,
            ..event("ABB")
        },
    ];
    let ranking = index(&events, &Options::default());
    assert_eq!(ranking.countries[0].score, ranking.countries[1].score);
    assert_eq!(ranking.countries[0].iso3, "BBA");
    // Identical countries: by code.
    let ranking = index(&[event("ZZZ"), event("MMM")], &Options::default());
    let order: Vec<&str> = ranking.countries.iter().map(|x| x.iso3.as_str()).collect();
    assert_eq!(order, ["MMM", "ZZZ"]);
    // All tied: each has the mean of the scores they span, 1 and 0.
    assert_eq!(ranking.countries[0].score, 0.5);
    assert_eq!(ranking.countries[1].score, 0.5);
}

/// 60 countries C01…C60, C60 the deadliest, and one with protests only.
fn sixty_countries() -> Vec<Event> {
    let mut events: Vec<Event> = (1..=60)
        .map(|i| Event {
            fatalities: f64::from(i),
            ..event(&format!("C{i:02}"))
        })
        .collect();
    events.push(Event {
        political_violence: false,
        ..event("QQQ")
    });
    events
}

/// How many countries each level holds, extreme first.
fn level_sizes(ranking: &Ranking) -> [usize; 4] {
    let levels = [
        Level::Extreme,
        Level::High,
        Level::Turbulent,
        Level::LowInactive,
    ];
    levels.map(|l| ranking.countries.iter().filter(|c| c.level == l).count())
}

#[test]
fn default_levels_hold_10_15_25_and_the_rest() {
    let ranking = index(&sixty_countries(), &Options::default());
    assert_eq!(level_sizes(&ranking), [10, 15, 25, 11]);
    let at = |rank: usize| &ranking.countries[rank - 1];
    assert_eq!((at(1).iso3.as_str(), at(1).level), ("C60", Level::Extreme));
    assert_eq!(
        (at(10).iso3.as_str(), at(10).level),
        ("C51", Level::Extreme)
    );
    assert_eq!((at(11).iso3.as_str(), at(11).level), ("C50", Level::High));
    assert_eq!((at(25).iso3.as_str(), at(25).level), ("C36", Level::High));
    assert_eq!(
        (at(26).iso3.as_str(), at(26).level),
        ("C35", Level::Turbulent)
    );
    assert_eq!(
        (at(50).iso3.as_str(), at(50).level),
        ("C11", Level::Turbulent)
    );
    assert_eq!(
        (at(51).iso3.as_str(), at(51).level),
        ("C10", Level::LowInactive)
    );
    assert_eq!(at(60).rank, Some(60));
    let last = ranking.countries.last().unwrap();
    assert_eq!(
        (last.iso3.as_str(), last.rank, last.level),
        ("QQQ", None, Level::LowInactive)
    );
}

#[test]
fn custom_levels_move_the_cut_offs() {
    let options = Options {
        extreme: 3,
        high: 0,
        turbulent: 5,
        ..Options::default()
    };
    let ranking = index(&sixty_countries(), &options);
    assert_eq!(level_sizes(&ranking), [3, 0, 5, 53]);
    assert_eq!(ranking.countries[2].level, Level::Extreme);
    assert_eq!(ranking.countries[3].level, Level::Turbulent);
    assert_eq!(ranking.countries[8].level, Level::LowInactive);
    // Levels larger than the countries ranked leave nobody low but the inactive.
    let options = Options {
        extreme: 100,
        ..Options::default()
    };
    assert_eq!(
        level_sizes(&index(&sixty_countries(), &options)),
        [60, 0, 0, 1]
    );
}

// Diffusion on a synthetic world: TWO_SQUARES (AAA at 0°–1° E, BBB at 1°–2° E, both 0°–1° N)
// under a 0.01° raster over 0°–2° E, 0°–1.2° N. Places are raster cells (column, row); a 10 km
// cell is about 10 raster cells wide and 8 tall here.

const T1: (usize, usize) = (20, 40);
const T2: (usize, usize) = (20, 90);
const T3: (usize, usize) = (70, 40);
/// Two raster cells of one grid cell, 60 + 40 people: populated, just.
const P100: [(usize, usize); 2] = [(50, 60), (51, 60)];
/// Two raster cells of one grid cell, 60 + 39 people: not populated.
const P99: [(usize, usize); 2] = [(70, 90), (71, 90)];
/// A grid cell across the border: 70 people in AAA, 80 in BBB.
const BORDER: [(usize, usize); 2] = [(99, 60), (100, 60)];
const T4: (usize, usize) = (150, 60);
/// North of both squares: in no country.
const T5: (usize, usize) = (50, 5);

fn raster_grid() -> Grid {
    Grid {
        west: 0.0,
        north: 1.2,
        cell_width: 0.01,
        cell_height: 0.01,
        width: 200,
        height: 120,
        nodata: None,
    }
}

fn people() -> Vec<f64> {
    let grid = raster_grid();
    let mut people = vec![0.0; grid.width * grid.height];
    let placed = [
        (T1, 500.0),
        (T2, 500.0),
        (T3, 500.0),
        (P100[0], 60.0),
        (P100[1], 40.0),
        (P99[0], 60.0),
        (P99[1], 39.0),
        (BORDER[0], 70.0),
        (BORDER[1], 80.0),
        (T4, 1000.0),
        (T5, 1000.0),
    ];
    for ((column, row), n) in placed {
        people[row * grid.width + column] = n;
    }
    people
}

/// `n` events coded `iso3` at the centre of raster cell `place`, one dead each.
fn events_at(place: (usize, usize), iso3: &str, n: usize) -> Vec<Event> {
    let grid = raster_grid();
    let here = Event {
        lat: grid.centre_lat(place.1),
        lon: grid.centre_lon(place.0),
        fatalities: 1.0,
        ..event(iso3)
    };
    vec![here; n]
}

fn cell_of(place: (usize, usize)) -> Cell {
    let grid = raster_grid();
    Parallel::new(grid.centre_lat(place.1)).cell(grid.centre_lon(place.0), 10.0)
}

/// T1: 10 events, affected. T2: 9, plus 3 that are not political violence. P99: 50, but too
/// few people. The border cell, BBB's by population: 10 of BBB's own events on its side, and
/// 10 of AAA's on AAA's side, which count for neither. T5, in no country: 20. CCC, not on the
/// map: 3.
fn synthetic_events() -> Vec<Event> {
    let protests = events_at(T2, "AAA", 3).into_iter().map(|e| Event {
        political_violence: false,
        ..e
    });
    let far = Event {
        lat: 0.5,
        lon: 5.0,
        ..event("CCC")
    };
    [
        events_at(T1, "AAA", 10),
        events_at(T2, "AAA", 9),
        protests.collect(),
        events_at(P99[0], "AAA", 50),
        events_at(BORDER[1], "BBB", 10),
        events_at(BORDER[0], "AAA", 10),
        events_at(T5, "AAA", 20),
        vec![far; 3],
    ]
    .concat()
}

fn with_raster(events: &[Event], options: &Options, rows_per_band: usize) -> Ranking {
    let world = World::from_topojson(TWO_SQUARES, "c").unwrap();
    let countries = CountryRaster::new(&world);
    let mut raster = InMemory::new(raster_grid(), people(), rows_per_band).unwrap();
    let population = Population {
        source: &mut raster,
        countries: &countries,
    };
    conflict_index(events, Some(population), options).unwrap()
}

fn diffusion(ranking: &Ranking) -> Vec<(&str, Option<f64>)> {
    let mut found: Vec<(&str, Option<f64>)> = ranking
        .countries
        .iter()
        .map(|c| (c.iso3.as_str(), c.diffusion))
        .collect();
    found.sort_by_key(|c| c.0);
    found
}

#[test]
fn the_synthetic_places_are_where_the_test_needs_them() {
    // Each place is its own grid cell; the pairs share one.
    let places = [T1, T2, T3, P100[0], P99[0], BORDER[0], T4, T5];
    let cells: BTreeSet<Cell> = places.iter().map(|&p| cell_of(p)).collect();
    assert_eq!(cells.len(), places.len());
    for pair in [P100, P99, BORDER] {
        assert_eq!(cell_of(pair[0]), cell_of(pair[1]), "{pair:?}");
    }
    // The border pair straddles 1° E.
    let grid = raster_grid();
    assert!(grid.centre_lon(BORDER[0].0) < 1.0 && grid.centre_lon(BORDER[1].0) > 1.0);
}

#[test]
fn diffusion_on_a_synthetic_raster() {
    let events = synthetic_events();
    let ranking = with_raster(&events, &Options::default(), 16);
    assert!(ranking.diffusion_computed);
    // AAA: T1, T2, T3 and P100 populated, T1 affected. BBB: the border cell and T4, the border
    // cell affected. CCC: not on the map.
    assert_eq!(
        diffusion(&ranking),
        [("AAA", Some(25.0)), ("BBB", Some(50.0)), ("CCC", None)]
    );
    // CCC is ranked on the other three indicators alone.
    let ccc = country(&ranking, "CCC");
    assert_eq!(ccc.ranks.diffusion, None);
    let [d, c, _, f] = ccc.scores.into_array().map(Option::unwrap_or_default);
    close(ccc.score, (d + c + f) / 3.0);
    assert_eq!(country(&ranking, "BBB").ranks.diffusion, Some(1.0));
    // Band sizes do not matter.
    for rows_per_band in [1, 7, 120] {
        assert_eq!(
            with_raster(&events, &Options::default(), rows_per_band),
            ranking
        );
    }
}

#[test]
fn diffusion_follows_its_options() {
    let events = synthetic_events();
    let diffusion_with = |options: Options| {
        let ranking = with_raster(&events, &options, 16);
        diffusion(&ranking)
            .into_iter()
            .map(|(code, d)| (code.to_owned(), d))
            .collect::<Vec<_>>()
    };
    let expect = |aaa, bbb| {
        vec![
            ("AAA".to_owned(), aaa),
            ("BBB".to_owned(), bbb),
            ("CCC".to_owned(), None),
        ]
    };
    // 9 events are enough: T2 is affected too.
    let nine = Options {
        min_cell_events: 9,
        ..Options::default()
    };
    assert_eq!(diffusion_with(nine), expect(Some(50.0), Some(50.0)));
    // 99 people are enough: P99 is populated, with its 50 events.
    let ninety_nine = Options {
        min_cell_population: 99.0,
        ..Options::default()
    };
    assert_eq!(diffusion_with(ninety_nine), expect(Some(40.0), Some(50.0)));
    // 500 km cells: one cell holds everything, AAA's by 1,769 people to 1,080, with AAA's 99
    // events; BBB has no cell left.
    let coarse = Options {
        cell_km: 500.0,
        ..Options::default()
    };
    assert_eq!(diffusion_with(coarse), expect(Some(100.0), None));
}

#[test]
fn shuffled_events_give_the_same_ranking() {
    let mut rng = Prng::new(2024);
    let places = [T1, T2, T3, P100[0], P99[0], BORDER[0], BORDER[1], T4, T5];
    let codes = ["AAA", "aaa ", "BBB", "CCC", "DDD", "EEE"];
    let groups = ["Group X", "group x", "Militia Y", " MILITIA Y", "Front Z"];
    let mut events: Vec<Event> = (0..600)
        .map(|_| {
            let mut e = events_at(places[rng.below(places.len())], codes[rng.below(6)], 1)
                .pop()
                .unwrap();
            // Fractional fatalities, so that the order of summation could show.
            e.fatalities = rng.below(1000) as f64 / 7.0;
            e.political_violence = rng.below(5) > 0;
            e.targets_civilians = rng.below(3) == 0;
            e.non_state_actors = (0..rng.below(3))
                .map(|_| groups[rng.below(5)].to_owned())
                .collect();
            e
        })
        .collect();
    let options = Options {
        extreme: 1,
        high: 1,
        turbulent: 1,
        ..Options::default()
    };
    let first = with_raster(&events, &options, 16);
    let json = serde_json::to_string(&first).unwrap();
    // The case tests something: diffusion and ties are in play.
    assert!(
        first
            .countries
            .iter()
            .any(|c| c.diffusion.unwrap_or(0.0) > 0.0)
    );
    assert!(first.countries.iter().any(|c| c.fragmentation == 3));
    for _ in 0..5 {
        rng.shuffle(&mut events);
        let again = with_raster(&events, &options, 16);
        assert_eq!(again, first);
        assert_eq!(serde_json::to_string(&again).unwrap(), json);
    }
}

#[test]
fn serialises_with_its_method_and_level_names() {
    let ranking = index(&hand_made(), &Options::default());
    let json = serde_json::to_value(&ranking).unwrap();
    assert_eq!(json["method"], "ACLED-style index, Eirene method");
    assert_eq!(json["diffusion_computed"], false);
    assert_eq!(json["period"]["first"], "2024-06-01");
    assert_eq!(json["options"]["weights"]["diffusion"], 1.0);
    assert_eq!(json["options"]["min_cell_population"], 100.0);
    let ccc = json["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["iso3"] == "CCC")
        .unwrap();
    let none = serde_json::json!({
        "deadliness": null, "danger_to_civilians": null, "diffusion": null, "fragmentation": null
    });
    assert_eq!(
        *ccc,
        serde_json::json!({
            "rank": null, "iso3": "CCC", "level": "low/inactive", "score": 0.0,
            "deadliness": 0.0, "danger_to_civilians": 0, "diffusion": null, "fragmentation": 0,
            "ranks": none, "scores": none
        })
    );
    let levels = [
        Level::Extreme,
        Level::High,
        Level::Turbulent,
        Level::LowInactive,
    ]
    .map(|l| serde_json::to_value(l).unwrap());
    assert_eq!(levels, ["extreme", "high", "turbulent", "low/inactive"]);
}

#[test]
fn no_events_give_an_empty_ranking() {
    let ranking = index(&[], &Options::default());
    assert!(ranking.countries.is_empty());
    assert_eq!(ranking.period, None);
    assert_eq!(ranking.method, METHOD);
}

#[test]
fn bad_events_and_options_are_errors() {
    let bad = [
        event("AAA"),
        Event {
            lat: -95.0,
            ..event("BBB")
        },
    ];
    let error = conflict_index(&bad, None, &Options::default()).unwrap_err();
    assert!(
        matches!(error, IndexError::Event { index: 1, .. }),
        "{error}"
    );
    let options = Options {
        weights: PerIndicator::from_array([0.0, 0.0, 1.0, 0.0]),
        ..Options::default()
    };
    let error = conflict_index(&[event("AAA")], None, &options).unwrap_err();
    assert!(matches!(error, IndexError::Options(_)), "{error}");
    // With a raster, diffusion alone is a valid choice.
    let ranking = with_raster(&synthetic_events(), &options, 16);
    assert_eq!(ranking.countries[0].iso3, "BBB", "50 % beats 25 %");
}

/// A source that hands out its first band only, or (`skip`) skips its second.
struct Faulty {
    inner: InMemory,
    bands: usize,
    skip: bool,
}

impl RowSource for Faulty {
    fn grid(&self) -> &Grid {
        self.inner.grid()
    }

    fn next_band(&mut self) -> Result<Option<Band<'_>>, RasterError> {
        self.bands += 1;
        match self.bands {
            1 => self.inner.next_band(),
            2 if self.skip => {
                self.inner.next_band()?;
                self.inner.next_band()
            }
            _ if self.skip => self.inner.next_band(),
            _ => Ok(None),
        }
    }
}

#[test]
fn a_source_that_breaks_its_contract_is_an_error() {
    let world = World::from_topojson(TWO_SQUARES, "c").unwrap();
    let countries = CountryRaster::new(&world);
    for (skip, message) in [
        (false, "row source: ended after 16 of 120 rows"),
        (
            true,
            "row source: a band of 3200 cells, 200 wide, from row 32; expected whole rows 200 \
             wide from row 16",
        ),
    ] {
        let mut source = Faulty {
            inner: InMemory::new(raster_grid(), people(), 16).unwrap(),
            bands: 0,
            skip,
        };
        let population = Population {
            source: &mut source,
            countries: &countries,
        };
        let error = conflict_index(&[], Some(population), &Options::default()).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
}
