#!/usr/bin/env python3
"""Baseline for bench/indicators.sh: run one indicator query with DuckDB.

Usage: indicators_duckdb.py SQLFILE PARQUET COUNTRIES_CSV OUT [--timing-file F] [--threads N]

Runs the SQL in SQLFILE unchanged (the same text eirene runs with `eirene sql`) after
registering two views with the names eirene's store uses:

    ged_events  = read_parquet(PARQUET)        (the GED table of the eirene store)
    countries   = read_csv(COUNTRIES_CSV)      (iso3, gw_code; exported from eirene)

and writes the result as CSV with a header to OUT (``/dev/null`` to discard it). Like
eirene, the whole result is materialised before it is written.

The in-process time (view set-up + query + CSV write, i.e. without interpreter start-up
and ``import duckdb``) is printed to stderr and, with --timing-file, appended to F as one
line ``<seconds>``.
"""

import argparse
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sql", help="file with the query")
    parser.add_argument("parquet", help="ged_events.parquet of the eirene store")
    parser.add_argument("countries", help="CSV with iso3,gw_code")
    parser.add_argument("out", help="CSV to write (/dev/null to discard)")
    parser.add_argument("--timing-file", help="append the in-process seconds here")
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
    args = parser.parse_args()

    with open(args.sql, encoding="utf-8") as f:
        query = f.read()

    import duckdb
    import pyarrow.csv as pacsv

    t0 = time.perf_counter()
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    con.execute(f"CREATE VIEW ged_events AS SELECT * FROM read_parquet('{args.parquet}')")
    con.execute(
        "CREATE VIEW countries AS SELECT * FROM read_csv("
        f"'{args.countries}', header = true, "
        "columns = {'iso3': 'VARCHAR', 'gw_code': 'INTEGER'})"
    )
    table = con.sql(query).to_arrow_table()
    pacsv.write_csv(table, args.out)
    elapsed = time.perf_counter() - t0

    print(
        f"duckdb {duckdb.__version__}: {table.num_rows} rows, in-process {elapsed:.3f} s",
        file=sys.stderr,
    )
    if args.timing_file:
        with open(args.timing_file, "a", encoding="utf-8") as f:
            f.write(f"{elapsed:.6f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
