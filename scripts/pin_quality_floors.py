"""Re-pin tests/quality_floors.json from fresh dev and plover-dev evaluations, the story tuning
set and the scraped-text pages of ../shared/eval/scraped-dev (through scripts/eval_scraped.py).

Floors only go up unless --allow-lower is given: a drop in quality must be a decision, not an
accident. Each floor is set a margin below the measured score so that harmless noise (a
different machine's float rounding) does not fail the build.

usage: python scripts/pin_quality_floors.py [--margin 0.01] [--allow-lower]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire.config import Config
from eventwire.evaluation import default_scorer, evaluate
from eventwire.evaluation.places import load_labels, score_places
from eventwire.evaluation.stories import score_labelled_set

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests" / "quality_floors.json"
DEV = ROOT.parent / "shared" / "eval" / "dev"
PLOVER = ROOT.parent / "shared" / "eval" / "plover-dev"
STORY_SET = ROOT / "tests" / "data" / "stories" / "tune"
PLACE_LABELS = ROOT / "tests" / "data" / "geo" / "dev_places.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--margin", type=float, default=0.01)
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args()
    result = evaluate(DEV, Config(workers=2))
    scores = result.scores
    places = score_places(DEV, result.predictions, load_labels(PLACE_LABELS), default_scorer(DEV))
    measured = {
        "place_country_accuracy": places.country_accuracy,
        "place_city_accuracy": places.city_accuracy,
        "event_f1": scores["f1"],
        "event_precision": scores["precision"],
        "date_accuracy": scores["date_accuracy"],
        "location_accuracy": scores["location_accuracy"],
        "quote_f1": scores["quotes"]["f1"],
    }
    plover = evaluate(PLOVER, Config(workers=2)).scores
    measured |= {"plover_event_f1": plover["f1"], "plover_event_precision": plover["precision"]}
    stories = score_labelled_set(STORY_SET, Config(workers=1))
    measured |= {
        "story_bcubed_f1": stories.stories.f1,
        "copy_link_f1": stories.copies.f1,
        "report_linkage_precision": stories.report_linkage.precision,
        "report_linkage_recall": stories.report_linkage.recall,
    }
    sys.path.insert(0, str(Path(__file__).parent))
    import eval_scraped

    if eval_scraped.available():
        scraped = eval_scraped.evaluate()
        measured |= {"scraped_dev_f1": scraped["f1"], "scraped_dev_precision": scraped["precision"]}
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    for key, value in measured.items():
        proposed = round(value - args.margin, 2)
        if proposed < floors.get(key, 0.0) and not args.allow_lower:
            print(
                f"{key}: measured {value:.4f}; keeping floor {floors[key]} (pass --allow-lower to lower it)"
            )
            continue
        print(f"{key}: measured {value:.4f}; floor {floors.get(key)} -> {proposed}")
        floors[key] = proposed
    FLOORS.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
