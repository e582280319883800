"""Sources files and flags: what they say, and coded errors for what they get wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.watch.sources import DEFAULT_INTERVAL, load_sources, normalise_url


def test_sources_file_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[fetch]\nhost_delay = 2\nuser_agent = "my-monitor/1.0"\n\n'
        '[[source]]\nurl = "https://News.Example/world/rss.xml"\nname = "Example Times"\ninterval = 300\n\n'
        '[[source]]\nurl = "https://news.example/sitemap-news.xml"\npages = true\nmax_items = 10\n',
        encoding="utf-8",
    )
    plan = load_sources(path, ["https://wire.example/feed?utm_medium=rss"], interval=60)

    assert [s.url for s in plan.sources] == [
        "https://news.example/world/rss.xml",
        "https://news.example/sitemap-news.xml",
        "https://wire.example/feed",
    ]
    assert plan.sources[0].name == "Example Times" and plan.sources[0].interval == 300
    assert plan.sources[1].interval == DEFAULT_INTERVAL and plan.sources[1].max_items == 10
    assert plan.sources[2].interval == 60
    assert plan.fetch.host_delay == 2.0 and plan.fetch.user_agent == "my-monitor/1.0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nurl = "ftp://x/feed"\n', "'url' must be an http(s) URL"),
        ('[[source]]\nurl = "https://x/feed"\ninterval = 0\n', "'interval'"),
        ('[[source]]\nurl = "https://x/feed"\nfeed = true\n', "unknown key"),
        ('[fetch]\ntimeout = "soon"\n[[source]]\nurl = "https://x/feed"\n', "'timeout'"),
        ("[[source]\n", "bad sources"),
        ('[sources]\nurl = "https://x/feed"\n', "unknown table"),
    ],
)
def test_sources_file_errors_are_coded(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventwireError) as caught:
        load_sources(path)
    assert caught.value.code == "E811"
    assert message in str(caught.value)


def test_sources_none_given() -> None:
    with pytest.raises(EventwireError) as caught:
        load_sources(None, [])
    assert caught.value.code == "E814"


def test_sources_url_normalisation_makes_one_spelling() -> None:
    spellings = [
        "http://News.Example:80/a/story.html?utm_source=x&id=3#comments",
        "http://news.example/a/story.html?id=3",
    ]
    assert len({normalise_url(u) for u in spellings}) == 1
