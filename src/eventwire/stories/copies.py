"""Near-duplicates: syndicated or lightly edited copies of an article already seen.

MinHash signatures of word shingles go into an LSH index, so finding the copies of an article
costs a few bucket look-ups however many articles are indexed. Only articles published within
`window_days` of each other are compared: syndication happens within days, and the window keeps
the index (and memory) bounded on a crawl.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date

from datasketch import LeanMinHash, MinHash, MinHashLSH

from eventwire.stories.text import shingles

NUM_PERM = 128
COPY_JACCARD = 0.6
"""Estimated shingle Jaccard from which an article is a copy: a new headline, a changed word
and a credit line keep a copy near 0.8; a rewrite of the same news stays under 0.1."""
COPY_CONTAINMENT = 0.8
"""Or the share of the shorter text's shingles found in the other: a copy cut to its first
paragraphs has a low Jaccard with its original but is all contained in it."""
LSH_THRESHOLD = 0.4
"""Candidates are looked up below the copy thresholds, so that estimates a little low still
reach the exact check; missing a copy is worse than checking one more candidate."""
COPY_WINDOW_DAYS = 14
Signature = tuple[LeanMinHash, int]
"""A text's MinHash and its number of shingles."""


@dataclass(frozen=True, slots=True)
class CopyLink:
    doc_id: str
    original_id: str
    similarity: float


class NearDuplicates:
    """An index of originals; `check` answers whether a new article copies one of them."""

    def __init__(self, threshold: float = COPY_JACCARD, window_days: int = COPY_WINDOW_DAYS) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=(0.2, 0.8))
        self._signatures: dict[str, Signature] = {}
        # Dated originals in the order they were added, so the oldest leave the window first.
        self._dated: deque[tuple[date, str]] = deque()

    def __len__(self) -> int:
        return len(self._signatures)

    @staticmethod
    def signature(text: str) -> Signature:
        """The MinHash of the text's shingles, and how many shingles there are."""
        found = shingles(text)
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch([s.encode("utf-8") for s in found])
        # The lean form drops the permutations: a third of the size where signatures travel.
        return LeanMinHash(signature), len(found)

    def _similarity(self, new: Signature, old: Signature) -> float:
        """The estimated Jaccard, or the containment when that passes its bar (scaled to it)."""
        jaccard = new[0].jaccard(old[0])
        shared = jaccard * (new[1] + old[1]) / (1 + jaccard)
        containment = shared / max(1, min(new[1], old[1]))
        if jaccard >= self.threshold or containment < COPY_CONTAINMENT:
            return jaccard
        return max(jaccard, self.threshold)

    def check(
        self, doc_id: str, text: str, published: date | None, signature: Signature | None = None
    ) -> CopyLink | None:
        """The original `text` copies, or None after adding it to the index as an original.

        Articles are expected in publication order (undated ones last); the best match wins,
        ties going to the earliest indexed original, so the answer is the same on every run.

        Args:
            signature: `text`'s, when computed ahead.
        """
        if published is not None:
            self._expire(published)
        signature = signature or self.signature(text)
        best: tuple[float, str] | None = None
        for candidate in sorted(self._lsh.query(signature[0])):
            similarity = self._similarity(signature, self._signatures[candidate])
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, candidate)
        if best is not None:
            return CopyLink(doc_id=doc_id, original_id=best[1], similarity=round(best[0], 4))
        self.add(doc_id, signature, published)
        return None

    def add(self, doc_id: str, signature: Signature, published: date | None) -> None:
        if doc_id in self._signatures:
            return
        self._lsh.insert(doc_id, signature[0])
        self._signatures[doc_id] = signature
        if published is not None:
            self._dated.append((published, doc_id))

    def _expire(self, today: date) -> None:
        while self._dated and (today - self._dated[0][0]).days > self.window_days:
            _, doc_id = self._dated.popleft()
            self._lsh.remove(doc_id)
            del self._signatures[doc_id]
