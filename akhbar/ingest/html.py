"""The main text of an HTML page (trafilatura), or a :class:`BadInput` saying why there is none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from akhbar.records import BadInput

if TYPE_CHECKING:
    from akhbar.ingest.readers import RawDocument


def read_html(html: str, name: str, stem: str) -> RawDocument | BadInput:
    import trafilatura

    from akhbar.ingest.readers import RawDocument

    try:
        document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    except (RecursionError, ValueError, TypeError, AttributeError) as error:  # lxml on hostile markup
        return BadInput(name, f"cannot parse the HTML page ({type(error).__name__})")
    extracted = document.as_dict() if document is not None and not isinstance(document, dict) else document
    if not isinstance(extracted, dict) or not extracted.get("text"):
        return BadInput(name, "no main text found in the HTML page")
    return RawDocument(
        stem, str(extracted["text"]), name, title=_opt(extracted, "title"), date=_opt(extracted, "date"),
        source=_opt(extracted, "sitename"), url=_opt(extracted, "url"),
    )


def _opt(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return str(value) if value not in (None, "") else None
