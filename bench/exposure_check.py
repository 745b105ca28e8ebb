#!/usr/bin/env python3
"""Correctness check for bench/exposure.sh: do eirene and the geopandas baseline agree?

Usage: exposure_check.py EIRENE.json BASELINE.json

Both files are in the shape of ``eirene exposure --format json``. Checks:

* world population: relative difference <= 1e-6. Both tools read the same cells and count
  nodata, negative and non-finite values as 0 people, so this should agree to rounding.
* world exposed: relative difference <= 1 %. eirene tests cell centres against exact
  great-circle circles; the baseline rasterises 64-gon geodesic buffers inscribed in them
  (0.16 % less area), so a few cells on buffer edges differ.
* the 10 countries with the most exposed people (by eirene): exposed within 2 % each.

Also prints, for information, the number of events each tool used, unassigned people and the
largest per-country population difference (countries are rasterised by both tools with the
cell-centre, even-odd rule, so these should agree too). Exits 1 on a mismatch.
"""

import json
import sys

WORLD_POPULATION_RTOL = 1e-6
WORLD_EXPOSED_RTOL = 0.01
COUNTRY_EXPOSED_RTOL = 0.02
TOP = 10


def rel(a: float, b: float) -> float:
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        eirene = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        base = json.load(f)

    failures = []
    rows = []

    def check(what, a, b, rtol):
        r = rel(a, b)
        ok = r <= rtol
        rows.append((what, a, b, r, rtol, ok))
        if not ok:
            failures.append(what)

    if eirene.get("events") != base.get("events"):
        failures.append("events")
        print(f"events differ: eirene {eirene.get('events')}, baseline {base.get('events')}")
    check("world population", eirene["world"]["population"], base["world"]["population"],
          WORLD_POPULATION_RTOL)
    check("world exposed", eirene["world"]["exposed"], base["world"]["exposed"],
          WORLD_EXPOSED_RTOL)
    by_iso = {}
    for c in base["countries"]:
        by_iso[(c["iso3"], c["name"])] = c
    top = sorted(eirene["countries"], key=lambda c: -c["exposed"])[:TOP]
    for c in top:
        other = by_iso.get((c["iso3"], c["name"]))
        if other is None:
            failures.append(f"{c['iso3']} missing")
            continue
        check(f"{c['iso3'] or c['name']} exposed", c["exposed"], other["exposed"],
              COUNTRY_EXPOSED_RTOL)

    print(f"{'quantity':<22} {'eirene':>18} {'baseline':>18} {'rel. diff':>10} {'limit':>7}  ")
    for what, a, b, r, rtol, ok in rows:
        print(f"{what:<22} {a:>18,.0f} {b:>18,.0f} {r:>10.2e} {rtol:>7.0e}  "
              f"{'ok' if ok else 'MISMATCH'}")

    # Information only.
    worst = max(
        ((rel(c["population"], by_iso[(c["iso3"], c["name"])]["population"]), c["iso3"] or c["name"])
         for c in eirene["countries"] if (c["iso3"], c["name"]) in by_iso),
        default=(0.0, "-"),
    )
    print(f"events: eirene {eirene.get('events')}, baseline {base.get('events')}; "
          f"world share exposed: eirene {eirene['world']['share']:.4%}, "
          f"baseline {base['world']['share']:.4%}")
    print(f"unassigned population: eirene {eirene['unassigned']['population']:,.0f}, "
          f"baseline {base['unassigned']['population']:,.0f}; "
          f"largest per-country population difference: {worst[0]:.2e} ({worst[1]})")
    if failures:
        print("MISMATCH: " + ", ".join(failures), file=sys.stderr)
        return 1
    print("ok: eirene and the baseline agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
