"""One layered, frozen configuration: packaged defaults, then a user TOML file, then flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AlignConfig:
    paraphrase_threshold: float = 0.4
    near_threshold: float = 0.8
    containment_threshold: float = 0.5
    verbatim_threshold: float = 0.97
    min_tokens: int = 5


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    words: int = 120
    centrality_weight: float = 1.0
    coverage_weight: float = 1.0
    position_weight: float = 0.6
    position_decay: float = 0.0
    title_weight: float = 0.0
    redundancy_threshold: float = 0.3
    min_words: int = 7
    max_words: int = 55
    dangling_penalty: float = 0.5
    length_weight: float = 0.3
    novelty_weight: float = 0.3
    mmr_weight: float = 0.5


@dataclass(frozen=True, slots=True)
class Config:
    align: AlignConfig = AlignConfig()
    summary: SummaryConfig = SummaryConfig()
    # Keys of [multi_summary]: they override [summary] when a batch holds several articles.
    multi_summary: tuple[tuple[str, Any], ...] = ()

    def summary_for(self, n_articles: int) -> SummaryConfig:
        """The summary settings for a batch of ``n_articles`` articles."""
        return replace(self.summary, **dict(self.multi_summary)) if n_articles > 1 else self.summary


class ConfigError(ValueError):
    """A configuration file or value that cannot be used."""


def _section(cls: type[T], base: T, values: dict[str, Any], where: str) -> T:
    known = {f.name: f.type for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(known)}")
    for key, value in values.items():
        expected = type(getattr(base, key))
        if not isinstance(value, expected) and not (expected is float and isinstance(value, int)):
            raise ConfigError(f"{where}: {key} must be a {expected.__name__}, got {value!r}")
    return replace(base, **{k: float(v) if isinstance(getattr(base, k), float) else v  # type: ignore[type-var]
                            for k, v in values.items()})


def merge(config: Config, data: dict[str, Any], where: str) -> Config:
    """Return ``config`` with the sections and keys of ``data`` applied (unknown keys are errors)."""
    unknown = sorted(set(data) - {"align", "summary", "multi_summary"})
    if unknown:
        raise ConfigError(f"{where}: unknown section(s) {', '.join(unknown)}; known: align, summary, multi_summary")
    multi = {**dict(config.multi_summary), **data.get("multi_summary", {})}
    checked = _section(SummaryConfig, SummaryConfig(), multi, f"{where} [multi_summary]")
    return Config(
        align=_section(AlignConfig, config.align, data.get("align", {}), f"{where} [align]"),
        summary=_section(SummaryConfig, config.summary, data.get("summary", {}), f"{where} [summary]"),
        multi_summary=tuple(sorted((key, getattr(checked, key)) for key in multi)),
    )


def load_config(user_file: Path | None = None) -> Config:
    """Packaged defaults, then ``user_file`` if given."""
    text = resources.files("akhbar.resources").joinpath("defaults.toml").read_text(encoding="utf-8")
    config = merge(Config(), tomllib.loads(text), "packaged defaults.toml")
    if user_file is None:
        return config
    try:
        data = tomllib.loads(user_file.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{user_file}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{user_file}: not valid TOML: {error}") from None
    return merge(config, data, str(user_file))
