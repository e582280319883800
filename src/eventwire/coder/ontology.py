"""CAMEO codes with their Goldstein scores and PLOVER types (data/ontology/cameo.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.datafiles import data_rows


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    plover: str
    mode: str


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    codes = {}
    for code, root, name, goldstein, plover, mode in data_rows("ontology", "cameo.tsv"):
        codes[code] = CameoCode(code, root, name, float(goldstein), plover, mode)
    return codes


def lookup(code: str) -> CameoCode:
    """The code's entry, falling back to its root for codes the table does not list.

    Raises:
        KeyError: when neither the code nor its root is a CAMEO code.
    """
    codes = cameo_codes()
    return codes.get(code) or codes[code[:2]]
