"""The main text of an HTML page (trafilatura), or a :class:`BadInput` saying why there is none."""

from __future__ import annotations

from akhbar.ingest.documents import RawDocument
from akhbar.records import BadInput


def read_html(html: str, name: str, stem: str) -> RawDocument | BadInput:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    except (RecursionError, ValueError, TypeError, AttributeError) as error:  # lxml on hostile markup
        return BadInput(name, f"cannot parse the HTML page ({type(error).__name__})")
    extracted = document.as_dict() if document is not None and not isinstance(document, dict) else document
    if not isinstance(extracted, dict) or not extracted.get("text"):
        return BadInput(name, "no main text found in the HTML page")
    if _only_furniture(str(extracted["text"]), html):
        return BadInput(name, "no article text in the HTML page: only navigation, links, header or footer")
    return RawDocument(
        stem, str(extracted["text"]), name, title=_opt(extracted, "title"), date=_opt(extracted, "date"),
        source=_opt(extracted, "sitename"), url=_opt(extracted, "url"),
    )


_FURNITURE = "//nav | //header | //footer | //aside | //menu | //a | //*[@role='navigation']"


def _only_furniture(text: str, html: str) -> bool:
    """Every line trafilatura kept is the text of a link or of a navigation, header or footer element:
    a page of site furniture (its fallback extractor returns those when there is no article)."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return False
    pieces = {" ".join(piece.split()) for node in tree.xpath(_FURNITURE) for piece in node.itertext()}
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return all(line in pieces for line in lines)


def _opt(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return str(value) if value not in (None, "") else None
