#!/usr/bin/env python3
"""Synthetic inputs for bench/exposure.sh: a global 30″ population GeoTIFF and ACLED events.

Usage:
    exposure_data.py OUTDIR [--events 200000] [--seed 1] [--hotspots 2000]
                     [--total 8.0e9] [--countries TOPOJSON] [--resolution-arcsec 30]
                     [--block-rows 512]

Writes, deterministically from --seed (and --block-rows, which sets how the random numbers
are drawn), two SYNTHETIC files that exist only for timing and must never be mixed with real
data:

OUTDIR/population_30s.tif
    A global population grid laid out as WorldPop and GHSL publish theirs: 43,200 × 21,600
    cells of 30 arc-seconds (1/120°), one Float32 band, nodata -99999, EPSG:4326,
    geotransform (-180, 1/120, 0, 90, 0, -1/120), tiled 512 × 512, DEFLATE (3.7 GB
    uncompressed). Land is the Natural Earth 110m countries (the world-atlas TopoJSON,
    rasterised with rasterio.features.rasterize, cell-centre rule: a cell is land when its
    centre is in a country); the sea is nodata. People per land cell:
        exp(F) × lognormal cell noise (σ = 0.6)
    where F is a smooth random field, the sum of five octaves of bilinearly interpolated
    Gaussian noise with node spacings 8°, 2°, 0.5°, 0.1° and 0.025°, minus 0.1 per degree of
    latitude beyond 45° N or S. The large octaves make populated regions and empty ones
    (where the 8°+2°+0.5° part is below -1.5 the land holds 0 people: deserts, ice), the
    small ones make dense "cities". Antarctica is land with 0 people. Everything is scaled so that the world total is --total (8.0e9) people.
    The grid is generated and written 512 rows at a time, twice: a first pass only adds up
    the unscaled values (to get the scale), the second regenerates the same values, scales
    and writes them (GDAL compresses tiles on all cores). Memory stays around 1–2 GB.

OUTDIR/events.csv
    --events ACLED-format events (the 31 columns of an ACLED export), all "Political
    violence" (Battles, Explosions/Remote violence, Violence against civilians and their
    sub-event types), dated 2023-12-01..2024-11-30 (the 12 months ending 2024-11-30). They
    are where people live, clustered: about --hotspots centres are drawn among land cells with
    probability proportional to their population (during the second pass), each gets a
    heavy-tailed share of the events and a spread of 10–30 km; events are scattered round
    their centre with a Gaussian of that spread and kept only when they fall on land (in a
    country polygon; redrawn otherwise). iso (ISO 3166 numeric), country and event_id_cnty
    (ISO3 + a number, unique) are those of the polygon the event falls in; latitude and
    longitude have 4 decimals; fatalities are heavy-tailed (most events 0-2, a few hundreds).

OUTDIR/exposure_data.json
    What was generated: parameters, world total, land cells, hotspots, timings.

--resolution-arcsec 300 makes a 4,320 × 2,160 grid (population_300s.tif) for quick checks.
Files are written under a temporary name and renamed when complete.
"""

import argparse
import csv
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.dont_write_bytecode = True  # no bench/__pycache__ in the working tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
from exposure_geopandas import EARTH_RADIUS_KM, read_countries  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COUNTRIES = ROOT.parent / "shared/data/geo/naturalearth_topojson/countries-110m.json"
ACLED_COUNTRIES = ROOT.parent / "shared/data/acled_sample/acledR_acled_countries.csv"

NODATA = -99999.0
# Octaves of the log-density field: node spacing in degrees, amplitude.
OCTAVES = [(8.0, 1.1), (2.0, 0.8), (0.5, 0.6), (0.1, 0.8), (0.025, 0.4)]
EMPTY_BELOW = -1.5   # where the three large octaves sum below this, nobody lives
POLAR_FROM, POLAR_SLOPE = 45.0, 0.1   # F falls by 0.1 per degree of latitude beyond 45°
CELL_SIGMA = 0.6     # lognormal noise per cell

EVENT_TYPES = [
    # event_type, sub_event_type, weight, (inter2 choices)
    ("Battles", "Armed clash", 0.30, (1, 2, 3, 4)),
    ("Battles", "Government regains territory", 0.01, (2, 3)),
    ("Battles", "Non-state actor overtakes territory", 0.01, (1, 2, 3)),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.17, (0, 1, 2, 7)),
    ("Explosions/Remote violence", "Air/drone strike", 0.12, (0, 1, 2, 7)),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.05, (0, 1, 7)),
    ("Explosions/Remote violence", "Grenade", 0.01, (0, 1, 7)),
    ("Explosions/Remote violence", "Suicide bomb", 0.005, (1, 7)),
    ("Explosions/Remote violence", "Chemical weapon", 0.001, (2, 7)),
    ("Violence against civilians", "Attack", 0.25, (7,)),
    ("Violence against civilians", "Abduction/forced disappearance", 0.06, (7,)),
    ("Violence against civilians", "Sexual violence", 0.014, (7,)),
]

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]


# ------------------------------------------------------------------ the population field
class Field:
    """exp(F) on land, 0 where empty, per block of rows; deterministic per (seed, block)."""

    def __init__(self, seed: int, width: int, height: int, cell: float, countries, transform):
        self.seed, self.width, self.height, self.cell = seed, width, height, cell
        self.countries = countries  # [(shape, value)], reversed for first-wins
        self.transform = transform
        self.octaves = []
        for k, (spacing, amp) in enumerate(OCTAVES):
            f = spacing / cell  # fine cells per node
            # Fine cell c has its centre at node coordinate (c + 0.5) / f - 0.5.
            x = (np.arange(width) + 0.5) / f - 0.5
            x0 = np.floor(x).astype(np.int64)
            self.octaves.append({
                "k": k, "f": f, "amp": amp,
                "nodes": int(math.ceil(width / f)) + 2,
                "i0": x0 + 1, "wx": (x - x0).astype(np.float32),  # +1: node -1 exists
            })
        self._rows = {}

    def _node_row(self, octave, j: int) -> np.ndarray:
        key = (octave["k"], j)
        row = self._rows.get(key)
        if row is None:
            rng = np.random.default_rng([self.seed, 1000 + octave["k"], j + 10])
            row = rng.standard_normal(octave["nodes"] + 1, dtype=np.float32)
            self._rows[key] = row
        return row

    def _octave(self, octave, r0: int, r1: int) -> np.ndarray:
        f = octave["f"]
        y = (np.arange(r0, r1) + 0.5) / f - 0.5
        y0 = np.floor(y).astype(np.int64)
        wy = (y - y0).astype(np.float32)[:, None]
        js = np.arange(y0.min(), y0.max() + 2)
        nodes = np.stack([self._node_row(octave, int(j)) for j in js])
        a = nodes[y0 - js[0]]
        b = nodes[y0 - js[0] + 1]
        rows = a + (b - a) * wy                       # (rows, nodes)
        left = rows[:, octave["i0"]]
        right = rows[:, octave["i0"] + 1]
        return left + (right - left) * octave["wx"]   # (rows, width)

    def forget_rows_above(self, r0: int):
        """Drop cached node rows no block from r0 on can need."""
        for key in list(self._rows):
            k, j = key
            if (j + 2) * self.octaves[k]["f"] < r0:
                del self._rows[key]

    def block(self, index: int, r0: int, r1: int):
        """(values float32 with NODATA at sea, country index uint8) for rows r0..r1."""
        import rasterio.features
        from rasterio.transform import Affine

        t = self.transform * Affine.translation(0, r0)
        country = rasterio.features.rasterize(
            self.countries, out_shape=(r1 - r0, self.width), transform=t, fill=0,
            all_touched=False, dtype="uint8",
        )
        land = country > 0
        values = np.full((r1 - r0, self.width), NODATA, dtype=np.float32)
        if not land.any():
            return values, country
        large = np.zeros((r1 - r0, self.width), dtype=np.float32)
        for octave in self.octaves[:3]:
            large += octave["amp"] * self._octave(octave, r0, r1)
        field = large.copy()
        lat = 90.0 - (np.arange(r0, r1) + 0.5) * self.cell
        field -= (POLAR_SLOPE * np.maximum(np.abs(lat) - POLAR_FROM, 0.0)).astype(np.float32)[:, None]
        for octave in self.octaves[3:]:
            field += octave["amp"] * self._octave(octave, r0, r1)
        rng = np.random.default_rng([self.seed, 2, index])
        field += CELL_SIGMA * rng.standard_normal(field.shape, dtype=np.float32)
        people = np.exp(field)
        people[large < EMPTY_BELOW] = 0.0
        people[country == self.antarctica] = 0.0
        values[land] = people[land]
        return values, country


def raster_profile(width, height, cell):
    from rasterio.transform import from_origin

    return {
        "driver": "GTiff", "width": width, "height": height, "count": 1,
        "dtype": "float32", "nodata": NODATA, "crs": "EPSG:4326",
        "transform": from_origin(-180.0, 90.0, cell, cell),
        "tiled": True, "blockxsize": 512, "blockysize": 512, "compress": "deflate",
        "BIGTIFF": "IF_SAFER", "NUM_THREADS": "ALL_CPUS",
    }


def sample_cells(rng, values: np.ndarray, count: int):
    """count cells (flat indices) drawn with probability proportional to values."""
    if count == 0:
        return np.empty(0, dtype=np.int64)
    w = np.where(values > 0, values, 0).astype(np.float64).ravel()
    cum = np.cumsum(w)
    return np.searchsorted(cum, rng.uniform(0, cum[-1], count), side="right")


# ------------------------------------------------------------------ events
def acled_regions():
    regions = {}
    try:
        with open(ACLED_COUNTRIES, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                regions[row["country"].strip().lower()] = row["region"].strip()
    except OSError:
        pass
    return regions


def region_guess(lon: float, lat: float) -> str:
    """A plausible ACLED region for a country ACLED's list does not name the same way."""
    if lon < -30:
        return "North America" if lat > 25 else ("Central America" if lat > 7 else "South America")
    if lon > 110 and lat < 0:
        return "Oceania"
    if lat > 35 and lon < 45:
        return "Europe"
    if lon < 52 and lat < 35:
        return "Middle East" if lon > 34 and lat > 12 else "Eastern Africa"
    if lon < 75:
        return "Caucasus and Central Asia"
    if lon < 92:
        return "South Asia"
    return "East Asia" if lat > 22 else "Southeast Asia"


def country_polygons(shapes):
    """Valid shapely geometries of the (fixed) country shapes, clipped to the globe."""
    import shapely
    from shapely.geometry import shape as to_shape

    geoms = [shapely.make_valid(to_shape(s)) for s in shapes]
    return shapely.clip_by_rect(np.array(geoms, dtype=object), -180.0, -90.0, 180.0, 90.0)


def make_events(rng, hotspots, n_events, countries, info):
    """n_events ACLED rows round the hotspots (lon, lat arrays), only on land."""
    import shapely

    names, iso3s, isonums = countries["names"], countries["iso3s"], countries["isonums"]
    polys = countries["polygons"]
    tree = shapely.STRtree(polys)

    def locate(lon, lat):
        hit = np.full(lon.size, -1, dtype=np.int64)
        pts, geo = tree.query(shapely.points(lon, lat), predicate="intersects")
        # The first country in the file wins where polygons overlap.
        order = np.lexsort((geo, pts))
        pts, geo = pts[order], geo[order]
        first = np.ones(pts.size, dtype=bool)
        first[1:] = pts[1:] != pts[:-1]
        hit[pts[first]] = geo[first]
        return hit

    hlon, hlat = hotspots
    nh = hlon.size
    weight = rng.lognormal(0.0, 1.2, nh)
    per = rng.multinomial(n_events, weight / weight.sum())
    spread = rng.uniform(10.0, 30.0, nh)
    owner = np.repeat(np.arange(nh), per)
    lon = np.empty(n_events)
    lat = np.empty(n_events)
    where = np.full(n_events, -1, dtype=np.int64)
    todo = np.arange(n_events)
    km_per_degree = EARTH_RADIUS_KM * math.pi / 180.0
    for attempt in range(30):
        if todo.size == 0:
            break
        h = owner[todo]
        dy = rng.standard_normal(todo.size) * spread[h]
        dx = rng.standard_normal(todo.size) * spread[h]
        la = np.clip(hlat[h] + dy / km_per_degree, -89.9, 89.9)
        lo = hlon[h] + dx / (km_per_degree * np.cos(np.radians(la)))
        lo = (lo + 180.0) % 360.0 - 180.0
        la, lo = np.round(la, 4), np.round(lo, 4)
        lo[lo >= 180.0] -= 360.0
        found = locate(lo, la)
        ok = found >= 0
        lon[todo[ok]], lat[todo[ok]], where[todo[ok]] = lo[ok], la[ok], found[ok]
        todo = todo[~ok]
    if todo.size:  # stubborn islets: the hotspot itself (a land cell's centre)
        h = owner[todo]
        lon[todo], lat[todo] = np.round(hlon[h], 4), np.round(hlat[h], 4)
        where[todo] = locate(lon[todo], lat[todo])
    info["events_redrawn_to_hotspot"] = int(todo.size)
    if (where < 0).any():
        raise SystemExit(f"{int((where < 0).sum())} events could not be put on land")

    # Attributes.
    start = np.datetime64("2023-12-01")
    days = (np.datetime64("2024-11-30") - start).astype(int) + 1
    dates = start + rng.integers(0, days, n_events).astype("timedelta64[D]")
    order = np.lexsort((owner, dates))  # in date order, like an export
    kinds = rng.choice(len(EVENT_TYPES), n_events,
                       p=np.array([t[2] for t in EVENT_TYPES]) / sum(t[2] for t in EVENT_TYPES))
    fatal = np.floor(rng.pareto(1.3, n_events) * 1.5).astype(np.int64)
    fatal = np.where(rng.random(n_events) < 0.45, 0, np.minimum(fatal, 2000))
    time_precision = rng.choice([1, 2, 3], n_events, p=[0.85, 0.12, 0.03])
    geo_precision = rng.choice([1, 2, 3], n_events, p=[0.7, 0.25, 0.05])
    inter1_pick = rng.choice([1, 2, 3, 4, 8], n_events, p=[0.4, 0.2, 0.25, 0.1, 0.05])
    u = rng.random(n_events)
    stamp0 = int(np.datetime64("2024-12-10T00:00:00", "s").astype(np.int64))

    regions = acled_regions()
    region_of = {}
    for i, name in enumerate(names):
        region_of[i] = regions.get(name.lower())
    label = {1: "Military Forces of {c}", 2: "Rebel Group {k} ({c})", 3: "Militia {k} ({c})",
             4: "Communal Militia {k} ({c})", 7: "Civilians ({c})", 8: "Unidentified Armed Group ({c})"}

    counters = {}
    rows = []
    for i in order:
        c = int(where[i])
        name, iso3 = names[c], iso3s[c] or "XXX"
        if region_of[c] is None:
            region_of[c] = region_guess(lon[i], lat[i])
        n = counters.get(iso3, 0) + 1
        counters[iso3] = n
        et, st, _, inter2_choices = EVENT_TYPES[kinds[i]]
        inter1 = int(inter1_pick[i])
        inter2 = int(inter2_choices[int(u[i] * len(inter2_choices))])
        if et == "Violence against civilians" and inter1 == 1 and u[i] < 0.5:
            inter1 = 3
        interaction = f"{inter1}0" if inter2 == 0 else f"{min(inter1, inter2)}{max(inter1, inter2)}"
        h = int(owner[i])
        k = h % 7 + 1
        date = str(dates[i])
        rows.append([
            f"{iso3}{n}", date, date[:4], int(time_precision[i]), "Political violence", et, st,
            label[inter1].format(c=name, k=k), "", inter1,
            label[inter2].format(c=name, k=k + 1) if inter2 else "", "", inter2, interaction,
            "Civilian targeting" if inter2 == 7 else "", isonums[c] if isonums[c] is not None else 0,
            region_of[c], name, f"Province {h % 40 + 1}", f"District {h % 300 + 1}", "",
            f"Locality {h}-{int(u[i] * 20)}", f"{lat[i]:.4f}", f"{lon[i]:.4f}",
            int(geo_precision[i]), "Synthetic", "National" if u[i] < 0.6 else "Subnational",
            f"Synthetic {st.lower()} event, generated for benchmarking; not a real event.",
            int(fatal[i]), "", stamp0 + int(u[i] * 86400 * 30),
        ])
    return rows


# ------------------------------------------------------------------ main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hotspots", type=int, default=2000)
    ap.add_argument("--total", type=float, default=8.0e9)
    ap.add_argument("--countries", default=str(DEFAULT_COUNTRIES))
    ap.add_argument("--resolution-arcsec", type=int, default=30)
    ap.add_argument("--block-rows", type=int, default=512)
    args = ap.parse_args()

    import rasterio
    from rasterio.windows import Window

    t_all = time.perf_counter()
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    res = args.resolution_arcsec
    if 3600 % res or (180 * 3600) % res:
        raise SystemExit("--resolution-arcsec must divide 3600")
    cell = res / 3600.0
    width, height = 360 * 3600 // res, 180 * 3600 // res
    tif = out / f"population_{res}s.tif"
    csv_path = out / "events.csv"
    info = {
        "seed": args.seed, "resolution_arcsec": res, "width": width, "height": height,
        "block_rows": args.block_rows, "target_total": args.total, "events": args.events,
        "countries_file": args.countries,
    }

    names, iso3s, isonums, shapes = read_countries(args.countries)
    profile = raster_profile(width, height, cell)
    field = Field(args.seed, width, height, cell,
                  [(s, i + 1) for i, s in enumerate(shapes)][::-1], profile["transform"])
    field.antarctica = iso3s.index("ATA") + 1 if "ATA" in iso3s else 255
    blocks = [(b, r0, min(r0 + args.block_rows, height))
              for b, r0 in enumerate(range(0, height, args.block_rows))]

    # Pass 1: the unscaled total, and per block (to share out the hotspots).
    t = time.perf_counter()
    sums = np.zeros(len(blocks))
    land_cells = populated_cells = 0
    for b, r0, r1 in blocks:
        field.forget_rows_above(r0)
        values, _ = field.block(b, r0, r1)
        land = values != NODATA
        sums[b] = values[land].sum(dtype=np.float64)
        land_cells += int(land.sum())
        populated_cells += int((values > 0).sum())
        print(f"\r  pass 1 (sums): rows {r1}/{height}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    scale = args.total / sums.sum()
    info.update(land_cells=land_cells, populated_cells=populated_cells,
                seconds_pass1=round(time.perf_counter() - t, 1))

    # Hotspots per block, then pass 2: scale, write, sample the hotspots.
    rng = np.random.default_rng([args.seed, 3])
    per_block = rng.multinomial(args.hotspots, sums / sums.sum())
    hot_lon, hot_lat = [], []
    t = time.perf_counter()
    field._rows.clear()
    tmp = tif.with_name(tif.name + ".part")
    total = 0.0
    max_cell = 0.0
    with rasterio.open(tmp, "w", **profile) as dst:
        for b, r0, r1 in blocks:
            field.forget_rows_above(r0)
            values, _ = field.block(b, r0, r1)
            land = values != NODATA
            values[land] *= np.float32(scale)
            total += values[land].sum(dtype=np.float64)
            if land.any():
                max_cell = max(max_cell, float(values[land].max()))
            dst.write(values, 1, window=Window(0, r0, width, r1 - r0))
            picks = sample_cells(np.random.default_rng([args.seed, 4, b]),
                                 np.where(land, values, 0), int(per_block[b]))
            rows, cols = np.divmod(picks, width)
            hot_lon.append(-180.0 + (cols + 0.5) * cell)
            hot_lat.append(90.0 - (r0 + rows + 0.5) * cell)
            print(f"\r  pass 2 (write): rows {r1}/{height}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    os.replace(tmp, tif)
    info.update(world_total=total, max_cell=max_cell, hotspots=int(per_block.sum()),
                seconds_pass2=round(time.perf_counter() - t, 1), raster_bytes=tif.stat().st_size)
    print(f"wrote {tif}: {width} x {height} cells, {land_cells:,} land cells "
          f"({populated_cells:,} populated), {total:,.0f} people, "
          f"{tif.stat().st_size / 2**30:.2f} GiB")

    # Events.
    t = time.perf_counter()
    countries = {"names": names, "iso3s": iso3s, "isonums": isonums,
                 "polygons": country_polygons(shapes)}
    rows = make_events(np.random.default_rng([args.seed, 5]),
                       (np.concatenate(hot_lon), np.concatenate(hot_lat)),
                       args.events, countries, info)
    tmp = csv_path.with_name(csv_path.name + ".part")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(rows)
    os.replace(tmp, csv_path)
    n_countries = len({r[17] for r in rows})
    info.update(seconds_events=round(time.perf_counter() - t, 1), event_countries=n_countries,
                events_bytes=csv_path.stat().st_size,
                seconds_total=round(time.perf_counter() - t_all, 1))
    print(f"wrote {csv_path}: {len(rows):,} events in {n_countries} countries round "
          f"{int(per_block.sum())} hotspots, 2023-12-01..2024-11-30, all Political violence")
    with open(out / "exposure_data.json", "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    print(f"wrote {out / 'exposure_data.json'} ({info['seconds_total']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
