#!/usr/bin/env python3
"""Baseline for bench/ingest_ged.sh: load a GED CSV with pandas and write Parquet.

Usage: pandas_ingest.py FILE OUT.parquet [--engine pyarrow|c]

Reads FILE with ``pandas.read_csv`` (default engine ``pyarrow``, which parses in
parallel; ``c`` is pandas' classic single-threaded parser), then writes OUT.parquet
with ``DataFrame.to_parquet(engine="pyarrow", compression="snappy", index=False)``.
Types are whatever pandas infers (no explicit schema), as a typical user would do.
Prints one line to stderr: rows, columns and the time of each step.
"""

import argparse
import sys
import time

import pandas as pd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="GED CSV to read")
    parser.add_argument("out", help="Parquet file to write")
    parser.add_argument("--engine", choices=["pyarrow", "c"], default="pyarrow")
    args = parser.parse_args()

    t0 = time.perf_counter()
    df = pd.read_csv(args.file, engine=args.engine)
    t1 = time.perf_counter()
    df.to_parquet(args.out, engine="pyarrow", compression="snappy", index=False)
    t2 = time.perf_counter()
    print(
        f"pandas {pd.__version__} engine={args.engine}: {len(df)} rows x {df.shape[1]} cols, "
        f"read_csv {t1 - t0:.2f} s, to_parquet {t2 - t1:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
