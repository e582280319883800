"""Score the scraped-text line classifier on a folder of real pages with its own scorer.

The folder (`../shared/eval/scraped-dev`) holds page texts (`<id>.txt`), `ground-truth.json` and
`score.py`. Each page goes through `extract_scraped`, as a `.txt` file does in a run; a page with no
article left (E201) predicts an empty body. The folder's `score.py` scores the predictions (word
4-gram shingles, precision and recall averaged over pages).

usage: python scripts/eval_scraped.py [FOLDER] [--out PREDICTIONS.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.extract.scraped import extract_scraped
from eventwire.records import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SCRAPED_DEV = ROOT.parent / "shared" / "eval" / "scraped-dev"


def available(folder: Path = SCRAPED_DEV) -> bool:
    """Whether the folder has pages, a gold file and a scorer."""
    return (folder / "score.py").is_file() and (folder / "ground-truth.json").is_file()


def clean_pages(folder: Path = SCRAPED_DEV) -> tuple[dict[str, dict[str, str]], float]:
    """The article body the classifier keeps from each page.

    Returns:
        Predictions in the scorer's shape ({id: {"articleBody": text}}) and the median
        milliseconds a page took.
    """
    predictions: dict[str, dict[str, str]] = {}
    times: list[float] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        began = time.perf_counter()
        try:
            body = extract_scraped(RawDocument(text=text, format="text", source=str(path))).text
        except EventwireError:
            body = ""
        times.append((time.perf_counter() - began) * 1000)
        predictions[path.stem] = {"articleBody": body}
    times.sort()
    return predictions, times[len(times) // 2] if times else 0.0


def score(predictions: dict[str, dict[str, str]], folder: Path = SCRAPED_DEV) -> dict[str, float]:
    """The folder's `score.py` figures (pages, precision, recall, f1) for `predictions`."""
    with tempfile.TemporaryDirectory(prefix="eventwire-scraped-") as tmp:
        path = Path(tmp) / "predictions.json"
        path.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(folder / "score.py"), str(path), str(folder / "ground-truth.json")],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"{folder / 'score.py'} failed: {done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def evaluate(folder: Path = SCRAPED_DEV) -> dict[str, float]:
    """Clean every page and score the result; adds `ms_per_page` (median)."""
    predictions, ms = clean_pages(folder)
    return {**score(predictions, folder), "ms_per_page": round(ms, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SCRAPED_DEV)
    parser.add_argument("--out", type=Path, help="also write the predictions to this JSON file")
    args = parser.parse_args(argv)
    if not available(args.folder):
        print(f"{args.folder}: no score.py and ground-truth.json here", file=sys.stderr)
        return 2
    predictions, ms = clean_pages(args.folder)
    if args.out:
        args.out.write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")
    figures = score(predictions, args.folder)
    print(
        f"scraped text, line classifier, {args.folder.name}: {figures['pages']} pages, "
        f"precision {figures['precision']:.3f}, recall {figures['recall']:.3f}, F1 {figures['f1']:.3f}, "
        f"{ms:.1f} ms a page (median)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
