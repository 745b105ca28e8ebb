//! Indicators in the spirit of the Sustainable Development Goals, built from open sources. They
//! are proxies: the official SDG series are those of their custodian agencies.

use eirene_sources::SourceId;

use crate::{Indicator, Text};

/// The SDG-style indicators.
pub static INDICATORS: &[&Indicator] = &[&CIVILIAN_DEATHS_RATE];

/// Civilian deaths per 100,000 population (UCDP-based proxy for SDG 16.1.2).
pub static CIVILIAN_DEATHS_RATE: Indicator = Indicator {
    id: "sdg16.civilian_deaths_rate",
    name: Text {
        en: "Civilian deaths per 100,000 population (UCDP-based proxy for SDG 16.1.2)",
        fr: "Décès de civils pour 100 000 habitants (approximation de l'ODD 16.1.2 fondée sur l'UCDP)",
    },
    definition: Text {
        en: "A proxy in the spirit of SDG indicator 16.1.2, built from UCDP data; not the official \
             series. For each country (ISO 3166 alpha-3, from the Gleditsch-Ward code of the UCDP \
             GED event) and year: the civilian deaths (`deaths_civilians`) of all UCDP GED events in \
             the country, over the three types of violence (state-based, non-state, one-sided), \
             divided by the World Bank's total population (SP.POP.TOTL) of the country that year, \
             times 100,000. Only country-years with at least one GED event and a World Bank \
             population have a row. The `World` row of a year sums the civilian deaths of that \
             year's country rows and divides by the World Bank's world population (WLD).",
        fr: "Une approximation dans l'esprit de l'indicateur 16.1.2 des ODD, construite à partir \
             des données de l'UCDP ; ce n'est pas la série officielle. Pour chaque pays (ISO 3166 \
             alpha-3, d'après le code Gleditsch-Ward de l'événement du UCDP GED) et chaque année : \
             les décès de civils (`deaths_civilians`) de tous les événements du UCDP GED dans le \
             pays, pour les trois types de violence (impliquant un État, non étatique, \
             unilatérale), divisés par la population totale de la Banque mondiale (SP.POP.TOTL) du \
             pays cette année-là, multipliés par 100 000. Seules les années-pays ayant au moins un \
             événement GED et une population de la Banque mondiale ont une ligne. La ligne `World` \
             (monde) d'une année additionne les décès de civils des lignes pays de l'année et les \
             divise par la population mondiale de la Banque mondiale (WLD).",
    },
    unit: Text {
        en: "civilian deaths per 100,000 population",
        fr: "décès de civils pour 100 000 habitants",
    },
    caveats: Text {
        en: "A UCDP-based proxy, not the official SDG 16.1.2 series of its custodian, OHCHR, which \
             counts conflict-related deaths (of civilians and others, as defined under \
             international humanitarian law) by sex, age and cause, with UN population estimates. \
             UCDP records only deaths in organised violence of coded conflicts, dyads and actors \
             (25 deaths a year to enter the data), and its civilian deaths are those it can \
             attribute; deaths of unknown status (`deaths_unknown`) are left out. A country-year \
             without GED events has no row (not a zero), since the store may hold only part of \
             GED. The World row is a world rate only when the full GED is loaded: with a country \
             subset (such as the project's test mirror) it is the subset's deaths over the world \
             population. Events whose Gleditsch-Ward code has no ISO match (UCDP's 345 for \
             Serbia/Yugoslavia) and countries without a World Bank population are left out of the \
             country rows and of the World sum.",
        fr: "Une approximation fondée sur l'UCDP, et non la série officielle de l'ODD 16.1.2 de son \
             organisme responsable, le HCDH, qui compte les décès liés aux conflits (de civils et \
             d'autres personnes, au sens du droit international humanitaire) par sexe, âge et \
             cause, avec les estimations de population des Nations unies. L'UCDP ne recense que \
             les décès de la violence organisée de conflits, dyades et acteurs codés (25 décès par \
             an pour entrer dans les données), et ses décès de civils sont ceux qu'il peut \
             attribuer ; les décès de statut inconnu (`deaths_unknown`) sont exclus. Une \
             année-pays sans événement GED n'a pas de ligne (et non un zéro), car l'entrepôt peut \
             ne contenir qu'une partie du GED. La ligne World n'est un taux mondial que si le GED \
             complet est chargé : avec un extrait limité à quelques pays (comme le miroir de test \
             du projet), ce sont les décès de l'extrait rapportés à la population mondiale. Les \
             événements dont le code Gleditsch-Ward n'a pas de correspondance ISO (le 345 de \
             l'UCDP pour la Serbie/Yougoslavie) et les pays sans population de la Banque mondiale \
             sont exclus des lignes pays et de la somme mondiale.",
    },
    sources: &[
        SourceId::UcdpGed,
        SourceId::WbPopulation,
        SourceId::Countries,
    ],
    sql: include_str!("../../sql/sdg16.civilian_deaths_rate.sql"),
    order_by: "year, level, iso3",
    by_country: true,
    by_region: true,
};
