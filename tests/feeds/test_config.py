"""FEEDS.toml: what is accepted, and a clear error naming the file and key for what is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.feeds.config import DEFAULT_INTERVAL, FeedsConfigError, load_feeds

GOOD = """
[watch]
delay = 2
contact = "mailto:desk@example.org"
project_url = "https://news.example.org/crawler"

[[feed]]
url = "https://www.example.com/rss.xml"
outlet = "المثال"

[[feed]]
url = "http://news.example.org/atom"
outlet = "أخبار"
interval = 900
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "FEEDS.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file(tmp_path: Path) -> None:
    config = load_feeds(write(tmp_path, GOOD))
    first, second = config.feeds
    assert (first.url, first.outlet, first.interval) == ("https://www.example.com/rss.xml", "المثال", None)
    assert config.interval_of(first) == DEFAULT_INTERVAL and config.interval_of(second) == 900
    assert config.fetch.delay == 2 and config.fetch.contact == "mailto:desk@example.org"
    assert config.fetch.project_url == "https://news.example.org/crawler"


@pytest.mark.parametrize(("text", "message"), [
    ('[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\ncolour = "red"\n', "unknown key 'colour'"),
    ('[[feed]]\nurl = "https://a.example/rss"\n', "missing 'outlet'"),
    ('[[feed]]\nurl = "ftp://a.example/rss"\noutlet = "x"\n', "http:// or https://"),
    ('[[feed]]\nurl = "https://a.example/rss"\noutlet = ""\n', "outlet must be"),
    ('[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\ninterval = 5\n', "at most once a minute"),
    ('[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\ninterval = "often"\n', "positive number"),
    ('[watch]\ndelay = -1\n[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\n', "delay: must be a positive"),
    ('[watch]\nspeed = 3\n[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\n', "unknown key 'speed'"),
    ('[watch]\nmax_bytes = 1.5\n[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\n', "whole number"),
    ('[watch]\nproject_url = "akhbar"\n[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\n', "project_url"),
    ("[[feeds]]\nurl = 1\n", "unknown table or key 'feeds'"),
    ("", "no feed"),
    ('[[feed]]\nurl = "https://a.example/rss"\noutlet = "x"\n[[feed]]\nurl = "https://a.example/rss"\noutlet = "y"\n',
     "listed twice"),
    ("[[feed]\n", "not valid TOML"),
])
def test_bad_file_names_the_file_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FeedsConfigError, match=r"FEEDS\.toml") as caught:
        load_feeds(path)
    assert message in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedsConfigError, match="cannot read"):
        load_feeds(tmp_path / "nope.toml")
