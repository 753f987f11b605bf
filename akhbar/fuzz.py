"""Coverage-guided fuzzing of ingest + text + summarize (atheris, extra ``fuzz``).

    python -m akhbar.fuzz --seconds 300 [--corpus DIR] [--crashes DIR]

One input is a mode byte and a payload. The mode picks what reads the payload: a .txt, .html or .jsonl
reader, the text functions, the whole pipeline (ingest, summary, facts for short inputs, and every
renderer), the watcher's feed parser (entries to articles), or the .jsonl.gz reader (its bomb guard).
Any exception that escapes is a crash: a reader must turn bad bytes into a reported
:class:`~akhbar.records.BadInput`, and the stages and writers must take whatever the readers accept.
Each crash file libFuzzer writes becomes a regression test (``tests/hostile/fuzz_crashes/``, run by
``tests/hostile/test_fuzz_regressions.py`` through :func:`check_one_input`, without atheris).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

_MODES = ("txt", "html", "jsonl", "text", "pipeline", "feed", "jsonl.gz")  # append only: saved crashes keep their mode
_FACTS_MAX_BYTES = 1_500  # the NER is the slow part: facts on short inputs keep executions fast
_LIMIT = 8 * 1024  # bytes per fuzz input: many small inputs find more than a few big ones


def check_one_input(data: bytes) -> None:
    """Run one fuzz input; raises only on a bug."""
    if not data:
        return
    mode, payload = _MODES[data[0] % len(_MODES)], data[1:]
    if mode == "text":
        _text_functions(payload.decode("utf-8", errors="replace"))
    elif mode == "pipeline":
        _pipeline(payload)
    elif mode == "feed":
        _feed(payload)
    elif mode == "jsonl.gz":
        _gzipped(payload)
    else:
        _read(payload, f".{mode}")


def _read(payload: bytes, suffix: str) -> list[object]:
    from akhbar.ingest import to_article
    from akhbar.ingest.readers import RawDocument, read_jsonl
    from akhbar.ingest.readers import _read_one as read_one
    from akhbar.records import BadInput

    if suffix == ".jsonl":
        items = list(read_jsonl(io.BytesIO(payload), "fuzz.jsonl", max_article_bytes=_LIMIT))
    else:
        items = list(read_one(payload, f"fuzz{suffix}", "fuzz", suffix))
    return [to_article(item) if isinstance(item, RawDocument) else item for item in items
            if isinstance(item, RawDocument | BadInput)]


def _feed(payload: bytes) -> None:
    from akhbar.feeds.parse import FeedError, entry_document, parse_feed
    from akhbar.ingest import to_article

    try:
        parsed = parse_feed(payload, url="https://example.org/feed")
    except FeedError:
        return
    for entry in parsed.entries:
        if entry.text:
            to_article(entry_document(entry, outlet="fuzz", feed_url="https://example.org/feed"))


def _gzipped(payload: bytes) -> None:
    from akhbar.ingest.gz import GuardedGzip
    from akhbar.ingest.readers import read_jsonl

    try:
        stream = GuardedGzip(io.BytesIO(payload))
    except OSError:
        return
    with stream:
        try:
            for _ in read_jsonl(stream, "fuzz.jsonl.gz", max_article_bytes=_LIMIT):  # type: ignore[arg-type]
                pass
        except (OSError, EOFError):  # a header that is no gzip: read_file reports it as "cannot read"
            return


def _text_functions(text: str) -> None:
    from akhbar.report.escaping import markdown_code, markdown_text, terminal_text
    from akhbar.text import normalize, sentence_spans, tokenize
    from akhbar.text.stem import light_stem

    normalized = normalize(text)
    if normalize(normalized) != normalized:
        raise AssertionError("normalize is not idempotent")
    for token in tokenize(text):
        light_stem(normalize(token))
    for start, end in sentence_spans(text):
        if not 0 <= start < end <= len(text):
            raise AssertionError(f"bad span {(start, end)}")
    terminal_text(text)
    markdown_text(text)
    markdown_code(text)


def _pipeline(payload: bytes) -> None:
    from akhbar.pipeline import run
    from akhbar.records import Article
    from akhbar.report import render_html, render_json, render_markdown

    # Up to three articles: the payload split at 0xFF bytes (never part of UTF-8).
    articles: list[Article] = []
    for number, part in enumerate(payload.split(b"\xff")[:3]):
        articles += [replace(item, id=f"fuzz{number}") for item in _read(part, ".txt") if isinstance(item, Article)]
    if not articles:
        return
    report = run(articles, with_facts=len(payload) <= _FACTS_MAX_BYTES)
    json.loads(render_json(report))
    render_markdown(report)
    render_html(report)
    _terminal(report)


def _terminal(report: object) -> None:
    from rich.console import Console

    from akhbar.report import render_terminal

    render_terminal(report, Console(file=io.StringIO(), width=100))  # type: ignore[arg-type]


def _seed_corpus(folder: Path) -> None:
    """Start from the seed articles in every mode, so the fuzzer begins with real Arabic news."""
    from akhbar.cli import example_dir

    for number, path in enumerate(sorted(example_dir().glob("*.txt"))):
        text = path.read_bytes()
        for mode in range(len(_MODES)):
            (folder / f"seed-{number}-{mode}").write_bytes(bytes([mode]) + text[:6000])
        line = json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")}, ensure_ascii=False)
        (folder / f"seed-{number}-jsonl").write_bytes(bytes([_MODES.index("jsonl")]) + line.encode())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m akhbar.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=300, help="how long to fuzz")
    parser.add_argument("--corpus", type=Path, help="corpus folder (kept between runs); default: a temporary one")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"), help="where crash inputs are written")
    options = parser.parse_args(argv)
    try:
        import atheris
    except ImportError:
        sys.exit("error: the fuzz command needs the `fuzz` extra: pip install 'akhbar[fuzz]'")
    corpus = options.corpus or Path(tempfile.mkdtemp(prefix="akhbar-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    options.crashes.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        _seed_corpus(corpus)
    with atheris.instrument_imports(include=["akhbar"]):
        import akhbar.facts
        import akhbar.ingest
        import akhbar.pipeline
        import akhbar.report
        import akhbar.text  # noqa: F401
    check_one_input(b"\x04warm up")  # load the models before the clock starts
    atheris.Setup([sys.argv[0], str(corpus), f"-max_total_time={options.seconds}", "-rss_limit_mb=3000",
                   f"-max_len={_LIMIT}", "-timeout=60", f"-artifact_prefix={options.crashes}/",
                   "-print_final_stats=1"], check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
