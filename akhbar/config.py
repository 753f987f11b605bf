"""One layered, frozen configuration: packaged defaults, then a user TOML file, then flags."""

from __future__ import annotations

import math
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
    max_df: int = 400


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
    lead_first: int = 0  # 1: take every article's lead, then its next sentences (akhbar.summarize.leads)
    overlap_threshold: float = 0.5  # lead-first: share of a sentence's meaning already said that makes it a repeat
    sentence_share: float = 1.0  # lead-first: the largest share of the budget one sentence may take
    background_df: int = 0  # lead-first: add an archive's stem frequencies to the batch's (overlap weights)
    round_by_novelty: int = 0  # lead-first: in each round, the sentences adding the most come first
    lead_reserve: int = 0  # lead-first: words kept from the leads after the first, for what else happened
    lead_overflow: float = 1.0  # lead-first: the reserve binds only when the leads need this many budgets
    lead_reserve_until: int = 100_000  # lead-first: ... and only in summaries of at most this many words
    leads_by_score: int = 0  # lead-first: after the first report's lead, the other leads by unit score
    rounds_by_position: int = 0  # lead-first: rounds walked by position; deeper sentences by unit score (0: all)
    told_groups: int = 1  # lead-first: a sentence of a paraphrase group one of whose sentences is taken is a repeat
    same_fact: int = 0  # lead-first: a sentence telling the fact of a taken one in other words is a repeat (samefact)
    same_fact_until: int = 100_000  # lead-first: ... only in summaries of at most this many words
    same_fact_threshold: float = 0.3  # shared rare weight that links two sentences of different outlets (samefact)
    min_outlets: int = 3  # lead-first: a summary of k outlets cites at least min(k, this) when they add facts
    since: int = 0  # YYYYMMDD: summarize only what the articles of that day or later add (0: everything)


@dataclass(frozen=True, slots=True)
class DedupConfig:
    shingle_size: int = 3
    num_perm: int = 128
    lsh_threshold: float = 0.5  # MinHash LSH band threshold: candidates only
    near_duplicate: float = 0.7  # verified shingle Jaccard that makes a near-duplicate link


@dataclass(frozen=True, slots=True)
class BoilerplateConfig:
    min_share: float = 0.0015  # of an outlet's articles that must hold a sentence
    min_articles: int = 10  # and never fewer articles than this


@dataclass(frozen=True, slots=True)
class StoryConfig:
    window_days: int = 3  # an open story takes articles up to this many days after its newest one
    join_threshold: float = 0.25
    max_df: int = 400
    thread_days: int = 10  # a quiet story can still be taken up again this many days after its newest article
    thread_threshold: float = 0.5  # the similarity that takes up a story quiet for more than window_days
    undated_threshold: float = 0.2  # the similarity an undated article needs: only its text places it
    line_threshold: float = 0.25  # cosine of a story to a storyline's centroid for it to join the storyline
    line_days: int = 60  # a storyline takes stories up to this many days after its newest one
    line_lead_words: int = 30  # a story's storyline terms: its members' titles and this many lead words
    line_name_weight: float = 1.0  # known names weigh this many times in a story's storyline vector
    line_vector_weight: float = 0.0  # share of the word-vector cosine in a storyline score (0: not used)
    line_merge_threshold: float = 0.0  # a story this close to two storylines joins them (0: never)
    title_weight: int = 3  # the title's stems count this many times
    lead_words: int = 60  # only the body's first words describe the event (the rest is background)
    query_terms: int = 12  # an article looks stories up by this many of its rarest, heaviest terms
    index_terms: int = 60  # ... and files its story under this many
    posting_cap: int = 60  # stories read per term, most recently updated first
    candidates: int = 12  # stories scored in full per article
    background_df: int = 1  # 1: IDF adds the shipped archive document frequencies (small feeds)
    specific_df: int = 50  # to join, a story and an article share a term held by at most this many archive
    specific_burst: float = 0.85  # articles or one that comes in bursts (burst below this); specific_df 0: no check
    specific_top: int = 12  # ... among the article's this many heaviest terms (0: any of its terms)
    place_veto: int = 1  # 1: an article and a story whose main places differ do not join on another day


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Limits of `akhbar serve`: what one request may hold, and how many jobs wait."""

    max_request_mb: int = 32  # a request body over this is refused with 413
    max_files: int = 500  # uploaded files plus the entries of uploaded zips, in one request
    max_unzipped_mb: int = 256  # total uncompressed size of the zip entries of one request
    max_zip_ratio: int = 200  # an entry that inflates more than this is taken for a zip bomb
    max_articles: int = 5000  # articles in one request
    max_pending_jobs: int = 16  # queued and running jobs of one server process; more get 503
    job_ttl_minutes: int = 60  # a finished job's result is kept this long


@dataclass(frozen=True, slots=True)
class Config:
    align: AlignConfig = AlignConfig()
    summary: SummaryConfig = SummaryConfig()
    dedup: DedupConfig = DedupConfig()
    stories: StoryConfig = StoryConfig()
    boilerplate: BoilerplateConfig = BoilerplateConfig()
    serve: ServeConfig = ServeConfig()
    # Keys of [multi_summary]: they override [summary] when a batch holds several articles.
    multi_summary: tuple[tuple[str, Any], ...] = ()

    def summary_for(self, n_articles: int) -> SummaryConfig:
        """The summary settings for a batch of ``n_articles`` articles."""
        return replace(self.summary, **dict(self.multi_summary)) if n_articles > 1 else self.summary


class ConfigError(ValueError):
    """A configuration file or value that cannot be used."""


# Ranges a value must fall in; every other number lies in [0, _MAX_OTHER]. NaN and infinities are
# refused everywhere (a weight of inf made every score NaN and the JSON output invalid).
_MAX_OTHER = 1e6
MAX_CONFIG_BYTES = 1024 * 1024  # a configuration file is a few lines: --config /dev/zero must stop
_RANGES: dict[str, tuple[float, float]] = {
    "words": (10, 100_000), "min_words": (1, 1_000), "max_words": (1, 1_000), "min_tokens": (1, 1_000),
    "paraphrase_threshold": (0, 1), "near_threshold": (0, 1), "verbatim_threshold": (0, 1),
    "containment_threshold": (0, 1), "redundancy_threshold": (0, 1), "lead_first": (0, 1),
    "overlap_threshold": (0, 1), "sentence_share": (0.05, 1),
    "round_by_novelty": (0, 1), "background_df": (0, 1), "lead_reserve": (0, 100_000), "lead_overflow": (0, 100),
    "lead_reserve_until": (0, 100_000),
    "leads_by_score": (0, 1), "rounds_by_position": (0, 1_000), "told_groups": (0, 1),
    "same_fact": (0, 1), "same_fact_until": (0, 100_000), "same_fact_threshold": (0, 1), "min_outlets": (0, 1_000),
    "since": (0, 99_991_231),
    "max_df": (2, 10_000_000), "specific_burst": (0, 100), "specific_top": (0, 10_000), "place_veto": (0, 1),
    "shingle_size": (1, 20), "num_perm": (16, 1024), "lsh_threshold": (0, 1), "near_duplicate": (0, 1),
    "min_share": (0, 1), "min_articles": (2, 1_000_000),
    "window_days": (0, 3650), "join_threshold": (0, 1), "thread_days": (0, 3650), "thread_threshold": (0, 1),
    "undated_threshold": (0, 1), "line_threshold": (0, 1), "line_days": (0, 3650), "line_lead_words": (0, 10_000),
    "line_name_weight": (0, 100), "line_vector_weight": (0, 1), "line_merge_threshold": (0, 1),
    "title_weight": (0, 20), "lead_words": (10, 100_000), "query_terms": (1, 1_000),
    "index_terms": (1, 1_000), "posting_cap": (1, 100_000),
    "candidates": (1, 1_000),
    "max_request_mb": (1, 4096), "max_files": (1, 100_000), "max_unzipped_mb": (1, 16_384),
    "max_zip_ratio": (2, 10_000), "max_articles": (1, 10_000_000), "max_pending_jobs": (1, 10_000),
    "job_ttl_minutes": (1, 100_000),
}


def _section(base: T, values: object, where: str) -> T:
    if not isinstance(values, dict):
        raise ConfigError(f"{where}: must be a table of keys, got {values!r}")
    known = [f.name for f in fields(base)]  # type: ignore[arg-type]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(known)}")
    for key, value in values.items():
        check_value(key, value, type(getattr(base, key)), where)
    return replace(base, **{k: float(v) if type(getattr(base, k)) is float else v  # type: ignore[type-var]
                            for k, v in values.items()})


def check_value(key: str, value: object, expected: type, where: str) -> None:
    """Raise :class:`ConfigError` unless ``value`` is a finite number of the ``expected`` type in
    the range of ``key``: the one check for a file, a flag or ``--set``."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or (expected is int and not isinstance(value, int)):
        raise ConfigError(f"{where}: {key} must be a{'n' if expected is int else ''} {expected.__name__}, "
                          f"got {value!r}")
    assert isinstance(value, int | float)
    if not math.isfinite(value):
        raise ConfigError(f"{where}: {key} must be a finite number, got {value!r}")
    low, high = _RANGES.get(key, (0, _MAX_OTHER))
    if not low <= value <= high:
        raise ConfigError(f"{where}: {key} must be between {low:g} and {high:g}, got {value!r}")


def summary_with(base: SummaryConfig, values: dict[str, object], where: str) -> SummaryConfig:
    """``base`` with ``values`` applied, each checked as a configuration file's would be."""
    return _section(base, values, where)


def merge(config: Config, data: dict[str, Any], where: str) -> Config:
    """Return ``config`` with the sections and keys of ``data`` applied (unknown keys are errors)."""
    sections = ("align", "summary", "multi_summary", "dedup", "stories", "boilerplate", "serve")
    unknown = sorted(set(data) - set(sections))
    if unknown:
        raise ConfigError(f"{where}: unknown section(s) {', '.join(unknown)}; known: {', '.join(sections)}")
    # A key set in a later [summary] wins over the packaged [multi_summary] value of the same key.
    summary_keys = data.get("summary", {}) if isinstance(data.get("summary"), dict) else {}
    multi_data = data.get("multi_summary", {})
    if not isinstance(multi_data, dict):
        raise ConfigError(f"{where} [multi_summary]: must be a table of keys, got {multi_data!r}")
    multi = {**{k: v for k, v in config.multi_summary if k not in summary_keys}, **multi_data}
    checked = _section(SummaryConfig(), multi, f"{where} [multi_summary]")
    return Config(
        align=_section(config.align, data.get("align", {}), f"{where} [align]"),
        summary=_section(config.summary, data.get("summary", {}), f"{where} [summary]"),
        multi_summary=tuple(sorted((key, getattr(checked, key)) for key in multi)),
        dedup=_section(config.dedup, data.get("dedup", {}), f"{where} [dedup]"),
        stories=_section(config.stories, data.get("stories", {}), f"{where} [stories]"),
        boilerplate=_section(config.boilerplate, data.get("boilerplate", {}), f"{where} [boilerplate]"),
        serve=_section(config.serve, data.get("serve", {}), f"{where} [serve]"),
    )


def load_config(user_file: Path | None = None) -> Config:
    """Packaged defaults, then ``user_file`` if given."""
    text = resources.files("akhbar.resources").joinpath("defaults.toml").read_text(encoding="utf-8")
    config = merge(Config(), tomllib.loads(text), "packaged defaults.toml")
    if user_file is None:
        return config
    try:
        with user_file.open("rb") as stream:
            raw = stream.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{user_file}: over {MAX_CONFIG_BYTES} bytes: not a configuration file")
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{user_file}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{user_file}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{user_file}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{user_file}: not valid TOML: values nested too deeply") from None
    return merge(config, data, str(user_file))
