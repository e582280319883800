"""Place names to gazetteer features: ambiguous names, venues, unknown places and fallbacks."""

from __future__ import annotations

import pytest

from eventwire.geo import Context, Gazetteer, Geocoder
from eventwire.geo.names import name_key
from eventwire.records import Actor, Event

MOSCOW = 524901


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(Gazetteer.load())


def _event(location: str | None, source: str | None, target: str | None, type_: str = "CONSULT") -> Event:
    return Event(
        doc_id="d", type=type_, source=Actor("A", country=source), target=Actor("B", country=target),
        cameo="040", goldstein=1.0, location=location,
    )


def test_geocoder_ambiguous_name_follows_the_event_and_article_countries(geocoder: Geocoder) -> None:
    # Tripoli is in Libya (the largest), Lebanon and Greece.
    alone = geocoder.resolve("Tripoli")
    assert alone is not None and alone.country == "LBY" and alone.feature == "city"
    lebanon = geocoder.resolve("Tripoli", Context(event=frozenset({"LB"})))
    assert lebanon is not None and lebanon.country == "LBN"
    assert "chosen by the event's countries" in lebanon.reason and "Libya" in lebanon.reason
    # No actor of the event is Lebanese, but the article is about Lebanon.
    story = geocoder.resolve("Tripoli", Context(article={"LB": 3, "US": 1}))
    assert story is not None and story.country == "LBN" and "the article's countries" in story.reason
    # The same through a whole article: the events' actors are the article's countries.
    events = [_event("Tripoli", "LBN", "LBN", "PROTEST"), _event(None, "LBN", "SYR")]
    geocoder.place_events(events)
    assert events[0].place is not None and events[0].place.country == "LBN"


def test_geocoder_dateline_decides_when_the_event_does_not(geocoder: Geocoder) -> None:
    # "Moscow" is also a town in Idaho; a story datelined in the US about Americans there keeps to Russia
    # only when nothing points to Idaho: here the event is American, so Idaho's Moscow wins.
    events = [_event("Moscow", "USA", "USA", "PROTEST")]
    geocoder.place_events(events, dateline="Boise")
    assert events[0].place is not None and events[0].place.country == "USA"
    events = [_event("Moscow", "CHN", "RUS")]
    geocoder.place_events(events, dateline="Boise")
    assert events[0].place is not None and events[0].place.geonames_id == MOSCOW


def test_geocoder_venue_is_placed_at_its_coordinates_with_its_citys_id(geocoder: Geocoder) -> None:
    place = geocoder.resolve("the Kremlin")
    assert place is not None and place.feature == "venue" and place.name == "Kremlin"
    assert place.geonames_id == MOSCOW and place.country == "RUS" and place.admin1 == "48"
    assert abs(place.lat - 55.752) < 0.01 and abs(place.lon - 37.6175) < 0.01  # type: ignore[operator]
    camp_david = geocoder.resolve("Camp David")
    assert camp_david is not None and camp_david.country == "USA" and camp_david.admin1 == "MD"
    assert camp_david.geonames_id is None  # outside every city of the gazetteer
    great_hall = geocoder.resolve("Great Hall of the People")
    assert great_hall is not None and great_hall.country == "CHN" and "Beijing" in great_hall.reason


def test_geocoder_venue_names_shared_by_countries_follow_the_context(geocoder: Geocoder) -> None:
    kenya = geocoder.resolve("State House", Context(event=frozenset({"KE"})))
    uganda = geocoder.resolve("State House", Context(event=frozenset({"UG"})))
    assert kenya is not None and uganda is not None
    assert (kenya.country, uganda.country) == ("KEN", "UGA")


def test_geocoder_unknown_place_falls_back_to_the_country_of_the_action(geocoder: Geocoder) -> None:
    assert geocoder.resolve("Nowhereville-on-Sea") is None
    meeting = _event("Nowhereville-on-Sea", "FRA", "DEU")
    attack = _event("Nowhereville-on-Sea", "RUS", "UKR", "ASSAULT")
    unplaced = _event(None, "FRA", "DEU")
    geocoder.place_events([meeting, attack, unplaced], dateline="Paris")
    assert meeting.place is not None and meeting.place.feature == "country" and meeting.place.country == "FRA"
    assert "'Nowhereville-on-Sea' is not in the gazetteer" in meeting.place.reason
    assert "the dateline (Paris)" in meeting.place.reason
    # Fighting happens where the target is, whatever the dateline.
    assert attack.place is not None and attack.place.country == "UKR" and "the target" in attack.place.reason
    assert unplaced.place is not None and unplaced.place.reason.startswith("no place named")
    assert meeting.place.lat is not None and meeting.place.lon is not None  # the country's map point


def test_geocoder_event_without_any_country_or_place_stays_unplaced(geocoder: Geocoder) -> None:
    event = _event(None, None, None)
    geocoder.place_events([event])
    assert event.place is None


@pytest.mark.parametrize(
    ("text", "feature", "country", "name"),
    [
        ("Iraq", "country", "IRQ", "Iraq"),  # not Arak, an Iranian city once called Iraq
        ("Gaza", "city", "PSE", "Gaza"),  # a city beats a country's alias
        ("Gaza Strip", "region", "PSE", "Gaza Strip"),
        ("northeast Syria", "country", "SYR", "Syria"),
        ("Chernihiv region", "city", "UKR", "Chernihiv"),
        ("Cucuta", "city", "COL", "Cúcuta"),  # accents folded
        ("Astana", "city", "KAZ", "Astana"),
        ("Zaporizhzhia", "city", "UKR", "Zaporizhzhya"),  # an alternate spelling
        ("Texas", "state", "USA", "Texas"),
        ("Mexico", "country", "MEX", "Mexico"),  # the country, not Mexico City
        ("Washington", "city", "USA", "Washington"),
    ],
)
def test_geocoder_reads_names_as_news_writes_them(
    geocoder: Geocoder, text: str, feature: str, country: str, name: str
) -> None:
    place = geocoder.resolve(text)
    assert place is not None, text
    assert (place.feature, place.country, place.name) == (feature, country, name)
    assert place.lat is not None and place.lon is not None


def test_geocoder_georgia_is_the_country_or_the_state_by_context(geocoder: Geocoder) -> None:
    assert geocoder.resolve("Georgia", Context(event=frozenset({"GE", "RU"}))).country == "GEO"  # type: ignore[union-attr]
    assert geocoder.resolve("Georgia", Context(event=frozenset({"US"}))).feature == "state"  # type: ignore[union-attr]


def test_gazetteer_country_codes_and_venue_cities() -> None:
    gazetteer = Gazetteer.load()
    russia = gazetteer.country("RUS")
    assert russia is not None and (russia.iso2, russia.fips, russia.geonames_id) == ("RU", "RS", 2017370)
    assert gazetteer.country("RU") == russia and gazetteer.country("XXX") is None
    # Every venue of our file sits in a city the gazetteer holds (loading checks it) and near it.
    for features in gazetteer.by_key.values():
        for feature in features:
            if feature.feature == "venue" and feature.city:
                city = gazetteer.cities[feature.geonames_id]  # type: ignore[index]
                assert abs(city.lat - feature.lat) < 0.5 and abs(city.lon - feature.lon) < 0.5, feature  # type: ignore[operator]


def test_names_key_folds_case_accents_apostrophes_and_the() -> None:
    assert name_key("The Élysée Palace") == name_key("elysee palace")
    assert name_key("Sana'a") == name_key("Sanaa")
    assert name_key("Ras al-Ain") == "ras al ain"
