#!/usr/bin/env python3
"""Baseline for bench/exposure.sh: population exposure to conflict with the Python GIS stack.

Usage:
    exposure_geopandas.py --population TIF --events CSV --countries TOPOJSON
                          [--radius-km 5] --window-end YYYY-MM-DD [--out JSON]
                          [--block-rows 512] [--segments 64] [--timing-file F]

What `eirene exposure --source acled` computes, written as a GIS user would with geopandas,
shapely 2, pyproj and rasterio: the people living within R km of at least one ACLED
political-violence event of the 12 months ending on --window-end, each person counted once,
per Natural Earth country and for the world.

1. Events: ``pandas.read_csv`` of the four columns needed; keep event_date in the window
   (window-end minus 12 months plus one day .. window-end, both included, ISO dates) and
   disorder_type containing "Political violence".
2. Buffers: for every event, ``pyproj.Geod.fwd`` at --segments (64) azimuths and distance R,
   vectorised over all events at once, on the SAME sphere eirene uses (radius 6371.0088 km;
   a WGS 84 ellipsoid would differ by up to ~0.7 % in distance); polygons built with
   ``shapely.polygons`` from the (N, 65, 2) coordinate array. A 64-gon inscribed in the
   circle has 0.16 % less area than the disc. Antimeridian: a buffer whose longitudes span
   more than 180° is unwrapped (negative longitudes + 360°) and added a second time shifted by
   -360°; rasterising onto the -180..180 grid clips both copies to the right cells. Buffers
   containing a pole are not handled (an event within R of a pole is refused).
3. Union: ``shapely.union_all`` of all buffers, so overlapping buffers count people once;
   its parts go into an ``STRtree``.
4. Raster pass, --block-rows (512) rows at a time (the file's tile height): read the block
   with rasterio (GDAL decodes tiles on all cores: NUM_THREADS=ALL_CPUS, as eirene does),
   cells with nodata, negative or non-finite values hold 0 people; rasterise the union parts
   that intersect the block (``rasterio.features.geometry_mask``, all_touched=False: a cell is
   in when its centre is) and the countries (``rasterio.features.rasterize`` of the country
   index, all_touched=False, shapes passed last-to-first so that, where polygons overlap, the
   first country in the file keeps the cell, as in eirene); sum population and exposed
   population per country with ``numpy.bincount``.

Countries come from the world-atlas TopoJSON read with geopandas (pyogrio/GDAL). Two fixes
are needed before rasterising it on a flat grid, and eirene makes the same ones: rings that
cross the antimeridian (Chukotka, Wrangel Island, Fiji) are unwrapped and rasterised twice
(shifted by 0° and -360°); Antarctica's ring, which jumps from 180° to -180° along a parallel,
is closed round the South Pole. Polygons are rasterised with GDAL's even-odd scanline fill,
not repaired first (Natural Earth 110m has a few self-intersections after quantisation),
which is eirene's rule too. iso3 is ``isoA3``, else ``adm0A3`` (France, Norway).

The output is JSON in the shape of ``eirene exposure --format json`` (radius_km, window,
source, events, population_file, world, countries [iso3, name, population, exposed, share],
unassigned) plus ``timings``: seconds per phase (read_events, read_countries, buffer, union,
raster, total), measured in-process with time.perf_counter (so without interpreter
start-up and imports). They are also printed to stderr and, with --timing-file, appended to
F as one JSON line per run.
"""

import argparse
import json
import math
import sys
import time

import numpy as np

EARTH_RADIUS_KM = 6371.0088


# ------------------------------------------------------------------ Natural Earth countries
def iso3_of(props) -> str:
    """isoA3, else adm0A3: the first that is three capital letters (eirene's rule)."""
    for key in ("isoA3", "adm0A3"):
        code = props.get(key)
        if isinstance(code, str) and len(code) == 3 and code.isascii() and code.isupper():
            return code
    return ""


def _fix_ring(ring: np.ndarray):
    """A ring (n, 2) of lon/lat as rings that rasterise right on a -180..180 grid.

    Returns (kind, ring): kind "plain" (no jump across ±180°), "crossing" (jumps and comes
    back: unwrapped to continuous longitudes, to be rasterised at 0° and -360°/+360°) or
    "polar" (ends a turn away from where it started: closed round the pole instead).
    """
    x = ring[:, 0]
    d = np.diff(x)
    jumps = np.abs(d) > 180.0
    if not jumps.any():
        return "plain", ring
    offset = np.concatenate([[0.0], np.cumsum(np.where(jumps, -360.0 * np.sign(d), 0.0))])
    if offset[-1] == 0.0:
        return "crossing", np.column_stack([x + offset, ring[:, 1]])
    # Round a pole: replace the jump (there is one) by the way round the pole.
    i = int(np.flatnonzero(jumps)[0])
    (x0, y0), (x1, y1) = ring[i], ring[i + 1]
    seam = 180.0 if x0 > x1 else -180.0
    x1u = x1 + 2.0 * seam
    lat = y0 if x1u == x0 else y0 + (seam - x0) / (x1u - x0) * (y1 - y0)
    pole = -90.0 if lat < 0 else 90.0
    detour = np.array([[seam, lat], [seam, pole], [-seam, pole], [-seam, lat]])
    return "polar", np.vstack([ring[: i + 1], detour, ring[i + 1:]])


def _polygon_rings(poly):
    """The fixed polygons (lists of rings, outer first) for one shapely Polygon."""
    rings = [np.asarray(poly.exterior.coords)] + [np.asarray(r.coords) for r in poly.interiors]
    fixed = [_fix_ring(r) for r in rings]
    if fixed[0][0] != "crossing":
        return [[r for _, r in fixed]]
    outer = fixed[0][1]
    middle = (outer[:, 0].min() + outer[:, 0].max()) / 2.0
    holes = []
    for _, r in fixed[1:]:
        turns = round((middle - r[0, 0]) / 360.0)
        holes.append(r + np.array([360.0 * turns, 0.0]))
    out = []
    for shift in (-360.0, 0.0, 360.0):
        lo, hi = outer[:, 0].min() + shift, outer[:, 0].max() + shift
        if hi > -180.0 and lo < 180.0:
            s = np.array([shift, 0.0])
            out.append([outer + s] + [h + s for h in holes])
    return out


def read_countries(path: str):
    """Natural Earth countries from a world-atlas TopoJSON, in file order.

    Returns (names, iso3s, isonums, shapes): shapes[i] is a GeoJSON-like MultiPolygon dict
    of country i, fixed for the antimeridian and the poles, ready for rasterio.
    """
    import geopandas as gpd

    gdf = gpd.read_file(path, layer="countries")
    names, iso3s, isonums, shapes = [], [], [], []
    for _, row in gdf.iterrows():
        geom = row.geometry
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        polygons = [p for poly in parts for p in _polygon_rings(poly)]
        props = row.to_dict()
        names.append(props.get("name") or iso3_of(props) or geom.geom_type)
        iso3s.append(iso3_of(props))
        ident = props.get("id")
        isonums.append(int(ident) if isinstance(ident, str) and ident.isdigit() else None)
        shapes.append({
            "type": "MultiPolygon",
            "coordinates": [[r.tolist() for r in poly] for poly in polygons],
        })
    return names, iso3s, isonums, shapes


# ------------------------------------------------------------------ the baseline
def read_events(path: str, window_end: str):
    import pandas as pd

    df = pd.read_csv(
        path,
        usecols=["event_date", "disorder_type", "latitude", "longitude"],
        dtype={"disorder_type": "string", "latitude": "float64", "longitude": "float64"},
    )
    end = pd.Timestamp(window_end)
    start = end - pd.DateOffset(months=12) + pd.Timedelta(days=1)
    dates = pd.to_datetime(df["event_date"], format="%Y-%m-%d")
    keep = (
        dates.between(start, end)
        & df["disorder_type"].str.contains("Political violence", regex=False, na=False)
        & df["latitude"].notna()
        & df["longitude"].notna()
    )
    ev = df.loc[keep]
    return (
        ev["longitude"].to_numpy(),
        ev["latitude"].to_numpy(),
        {"start": start.date().isoformat(), "end": end.date().isoformat()},
    )


def geodesic_buffers(lon, lat, radius_km: float, segments: int):
    import shapely
    from pyproj import Geod

    if np.any(np.abs(lat) > 90.0 - math.degrees(radius_km / EARTH_RADIUS_KM) - 1e-9):
        sys.exit("an event's buffer contains a pole: not handled by this baseline")
    sphere = Geod(a=EARTH_RADIUS_KM * 1000.0, b=EARTH_RADIUS_KM * 1000.0)
    n = lon.size
    az = np.linspace(0.0, 360.0, segments, endpoint=False)
    lons = np.repeat(lon, segments)
    lats = np.repeat(lat, segments)
    azs = np.tile(az, n)
    dist = np.full(n * segments, radius_km * 1000.0)
    blon, blat, _ = sphere.fwd(lons, lats, azs, dist)
    blon = blon.reshape(n, segments)
    blat = blat.reshape(n, segments)
    # Across the antimeridian: unwrap, and add a copy a turn to the west.
    crossing = (blon.max(axis=1) - blon.min(axis=1)) > 180.0
    if crossing.any():
        east = np.where(blon[crossing] < 0.0, blon[crossing] + 360.0, blon[crossing])
        blon = np.vstack([blon[~crossing], east, east - 360.0])
        blat = np.vstack([blat[~crossing], blat[crossing], blat[crossing]])
    coords = np.stack([blon, blat], axis=-1)
    coords = np.concatenate([coords, coords[:, :1]], axis=1)  # close the rings
    return shapely.polygons(coords), int(crossing.sum())


def raster_pass(population: str, parts, countries, block_rows: int):
    import rasterio
    import rasterio.features
    import rasterio.windows
    import shapely

    tree = shapely.STRtree(parts)
    # Reversed: rasterize burns shapes in order and the last one wins; eirene keeps the first.
    country_shapes = [(shape, i + 1) for i, shape in enumerate(countries)][::-1]
    ncountries = len(countries) + 1  # 0: unassigned
    pop = np.zeros(ncountries)
    exposed = np.zeros(ncountries)
    with rasterio.open(population, NUM_THREADS="ALL_CPUS") as src:
        nodata = src.nodata
        for row in range(0, src.height, block_rows):
            win = rasterio.windows.Window(0, row, src.width, min(block_rows, src.height - row))
            data = src.read(1, window=win)
            transform = src.window_transform(win)
            shape = data.shape
            valid = np.isfinite(data) & (data > 0)
            if nodata is not None:
                valid &= data != nodata
            people = np.where(valid, data, 0.0).astype(np.float64).ravel()
            country = rasterio.features.rasterize(
                country_shapes, out_shape=shape, transform=transform, fill=0,
                all_touched=False, dtype="uint8",
            ).ravel()
            pop += np.bincount(country, weights=people, minlength=ncountries)
            west, south, east, north = rasterio.windows.bounds(win, src.transform)
            hits = tree.query(shapely.box(west, south, east, north))
            if hits.size:
                inside = rasterio.features.geometry_mask(
                    parts[hits], out_shape=shape, transform=transform,
                    all_touched=False, invert=True,
                ).ravel()
                exposed += np.bincount(country[inside], weights=people[inside],
                                       minlength=ncountries)
    return pop, exposed


def main() -> int:
    t_start = time.perf_counter()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--population", required=True)
    ap.add_argument("--events", required=True)
    ap.add_argument("--countries", required=True)
    ap.add_argument("--radius-km", type=float, default=5.0)
    ap.add_argument("--window-end", required=True)
    ap.add_argument("--out", help="write the JSON here (default: stdout)")
    ap.add_argument("--block-rows", type=int, default=512)
    ap.add_argument("--segments", type=int, default=64)
    ap.add_argument("--timing-file", help="append this run's phase timings (JSON line)")
    args = ap.parse_args()

    import shapely

    timings = {}
    t = time.perf_counter()
    lon, lat, window = read_events(args.events, args.window_end)
    timings["read_events"] = time.perf_counter() - t

    t = time.perf_counter()
    names, iso3s, _, shapes = read_countries(args.countries)
    timings["read_countries"] = time.perf_counter() - t

    t = time.perf_counter()
    buffers, crossing = geodesic_buffers(lon, lat, args.radius_km, args.segments)
    timings["buffer"] = time.perf_counter() - t

    t = time.perf_counter()
    union = shapely.union_all(buffers)
    parts = shapely.get_parts(union)
    timings["union"] = time.perf_counter() - t

    t = time.perf_counter()
    pop, exposed = raster_pass(args.population, parts, shapes, args.block_rows)
    timings["raster"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t_start

    def share(p, e):
        return e / p if p > 0 else None

    world_pop, world_exp = float(pop.sum()), float(exposed.sum())
    doc = {
        "radius_km": args.radius_km,
        "window": window,
        "source": "acled",
        "events": int(lon.size),
        "population_file": args.population,
        "world": {"population": world_pop, "exposed": world_exp,
                  "share": share(world_pop, world_exp)},
        "countries": [
            {"iso3": iso3s[i], "name": names[i], "population": float(pop[i + 1]),
             "exposed": float(exposed[i + 1]), "share": share(pop[i + 1], exposed[i + 1])}
            for i in range(len(names))
        ],
        "unassigned": {"population": float(pop[0]), "exposed": float(exposed[0])},
        "baseline": {
            "buffers": int(len(buffers)), "antimeridian_buffers": crossing,
            "union_parts": int(len(parts)),
            "union_vertices": int(shapely.get_num_coordinates(union)),
            "segments": args.segments,
        },
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    text = json.dumps(doc, indent=2)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)
    if args.timing_file:
        with open(args.timing_file, "a", encoding="utf-8") as f:
            f.write(json.dumps({**doc["timings"], **doc["baseline"]}) + "\n")
    print(
        "geopandas baseline: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        + f"; {lon.size} events, {len(parts)} union parts",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
