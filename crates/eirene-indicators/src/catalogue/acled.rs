//! Indicators on ACLED-format events: computed only from a user's own ACLED export, which Eirene
//! never ships or publishes.

use eirene_sources::SourceId;

use crate::{Indicator, Text};

/// The ACLED indicators.
pub static INDICATORS: &[&Indicator] = &[&EVENT_TYPES];

/// Events and fatalities by event type and sub-event type, with political-violence shares.
pub static EVENT_TYPES: Indicator = Indicator {
    id: "acled.event_types",
    name: Text {
        en: "Event-type shares on an ACLED-format export",
        fr: "Parts des types d'événements dans un export au format ACLED",
    },
    definition: Text {
        en: "Events and reported fatalities in the user's own ACLED export, by event type and \
             sub-event type, for the world, each ACLED region and each country (ISO 3166 alpha-3 \
             from ACLED's numeric `iso` code), per year. `breakdown` says what a row counts: \
             `all` (every event of the place and year), `event_type` (one of the 6 event types) \
             or `sub_event_type` (one of the 25 sub-event types, with its event type). Each row \
             gives the events, the fatalities, the political-violence events (`disorder_type` \
             containing \"Political violence\"), the civilian-targeting events and their \
             fatalities (`civilian_targeting` = \"Civilian targeting\"), the row's share of all \
             events of the place and year, and the share of its political-violence events among \
             all political-violence events of the place and year, in per cent. The headline \
             \"share of Explosions/Remote violence among political-violence events\" is the \
             `event_type` row of Explosions/Remote violence, and also the column \
             `explosions_share_of_political_violence_pct` of every `all` row, so one row per \
             year and place answers it.",
        fr: "Événements et décès signalés dans l'export ACLED de l'utilisateur, par type et \
             sous-type d'événement, pour le monde, chaque région de l'ACLED et chaque pays \
             (ISO 3166 alpha-3 déduit du code numérique `iso` de l'ACLED), par année. \
             `breakdown` indique ce que compte une ligne : `all` (tous les événements du lieu et \
             de l'année), `event_type` (un des 6 types d'événements) ou `sub_event_type` (un des \
             25 sous-types, avec son type). Chaque ligne donne les événements, les décès, les \
             événements de violence politique (`disorder_type` contenant « Political \
             violence »), les événements ciblant des civils et leurs décès (`civilian_targeting` \
             = « Civilian targeting »), la part de la ligne dans tous les événements du lieu et \
             de l'année, et la part de ses événements de violence politique dans tous ceux du \
             lieu et de l'année, en pour cent. Le chiffre clé, « part des explosions et \
             violences à distance (Explosions/Remote violence) dans les événements de violence \
             politique », est la ligne `event_type` Explosions/Remote violence, et aussi la \
             colonne `explosions_share_of_political_violence_pct` de chaque ligne `all` : une \
             ligne par année et par lieu y répond.",
    },
    unit: Text {
        en: "events and fatalities (count); shares in per cent",
        fr: "événements et décès (nombre) ; parts en pour cent",
    },
    caveats: Text {
        en: "Computed only on the user's own ACLED export: Eirene never downloads, ships or \
             publishes ACLED rows, and ACLED data may not be redistributed (ACLED Terms of Use), \
             so share figures, not rows, and cite ACLED. World and region rows cover only what \
             the export holds, not the world. The project's ACLED-format test fixture (from the \
             acledR package) is edited dummy data, not statistics: never report figures computed \
             from it. These are event-type shares, not a conflict index: never call this output, \
             or any index built from it, the ACLED Conflict Index. ACLED recodes events between \
             exports, so figures differ between export dates; political violence follows the \
             export's `disorder_type`, and older exports without `civilian_targeting` values \
             count no civilian-targeting events. Shares are rounded to one decimal; the \
             political-violence share is null for a place and year without political violence.",
        fr: "Calculé uniquement sur l'export ACLED de l'utilisateur : Eirene ne télécharge, ne \
             distribue ni ne publie jamais de lignes ACLED, et les données de l'ACLED ne peuvent \
             pas être redistribuées (conditions d'utilisation de l'ACLED) ; diffuser des \
             chiffres, pas des lignes, et citer l'ACLED. Les lignes monde et région ne couvrent \
             que ce que contient l'export, pas le monde. Le jeu de test au format ACLED du projet \
             (issu du paquet acledR) est fait de données factices retouchées, pas de \
             statistiques : ne jamais publier de chiffres calculés à partir de lui. Ce sont des \
             parts de types d'événements, pas un indice de conflit : ne jamais appeler ce \
             résultat, ni un indice construit à partir de lui, « ACLED Conflict Index ». L'ACLED \
             recode les événements d'un export à l'autre, si bien que les chiffres varient avec \
             la date de l'export ; la violence politique suit le `disorder_type` de l'export, et \
             un export ancien sans valeurs `civilian_targeting` ne compte aucun événement ciblant \
             des civils. Les parts sont arrondies à une décimale ; la part de violence politique \
             est nulle (vide) pour un lieu et une année sans violence politique.",
    },
    sources: &[SourceId::Acled, SourceId::Countries],
    sql: include_str!("../../sql/acled.event_types.sql"),
    order_by: "year, level, region, iso3, country, breakdown, event_type, sub_event_type",
    by_country: true,
    by_region: true,
};
