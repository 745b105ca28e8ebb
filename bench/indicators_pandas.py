#!/usr/bin/env python3
"""Baseline for bench/indicators.sh: compute one indicator with idiomatic pandas.

Usage: indicators_pandas.py QUERY PARQUET COUNTRIES_CSV OUT [--timing-file F]

QUERY is one of
  deaths     what `eirene indicators show ucdp.deaths` returns: events, best, low, high and
             civilian deaths by world / UCDP region / country × year × type of violence
             (the three types and `all`), with best_change_pct against year - 1
             (crates/eirene-indicators/sql/ucdp.deaths.sql)
  conflicts  active conflicts by year × region and World, GED basis
             (bench/sql/conflicts_active_ged.sql)
  yoy        year-on-year change of world deaths per type (bench/sql/deaths_world_yoy.sql)

It reads only the columns it needs from PARQUET (the GED table of the eirene store) with
``pd.read_parquet(columns=...)`` and COUNTRIES_CSV (iso3, gw_code, exported from eirene),
works with groupby/agg, merge and shift, and writes the result as CSV to OUT
(``/dev/null`` to discard it), sorted like the SQL version.

The in-process time (reading + computing + writing, i.e. without interpreter start-up and
``import pandas``) is printed to stderr and, with --timing-file, appended to F.
"""

import argparse
import sys
import time

import numpy as np
import pandas as pd

TYPES = {1: "state-based", 2: "non-state", 3: "one-sided"}


def deaths(parquet: str, countries_csv: str) -> pd.DataFrame:
    g = pd.read_parquet(
        parquet,
        columns=[
            "year", "region", "country_id", "country", "type_of_violence",
            "best", "low", "high", "deaths_civilians",
        ],
    )
    countries = pd.read_csv(countries_csv, dtype={"iso3": "string", "gw_code": "Int64"})
    # LEFT JOIN countries ON gw_code = country_id (a NULL gw_code never matches in SQL).
    countries = countries.dropna(subset=["gw_code"]).rename(columns={"gw_code": "country_id"})
    countries["country_id"] = countries["country_id"].astype(g["country_id"].dtype)
    ev = g.merge(countries, on="country_id", how="left").rename(
        columns={"country_id": "gw_code", "deaths_civilians": "civilian_deaths"}
    )
    ev["type"] = ev["type_of_violence"].map(TYPES)
    ev = ev.drop(columns="type_of_violence")
    typed = pd.concat([ev, ev.assign(type="all")], ignore_index=True)

    sums = ["best", "low", "high", "civilian_deaths"]

    def totals(keys: list[str], with_country: bool = False) -> pd.DataFrame:
        grouped = typed.groupby(keys, dropna=False, sort=False)
        out = grouped[sums].sum(min_count=1)
        out.insert(0, "events", grouped.size())
        if with_country:
            out["country"] = grouped["country"].max()
        return out.reset_index()

    world = totals(["year", "type"]).assign(level="world", region="World")
    region = totals(["region", "year", "type"]).assign(level="region")
    country = totals(["region", "iso3", "gw_code", "year", "type"], with_country=True)
    country = country.assign(level="country")

    cols = [
        "level", "region", "iso3", "gw_code", "country", "year", "type",
        "events", "best", "low", "high", "civilian_deaths",
    ]
    t = pd.concat([world, region, country], ignore_index=True).reindex(columns=cols)
    t["gw_code"] = t["gw_code"].astype("Int64")

    # best_change_pct: against the same level/region/country/type in year - 1.
    keys = ["level", "region", "gw_code", "type"]
    t = t.sort_values(keys + ["year"], na_position="last", kind="stable")
    prev = t.groupby(keys, dropna=False, sort=False)[["year", "best"]].shift()
    ok = (prev["year"] == t["year"] - 1) & prev["best"].notna() & (prev["best"] != 0)
    pct = (t["best"] - prev["best"]).astype("float64") * 100.0 / prev["best"]
    # SQL ROUND(x, 1) rounds half away from zero; Series.round rounds half to even.
    pct = np.sign(pct) * np.floor(pct.abs() * 10.0 + 0.5) / 10.0
    t["best_change_pct"] = pct.where(ok.fillna(False))

    return t.sort_values(["year", "level", "region", "iso3", "type"], na_position="last",
                         kind="stable")


def conflicts(parquet: str) -> pd.DataFrame:
    g = pd.read_parquet(parquet, columns=["year", "region", "conflict_new_id", "active_year"])
    g = g[g["active_year"].fillna(False).astype(bool)]
    by_region = g.groupby(["year", "region"])["conflict_new_id"].nunique().reset_index()
    world = g.groupby("year")["conflict_new_id"].nunique().reset_index().assign(region="World")
    out = pd.concat([world, by_region], ignore_index=True)
    out = out.rename(columns={"conflict_new_id": "active_conflicts"})
    return out[["year", "region", "active_conflicts"]].sort_values(["year", "region"])


def yoy(parquet: str) -> pd.DataFrame:
    g = pd.read_parquet(parquet, columns=["year", "type_of_violence", "best"])
    w = g.groupby(["type_of_violence", "year"])["best"].sum().reset_index()
    w["type"] = w["type_of_violence"].map(TYPES)
    w = w.sort_values(["type", "year"])
    prev = w.groupby("type")[["year", "best"]].shift()
    contiguous = prev["year"] == w["year"] - 1
    w["change"] = (w["best"] - prev["best"]).where(contiguous).astype("Int64")
    pct = (w["best"] - prev["best"]) * 100.0 / prev["best"]
    w["change_pct"] = pct.where(contiguous & (prev["best"] != 0))
    return w[["year", "type", "best", "change", "change_pct"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("query", choices=["deaths", "conflicts", "yoy"])
    parser.add_argument("parquet", help="ged_events.parquet of the eirene store")
    parser.add_argument("countries", help="CSV with iso3,gw_code")
    parser.add_argument("out", help="CSV to write (/dev/null to discard)")
    parser.add_argument("--timing-file", help="append the in-process seconds here")
    args = parser.parse_args()

    t0 = time.perf_counter()
    if args.query == "deaths":
        result = deaths(args.parquet, args.countries)
    elif args.query == "conflicts":
        result = conflicts(args.parquet)
    else:
        result = yoy(args.parquet)
    result.to_csv(args.out, index=False)
    elapsed = time.perf_counter() - t0

    print(
        f"pandas {pd.__version__} {args.query}: {len(result)} rows, in-process {elapsed:.3f} s",
        file=sys.stderr,
    )
    if args.timing_file:
        with open(args.timing_file, "a", encoding="utf-8") as f:
            f.write(f"{elapsed:.6f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
