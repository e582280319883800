"""Alert rules: read from the `[[rule]]` tables of an alerts file, and matched against the store.

Four kinds of rule, each looking at what arrived since the rules last ran (documents stored
after the watermark; on a database where they never ran, all of it):

- `event`: an event of the given PLOVER `types` involving the given `countries` (ISO3, either
  side; `both = true`: both sides) or `actors` (an actor id, or part of a name), optionally
  within Goldstein bounds; one alert per consolidated event (all outlets' reports together);
- `story`: a story reaching `min_outlets` outlets (and `min_articles` articles);
- `goldstein`: a dyad of countries (`dyad = ["CHN", "RUS"]`, or every dyad with new events)
  whose mean Goldstein score over a window of `window_days` falls by `fall` (or rises by
  `rise`) or more against the window before, each window holding `min_events` events or more
  (windows are fixed periods of `window_days` days from 1970-01-01, so each fires once a period);
- `new_pair`: a pair of actors (`by = "actor"`) or countries (`by = "country"`) with
  `min_events` conflict events (Goldstein below 0) in what arrived, and no event at all before.

Each match is a `Candidate` with a key (rule name and subject), so that it fires once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from eventwire.coding import plover_types
from eventwire.errors import E, EventwireError
from eventwire.store import Store
from eventwire.store.alerts import fired_subjects

RuleKind = Literal["event", "story", "goldstein", "new_pair"]
KINDS: tuple[str, ...] = ("event", "story", "goldstein", "new_pair")
EVIDENCE_EVENTS = 20
"""Most event ids (and links) an alert carries; the counts say how many matched."""
EPOCH = dt.date(1970, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule; fields a kind does not use keep their defaults."""

    name: str
    kind: RuleKind
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    both: bool = False
    min_goldstein: float | None = None
    max_goldstein: float | None = None
    min_outlets: int = 2
    min_articles: int = 1
    dyad: tuple[str, str] | None = None
    window_days: int = 7
    fall: float | None = None
    rise: float | None = None
    min_events: int = 1
    by: Literal["actor", "country"] = "actor"


@dataclass(slots=True)
class Candidate:
    """A match of a rule, before it is known whether it fired already."""

    key: str
    rule: str
    kind: str
    title: str
    subjects: list[str]
    """What it is about (event ids, a story id, a dyad): an event alert is not fired again for
    an event another alert of its rule already covered."""
    evidence: dict[str, Any] = field(default_factory=dict)


# -- reading the rules ----------------------------------------------------------------------

_KEYS: dict[str, set[str]] = {
    "event": {"types", "countries", "actors", "both", "min_goldstein", "max_goldstein"},
    "story": {"min_outlets", "min_articles"},
    "goldstein": {"dyad", "window_days", "fall", "rise", "min_events"},
    "new_pair": {"by", "min_events", "types"},
}


def parse_rule(table: dict[str, Any], where: str, path: str) -> Rule:
    """One `[[rule]]` table.

    Raises:
        EventwireError: E812 naming the rule and what is wrong with it.
    """

    def bad(detail: str) -> EventwireError:
        return EventwireError(E.E812, path=path, detail=f"{where}: {detail}")

    name, kind = table.get("name"), table.get("kind")
    if not isinstance(name, str) or not name.strip() or ":" in name:
        raise bad("'name' must be text without ':'")
    where = f"rule {name!r}"
    if kind not in KINDS:
        raise bad(f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    unknown = set(table) - {"name", "kind"} - _KEYS[kind]
    if unknown:
        raise bad(f"unknown key(s) {sorted(unknown)} for kind {kind} (known: {sorted(_KEYS[kind])})")
    values: dict[str, Any] = {}
    for key in ("types", "countries", "actors"):
        if key in table:
            items = table[key]
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                raise bad(f"'{key}' must be a list of text")
            values[key] = tuple(i.strip().upper() if key != "actors" else i.strip() for i in items)
    unknown_types = set(values.get("types", ())) - set(plover_types())
    if unknown_types:
        raise bad(f"unknown PLOVER type(s) {sorted(unknown_types)} (known: {', '.join(plover_types())})")
    for key in ("min_goldstein", "max_goldstein", "fall", "rise"):
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise bad(f"'{key}' must be a number")
            if key in ("fall", "rise") and value <= 0:
                raise bad(f"'{key}' must be above 0")
            values[key] = float(value)
    for key, least in (("min_outlets", 1), ("min_articles", 1), ("window_days", 1), ("min_events", 1)):
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise bad(f"'{key}' must be a whole number >= {least}")
            values[key] = value
    if "both" in table:
        if not isinstance(table["both"], bool):
            raise bad("'both' must be true or false")
        values["both"] = table["both"]
    if "dyad" in table:
        dyad = table["dyad"]
        if not (isinstance(dyad, list) and len(dyad) == 2 and all(isinstance(c, str) for c in dyad)):
            raise bad('\'dyad\' must be two country codes, like ["CHN", "RUS"]')
        first, second = sorted(c.strip().upper() for c in dyad)
        values["dyad"] = (first, second)
    if "by" in table:
        if table["by"] not in ("actor", "country"):
            raise bad('\'by\' must be "actor" or "country"')
        values["by"] = table["by"]
    if kind == "event" and not (values.get("types") or values.get("countries") or values.get("actors")):
        raise bad("an event rule needs 'types', 'countries' or 'actors' (or it would match every event)")
    if kind == "goldstein" and ("fall" in values) == ("rise" in values):
        raise bad("a goldstein rule needs one of 'fall' or 'rise'")
    if kind == "goldstein" and "min_events" not in values:
        values["min_events"] = 3
    return Rule(name=name.strip(), kind=kind, **values)


# -- matching -------------------------------------------------------------------------------


def evaluate(store: Store, rules: tuple[Rule, ...], since: dt.datetime | None) -> list[Candidate]:
    """Every match of `rules` among documents stored after `since` (all documents when None)."""
    matchers = {
        "event": _event_matches,
        "story": _story_matches,
        "goldstein": _goldstein_matches,
        "new_pair": _pair_matches,
    }
    found: list[Candidate] = []
    for rule in rules:
        found.extend(matchers[rule.kind](store, rule, since))
    return found


def _new(since: dt.datetime | None, alias: str = "d") -> tuple[str, list[Any]]:
    if since is None:
        return "TRUE", []
    return f"{alias}.ingested_at > ?", [since]


def _articles(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    return store.query(
        "SELECT doc_id AS id, title, outlet, published, url FROM articles WHERE doc_id IN ? ORDER BY doc_id",
        [sorted(set(doc_ids))],
    )


EVENT_SQL = """
SELECT e.event_id, e.doc_id, e.type, e.cameo, e.goldstein, e.date, e.evidence,
       s.actor_id AS source_id, s.name AS source_name, s.country AS source_country,
       t.actor_id AS target_id, t.name AS target_name, t.country AS target_country,
       r.cevent_id, sa.story_id
FROM events e JOIN documents d ON d.doc_id = e.doc_id
JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id
LEFT JOIN event_reports r ON r.event_id = e.event_id
LEFT JOIN story_articles sa ON sa.doc_id = e.doc_id
WHERE {new} ORDER BY e.event_id"""


def _event_fits(rule: Rule, row: dict[str, Any]) -> bool:
    if rule.types and row["type"] not in rule.types:
        return False
    if rule.min_goldstein is not None and row["goldstein"] < rule.min_goldstein:
        return False
    if rule.max_goldstein is not None and row["goldstein"] > rule.max_goldstein:
        return False
    if rule.countries:
        sides = [row["source_country"] in rule.countries, row["target_country"] in rule.countries]
        if not (all(sides) if rule.both else any(sides)):
            return False
    if rule.actors:
        names = [row["source_name"].lower(), row["target_name"].lower()]
        ids = [row["source_id"], row["target_id"]]
        if not any(a in ids or any(a.lower() in n for n in names) for a in rule.actors):
            return False
    return True


def _event_matches(store: Store, rule: Rule, since: dt.datetime | None) -> list[Candidate]:
    new, params = _new(since)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.query(EVENT_SQL.format(new=new), params):
        if _event_fits(rule, row):
            groups[row["cevent_id"] or row["event_id"]].append(row)
    fired = fired_subjects(store, rule.name)
    found = []
    for group_id, rows in sorted(groups.items()):
        ids = sorted(r["event_id"] for r in rows)
        if fired.intersection(ids):
            continue
        first = min(rows, key=lambda r: (r["date"] or dt.date.max, r["event_id"]))
        when = f" on {first['date']}" if first["date"] else ""
        found.append(
            Candidate(
                key=f"{rule.name}:{group_id}",
                rule=rule.name,
                kind=rule.kind,
                title=f"{first['source_name']} {first['type']} {first['target_name']}{when}",
                subjects=ids,
                evidence={
                    "event_ids": ids[:EVIDENCE_EVENTS],
                    "events": len(ids),
                    "consolidated_event": first["cevent_id"],
                    "story_id": first["story_id"],
                    "type": first["type"],
                    "cameo": first["cameo"],
                    "goldstein": first["goldstein"],
                    "date": first["date"],
                    "source": first["source_name"],
                    "target": first["target_name"],
                    "evidence": first["evidence"],
                    "articles": _articles(store, [r["doc_id"] for r in rows]),
                    "links": {
                        "events": [f"/events/{i}" for i in ids[:EVIDENCE_EVENTS]],
                        **({"story": f"/stories/{first['story_id']}"} if first["story_id"] else {}),
                    },
                },
            )
        )
    return found


def _story_matches(store: Store, rule: Rule, since: dt.datetime | None) -> list[Candidate]:
    new, params = _new(since)
    rows = store.query(
        f"""SELECT st.story_id, st.title, st.n_articles, st.n_outlets, st.first_published, st.last_published
        FROM stories st
        WHERE st.story_id IN (
            SELECT sa.story_id FROM story_articles sa JOIN documents d USING (doc_id) WHERE {new})
          AND st.n_outlets >= ? AND st.n_articles >= ?
        ORDER BY st.story_id""",
        [*params, rule.min_outlets, rule.min_articles],
    )
    found = []
    for row in rows:
        members = [
            r["doc_id"]
            for r in store.query(
                "SELECT doc_id FROM story_articles WHERE story_id = ? ORDER BY seq", [row["story_id"]]
            )
        ]
        found.append(
            Candidate(
                key=f"{rule.name}:{row['story_id']}",
                rule=rule.name,
                kind=rule.kind,
                title=f"{row['title'] or row['story_id']}: "
                f"{row['n_outlets']} outlets, {row['n_articles']} articles",
                subjects=[row["story_id"]],
                evidence={
                    "story_id": row["story_id"],
                    "outlets": row["n_outlets"],
                    "articles": _articles(store, members),
                    "first_published": row["first_published"],
                    "last_published": row["last_published"],
                    "links": {"story": f"/stories/{row['story_id']}"},
                },
            )
        )
    return found


DYAD_SQL = """
SELECT c.cevent_id, c.date, c.goldstein,
       least(s.country, t.country) AS a, greatest(s.country, t.country) AS b,
       list(DISTINCT r.event_id ORDER BY r.event_id) AS event_ids, bool_or({new}) AS fresh
FROM consolidated_events c
JOIN actors s ON s.actor_id = c.source_id JOIN actors t ON t.actor_id = c.target_id
JOIN event_reports r ON r.cevent_id = c.cevent_id JOIN events e ON e.event_id = r.event_id
JOIN documents d ON d.doc_id = e.doc_id
WHERE c.date IS NOT NULL AND s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country
GROUP BY ALL"""


def _goldstein_matches(store: Store, rule: Rule, since: dt.datetime | None) -> list[Candidate]:
    new, params = _new(since)
    by_dyad: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in store.query(DYAD_SQL.format(new=new), params):
        by_dyad[(row["a"], row["b"])].append(row)
    found = []
    for dyad, rows in sorted(by_dyad.items()):
        if (rule.dyad and dyad != rule.dyad) or not any(r["fresh"] for r in rows):
            continue
        periods: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            periods[(row["date"].toordinal() - EPOCH) // rule.window_days].append(row)
        current = max(periods)
        now, before = periods[current], periods.get(current - 1, [])
        if len(now) < rule.min_events or len(before) < rule.min_events:
            continue
        mean_now = sum(r["goldstein"] for r in now) / len(now)
        mean_before = sum(r["goldstein"] for r in before) / len(before)
        change = mean_now - mean_before
        if not ((rule.fall and change <= -rule.fall) or (rule.rise and change >= rule.rise)):
            continue
        start = dt.date.fromordinal(EPOCH + current * rule.window_days)
        end = start + dt.timedelta(days=rule.window_days - 1)
        ids = sorted({i for r in now for i in r["event_ids"]})
        direction = "fell" if change < 0 else "rose"
        a, b = dyad
        found.append(
            Candidate(
                key=f"{rule.name}:{a}-{b}:{start}",
                rule=rule.name,
                kind=rule.kind,
                title=f"{a}-{b}: mean Goldstein {direction} from {mean_before:+.2f} to {mean_now:+.2f} "
                f"({start} to {end})",
                subjects=[f"{a}-{b}:{start}"],
                evidence={
                    "dyad": [a, b],
                    "window": [start, end],
                    "previous_window": [
                        start - dt.timedelta(days=rule.window_days),
                        start - dt.timedelta(days=1),
                    ],
                    "mean_goldstein": round(mean_now, 3),
                    "previous_mean_goldstein": round(mean_before, 3),
                    "change": round(change, 3),
                    "events": len(now),
                    "previous_events": len(before),
                    "event_ids": ids[:EVIDENCE_EVENTS],
                    "links": {
                        "dyad": f"/dyads/{a}/{b}",
                        "events": [f"/events/{i}" for i in ids[:EVIDENCE_EVENTS]],
                    },
                },
            )
        )
    return found


PAIR_SQL = """
SELECT e.event_id, e.doc_id, e.type, e.goldstein, {new} AS fresh,
       least({a}, {b}) AS first, greatest({a}, {b}) AS second,
       CASE WHEN {a} <= {b} THEN s.name ELSE t.name END AS first_name,
       CASE WHEN {a} <= {b} THEN t.name ELSE s.name END AS second_name
FROM events e JOIN documents d ON d.doc_id = e.doc_id
JOIN actors s ON s.actor_id = e.source_id JOIN actors t ON t.actor_id = e.target_id
WHERE {a} IS NOT NULL AND {b} IS NOT NULL AND {a} <> {b}
ORDER BY e.event_id"""


def _pair_matches(store: Store, rule: Rule, since: dt.datetime | None) -> list[Candidate]:
    new, params = _new(since)
    a, b = ("s.country", "t.country") if rule.by == "country" else ("s.actor_id", "t.actor_id")
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in store.query(PAIR_SQL.format(new=new, a=a, b=b), params):
        pairs[(row["first"], row["second"])].append(row)
    found = []
    for (first, second), rows in sorted(pairs.items()):
        if any(not r["fresh"] for r in rows):
            continue  # the pair was known before
        conflict = [r for r in rows if r["goldstein"] < 0 and (not rule.types or r["type"] in rule.types)]
        if len(conflict) < rule.min_events:
            continue
        ids = sorted(r["event_id"] for r in conflict)
        names = (rows[0]["first_name"], rows[0]["second_name"]) if rule.by == "actor" else (first, second)
        found.append(
            Candidate(
                key=f"{rule.name}:{first}|{second}",
                rule=rule.name,
                kind=rule.kind,
                title=f"new pair in conflict: {names[0]} and {names[1]} ({len(conflict)} conflict events)",
                subjects=[f"{first}|{second}"],
                evidence={
                    "pair": [first, second],
                    "names": list(names),
                    "events": len(conflict),
                    "event_ids": ids[:EVIDENCE_EVENTS],
                    "articles": _articles(store, [r["doc_id"] for r in conflict]),
                    "links": {
                        "dyad": f"/dyads/{first}/{second}",
                        "events": [f"/events/{i}" for i in ids[:EVIDENCE_EVENTS]],
                    },
                },
            )
        )
    return found
