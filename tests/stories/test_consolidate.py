from datetime import date

from eventwire.stories.consolidate import Report, consolidate


def _report(event_id, doc_id, story, day, *, source="Wang Yi", target="Sergei Lavrov", outlet="A",
            location=None, source_sector="GOV", type_="CONSULT", target_key="RUS"):
    person = "person"
    return Report(
        event_id=event_id, doc_id=doc_id, story_id=story, type=type_, mode=None, cameo="040",
        goldstein=1.0, source_id=source, target_id=target, source_key="CHN", target_key=target_key,
        source_name=source, target_name=target, source_kind=person, target_kind=person,
        source_sector=source_sector, target_sector="GOV", date=day, location=location,
        evidence=f"{source} met {target}", outlet=outlet,
    )


def test_reports_of_one_meeting_from_several_outlets_are_one_event():
    events = consolidate([
        _report("e1", "d1", "s1", date(2017, 5, 26), outlet="A", location="Moscow"),
        _report("e2", "d2", "s1", date(2017, 5, 26), outlet="B", location="Moscow"),
        _report("e3", "d3", "s1", None, outlet="C"),
    ])
    assert len(events) == 1
    event = events[0]
    assert (event.n_reports, event.n_articles, event.n_outlets) == (3, 3, 3)
    assert event.date == date(2017, 5, 26)
    assert event.location == "Moscow"
    assert event.disagreements == []


def test_reports_a_day_apart_merge_and_the_disagreement_is_flagged():
    events = consolidate([
        _report("e1", "d1", "s1", date(2017, 5, 25), location="Kremlin"),
        _report("e2", "d2", "s2", date(2017, 5, 26), outlet="B", location="Sochi"),
    ])
    assert len(events) == 1
    fields = {d["field"]: d["values"] for d in events[0].disagreements}
    assert fields["date"] == ["2017-05-25", "2017-05-26"]
    assert fields["place"] == ["Kremlin", "Sochi"]


def test_a_place_named_at_two_grains_is_not_a_disagreement():
    events = consolidate([
        _report("e1", "d1", "s1", date(2017, 5, 26), location="Moscow"),
        _report("e2", "d2", "s1", date(2017, 5, 26), outlet="B", location="Moscow's Kremlin"),
    ])
    assert events[0].disagreements == []


def test_different_people_on_one_side_are_different_events():
    events = consolidate([
        _report("e1", "d1", "s1", date(2017, 5, 26), target="Sergei Lavrov"),
        _report("e2", "d1", "s1", date(2017, 5, 25), target="Vladimir Putin"),
    ])
    assert len(events) == 2


def test_events_far_apart_or_of_other_types_stay_apart():
    events = consolidate([
        _report("e1", "d1", "s1", date(2017, 5, 26)),
        _report("e2", "d2", "s2", date(2017, 7, 26), outlet="B"),
        _report("e3", "d3", "s1", date(2017, 5, 26), type_="AGREE"),
        _report("e4", "d4", "s1", date(2017, 5, 26), target_key="USA", target="Rex Tillerson"),
    ])
    assert len(events) == 4


def test_a_syndicated_copy_counts_as_an_article_and_outlet_of_its_originals_reports():
    events = consolidate([_report("e1", "d1", "s1", date(2017, 5, 26), outlet="Wire")],
                         copies={"d1": [("d9", "Daily")]})
    assert (events[0].n_reports, events[0].n_articles, events[0].n_outlets) == (1, 2, 2)


def test_a_sector_disagreement_is_flagged():
    events = consolidate([
        _report("e1", "d1", "s1", date(2017, 5, 26), source_sector="MIL"),
        _report("e2", "d2", "s1", date(2017, 5, 26), source_sector="POL", source="Wang Yi"),
    ])
    assert {"field": "source", "values": ["MIL", "POL"]} in events[0].disagreements
