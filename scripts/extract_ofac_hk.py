"""Extract the Hong Kong program rows of an OFAC SDN CSV snapshot, unchanged, into data/.

OFAC data is US government work, in the public domain. The rows are copied byte for byte
so the bundled file stays a faithful excerpt of the official list.

Example:
    python scripts/extract_ofac_hk.py ../shared/data/sanctions/us-ofac-sdn-2024-05-03.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

PROGRAMS = {"HK-EO13936"}


def main(source: str) -> None:
    path = Path(source)
    out = (
        Path(__file__).resolve().parent.parent
        / "data"
        / path.name.replace("us-ofac-sdn-", "us-ofac-sdn-hk-eo13936-")
    )
    kept = 0
    with (
        open(path, encoding="utf-8", newline="") as src,
        open(out, "w", encoding="utf-8", newline="") as dst,
    ):
        for line in src:
            cells = next(csv.reader([line]), [])
            if len(cells) < 4:  # the trailing end-of-file marker
                continue
            programs = {p.strip(" []") for p in cells[3].split("] [")}
            if programs & PROGRAMS:
                dst.write(line)
                kept += 1
    print(f"wrote {kept} rows to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
