"""The one event query: every filter reaches the command line and the API; text parses back to it."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store.events import FILTERS, EventQuery, QueryError, parse_event_query, where

TYPES = ("ACCUSE", "CONSULT")


def _types() -> tuple[str, ...]:
    return TYPES


def test_event_query_every_filter_is_a_cli_option() -> None:
    result = CliRunner().invoke(app, ["events", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for f in FILTERS:
        assert f"--{f.param}" in result.output, f.param


def test_event_query_every_filter_is_an_api_parameter() -> None:
    pytest.importorskip("fastapi")
    from eventwire.serving.params import EVENT_PARAMS

    assert [p.name for p in EVENT_PARAMS] == [f.param for f in FILTERS]


def test_event_query_params_parse_back_to_the_query() -> None:
    query = EventQuery(
        actor="a0123456789abcde",
        role="target",
        country="CHN",
        dyad=("CHN", "RUS"),
        type="CONSULT",
        since=date(2025, 1, 1),
        until=date(2025, 2, 1),
        doc_id="doc-1",
    )
    assert set(query.params()) == {f.param for f in FILTERS}
    assert parse_event_query(query.params(), _types) == query
    assert EventQuery().params() == {}


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"since": "2025-13-01"}, "since"),
        ({"country": "China"}, "country"),
        ({"dyad": "CHN"}, "dyad"),
        ({"type": "PARTY"}, "type"),
        ({"role": "source"}, "role"),
        ({"since": "2025-02-01", "until": "2025-01-01"}, "since"),
    ],
)
def test_event_query_bad_text_names_its_parameter(params: dict[str, str], param: str) -> None:
    with pytest.raises(QueryError) as error:
        parse_event_query(params, _types)
    assert error.value.param == param and error.value.message


def test_event_query_types_are_asked_for_only_when_a_type_is_given() -> None:
    def no_types() -> tuple[str, ...]:
        raise AssertionError("types looked up for a query without a type")

    assert parse_event_query({"actor": "Wang", "type": " "}, no_types) == EventQuery(actor="Wang")


def test_event_query_where_takes_every_filter() -> None:
    sql, params = where(EventQuery(actor="50%", country="rus", type="consult", doc_id="d"))
    assert sql.startswith(" WHERE ") and sql.count(" AND ") == 3
    assert params == ["50%", "50%", "RUS", "RUS", "CONSULT", "d"]
    assert where(EventQuery()) == ("", [])
