"""One event per real event: reports of the same event in one article are merged.

An article tells its main event more than once (lead, quote, background), and one sentence can
name one side twice ("Turkish jets and artillery struck"); the scorer, and a user counting
events, want each real event once, with the most specific actors and whatever date and place
any of its reports gives.
"""

from __future__ import annotations

from eventwire.records import Actor, Event


def same_event(a: Event, b: Event) -> bool:
    """Two reports of one event: same type and actors on a compatible day; or, within one
    sentence, parts of one side acting on parts of the other ("Turkish jets and artillery
    struck", "shelled the market, killing civilians"); or, on the same day, one side named as a
    person once and as their state once ("Lavrov met Wang Yi" ... "talks with his Chinese
    counterpart")."""
    if a.type != b.type:
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return False
    if a.source == b.source and a.target == b.target:
        return True
    if a.sentence_index != b.sentence_index and (a.date is None or a.date != b.date):
        return False
    return same_side(a.source, b.source) and same_side(a.target, b.target)


def same_side(a: Actor, b: Actor) -> bool:
    """One actor, or two names of one country's side in one sentence: same country and sector,
    not two different people ("jets" and "artillery"; "his counterpart Cho" and "South Korea").
    "Abiy's government and the TPLF" stay two: their sectors differ."""
    return a == b or (
        a.country is not None
        and a.country == b.country
        and a.sector == b.sector
        and (a.kind, b.kind).count("person") < 2
    )


def merge_duplicates(events: list[Event]) -> list[Event]:
    """One event per real event: a later mention fills in what the first one lacks."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if same_event(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        if twin.date is None and event.date is not None:
            twin.date, twin.date_precision, twin.date_reason = (
                event.date,
                event.date_precision,
                event.date_reason,
            )
        if twin.location is None and event.location is not None:
            twin.location = event.location
        # Keep the most specific actors: a named person over the state or body they act for.
        if event.source.kind == "person" and twin.source.kind != "person":
            twin.source = event.source
        if event.target.kind == "person" and twin.target.kind != "person":
            twin.target = event.target
        twin.confidence = max(twin.confidence, event.confidence)
    return kept
