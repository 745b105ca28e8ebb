//! The catalogue: for every [`SourceId`], who publishes it, where to download it, under which
//! licence and how to cite it.
//!
//! Pages, JSON `meta` blocks and the provenance ledger all read their attribution from here, so
//! a citation is written once and cannot drift between the places that show it.
//!
//! A [`Download`] records the URL *as the publisher names it*. Two kinds exist:
//!
//! * **pinned** URLs name one release (UCDP, SIPRI, the TopoJSON package); `version` is that
//!   release's label, the same label the local mirror ([`crate::mirror`]) uses;
//! * **latest** URLs always serve the publisher's newest data (UNHCR, World Bank); `version` is
//!   then [`LATEST`], and whoever downloads records the date of the download as the vintage,
//!   because the publisher gives no release number.

use crate::SourceId;

/// The `version` of a [`Download`] whose URL always serves the publisher's newest data.
pub const LATEST: &str = "latest";

/// One file a source is published as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Download {
    /// Which table of the source the file holds: `main` when the source is one file, otherwise a
    /// name such as `population`, `idmc` or `unrwa` (the same names the mirror uses).
    pub part: &'static str,
    /// Where the publisher serves the file.
    pub url: &'static str,
    /// A file name to save it under (the URL's own last segment is not always one, e.g. a query).
    pub file_name: &'static str,
    /// The publisher's release label, or [`LATEST`].
    pub version: &'static str,
}

/// A source of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The id users type.
    pub id: SourceId,
    /// The dataset's own title.
    pub title: &'static str,
    /// The organisation that publishes it.
    pub publisher: &'static str,
    /// The page describing the dataset, for people.
    pub homepage: &'static str,
    /// The files to fetch; empty for data built into Eirene.
    pub downloads: &'static [Download],
    /// What the download is, in words ("CSV in a zip archive").
    pub format: &'static str,
    /// The licence, as the publisher states it.
    pub licence: &'static str,
    /// The text to cite, as the publisher asks for it.
    pub citation: &'static str,
    /// What a user should know before relying on the data.
    pub notes: &'static str,
}

/// Every source, in the order of [`SourceId::ALL`].
pub static CATALOGUE: [&Source; 8] = [
    &COUNTRIES,
    &UCDP_GED,
    &UCDP_ACD,
    &SIPRI_MILEX,
    &UNHCR_POPULATION,
    &WB_POPULATION,
    &NATURAL_EARTH,
    &ACLED,
];

/// The catalogue entry of `id`.
///
/// A `match` rather than a lookup in [`CATALOGUE`], so a new [`SourceId`] variant does not
/// compile until it has an entry.
pub fn source(id: SourceId) -> &'static Source {
    match id {
        SourceId::UcdpGed => &UCDP_GED,
        SourceId::UcdpAcd => &UCDP_ACD,
        SourceId::SipriMilex => &SIPRI_MILEX,
        SourceId::UnhcrPopulation => &UNHCR_POPULATION,
        SourceId::WbPopulation => &WB_POPULATION,
        SourceId::Countries => &COUNTRIES,
        SourceId::NaturalEarth => &NATURAL_EARTH,
        SourceId::Acled => &ACLED,
    }
}

/// The annual "Organized violence" article that UCDP asks users of its 25.1 releases to cite
/// besides each dataset's own paper. A macro, not a `const`, so `concat!` can splice it into
/// both citations.
macro_rules! ucdp_annual_article {
    () => {
        "Davies, Shawn, Therése Pettersson, Margareta Sollenberg & Magnus Öberg (2025). \
         Organized violence 1989–2024, and the challenges of identifying civilian victims. \
         Journal of Peace Research 62(4)."
    };
}

/// UCDP Georeferenced Event Dataset, global version 25.1.
static UCDP_GED: Source = Source {
    id: SourceId::UcdpGed,
    title: "UCDP Georeferenced Event Dataset (GED) Global",
    publisher: "Uppsala Conflict Data Program (UCDP), Uppsala University",
    homepage: "https://ucdp.uu.se/downloads/",
    // Pinned: UCDP names every release's file after its version.
    downloads: &[Download {
        part: "main",
        url: "https://ucdp.uu.se/downloads/ged/ged251-csv.zip",
        file_name: "ged251-csv.zip",
        version: "25.1",
    }],
    format: "CSV in a zip archive (one row per event)",
    licence: "CC BY 4.0",
    citation: concat!(
        "Sundberg, Ralph & Erik Melander (2013). Introducing the UCDP Georeferenced Event Dataset. \
         Journal of Peace Research 50(4): 523–532. ",
        ucdp_annual_article!()
    ),
    notes: "Events with at least one death in state-based, non-state or one-sided violence, \
            1989 onwards. `best` is UCDP's best estimate of deaths; `low` and `high` bound it, \
            and a few upstream rows fall outside the bounds. Each release recodes the whole \
            history, so figures differ between versions.",
};

/// UCDP/PRIO Armed Conflict Dataset, version 25.1.
static UCDP_ACD: Source = Source {
    id: SourceId::UcdpAcd,
    title: "UCDP/PRIO Armed Conflict Dataset",
    publisher: "Uppsala Conflict Data Program (UCDP), Uppsala University, and the Peace Research \
                Institute Oslo (PRIO)",
    homepage: "https://ucdp.uu.se/downloads/",
    // Pinned, like GED.
    downloads: &[Download {
        part: "main",
        url: "https://ucdp.uu.se/downloads/ucdpprio/ucdp-prio-acd-251-csv.zip",
        file_name: "ucdp-prio-acd-251-csv.zip",
        version: "25.1",
    }],
    format: "CSV in a zip archive (one row per conflict and year)",
    licence: "CC BY 4.0",
    citation: concat!(
        "Gleditsch, Nils Petter, Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & \
         Håvard Strand (2002). Armed Conflict 1946–2001: A New Dataset. Journal of Peace \
         Research 39(5): 615–637. ",
        ucdp_annual_article!()
    ),
    notes: "State-based armed conflicts with at least 25 battle-related deaths in a year, 1946 \
            onwards. Multi-valued fields (`gwno_a`, `region`, ...) are comma-separated lists. \
            Copies re-saved by spreadsheets may write dates as DD-MM-YYYY instead of ISO.",
};

/// SIPRI Military Expenditure Database, the xlsx workbook.
static SIPRI_MILEX: Source = Source {
    id: SourceId::SipriMilex,
    title: "SIPRI Military Expenditure Database",
    publisher: "Stockholm International Peace Research Institute (SIPRI)",
    homepage: "https://www.sipri.org/databases/milex",
    // Pinned: SIPRI publishes each annual release under a new file name and keeps no stable
    // "latest" link; the homepage links the current workbook. This is the April 2025 release
    // (data 1949–2024). The April 2026 release is `SIPRI-Milex-data-1949-2025_v1.2.xlsx`.
    downloads: &[Download {
        part: "main",
        url: "https://www.sipri.org/sites/default/files/SIPRI-Milex-data-1949-2024.xlsx",
        file_name: "SIPRI-Milex-data-1949-2024.xlsx",
        version: "2025-04",
    }],
    format: "Excel workbook (xlsx), one sheet per measure, countries grouped under region rows",
    licence: "Free to use with attribution to SIPRI",
    citation: "Source: SIPRI Military Expenditure Database, Stockholm International Peace \
               Research Institute, https://www.sipri.org/databases/milex",
    notes: "Annual releases revise earlier years and rebase the constant-dollar series, so never \
            mix releases. `...` marks data unavailable and `xxx` a country that did not exist or \
            was not independent. Figures SIPRI marks as estimates or uncertain are shown by cell \
            colour only.",
};

/// UNHCR population statistics, read in the layout of the UNHCR `refugees` R package.
static UNHCR_POPULATION: Source = Source {
    id: SourceId::UnhcrPopulation,
    title: "UNHCR Refugee Population Statistics Database (Refugee Data Finder)",
    publisher: "Office of the United Nations High Commissioner for Refugees (UNHCR)",
    homepage: "https://www.unhcr.org/refugee-statistics/",
    // Latest: the API always serves the current data. These are the endpoints the `refugees`
    // R package builds its `population`, `idmc` and `unrwa` tables from (it pages through the
    // JSON form; `download=true` asks for the whole table as a zipped CSV). The package also
    // passes `yearTo` = the current year, which a link meant to stay valid cannot, so check the
    // last year in the file.
    downloads: &[
        Download {
            part: "population",
            url: "https://api.unhcr.org/population/v1/population/?yearFrom=1951&coo_all=true&coa_all=true&download=true",
            file_name: "unhcr-population.zip",
            version: LATEST,
        },
        Download {
            part: "idmc",
            url: "https://api.unhcr.org/population/v1/idmc/?yearFrom=1951&coo_all=true&coa_all=true&download=true",
            file_name: "unhcr-idmc.zip",
            version: LATEST,
        },
        Download {
            part: "unrwa",
            url: "https://api.unhcr.org/population/v1/unrwa/?yearFrom=1951&coo_all=true&coa_all=true&download=true",
            file_name: "unhcr-unrwa.zip",
            version: LATEST,
        },
    ],
    format: "CSV in a zip archive per table (population, idmc, unrwa)",
    licence: "CC BY 4.0",
    citation: "UNHCR Refugee Data Finder, https://www.unhcr.org/refugee-statistics/ (CC BY 4.0)",
    notes: "Eirene reads the tables in the layout of UNHCR's `refugees` R package (`year, \
            coo_name, coo, coo_iso, coa_name, coa, coa_iso, ...`; coo = origin, coa = asylum), \
            which the package builds from the same API endpoints. IDP figures in `idmc` come \
            from the Internal Displacement Monitoring Centre, and `unrwa` counts Palestine \
            refugees under UNRWA's mandate: credit them as UNHCR does. The latest year is \
            mid-year and provisional.",
};

/// World Bank population, total (SP.POP.TOTL).
static WB_POPULATION: Source = Source {
    id: SourceId::WbPopulation,
    title: "Population, total (SP.POP.TOTL), World Development Indicators",
    publisher: "The World Bank",
    homepage: "https://data.worldbank.org/indicator/SP.POP.TOTL",
    // Latest: the API link always serves the current World Development Indicators data.
    downloads: &[Download {
        part: "main",
        url: "https://api.worldbank.org/v2/en/indicator/SP.POP.TOTL?downloadformat=csv",
        file_name: "API_SP.POP.TOTL_DS2_en_csv_v2.zip",
        version: LATEST,
    }],
    format: "CSV in a zip archive (one column per year, after four preamble lines), with \
             country and indicator metadata CSVs beside it",
    licence: "CC BY 4.0",
    citation: "World Bank, World Development Indicators: Population, total (SP.POP.TOTL), \
               https://data.worldbank.org/indicator/SP.POP.TOTL (CC BY 4.0)",
    notes: "Mid-year estimates of all residents regardless of legal status or citizenship. \
            Codes are ISO 3166-1 alpha-3, plus World Bank aggregates (WLD, regions, income \
            groups) that are not countries. The World Bank has no release numbers, so a vintage \
            is named after its last year of data.",
};

/// ACLED events, read from the user's own export only.
static ACLED: Source = Source {
    id: SourceId::Acled,
    title: "Armed Conflict Location & Event Data (ACLED), a user's own export",
    publisher: "Armed Conflict Location & Event Data (ACLED)",
    homepage: "https://acleddata.com",
    // None: ACLED's Terms of Use do not allow redistribution, so Eirene neither downloads nor
    // mirrors ACLED rows. Users export their own data and ingest it with `eirene ingest acled`.
    downloads: &[],
    format: "CSV export from the ACLED Data Export Tool or API",
    licence: "ACLED Terms of Use: a user's own export; Eirene never redistributes ACLED rows",
    citation: "Armed Conflict Location & Event Data (ACLED), www.acleddata.com",
    notes: "User's own export: nothing to sync. Import it with `eirene ingest acled FILE... \
            --version V` (one or more CSV files, gzip allowed; name the version after the export \
            date). The 31 export columns are read by name (`event_id_cnty` ... `timestamp`, plus \
            the optional `population_*` columns); `iso` is ISO 3166 numeric, `inter1`/`inter2` \
            and `interaction` are kept as text because export vintages write codes or labels. \
            Figures computed from the store must not republish ACLED rows, and an index built \
            from them must never be called the ACLED Conflict Index. The project's ACLED-format \
            fixture (from the acledR package) is edited dummy data, not statistics.",
};

/// The country reference, compiled into Eirene.
static COUNTRIES: Source = Source {
    id: SourceId::Countries,
    title: "Eirene country reference",
    publisher: "Eirene, compiled from the standards and lists cited",
    homepage: "https://www.iso.org/iso-3166-country-codes.html",
    downloads: &[],
    format: "Built into Eirene; nothing to download",
    licence: "The codes are public standards; the compiled table ships under Eirene's licence \
              (Apache-2.0)",
    citation: "ISO 3166-1, Codes for the representation of names of countries and their \
               subdivisions. United Nations Statistics Division, Standard country or area codes \
               for statistical use (M49). Gleditsch, Kristian S. & Michael D. Ward (1999). A \
               revised list of independent states since the Congress of Vienna. International \
               Interactions 25(4): 393–413. SIPRI regional groupings (SIPRI Military Expenditure \
               Database). UCDP regions (UCDP codebooks).",
    notes: "Matches every other source's country codes and names: ISO 3166-1 alpha-2, alpha-3 \
            and numeric, UN M49 regions, Gleditsch–Ward state numbers (used by UCDP), and the \
            SIPRI and UCDP regions.",
};

/// Natural Earth country boundaries as TopoJSON, from the `world-atlas` npm package.
static NATURAL_EARTH: Source = Source {
    id: SourceId::NaturalEarth,
    title: "Natural Earth Admin 0 countries, 1:110m, as TopoJSON (world-atlas)",
    publisher: "Natural Earth (NACIS); TopoJSON packaging by the world-atlas project",
    homepage: "https://www.naturalearthdata.com/",
    // Pinned to world-atlas 2.0.2 on the npm CDN (`world-atlas@2` resolves to the same file).
    // The package does not state its Natural Earth version; 4.1.0 was current when it was built.
    downloads: &[Download {
        part: "main",
        url: "https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-110m.json",
        file_name: "countries-110m.json",
        version: "4.1.0",
    }],
    format: "TopoJSON (quantized arcs; objects `countries` and `land`)",
    licence: "Public domain (Natural Earth); the world-atlas build code is ISC",
    citation: "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
    notes: "TopoJSON, not GeoJSON: arcs must be decoded. Feature ids are ISO 3166-1 numeric \
            codes as strings. Boundaries are drawn as Natural Earth shows them, which is not an \
            endorsement by Eirene.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_follows_source_id_all_and_source() {
        let ids: Vec<_> = CATALOGUE.iter().map(|entry| entry.id).collect();
        assert_eq!(ids, SourceId::ALL);
        for id in SourceId::ALL {
            assert_eq!(source(id).id, id);
        }
    }

    #[test]
    fn every_source_has_a_licence_citation_and_description() {
        for entry in CATALOGUE {
            let fields = [
                entry.title,
                entry.publisher,
                entry.homepage,
                entry.format,
                entry.licence,
                entry.citation,
                entry.notes,
            ];
            assert!(
                fields.iter().all(|field| !field.trim().is_empty()),
                "{}",
                entry.id
            );
        }
    }

    #[test]
    fn downloads_are_https_with_distinct_parts_and_file_names() {
        for entry in CATALOGUE {
            for download in entry.downloads {
                assert!(download.url.starts_with("https://"), "{}", download.url);
                assert!(!download.file_name.is_empty() && !download.file_name.contains('/'));
                assert!(!download.version.is_empty());
            }
            let parts: std::collections::BTreeSet<_> = entry
                .downloads
                .iter()
                .map(|download| download.part)
                .collect();
            let names: std::collections::BTreeSet<_> = entry
                .downloads
                .iter()
                .map(|download| download.file_name)
                .collect();
            assert_eq!(parts.len(), entry.downloads.len(), "{}", entry.id);
            assert_eq!(names.len(), entry.downloads.len(), "{}", entry.id);
        }
    }

    #[test]
    fn only_the_built_in_country_reference_and_user_exports_have_no_download() {
        let without: Vec<_> = CATALOGUE
            .iter()
            .filter(|entry| entry.downloads.is_empty())
            .map(|entry| entry.id)
            .collect();
        assert_eq!(without, [SourceId::Countries, SourceId::Acled]);
        let exports: Vec<_> = SourceId::ALL
            .into_iter()
            .filter(|id| id.is_user_export())
            .collect();
        assert_eq!(exports, [SourceId::Acled]);
    }
}
