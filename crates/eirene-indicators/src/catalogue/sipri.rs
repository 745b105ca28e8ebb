//! Indicators from the SIPRI Military Expenditure Database (the xlsx workbook).

use eirene_sources::SourceId;

use crate::{Indicator, Text};

/// The SIPRI indicators.
pub static INDICATORS: &[&Indicator] = &[&MILEX_REGIONAL, &MILEX];

/// World, regional and sub-regional military expenditure, as SIPRI publishes the totals.
pub static MILEX_REGIONAL: Indicator = Indicator {
    id: "sipri.milex.regional",
    name: Text {
        en: "Military expenditure: world and regional totals (SIPRI)",
        fr: "Dépenses militaires : totaux mondial et régionaux (SIPRI)",
    },
    definition: Text {
        en: "Military expenditure of the world, each SIPRI region and sub-region, per year from \
             1988, as SIPRI publishes it in the Regional totals sheet of its Military Expenditure \
             Database: in US$ million at constant prices and exchange rates of the price base \
             year (`constant_usd_m`, `price_base_year`) and at current prices (`current_usd_m`). \
             `real_change_pct` is the real change on the year before, computed from the constant \
             series: (constant this year / constant the year before - 1) x 100. `level` is world, \
             region or subregion; `parent_region` is the region of a sub-region. SIPRI's totals \
             include its estimates for countries without data: they are not the sum of the \
             country rows.",
        fr: "Dépenses militaires du monde, de chaque région et sous-région du SIPRI, par année \
             depuis 1988, telles que le SIPRI les publie dans la feuille « Regional totals » de sa \
             base de données sur les dépenses militaires : en millions de dollars US aux prix et \
             taux de change constants de l'année de base (`constant_usd_m`, `price_base_year`) et \
             aux prix courants (`current_usd_m`). `real_change_pct` est la variation réelle sur \
             l'année précédente, calculée à partir de la série à prix constants : (constant de \
             l'année / constant de l'année précédente - 1) x 100. `level` vaut world, region ou \
             subregion ; `parent_region` est la région d'une sous-région. Les totaux du SIPRI \
             incluent ses estimations pour les pays sans données : ce ne sont pas les sommes des \
             lignes par pays.",
    },
    unit: Text {
        en: "US$ million (constant prices of price_base_year, or current prices); change: per cent",
        fr: "millions de dollars US (prix constants de price_base_year, ou prix courants) ; \
             variation : pour cent",
    },
    caveats: Text {
        en: "The Regional totals sheet gives current prices for the latest year only (2023 in \
             the April 2024 release): `current_usd_m` is null for other years \
             (`current_usd_m_status` = not_published). There is no world total before 1988 (no \
             Soviet data), and SIPRI gives none for 1991 for the world, Europe and Eastern Europe \
             (status not_available), so the change for 1991 and 1992 is null there. Every release \
             revises earlier years and rebases the constant series: never mix releases. \
             `omitted_countries` lists, as the sheet writes it, countries left out of a total's \
             estimates. Source: SIPRI Military Expenditure Database.",
        fr: "La feuille « Regional totals » ne donne les prix courants que pour la dernière \
             année (2023 dans l'édition d'avril 2024) : `current_usd_m` est nul pour les autres \
             années (`current_usd_m_status` = not_published). Il n'y a pas de total mondial avant \
             1988 (pas de données soviétiques), et le SIPRI n'en donne pas pour 1991 pour le \
             monde, l'Europe et l'Europe de l'Est (statut not_available) : la variation de 1991 \
             et 1992 y est nulle. Chaque édition révise les années antérieures et change la base \
             des prix constants : ne jamais mélanger les éditions. `omitted_countries` liste, tels \
             que la feuille les écrit, les pays exclus des estimations d'un total. Source : SIPRI \
             Military Expenditure Database.",
    },
    sources: &[SourceId::SipriMilex],
    sql: include_str!("../../sql/sipri.milex.regional.sql"),
    order_by: "year, level DESC, parent_region NULLS FIRST, region",
    by_country: false,
    by_region: true,
};

/// Military expenditure by country, with rank and share of the world total.
pub static MILEX: Indicator = Indicator {
    id: "sipri.milex",
    name: Text {
        en: "Military expenditure by country (SIPRI)",
        fr: "Dépenses militaires par pays (SIPRI)",
    },
    definition: Text {
        en: "Military expenditure of each country SIPRI lists (`country` as SIPRI names it, \
             `iso3`, SIPRI `region` and `subregion`), per year: US$ million at constant prices of \
             the price base year and at current prices; `real_change_pct`, the real change on \
             the year before from constant prices; `share_of_gdp_pct` and \
             `share_of_govt_spending_pct`, military expenditure as a per cent of GDP and of \
             general government expenditure (SIPRI's fractions x 100); `per_capita_usd`, current \
             US$ per person. `rank_in_world` ranks countries with a constant-price value within \
             the year (1 = largest; ties share a rank); `top_ten` is rank_in_world <= 10, the top \
             spenders; `rank_in_world_current` ranks by current US$, as SIPRI's yearly fact \
             sheets do. `share_of_world_pct` = constant_usd_m / SIPRI's world total at constant \
             prices for the year (Regional totals sheet) x 100: a share of SIPRI's world total, \
             which includes its estimates for missing countries.",
        fr: "Dépenses militaires de chaque pays listé par le SIPRI (`country` tel que le SIPRI le \
             nomme, `iso3`, `region` et `subregion` du SIPRI), par année : millions de dollars US \
             aux prix constants de l'année de base et aux prix courants ; `real_change_pct`, la \
             variation réelle sur l'année précédente à prix constants ; `share_of_gdp_pct` et \
             `share_of_govt_spending_pct`, les dépenses militaires en pour cent du PIB et des \
             dépenses publiques (fractions du SIPRI x 100) ; `per_capita_usd`, dollars US courants \
             par habitant. `rank_in_world` classe les pays ayant une valeur à prix constants dans \
             l'année (1 = le plus gros ; ex aequo au même rang) ; `top_ten` vaut rank_in_world <= \
             10, les plus gros budgets ; `rank_in_world_current` classe en dollars courants, comme \
             les fiches annuelles du SIPRI. `share_of_world_pct` = constant_usd_m / total mondial \
             du SIPRI à prix constants pour l'année (feuille « Regional totals ») x 100 : une part \
             du total mondial du SIPRI, qui inclut ses estimations pour les pays manquants.",
    },
    unit: Text {
        en: "US$ million (constant prices of price_base_year, or current prices); per capita: \
             current US$; changes, shares and ranks: per cent and rank",
        fr: "millions de dollars US (prix constants de price_base_year, ou prix courants) ; par \
             habitant : dollars US courants ; variations, parts et rangs : pour cent et rang",
    },
    caveats: Text {
        en: "The sum of the country rows is not the world total (2023, current prices: 2,387.6 \
             against 2,443.4 bn US$) and is never shown as one: use sipri.milex.regional for \
             world and regional totals. Shares of the world are null before 1988 and in 1991, \
             where SIPRI gives no world total. Historical entities (USSR, Czechoslovakia, German \
             Democratic Republic, Yugoslavia, Yemen, North) have a null iso3; the European Union \
             is listed by SIPRI but not ranked. The ranking by constant prices can differ from \
             SIPRI's fact sheets, which rank by current US$ (2023: Ukraine 7th and Germany 8th at \
             constant 2022 prices, the reverse at current prices). Figures SIPRI marks as \
             estimates are shown by cell colour only and are not flagged here. Per capita and \
             share of government spending are published from 1988. Source: SIPRI Military \
             Expenditure Database.",
        fr: "La somme des lignes par pays n'est pas le total mondial (2023, prix courants : \
             2 387,6 contre 2 443,4 milliards de dollars US) et n'est jamais présentée comme tel : \
             utiliser sipri.milex.regional pour les totaux mondial et régionaux. Les parts du \
             monde sont nulles avant 1988 et en 1991, faute de total mondial du SIPRI. Les entités \
             historiques (URSS, Tchécoslovaquie, RDA, Yougoslavie, Yémen du Nord) ont un iso3 nul ; \
             l'Union européenne est listée par le SIPRI mais n'est pas classée. Le classement à \
             prix constants peut différer des fiches du SIPRI, qui classent en dollars courants \
             (2023 : Ukraine 7e et Allemagne 8e aux prix constants de 2022, l'inverse aux prix \
             courants). Les chiffres que le SIPRI marque comme estimations ne le sont que par la \
             couleur des cellules et ne sont pas signalés ici. Les dépenses par habitant et la \
             part des dépenses publiques sont publiées depuis 1988. Source : SIPRI Military \
             Expenditure Database.",
    },
    sources: &[SourceId::SipriMilex, SourceId::Countries],
    sql: include_str!("../../sql/sipri.milex.sql"),
    order_by: "year, region, subregion NULLS FIRST, country",
    by_country: true,
    by_region: true,
};
