"""HTML pages -> main text and metadata, with trafilatura (text, title, site name) and
htmldate (publication date, through trafilatura), plus the page's figure captions."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
import trafilatura
import trafilatura.settings
from lxml.etree import ParserError

from .dump import normalize_line


@dataclass(frozen=True, kw_only=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    sitename: str | None
    date: str | None
    url: str | None
    captions: tuple[str, ...]


def extract_html(html: str, *, url: str | None = None) -> HtmlExtract | None:
    """The article in an HTML page, or None when the page holds no article text."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,  # measured: +0.01 F1 on the extraction benchmark (dev half)
        include_tables=True,
        deduplicate=False,
    )
    if not isinstance(result, trafilatura.settings.Document) or not (result.text or "").strip():
        return None
    return HtmlExtract(
        text=result.text or "",
        title=_clean(result.title),
        sitename=_clean(result.sitename),
        date=result.date,
        url=result.url or url,
        captions=figure_captions(html),
    )


def figure_captions(html: str) -> tuple[str, ...]:
    """Distinct ``<figcaption>`` texts, in page order."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ()
    captions: dict[str, None] = {}  # in order, each once (a list lookup is quadratic)
    for node in tree.iter("figcaption"):
        text = normalize_line(node.text_content())
        if text:
            captions[text] = None
    return tuple(captions)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = normalize_line(value)
    return value or None
