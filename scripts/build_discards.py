"""Build eventwire's discard phrases from PETRARCH's `Phoenix.discards.txt`.

Reads `../shared/ontology/petrarch/Phoenix.discards.txt` (Open Event Data Alliance, MIT) and
writes `src/eventwire/data/code/discards.tsv`: phrases that mark a sentence (sports play, a
historical year, a disease outbreak, a film festival) or a whole page (a league, a tournament, a
sports star) as one that holds no political event. The coder reads this file with the project's
own cue list (`data/code/page_cues.tsv`).

Run: python scripts/build_discards.py [--source FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "ontology" / "petrarch" / "Phoenix.discards.txt"
OUT = ROOT / "src" / "eventwire" / "data" / "code" / "discards.tsv"
# History the source discards ("years ago", "months later", bare years 1914-1951, "World War
# Two", "the British Empire") is background that the guideline still codes (undated, or the
# present act that refers to it: "demanded an admission of a World War Two massacre").
HISTORY_WORDS = frozenset({"ago", "later", "war", "wars", "empire", "millennium"})
LICENCE = """\
# Derived from PETRARCH's discard list (Phoenix.discards.txt), converted by
# scripts/build_discards.py; do not edit by hand.
# The MIT License (MIT). Copyright (c) 2015 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software
# and associated documentation files (the "Software"), to deal in the Software without
# restriction, including without limitation the rights to use, copy, modify, merge, publish,
# distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
# Software is furnished to do so, subject to the following conditions: The above copyright notice
# and this permission notice shall be included in all copies or substantial portions of the
# Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE
# AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
# DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def read_discards(text: str) -> list[tuple[str, str]]:
    """(phrase, scope) pairs: scope "page" for the source's story-level ('+') lines."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].strip()
        if not line:
            continue
        scope = "page" if line.startswith("+") else "sentence"
        phrase = " ".join(line.lstrip("+").replace("_", " ").lower().split())
        if not phrase or phrase.isdigit() or set(phrase.split()) & HISTORY_WORDS or phrase in seen:
            continue
        seen.add(phrase)
        found.append((phrase, scope))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    if not args.source.is_file():
        print(f"error: {args.source} not found (../shared/ontology beside the checkout)", file=sys.stderr)
        return 1
    rows = read_discards(args.source.read_text(encoding="latin-1"))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(LICENCE)
        fh.write("# phrase: matched as whole words, any case. scope: `page` (the whole page holds no\n")
        fh.write("# political event: a league, a tournament, a sports star) or `sentence` (that sentence).\n")
        fh.write("phrase\tscope\n")
        for phrase, scope in rows:
            fh.write(f"{phrase}\t{scope}\n")
    print(f"wrote {len(rows)} discard phrases to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
