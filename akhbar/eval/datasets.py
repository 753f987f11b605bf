"""Readers for evaluation data: EASC-style cluster files and the ANT v2.1 archive.

Nothing here ships data: EASC and ANT live outside the repository (see each SOURCE.md) and are
read from a path given at run time. A bad line is reported as ``BadInput("file:line", problem)``
and skipped; a reader never raises on bad content.

Split: a cluster is in ``dev`` (for tuning) when the first 8 bytes of
``sha256("akhbar-eval-split-v1:" + id)`` read as a fraction are below 0.4, otherwise in ``test``
(for reporting). The split depends on the id only, so it is fixed across runs and machines.

EASC repairs (both reported in the docstrings below, both on by default for cluster files):
- hard-wrapped article lines are joined (a line that does not end with . ؟ ? ! … : " ' » ” ) runs on
  into the next, the rule of akhbar's ingest), since the sentence splitter ends a sentence at
  every line break;
- references glued at those line breaks (the corpus' summaries lost the break: ``هيئةالاتصالات``
  for ``هيئة⏎الاتصالات``) get the space back: a reference token equal, after ``match``
  normalization, to the last token of an article line followed by the first token of the next
  line is split in two.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal

from akhbar.ingest.noise import TERMINAL
from akhbar.records import Article, BadInput
from akhbar.text import match_tokens, normalize, token_spans

Split = Literal["dev", "test", "all"]
DEV_SHARE = 0.4
_SPLIT_SALT = "akhbar-eval-split-v1:"


@dataclass(frozen=True, slots=True)
class Cluster:
    """Articles to summarise together, with the human or outlet references (maybe none)."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...] = ()


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines: a line without an end mark runs on into the next non-empty line."""
    out: list[str] = []
    current = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if current:
                out.append(current)
            current = ""
        elif current and not current.endswith(TERMINAL):
            current = f"{current} {line}"
        else:
            if current:
                out.append(current)
            current = line
    if current:
        out.append(current)
    return "\n".join(out)


def _glued_pairs(text: str) -> dict[str, int]:
    """``match`` form of (last token of a line + first token of the next) -> length of the first part."""
    pairs: dict[str, int] = {}
    lines = [match_tokens(line) for line in text.split("\n")]
    for left, right in itertools.pairwise(lines):
        if left and right and len(left[-1]) >= 2 and len(right[0]) >= 2:
            pairs[left[-1] + right[0]] = len(left[-1])
    return pairs


def unglue_reference(reference: str, article_text: str) -> str:
    """Put back the spaces a reference lost at the article's line breaks (see the module docstring)."""
    pairs = _glued_pairs(article_text)
    if not pairs:
        return reference
    pieces: list[str] = []
    last = 0
    for start, end in token_spans(reference):
        token = reference[start:end]
        cut = pairs.get(normalize(token))
        if cut is None:
            continue
        for i in range(1, len(token)):
            if len(normalize(token[:i])) == cut:
                pieces.extend((reference[last : start + i], " "))
                last = start + i
                break
    pieces.append(reference[last:])
    return "".join(pieces)


def split_of(cluster_id: str, dev_share: float = DEV_SHARE) -> Literal["dev", "test"]:
    digest = hashlib.sha256((_SPLIT_SALT + cluster_id).encode("utf-8")).digest()
    return "dev" if int.from_bytes(digest[:8], "big") / 2**64 < dev_share else "test"


def in_split(cluster_id: str, split: Split) -> bool:
    return split == "all" or split_of(cluster_id) == split


def _open_text(path: Path) -> Any:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def _json_lines(path: Path, errors: list[BadInput]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Parsed JSON objects with their 1-based line numbers; bad lines go to ``errors``."""
    try:
        handle = _open_text(path)
    except OSError as exc:
        errors.append(BadInput(str(path), f"cannot open: {exc}"))
        return
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors.append(BadInput(f"{path}:{number}", f"not JSON: {exc.msg}"))
                    continue
                except RecursionError:  # as `akhbar summarize`'s reader: one hostile line, skipped
                    errors.append(BadInput(f"{path}:{number}", "invalid JSON for akhbar: values nested too deeply"))
                    continue
                except ValueError as exc:  # an integer of thousands of digits
                    errors.append(BadInput(f"{path}:{number}", f"invalid JSON for akhbar: {str(exc).split(';')[0]}"))
                    continue
                if not isinstance(obj, dict):
                    errors.append(BadInput(f"{path}:{number}", "not a JSON object"))
                    continue
                yield number, obj
        except (OSError, EOFError, UnicodeDecodeError) as exc:  # truncated or corrupt gzip
            errors.append(BadInput(str(path), f"stopped reading: {exc}"))


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def detect_format(path: Path) -> Literal["clusters", "ant"]:
    """``ant`` for ANT's articles file (gzip or lines with ``abstract_kind``), else ``clusters``."""
    if path.name.endswith(".gz"):
        return "ant"
    try:
        with _open_text(path) as handle:
            for line in handle:
                if line.strip():
                    return "ant" if '"abstract_kind"' in line else "clusters"
    except OSError:
        pass
    return "clusters"


def read_clusters(path: str | Path, errors: list[BadInput] | None = None,
                  split: Split = "all", *, repair: bool = True) -> Iterator[Cluster]:
    """Clusters of an EASC-format ``.jsonl``.

    One cluster a line: ``{"id", "documents": [{"id", "title", "text"}], "references": [str]}``.
    ``repair`` joins wrapped lines and unglues references (module docstring).
    """
    path = Path(path)
    errors = [] if errors is None else errors
    for number, obj in _json_lines(path, errors):
        where = f"{path}:{number}"
        cid, docs, refs = obj.get("id"), obj.get("documents"), obj.get("references", [])
        if not isinstance(cid, str) or not cid.strip():
            errors.append(BadInput(where, "missing or empty 'id'"))
            continue
        if not isinstance(docs, list) or not docs:
            errors.append(BadInput(where, "'documents' must be a non-empty list"))
            continue
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            errors.append(BadInput(where, "'references' must be a list of strings"))
            continue
        if not in_split(cid, split):
            continue
        articles: list[Article] = []
        for k, doc in enumerate(docs):
            if not isinstance(doc, dict) or not _nonempty_str(doc.get("text")):
                errors.append(BadInput(where, f"document {k} has no text"))
                continue
            title = doc.get("title")
            body = unwrap_lines(doc["text"]) if repair else doc["text"]
            articles.append(Article(
                id=str(doc.get("id") or f"{cid}#{k}"), body=body,
                title=title if _nonempty_str(title) else None,
                source=doc.get("source") if _nonempty_str(doc.get("source")) else None,
                date=doc.get("date") if _nonempty_str(doc.get("date")) else None,
            ))
        if not articles:
            errors.append(BadInput(where, "no readable document"))
            continue
        references = [r for r in refs if r.strip()]
        if repair:
            for doc in docs:
                if isinstance(doc, dict) and isinstance(doc.get("text"), str):
                    references = [unglue_reference(r, doc["text"]) for r in references]
        yield Cluster(cid, tuple(articles), tuple(references))


def _iso_date(rfc2822: Any) -> str | None:
    if not isinstance(rfc2822, str):
        return None
    try:
        return parsedate_to_datetime(rfc2822).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def read_ant_articles(
    path: str | Path, errors: list[BadInput] | None = None
) -> Iterator[tuple[Article, dict[str, Any]]]:
    """Every readable ANT article, with its raw record (for ``abstract``, ``abstract_kind``, ``category``)."""
    path = Path(path)
    errors = [] if errors is None else errors
    for number, obj in _json_lines(path, errors):
        where = f"{path}:{number}"
        if not _nonempty_str(obj.get("id")) or not _nonempty_str(obj.get("text")):
            errors.append(BadInput(where, "missing 'id' or 'text'"))
            continue
        date = _iso_date(obj.get("time"))
        if obj.get("time") and date is None:
            errors.append(BadInput(where, f"unreadable time {obj.get('time')!r} (kept, no date)"))
        title = obj.get("title")
        yield Article(
            id=obj["id"], body=obj["text"], title=title if _nonempty_str(title) else None, date=date,
            source=obj.get("source") if _nonempty_str(obj.get("source")) else None,
            url=obj.get("url") if _nonempty_str(obj.get("url")) else None,
        ), obj


def read_ant_novel(path: str | Path, errors: list[BadInput] | None = None,
                   split: Split = "all") -> Iterator[Cluster]:
    """ANT articles whose standfirst is ``novel`` (written apart from the text), as single-document
    clusters with the standfirst as the one reference."""
    for article, raw in read_ant_articles(path, errors):
        if raw.get("abstract_kind") != "novel" or not _nonempty_str(raw.get("abstract")):
            continue
        if in_split(article.id, split):
            yield Cluster(article.id, (article,), (raw["abstract"],))


def read_dataset(path: str | Path, errors: list[BadInput] | None = None,
                 split: Split = "all") -> Iterator[Cluster]:
    """Clusters of ``path``, whose format is detected (EASC-style clusters or ANT articles).

    For ANT these are the single-document ``novel`` standfirsts; the multi-document set built from
    the same articles is :func:`akhbar.eval.neighbours.read_ant_multidoc` (it builds on this module)."""
    path = Path(path)
    if detect_format(path) == "ant":
        return read_ant_novel(path, errors, split)
    return read_clusters(path, errors, split)
