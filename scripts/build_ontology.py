"""Build `src/eventwire/data/ontology/cameo.tsv` from the reference tables in ../shared/ontology.

The reference tables are facts (CAMEO codes, Goldstein scores, CAMEO->PLOVER types); we keep
only the columns eventwire uses, in our own format. Run: python scripts/build_ontology.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "ontology"
OUT = ROOT / "src" / "eventwire" / "data" / "ontology" / "cameo.tsv"

# PLOVER types for CAMEO roots the 2021 table does not list (01 statements, 02 appeals).
ROOT_TYPES = {"01": "", "02": "REQUEST"}
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?")


def plover_table(path: Path) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = LINE.match(line.strip())
        if match:
            code, ptype, mode = match.group(1), match.group(2), (match.group(3) or "").strip()
            table.setdefault(code, (ptype, mode))
    return table


def main() -> int:
    plover = plover_table(SHARED / "CAMEO2PLOVER-2021.txt")
    rows = []
    with (SHARED / "cameo_codes.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            ptype, mode = (
                plover.get(code)
                or plover.get(row["root_code"].strip())
                or (ROOT_TYPES.get(row["root_code"].strip(), ""), "")
            )
            rows.append(
                [code, row["root_code"].strip(), row["name"].strip(), row["goldstein"].strip(), ptype, mode]
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# CAMEO codes with Goldstein scores and PLOVER types (built by scripts/build_ontology.py)\n"
        )
        fh.write("# Under eventwire's guideline, 03x intents are not events; the coder never emits them.\n")
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "root", "name", "goldstein", "plover", "mode"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
