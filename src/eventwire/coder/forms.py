"""Inflected forms of trigger words, so that sentences can be picked before they are parsed."""

from __future__ import annotations

from functools import lru_cache

from eventwire.datafiles import data_rows


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, tuple[str, ...]]:
    return {lemma: tuple(forms.split("|")) for lemma, forms in data_rows("code", "irregular_verbs.tsv")}


def word_forms(lemma: str) -> set[str]:
    """The lemma's inflected forms, by rule plus the irregular table."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= set(_irregular_forms().get(lemma, ()))
    return forms
