"""Content that is not Arabic news: only numbers, only Latin, one word of 200,000 letters, marks and
emoji. Each is read, summarized with facts and written in every format, without an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akhbar.cli import app

runner = CliRunner()
AR = "قال وزير الخارجية إن المفاوضات بين الطرفين ستستأنف في جنيف الأسبوع المقبل بمشاركة الأمم المتحدة. "
TEXTS = {
    "numbers": "123 456 789 1000 2016 ١٢٣ ٤٥٦ 3.5 30,000 " * 200,
    "latin": "The quick brown fox jumps over the lazy dog. " * 200,
    "long-word": AR + "ب" * 200_000 + " " + AR,
    "marks": ("\u200f\u200e\u061c\u200b\u200d" + AR) * 20 + "😀🔥🇸🇾" * 1000,
    "diacritics": "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652" * 5_000,
    "punctuation": "." * 20_000 + "؟!،" * 5_000,
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_non_news_text_is_summarized_and_written_in_every_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(TEXTS[name], encoding="utf-8")
    for fmt in ("json", "md", "html", "text"):
        result = runner.invoke(app, ["summarize", str(path), "-f", fmt, "-q", *(["--no-facts"] if fmt != "json" else [])])
        assert result.exit_code in (0, 4), (fmt, result.output[-500:])
        assert "internal error" not in result.stderr
        if fmt == "json":
            data = json.loads(result.stdout)
            assert [a["id"] for a in data["articles"]] == [name]
