"""Score the scraped-text line classifier on our labelled pages (bench/data/scraped/) and on
the real pages of ../shared/eval/scraped-dev, with milliseconds a page.

Run: python bench/bench_line_classifier.py [--quiet] [--pin [--allow-lower]]

Each page line is labelled `+ ` (article) or `- ` (furniture); see the corpus README.
Precision and recall are over the non-blank lines the classifier keeps as article text,
the title line(s) left out: the title is scored on its own (exact match after whitespace
collapsing), and so is the dateline's publication date. Prints per-page and total figures.

Then, when ../shared is beside the checkout, the real pages of scraped-dev are cleaned and scored
by their own `score.py` (scripts/eval_scraped.py: word 4-gram precision and recall averaged over
pages); their floor is in tests/quality_floors.json, enforced by tests/test_quality.py. Speed is
the median of several timed passes over every page of both sets, in ms a page.

`--pin` writes the quality floors that tests/extract/test_line_classifier_quality.py
enforces (the measured figures less a margin, with the corpus hash); it refuses to lower a
floor unless `--allow-lower` is given.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType

from eventwire.extract.dateline import find_dateline_date
from eventwire.extract.scraped import TEXT_KINDS, classify_lines

CORPUS = Path(__file__).parent / "data" / "scraped"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
# Timed passes over every page; the median is reported.
SPEED_RUNS = 5
FLOOR_FILE = Path(__file__).parent / "line_classifier_floor.json"
# Floors sit this far below the measured figures, so a harmless change can move them a bit.
FLOOR_MARGIN = 0.02
FLOOR_KEYS = ("precision", "recall", "f1", "title_accuracy", "date_accuracy")


@dataclass(slots=True)
class Page:
    """One labelled page."""

    name: str
    lines: list[str]
    keep: list[bool | None]
    """Gold keep decision a line; None for blank lines."""
    title: str | None
    published: date | None


@dataclass(slots=True)
class Score:
    """Counts of kept-line decisions, and title/date hits."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    titles: int = 0
    titles_right: int = 0
    dates: int = 0
    dates_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        for name in ("tp", "fp", "fn", "titles", "titles_right", "dates", "dates_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def _header_value(value: str) -> str | None:
    value = value.strip()
    return None if value.lower() == "none" else value


def load_page(path: Path) -> Page:
    """Read one labelled page file."""
    lines: list[str] = []
    keep: list[bool | None] = []
    headers: dict[str, str | None] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# ") and not lines and ":" in raw:
            key, value = raw[2:].split(":", 1)
            headers[key.strip()] = _header_value(value)
        elif raw.startswith(("+ ", "- ")) or raw in ("+", "-"):
            lines.append(raw[2:])
            keep.append(raw.startswith("+") if raw[2:].strip() else None)
        elif not raw.strip():
            lines.append("")
            keep.append(None)
        else:
            raise ValueError(f"{path.name}: unlabelled line {raw!r}")
    published = headers.get("published")
    return Page(
        name=path.stem,
        lines=lines,
        keep=keep,
        title=headers.get("title"),
        published=date.fromisoformat(published) if published else None,
    )


def load_corpus(folder: Path = CORPUS) -> list[Page]:
    """Every labelled page, in file-name order."""
    return [load_page(path) for path in sorted(folder.glob("[0-9]*.txt"))]


def corpus_hash(folder: Path = CORPUS) -> str:
    """SHA-256 over the page files, so a floor is tied to the corpus it was measured on."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("[0-9]*.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _squash(text: str) -> str:
    return " ".join(text.split())


def score_page(page: Page) -> Score:
    """Compare the classifier's decisions on one page with its labels."""
    labels = classify_lines("\n".join(page.lines))
    score = Score()
    title = _squash(page.title) if page.title else None
    for line, gold, label in zip(page.lines, page.keep, labels, strict=True):
        if gold is None or (title is not None and _squash(line) == title):
            continue
        kept = label.kind in TEXT_KINDS
        if kept and gold:
            score.tp += 1
        elif kept:
            score.fp += 1
            score.errors.append(f"{page.name} FP [{label.kind}] {_squash(line)[:90]}")
        elif gold:
            score.fn += 1
            score.errors.append(f"{page.name} FN [{label.kind}] {_squash(line)[:90]}")
    found_titles = [_squash(label.text) for label in labels if label.kind == "title" and label.keep]
    found_title = found_titles[0] if found_titles else None
    score.titles = 1
    score.titles_right = int(found_title == title)
    if found_title != title:
        score.errors.append(f"{page.name} TITLE got {found_title!r} want {title!r}")
    first_kept = next((i for i, label in enumerate(labels) if label.keep), None)
    found_date = find_dateline_date(page.lines, anchor=first_kept)
    score.dates = 1
    score.dates_right = int(found_date == page.published)
    if found_date != page.published:
        score.errors.append(f"{page.name} DATE got {found_date} want {page.published}")
    return score


def run(folder: Path = CORPUS) -> tuple[Score, dict[str, Score]]:
    """Score every page.

    Returns:
        The totals and the per-page scores.
    """
    pages = {page.name: score_page(page) for page in load_corpus(folder)}
    total = Score()
    for score in pages.values():
        total.add(score)
    return total, pages


def totals(folder: Path = CORPUS) -> dict[str, float]:
    """The benchmark's headline figures, for the quality-floor test."""
    total, pages = run(folder)
    return {
        "pages": float(len(pages)),
        "precision": total.precision,
        "recall": total.recall,
        "f1": total.f1,
        "title_accuracy": total.titles_right / total.titles if total.titles else 1.0,
        "date_accuracy": total.dates_right / total.dates if total.dates else 1.0,
    }


def _eval_scraped() -> ModuleType:
    """scripts/eval_scraped.py, which `make eval` runs, so both score the same way."""
    sys.path.insert(0, str(SCRIPTS))
    import eval_scraped

    return eval_scraped


def page_speed(runs: int = SPEED_RUNS) -> dict[str, float]:
    """Median milliseconds `classify_lines` takes a page, over `runs` passes of both sets."""
    texts = ["\n".join(page.lines) for page in load_corpus()]
    real = _eval_scraped().SCRAPED_DEV
    texts += [path.read_text(encoding="utf-8") for path in sorted(real.glob("*.txt"))]
    passes = []
    for _ in range(runs):
        began = time.perf_counter()
        for text in texts:
            classify_lines(text)
        passes.append((time.perf_counter() - began) * 1000 / len(texts))
    return {"pages": float(len(texts)), "ms_per_page": statistics.median(passes)}


def real_pages() -> dict[str, float] | None:
    """scraped-dev's figures from its own scorer, or None when ../shared is not beside us."""
    module = _eval_scraped()
    return module.evaluate() if module.available() else None


def pin(allow_lower: bool = False) -> dict[str, object]:
    """Write the floors file from the current figures.

    Raises:
        SystemExit: when a floor would go down and `allow_lower` is False.
    """
    figures = totals()
    floors: dict[str, object] = {
        key: math.floor((figures[key] - FLOOR_MARGIN) * 100) / 100 for key in FLOOR_KEYS
    }
    if FLOOR_FILE.exists() and not allow_lower:
        old = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
        lower = [key for key in FLOOR_KEYS if float(floors[key]) < float(old.get(key, 0.0))]  # type: ignore[arg-type]
        if lower:
            raise SystemExit(f"refusing to lower floors {lower}; pass --allow-lower to do it on purpose")
    floors["pages"] = int(figures["pages"])
    floors["corpus_sha256"] = corpus_hash()
    FLOOR_FILE.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return floors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="totals only, no per-page lines or errors")
    parser.add_argument("--pin", action="store_true", help=f"write the quality floors to {FLOOR_FILE.name}")
    parser.add_argument("--allow-lower", action="store_true", help="let --pin lower a floor")
    args = parser.parse_args(argv)
    if args.pin:
        print(json.dumps(pin(args.allow_lower), indent=2))
        return 0
    total, pages = run()
    if not args.quiet:
        print(f"{'page':6} {'P':>6} {'R':>6} {'F1':>6}  title  date")
        for name, score in pages.items():
            print(
                f"{name:6} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}"
                f"  {'ok' if score.titles_right else 'MISS':5}  {'ok' if score.dates_right else 'MISS'}"
            )
        for error in total.errors:
            print("  " + error)
    print(
        f"TOTAL  pages={len(pages)} lines: tp={total.tp} fp={total.fp} fn={total.fn} "
        f"P={total.precision:.3f} R={total.recall:.3f} F1={total.f1:.3f} "
        f"title={total.titles_right}/{total.titles} date={total.dates_right}/{total.dates}"
    )
    real = real_pages()
    if real is None:
        print("REAL   ../shared/eval/scraped-dev is not beside this checkout: skipped")
    else:
        print(
            f"REAL   scraped-dev pages={real['pages']} (word 4-grams, averaged over pages) "
            f"P={real['precision']:.3f} R={real['recall']:.3f} F1={real['f1']:.3f}"
        )
    speed = page_speed()
    print(
        f"SPEED  {speed['ms_per_page']:.1f} ms a page "
        f"(median of {SPEED_RUNS} passes, {speed['pages']:.0f} pages)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
