#!/usr/bin/env python3
"""Build Eirene's country reference table, crates/eirene-ingest/reference/country_reference.csv.

One row per ISO 3166-1 entry (249) plus Kosovo (XKX, a user-assigned code), crossing the codes
and names every source of the observatory uses: ISO alpha-2/alpha-3/numeric (ACLED, world-atlas,
UNHCR, World Bank), UN M49 regions, Gleditsch-Ward codes (UCDP), Correlates of War codes,
SIPRI names and regions, and the alternative names the publishers print.

This is a maintainer tool: the tests read the CSV it writes, never this script. Run it from the
repository root after the shared reference data or pycountry change:

    pip install pycountry
    python3 tools/countries/build.py            # or --data /path/to/shared/data

It fails loudly (non-zero exit) rather than write a table with an unmatched SIPRI name or an
alias that would point at two countries, so a rebuild cannot silently lose a mapping.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "crates" / "eirene-ingest" / "reference" / "country_reference.csv"

COLUMNS = [
    "iso3", "iso2", "iso_numeric", "name_en", "name_fr", "m49_region", "m49_subregion",
    "gw_code", "cow_code", "sipri_name", "sipri_region", "sipri_subregion", "ucdp_region",
    "aliases",
]

# Kosovo has no ISO 3166-1 entry. XK/XKX is the user-assigned code the European Commission,
# the World Bank, UNHCR and IMF use; GW and COW code it 347. No ISO numeric, no M49 region
# (the UN lists it under Serbia).
KOSOVO = {
    "iso3": "XKX", "iso2": "XK", "iso_numeric": "", "name_en": "Kosovo", "name_fr": "Kosovo",
    "m49_region": "", "m49_subregion": "",
}

# Gleditsch-Ward codes that countrycode's `gwn` column gets wrong or leaves empty.
# countrycode only carries GW's main list; GW's separate list of microstates (Gleditsch & Ward
# 1999) uses the COW code except for the four Pacific states whose COW codes collide with GW's.
GW_OVERRIDES = {
    "VNM": 816,  # countrycode gives 815, GW's pre-1893 Vietnam; the modern state is 816 (UCDP too)
    "YEM": 678,  # GW continues the Yemen Arab Republic's code for unified Yemen (UCDP too)
    "XKX": 347,
    # countrycode gives the Papal States (GW/COW 327, to 1860); the Holy See has no GW code.
    "VAT": None,
    # GW microstates, same code as COW:
    "AND": 232, "ATG": 58, "DMA": 54, "GRD": 55, "LIE": 223, "MHL": 983, "FSM": 987,
    "MCO": 221, "PLW": 986, "WSM": 990, "SMR": 331, "SYC": 591, "KNA": 60, "LCA": 56,
    "VCT": 57, "STP": 403, "VUT": 935,
    # GW microstates whose code differs from COW (Kiribati 946, Nauru 970, Tonga 955, Tuvalu 947):
    "KIR": 970, "NRU": 971, "TON": 972, "TUV": 973,
}
COW_OVERRIDES = {"XKX": 347, "VAT": None}  # the Holy See is not a COW state either

# UCDP regions by GW code (METHODS.md section 2; UCDP's own region names).
UCDP_REGIONS = [
    (2, 199, "Americas"),
    (200, 399, "Europe"),
    (400, 626, "Africa"),
    (630, 699, "Middle East"),
    (700, 999, "Asia"),
]

# SIPRI names that no other source spells the same way.
SIPRI_TO_ISO3 = {
    "Congo, DR": "COD",
    "Congo, Republic": "COG",
    "Cote d'Ivoire": "CIV",
    "Gambia, The": "GMB",
    "Korea, North": "PRK",
    "Korea, South": "KOR",
    "Kyrgyz Republic": "KGZ",
    "Timor Leste": "TLS",
    "Viet Nam": "VNM",
    "Türkiye": "TUR",
    "Kosovo": "XKX",
}
# SIPRI rows for entities with no ISO 3166-1 code; their figures stay in SIPRI's own tables.
SIPRI_HISTORICAL = {
    "Czechoslovakia", "German Democratic Republic", "USSR", "Yugoslavia", "Yemen, North",
    "European Union",
}

# Names UCDP prints in GED `country` and ACD `location`/`side_*` (checked against GED v23.1 and
# v24.1, ACD v24.1), OWID's short names (BWC/CWC status table) and common short forms no source
# above carries. Historical entities
# ("South Vietnam", "South Yemen", "Hyderabad") are left out: they have no ISO code.
EXTRA_ALIASES = {
    "BIH": ["Bosnia-Herzegovina"],
    "CIV": ["Ivory Coast"],
    "COD": ["DR Congo (Zaire)", "DR Congo", "Zaire", "Democratic Republic of Congo"],
    "CPV": ["Cape Verde"],
    "FSM": ["Micronesia"],
    "CZE": ["Czech Republic"],
    "KHM": ["Cambodia (Kampuchea)", "Kampuchea"],
    "MDG": ["Madagascar (Malagasy)"],
    "MKD": ["Macedonia, FYR", "Macedonia"],
    "MMR": ["Myanmar (Burma)", "Burma"],
    "PRK": ["North Korea"],
    "PSE": ["Palestine"],
    "KOR": ["South Korea"],
    "RUS": ["Russia (Soviet Union)"],
    "SRB": ["Serbia (Yugoslavia)"],
    "SWZ": ["Kingdom of eSwatini (Swaziland)", "Swaziland"],
    "TLS": ["East Timor"],
    "TUR": ["Turkey"],
    "VAT": ["Holy See", "Vatican", "Vatican City"],
    "VNM": ["Vietnam (North Vietnam)"],
    "YEM": ["Yemen (North Yemen)"],
    "ZWE": ["Zimbabwe (Rhodesia)", "Rhodesia"],
    "XKX": ["Republic of Kosovo"],
}

# Names a source attaches to an ISO3 that are another entity, not another name: countrycode's COW
# name for VAT is the Papal States (to 1860).
NOT_ALIASES = {"Papal States"}


# Latin letters NFKD does not decompose, folded as the Rust side folds them.
LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t",
                         "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(name: str) -> str:
    """The matching key: lower case, no diacritics, punctuation as single spaces.

    The Rust lookup (`CountryIndex::by_name`) folds the same way, so an alias that collides here
    would be ambiguous there too.
    """
    decomposed = unicodedata.normalize("NFKD", name.lower().translate(LETTERS))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", bare).strip()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def iso_rows(data: Path) -> list[dict[str, str]]:
    """ISO codes and M49 regions from the ISO/M49 table, names from pycountry (iso-codes)."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    rows = []
    for rec in read_csv(data / "reference" / "iso3166_countries_with_regional_codes.csv"):
        iso = pycountry.countries.get(alpha_3=rec["alpha-3"])
        if iso is None or iso.alpha_2 != rec["alpha-2"] or iso.numeric != rec["country-code"]:
            sys.exit(f"ISO table and pycountry disagree on {rec['alpha-3']}")
        rows.append({
            "iso3": iso.alpha_3,
            "iso2": iso.alpha_2,
            "iso_numeric": str(int(iso.numeric)),
            "name_en": iso.name,
            "name_fr": french.gettext(iso.name),
            "m49_region": rec["region"],
            "m49_subregion": rec["sub-region"],
        })
    if len(rows) != 249:
        sys.exit(f"expected 249 ISO 3166-1 entries, found {len(rows)}")
    return rows + [dict(KOSOVO)]


def codelist(data: Path) -> dict[str, dict[str, str]]:
    """countrycode's crosswalk, keyed by ISO3 (Kosovo added by hand: countrycode has no ISO3)."""
    rows = read_csv(data / "reference" / "countrycode_codelist_subset.csv")
    by_iso3 = {r["iso3c"]: r for r in rows if r["iso3c"]}
    by_iso3["XKX"] = next(r for r in rows if r["country.name.en"] == "Kosovo")
    return by_iso3


def code(overrides: dict[str, int | None], iso3: str, value: str) -> str:
    """The source's code unless overridden; an override of None means "no code"."""
    if iso3 not in overrides:
        return value
    override = overrides[iso3]
    return "" if override is None else str(override)


def ucdp_region(gw: str) -> str:
    if not gw:
        return ""
    n = int(gw)
    return next((name for lo, hi, name in UCDP_REGIONS if lo <= n <= hi), "")


def source_names(data: Path, cc: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Every name a source prints for an ISO3: countrycode, pycountry, World Bank, UNHCR, UCDP."""
    names: dict[str, list[str]] = {}

    def add(iso3: str, name: str) -> None:
        if name and name not in NOT_ALIASES:
            names.setdefault(iso3, []).append(name)

    for iso3, rec in cc.items():
        for col in ("country.name.en", "iso.name.en", "un.name.en", "cow.name"):
            add(iso3, rec[col])
    for iso in pycountry.countries:
        add(iso.alpha_3, getattr(iso, "common_name", ""))
        add(iso.alpha_3, getattr(iso, "official_name", ""))
    for rec in read_csv(data / "reference" / "iso3166_countries_with_regional_codes.csv"):
        add(rec["alpha-3"], rec["name"])
    for rec in read_csv(data / "reference" / "worldbank_population_1960_2024.csv"):
        add(rec["Country Code"], rec["Country Name"])
    for rec in read_csv(data / "unhcr" / "countries.csv"):
        add(rec["iso_code"], rec["name"])
    for iso3, extra in EXTRA_ALIASES.items():
        for name in extra:
            add(iso3, name)
    return names


def sipri_regions(data: Path) -> dict[str, tuple[str, str]]:
    """SIPRI country name -> (region, sub-region), in SIPRI's own spelling."""
    regions = {}
    for rec in read_csv(data / "sipri" / "sipri_milex_1949_2023_long.csv"):
        regions[rec["country"]] = (rec["region"], rec["subregion"])
    return regions


def match_sipri(sipri: dict[str, tuple[str, str]], rows, names) -> dict[str, str]:
    """ISO3 -> SIPRI name, by the explicit table first, then by any known name."""
    key_to_iso3 = {}
    for row in rows:
        for name in [row["name_en"], *names.get(row["iso3"], [])]:
            key_to_iso3.setdefault(fold(name), row["iso3"])
    matched, unmatched = {}, []
    for name in sipri:
        if name in SIPRI_HISTORICAL:
            continue
        iso3 = SIPRI_TO_ISO3.get(name) or key_to_iso3.get(fold(name))
        if iso3 is None:
            unmatched.append(name)
        elif iso3 in matched:
            sys.exit(f"SIPRI names {matched[iso3]!r} and {name!r} both match {iso3}")
        else:
            matched[iso3] = name
    if unmatched:
        sys.exit(f"SIPRI names without ISO3 (add to SIPRI_TO_ISO3 or SIPRI_HISTORICAL): {unmatched}")
    return matched


def aliases(row: dict[str, str], candidates: list[str]) -> list[str]:
    """Alternative names not already in name_en, name_fr or sipri_name, one per folded key."""
    seen = {fold(row[c]) for c in ("name_en", "name_fr", "sipri_name") if row[c]}
    out = []
    for name in candidates:
        name = name.strip().replace(";", ",")
        if fold(name) and fold(name) not in seen:
            seen.add(fold(name))
            out.append(name)
    return out


def check_unambiguous(rows: list[dict[str, str]]) -> None:
    """Fail when one folded name would point at two countries."""
    owner: dict[str, str] = {}
    for row in rows:
        names = [row["name_en"], row["name_fr"], row["sipri_name"], *row["aliases"].split(";")]
        for key in {fold(n) for n in names if n}:
            if owner.setdefault(key, row["iso3"]) != row["iso3"]:
                sys.exit(f"name {key!r} matches both {owner[key]} and {row['iso3']}")


def build(data: Path) -> list[dict[str, str]]:
    rows = iso_rows(data)
    cc = codelist(data)
    names = source_names(data, cc)
    sipri = sipri_regions(data)
    sipri_by_iso3 = match_sipri(sipri, rows, names)
    for row in rows:
        iso3 = row["iso3"]
        rec = cc[iso3]
        row["gw_code"] = code(GW_OVERRIDES, iso3, rec["gwn"])
        row["cow_code"] = code(COW_OVERRIDES, iso3, rec["cown"])
        row["sipri_name"] = sipri_by_iso3.get(iso3, "")
        row["sipri_region"], row["sipri_subregion"] = sipri.get(row["sipri_name"], ("", ""))
        row["ucdp_region"] = ucdp_region(row["gw_code"])
        row["aliases"] = ";".join(aliases(row, names.get(iso3, [])))
    check_unambiguous(rows)
    return sorted(rows, key=lambda r: r["iso3"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                        help="the shared data directory (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
