//! Indicators from UNHCR's population statistics, with the IDMC and UNRWA tables they carry.

use eirene_sources::SourceId;

use crate::{Indicator, Text};

/// The UNHCR indicators.
pub static INDICATORS: &[&Indicator] = &[&DISPLACEMENT];

/// Forcibly displaced and stateless people, by origin, by asylum country and for the world.
pub static DISPLACEMENT: Indicator = Indicator {
    id: "unhcr.displacement",
    name: Text {
        en: "Forcibly displaced and stateless people (UNHCR)",
        fr: "Personnes déplacées de force et apatrides (HCR)",
    },
    definition: Text {
        en: "People forcibly displaced and stateless people per year, for the world \
             (`perspective` = world), by country of origin (origin) and by country of asylum \
             (asylum), from UNHCR's Refugee Data Finder: `refugees` under UNHCR's mandate, \
             `unrwa_refugees` (Palestine refugees under UNRWA's mandate, origin Palestine), \
             `asylum_seekers`, `other_in_need` (other people in need of international protection), \
             `idps` (people internally displaced by conflict and violence, IDMC figures; they \
             count for their own country as both origin and asylum) and `stateless`. \
             `forcibly_displaced` follows UNHCR's Global Trends definition: refugees + \
             unrwa_refugees + asylum_seekers + other_in_need + idps, a missing component counting \
             as 0. Stateless people are not part of it (those who are also displaced are already \
             counted in a component). `unhcr_code` is the code UNHCR writes; `iso3` is that code \
             where it is an ISO 3166 alpha-3 code.",
        fr: "Personnes déplacées de force et apatrides par année, pour le monde (`perspective` = \
             world), par pays d'origine (origin) et par pays d'asile (asylum), d'après le Refugee \
             Data Finder du HCR : `refugees` relevant du mandat du HCR, `unrwa_refugees` (réfugiés \
             de Palestine relevant du mandat de l'UNRWA, origine Palestine), `asylum_seekers` \
             (demandeurs d'asile), `other_in_need` (autres personnes ayant besoin d'une protection \
             internationale), `idps` (personnes déplacées à l'intérieur de leur pays par les \
             conflits et la violence, chiffres de l'IDMC ; elles comptent pour leur propre pays \
             comme origine et comme asile) et `stateless` (apatrides). `forcibly_displaced` suit \
             la définition des Tendances mondiales du HCR : refugees + unrwa_refugees + \
             asylum_seekers + other_in_need + idps, une composante manquante comptant pour 0. Les \
             apatrides n'en font pas partie (ceux qui sont aussi déplacés sont déjà comptés dans \
             une composante). `unhcr_code` est le code écrit par le HCR ; `iso3` est ce code \
             lorsqu'il s'agit d'un code ISO 3166 alpha-3.",
    },
    unit: Text {
        en: "people",
        fr: "personnes",
    },
    caveats: Text {
        en: "Figures are at the end of each year, except the latest year, which may be mid-year \
             and provisional (2025 in the 2025.12.1 release): do not compare it with end-year \
             totals. IDMC figures start in 1990 and other people in need of international \
             protection in 2018, so forcibly_displaced is not comparable across those breaks \
             (components are null where nothing was published). Non-ISO codes keep their own rows \
             with a null iso3: UNK (origin or asylum unknown; IDMC's unattributed 1990s-2000s \
             totals), XXA (stateless origin), TIB (Tibetan), AB9 (Abyei Area, IDMC, disputed \
             between Sudan and South Sudan); they are always counted in the world rows, so the world is more than the sum of rows with an iso3. \
             UNHCR's own IDP figures (people of concern to UNHCR) are not used: idps are IDMC's. \
             Published headline totals (Global Trends) may differ slightly from these revised \
             figures. Licence CC BY 4.0; source: UNHCR Refugee Data Finder, with IDMC and UNRWA.",
        fr: "Les chiffres sont ceux de la fin de chaque année, sauf la dernière, qui peut être \
             de mi-année et provisoire (2025 dans l'édition 2025.12.1) : ne pas la comparer aux \
             totaux de fin d'année. Les chiffres de l'IDMC commencent en 1990 et les autres \
             personnes ayant besoin d'une protection internationale en 2018 : forcibly_displaced \
             n'est pas comparable de part et d'autre de ces ruptures (les composantes sont nulles \
             quand rien n'est publié). Les codes non ISO gardent leurs propres lignes avec un iso3 \
             nul : UNK (origine ou asile inconnus ; totaux non attribués de l'IDMC des années \
             1990-2000), XXA (origine apatride), TIB (tibétain), AB9 (zone d'Abyei, IDMC, \
             disputée entre le Soudan et le Soudan du Sud) ; ils comptent toujours \
             dans les lignes du monde, qui dépassent donc la somme des lignes ayant un iso3. Les \
             chiffres de déplacés internes propres au HCR ne sont pas utilisés : idps sont ceux \
             de l'IDMC. Les totaux publiés (Tendances mondiales) peuvent différer légèrement de \
             ces chiffres révisés. Licence CC BY 4.0 ; source : HCR, Refugee Data Finder, avec \
             l'IDMC et l'UNRWA.",
    },
    sources: &[SourceId::UnhcrPopulation, SourceId::Countries],
    sql: include_str!("../../sql/unhcr.displacement.sql"),
    order_by: "year, perspective DESC, unhcr_code NULLS FIRST",
    by_country: true,
    by_region: false,
};
