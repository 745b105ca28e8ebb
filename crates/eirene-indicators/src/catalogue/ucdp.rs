//! Indicators from the UCDP datasets (GED events, UCDP/PRIO ACD conflict-years).

use eirene_sources::SourceId;

use crate::{Indicator, Text};

/// The UCDP indicators.
pub static INDICATORS: &[&Indicator] = &[&DEATHS, &CONFLICTS_ACTIVE, &CONFLICTS_TERRITORY];

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

/// Active armed conflicts per year (UCDP/PRIO ACD and GED), in long format.
pub static CONFLICTS_ACTIVE: Indicator = Indicator {
    id: "ucdp.conflicts.active",
    name: Text {
        en: "Active armed conflicts (UCDP)",
        fr: "Conflits armés actifs (UCDP)",
    },
    definition: Text {
        en: "Armed conflicts active in a year by UCDP's definitions: a conflict is active when it \
             reaches 25 battle-related deaths in the calendar year. One value per row. Basis `acd` \
             (UCDP/PRIO Armed Conflict Dataset, 1946 onwards): state-based conflicts, counted as \
             distinct `conflict_id` per year; `type` is `state-based` for all of them or one \
             `type_of_conflict` (extrasystemic, interstate, intrastate, internationalised \
             intrastate). Measures: `active_conflicts`; `wars`, conflicts of intensity 2 (1,000 or \
             more battle-related deaths in the year); `new_conflicts`, conflicts in the first year \
             they appear in the dataset; `countries_with_conflict`, distinct countries on whose \
             territory a conflict took place (`gwno_loc`). Basis `ged` (UCDP Georeferenced Event \
             Dataset, 1989 onwards): events of dyads active that year (`active_year`), distinct \
             `conflict_new_id` per year and type of violence (state-based, non-state, one-sided), \
             with the same measures except wars; a new conflict is one in its first active year, \
             and countries are those where the events took place. `region` is `World` or a UCDP \
             region (Africa, Americas, Asia, Europe, Middle East): a conflict in several regions \
             counts in each of them and once for the World; countries are placed in the region of \
             their Gleditsch-Ward code.",
        fr: "Conflits armés actifs dans l'année selon les définitions de l'UCDP : un conflit est \
             actif quand il atteint 25 morts au combat dans l'année civile. Une valeur par ligne. \
             Base `acd` (UCDP/PRIO Armed Conflict Dataset, depuis 1946) : conflits impliquant un \
             État, comptés comme `conflict_id` distincts par année ; `type` vaut `state-based` pour \
             l'ensemble ou un `type_of_conflict` (extrasystemic : extra-systémique, interstate : \
             interétatique, intrastate : intra-étatique, internationalised intrastate : \
             intra-étatique internationalisé). Mesures : `active_conflicts` ; `wars`, conflits \
             d'intensité 2 (au moins 1 000 morts au combat dans l'année) ; `new_conflicts`, \
             conflits dans la première année où ils apparaissent dans les données ; \
             `countries_with_conflict`, pays distincts sur le territoire desquels un conflit a eu \
             lieu (`gwno_loc`). Base `ged` (UCDP Georeferenced Event Dataset, depuis 1989) : \
             événements des dyades actives cette année-là (`active_year`), `conflict_new_id` \
             distincts par année et type de violence (state-based : impliquant un État, non-state : \
             non étatique, one-sided : unilatérale), avec les mêmes mesures sauf les guerres ; un \
             conflit nouveau est dans sa première année active, et les pays sont ceux où les \
             événements ont eu lieu. `region` vaut `World` (monde) ou une région de l'UCDP \
             (Africa, Americas, Asia, Europe, Middle East) : un conflit présent dans plusieurs \
             régions compte dans chacune et une seule fois pour le monde ; un pays est placé dans \
             la région de son code Gleditsch-Ward.",
    },
    unit: Text {
        en: "conflicts (countries for countries_with_conflict)",
        fr: "conflits (pays pour countries_with_conflict)",
    },
    caveats: Text {
        en: "This is a threshold count (UCDP, 25 battle-related deaths a year). It is not the ICRC's \
             legal classification of armed conflicts under international humanitarian law (about \
             120) nor a ranking by the ACLED Conflict Index: the three counts are incompatible and \
             must not be mixed in one series. The regional counts add up to more than the World \
             when a conflict spans several regions. `new_conflicts` is null for the first year of \
             each basis (1946 for ACD, the first GED year), where every conflict would count as \
             new; a conflict that resumes after years of inactivity is not new. Every year, \
             region and type of a basis is listed, with 0 where nothing was counted. GED counts \
             are only as complete as the GED loaded: a country subset of GED (such as the \
             project's test mirror) gives partial counts, not world totals. UCDP revises past \
             years in each release, so counts from older releases (e.g. Our World in Data's \
             copies) differ in some years (docs/FIDELITY.md).",
        fr: "Il s'agit d'un comptage par seuil (UCDP, 25 morts au combat par an). Ce n'est ni la \
             qualification juridique des conflits armés par le CICR au regard du droit \
             international humanitaire (environ 120), ni un classement selon l'indice des conflits \
             d'ACLED : ces trois décomptes sont incompatibles et ne doivent pas être mêlés dans une \
             même série. La somme des régions dépasse le total mondial quand un conflit touche \
             plusieurs régions. `new_conflicts` est nul pour la première année de chaque base \
             (1946 pour l'ACD, la première année du GED), où tout conflit serait nouveau ; un \
             conflit qui reprend après des années d'inactivité n'est pas nouveau. Chaque année, \
             région et type d'une base est listé, avec 0 quand rien n'est compté. Les comptes GED \
             ne sont complets que si le GED chargé l'est : un extrait limité à quelques pays (comme \
             le miroir de test du projet) donne des comptes partiels, pas des totaux mondiaux. \
             L'UCDP révise les années passées à chaque version : les comptes tirés de versions \
             plus anciennes (par exemple les copies d'Our World in Data) diffèrent pour certaines \
             années (docs/FIDELITY.md).",
    },
    sources: &[SourceId::UcdpAcd, SourceId::UcdpGed],
    sql: include_str!("../../sql/ucdp.conflicts.active.sql"),
    order_by: "basis, measure, type, region, year",
    by_country: false,
    by_region: true,
};

/// State-based armed conflicts on each country's territory, per year.
pub static CONFLICTS_TERRITORY: Indicator = Indicator {
    id: "ucdp.conflicts.territory",
    name: Text {
        en: "Armed conflicts on a country's territory (UCDP/PRIO)",
        fr: "Conflits armés sur le territoire d'un pays (UCDP/PRIO)",
    },
    definition: Text {
        en: "State-based armed conflicts active in a year (25 or more battle-related deaths in the \
             calendar year) that took place on a country's territory, from the UCDP/PRIO Armed \
             Conflict Dataset: for each country (ISO 3166 alpha-3 and Gleditsch-Ward code) and \
             year, the distinct conflicts whose location (`gwno_loc`) includes it, those of them \
             at war intensity (1,000 or more battle-related deaths in the year), and those \
             internationalised (another state's troops on one side).",
        fr: "Conflits armés impliquant un État, actifs dans l'année (au moins 25 morts au combat \
             dans l'année civile), qui ont eu lieu sur le territoire d'un pays, d'après l'UCDP/PRIO \
             Armed Conflict Dataset : pour chaque pays (ISO 3166 alpha-3 et code Gleditsch-Ward) \
             et chaque année, les conflits distincts dont le lieu (`gwno_loc`) le comprend, ceux \
             d'intensité de guerre (au moins 1 000 morts au combat dans l'année) et ceux \
             internationalisés (troupes d'un autre État d'un côté).",
    },
    unit: Text {
        en: "conflicts",
        fr: "conflits",
    },
    caveats: Text {
        en: "A conflict fought on several territories counts for each of them, so the country \
             counts add up to more than the world count of `ucdp.conflicts.active`. Only years \
             with at least one conflict have a row. Gleditsch-Ward codes with no ISO country \
             (historical states; Serbia, which UCDP writes 345 and the reference 340) have a \
             null `iso3`.",
        fr: "Un conflit livré sur plusieurs territoires compte pour chacun : la somme des pays \
             dépasse le total mondial de `ucdp.conflicts.active`. Seules les années avec au moins \
             un conflit ont une ligne. Les codes Gleditsch-Ward sans pays ISO (États historiques ; \
             la Serbie, que l'UCDP code 345 et la référence 340) ont un `iso3` nul.",
    },
    sources: &[SourceId::UcdpAcd, SourceId::Countries],
    sql: include_str!("../../sql/ucdp.conflicts.territory.sql"),
    order_by: "year, gw_code",
    by_country: true,
    by_region: false,
};
