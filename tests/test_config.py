from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.config import ConfigError, load_config


def _load(tmp_path: Path, text: str):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("align = 3\n", "[align]: must be a table"),
        ("[summary]\nwords = -5\n", "words must be between"),
        ("[align]\nmin_tokens = true\n", "min_tokens must be an int"),
        ("[align]\nnear_threshold = 1.5\n", "near_threshold must be between"),
        ("[summary]\nwordz = 3\n", "unknown key(s) wordz"),
        ("[sumary]\nwords = 30\n", "unknown section(s) sumary"),
        ("[summary\n", "not valid TOML"),
    ],
)
def test_bad_configuration_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        _load(tmp_path, text)


def test_non_utf8_config(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes("[summary]\n# تعليق\n".encode("cp1256"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_user_summary_keys_win_over_packaged_multi_summary(tmp_path: Path) -> None:
    config = _load(tmp_path, "[summary]\nmax_words = 12\n")
    assert config.summary_for(5).max_words == 12
    assert config.summary_for(1).max_words == 12


def test_user_multi_summary_applies_to_several_articles_only(tmp_path: Path) -> None:
    config = _load(tmp_path, "[multi_summary]\nwords = 60\n")
    assert config.summary_for(5).words == 60
    assert config.summary_for(1).words == load_config().summary.words
