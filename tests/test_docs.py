"""No dead links in the documentation: every internal link of README.md and docs/*.md names a file
that exists and, when it has one, an anchor that one of that file's headings makes (GitHub's rules,
Arabic headings included). The README stays a user's guide and keeps the two commands on its first
screen."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.M | re.S)
_CODE = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^()\s]+(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.M)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text (inline markup dropped) lower-cased, every character that is
    not a letter, a digit, a mark, ``-``, ``_`` or a space removed, spaces made hyphens."""
    text = _CODE.sub(lambda m: m.group(2), heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link shows its text
    text = re.sub(r"<[^>]+>", "", text).lower()
    kept = "".join(c for c in text if c in "-_ " or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor of ``path``: one per heading, repeated headings numbered ``-1``, ``-2`` as GitHub does."""
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    seen: Counter[str] = Counter()
    found = set()
    for match in _HEADING.finditer(text):
        base = slug(match.group(2))
        found.add(base if not seen[base] else f"{base}-{seen[base]}")
        seen[base] += 1
    return found


def links(path: Path) -> list[str]:
    """The link targets of ``path`` outside code blocks and code spans."""
    text = _CODE.sub("", _FENCE.sub("", path.read_text(encoding="utf-8")))
    return [m.group(1) for m in _LINK.finditer(text)]


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Limits, bad input and exit codes", "limits-bad-input-and-exit-codes"),
        ("Summary quality (ROUGE, single document)", "summary-quality-rouge-single-document"),
        ("Spark: how the work is spread", "spark-how-the-work-is-spread"),
        ("`akhbar stories` and the store", "akhbar-stories-and-the-store"),
        ("akhbar · أخبار", "akhbar--أخبار"),
        ("الوقائع جنبًا إلى جنب", "الوقائع-جنبًا-إلى-جنب"),
    ],
)
def test_slug_follows_github(heading: str, anchor: str) -> None:
    assert slug(heading) == anchor


def test_the_checker_finds_a_dead_link(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("# Title\n\n[ok](#title) [dead](#nowhere) `[code](#not-a-link)`\n", encoding="utf-8")
    assert links(page) == ["#title", "#nowhere"]
    assert anchors(page) == {"title"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_internal_link_resolves(doc: Path) -> None:
    dead = []
    for target in links(doc):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
            continue
        file_part, _, anchor = target.partition("#")
        file = (doc.parent / file_part).resolve() if file_part else doc
        if not file.exists():
            dead.append(f"{target}: no file {file_part}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            dead.append(f"{target}: no heading makes #{anchor} in {file.name}")
    assert dead == []


def test_readme_is_a_guide_with_the_two_commands_first() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 380
    first_screen = "\n".join(text.splitlines()[:40])
    assert "make demo" in first_screen and "make test" in first_screen
    for section in ("Command line", "Stories", "Live feeds", "Storylines", "Web page and API", "Spark", "Python API",
                    "Limits, bad input and exit codes"):
        assert re.search(rf"^## {re.escape(section)}$", text, re.M), section


def test_every_cited_script_exists() -> None:
    """``benchmarks/`` and ``scripts/`` keep what the documentation cites."""
    cited = {m for doc in DOCS for m in re.findall(r"\b(?:benchmarks|scripts)/[\w.]+\.py", doc.read_text(encoding="utf-8"))}
    assert cited and sorted(c for c in cited if not (REPO / c).is_file()) == []
