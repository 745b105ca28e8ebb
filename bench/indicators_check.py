#!/usr/bin/env python3
"""Correctness check for bench/indicators.sh: do CSV results agree?

Usage: indicators_check.py REFERENCE.csv OTHER.csv [OTHER.csv ...]

Compares every OTHER with REFERENCE after sorting the rows: same header, same number of
rows, and cell by cell equal, where two cells that both parse as numbers are compared
numerically (relative tolerance 1e-9; for columns whose name contains `pct` also an
absolute 0.1, one unit of the last decimal: those are rounded to one decimal, and a
value that is a tie in one tool's floating-point arithmetic may not be in another's) and an empty cell (NULL) only equals an empty cell. Quoting
and number formatting (``12`` vs ``12.0``) do not matter. Exits 1 and prints the first
differences if anything differs.
"""

import csv
import math
import sys


def number(cell: str):
    try:
        return float(cell)
    except ValueError:
        return None


def normalise(cell: str) -> str:
    x = number(cell)
    if x is None:
        return cell
    return repr(round(x, 6))


def load(path: str):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    # Sort on a normalised form so that 12 and 12.0 sort together.
    body.sort(key=lambda r: [normalise(c) for c in r])
    return header, body


def same(a: str, b: str, column: str) -> bool:
    if a == b:
        return True
    if a == "" or b == "":
        return False
    x, y = number(a), number(b)
    if x is None or y is None:
        return False
    tol = 0.1 + 1e-9 if "pct" in column else 0.0
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=tol)


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    ref_path, others = sys.argv[1], sys.argv[2:]
    ref_header, ref = load(ref_path)
    failed = False
    for path in others:
        header, body = load(path)
        problems = []
        if [h.lower() for h in header] != [h.lower() for h in ref_header]:
            problems.append(f"header {header} != {ref_header}")
        elif len(body) != len(ref):
            problems.append(f"{len(body)} rows != {len(ref)} rows")
        else:
            for i, (r, s) in enumerate(zip(ref, body)):
                bad = [h for h, a, b in zip(ref_header, r, s) if not same(a, b, h)]
                if bad:
                    problems.append(f"row {i}: {dict(zip(ref_header, r))} vs {dict(zip(ref_header, s))}")
                if len(problems) >= 5:
                    break
        if problems:
            failed = True
            print(f"MISMATCH {path} vs {ref_path}:", file=sys.stderr)
            for p in problems:
                print(f"    {p}", file=sys.stderr)
        else:
            print(f"ok: {path} == {ref_path} ({len(ref)} rows)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
