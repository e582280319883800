"""evaluation: eventwire scored against labelled sets.

- `events`: gold documents through a run, exported and scored by the project's scorer (`make eval`);
- `stories`: stories, copies and consolidated events against a labelled set (B-cubed, linkage);
- `places`: geocoded events against our labels of the gold places.
"""

from eventwire.evaluation.events import EvalResult, default_scorer, evaluate, evaluate_sets

__all__ = ["EvalResult", "default_scorer", "evaluate", "evaluate_sets"]
