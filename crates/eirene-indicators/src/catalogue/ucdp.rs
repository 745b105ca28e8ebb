//! Indicators from the UCDP datasets (GED events, UCDP/PRIO ACD conflict-years).

use eirene_sources::SourceId;

use crate::{Indicator, Text};

/// The UCDP indicators.
pub static INDICATORS: &[&Indicator] = &[&DEATHS];

/// Organised-violence deaths and events.
pub static DEATHS: Indicator = Indicator {
    id: "ucdp.deaths",
    name: Text {
        en: "Organised-violence deaths and events",
        fr: "Décès et événements liés à la violence organisée",
    },
    definition: Text {
        en: "Deaths in events of organised violence recorded by the UCDP Georeferenced Event Dataset \
             (GED): state-based armed conflict, non-state conflict and one-sided violence against \
             civilians. For the world, each UCDP region and each country (ISO 3166 alpha-3 and \
             Gleditsch-Ward code), per year and type of violence (`all` is the sum of the three): \
             the number of events, UCDP's best, low and high estimates of deaths, the civilian \
             deaths, and the change of the best estimate on the year before in per cent.",
        fr: "Décès lors d'événements de violence organisée recensés par le UCDP Georeferenced Event \
             Dataset (GED) : conflits armés impliquant un État, conflits non étatiques et violence \
             unilatérale contre des civils. Pour le monde, chaque région de l'UCDP et chaque pays \
             (ISO 3166 alpha-3 et code Gleditsch-Ward), par année et type de violence (`all` est la \
             somme des trois) : le nombre d'événements, les estimations haute, basse et la meilleure \
             estimation des décès selon l'UCDP, les décès de civils, et la variation de la meilleure \
             estimation par rapport à l'année précédente, en pour cent.",
    },
    unit: Text {
        en: "deaths (events: count)",
        fr: "décès (événements : nombre)",
    },
    caveats: Text {
        en: "Counts only events in dyads UCDP codes (25 battle-related deaths a year for a dyad to \
             enter the data, but every event of a coded dyad is kept, active year or not). The \
             change is null where the year before had no deaths (not infinite). A country is the \
             one where the event took place. Country subsets of GED (such as the project's test \
             mirror) give country figures, not world totals.",
        fr: "Ne compte que les événements des dyades codées par l'UCDP (25 morts au combat par an \
             pour qu'une dyade entre dans les données ; tout événement d'une dyade codée est gardé). \
             La variation est nulle (et non infinie) quand l'année précédente n'a aucun décès. Le \
             pays est celui où l'événement a eu lieu. Un extrait de GED limité à quelques pays \
             (comme le miroir de test du projet) donne des chiffres par pays, pas des totaux mondiaux.",
    },
    sources: &[SourceId::UcdpGed, SourceId::Countries],
    sql: include_str!("../../sql/ucdp.deaths.sql"),
    order_by: "year, level, region, iso3, type",
    by_country: true,
    by_region: true,
};
