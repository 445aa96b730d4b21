"""Clean: a Document -> the Articles it holds, with title, outlet, date and captions
set apart from the body. Plain text goes through the dump splitter (``dump``); HTML
through trafilatura (``html``) and then the same line cleaning."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import InputError
from ..options import Options
from ..records import Article, Document, Published, article_id
from .dump import DumpArticle, split_dump
from .html import extract_html
from .language import guess_language
from .published import find_date, parse_published

__all__ = ["clean_document"]


def clean_document(document: Document, options: Options) -> list[Article]:
    """The articles in ``document``; raises InputError when it holds none."""
    fields = document.fields
    site: str | None = None
    page_date: Published | None = None
    url = fields.url
    extra_captions: tuple[str, ...] = ()
    html_title: str | None = None
    if document.media_type == "text/html":
        extract = extract_html(document.text, url=url)
        if extract is None:
            raise _no_article(
                document,
                "HTML page holds no article text "
                "(an index, a login wall or a script-rendered page?)",
            )
        text = extract.text
        site, url, extra_captions, html_title = (
            extract.sitename,
            extract.url,
            extract.captions,
            extract.title,
        )
        page_date = parse_published(extract.date, "html metadata") if extract.date else None
    else:
        text = document.text
    parts = split_dump(text)
    if document.media_type == "text/html" and len(parts) > 1:
        # trafilatura already isolated one article: a "headline" inside it is a subheading
        parts = [_merge(parts)]
    parts = [p for p in parts if sum(len(x) for x in p.paragraphs) >= options.min_article_chars]
    if not parts:
        raise _no_article(
            document,
            "no article text: nothing left after cleaning is "
            f"{options.min_article_chars} characters or longer",
        )
    feed_date = parse_published(fields.published, "feed field") if fields.published else None
    caption_set = set(extra_captions)
    articles = []
    for position, part in enumerate(parts):
        captions = tuple(dict.fromkeys((*part.captions, *extra_captions)))
        title = (fields.title or html_title or part.title) if position == 0 else part.title
        # every headline the input carries (feed field, page metadata, dump) is not body
        headlines = {t.casefold() for t in (title, html_title, part.title) if t}
        body = [
            p for p in part.paragraphs if p not in caption_set and p.casefold() not in headlines
        ]
        if document.media_type == "text/html":
            body = _without_leading_labels(body)
        text_out = "\n\n".join(body)
        if len(text_out) > options.max_article_chars:
            raise _too_long(document, position, len(text_out), options)
        # an HTML page's own site name beats a copyright or wire line inside its text
        source = fields.source or site or part.source or _domain(url)
        document_date = (feed_date or page_date) if position == 0 else None
        published = document_date or _dump_date(part, captions)
        articles.append(
            Article(
                id=article_id(text_out),
                document_id=document.id,
                position=position,
                text=text_out,
                title=title,
                source=source,
                published=published,
                url=url if position == 0 else None,
                captions=captions,
                language=guess_language(text_out),
            )
        )
    return articles


def _without_leading_labels(paragraphs: list[str]) -> list[str]:
    """Drop the section labels and kickers ("Middle East", "World") that an HTML
    extraction leaves before the first sentence."""
    start = 0
    while start < len(paragraphs) - 1:
        line = paragraphs[start]
        if len(line.split()) > 5 or len(line) > 40 or line[-1] in '.!?"”。！？':
            break
        start += 1
    return paragraphs[start:]


def _dump_date(part: DumpArticle, captions: tuple[str, ...]) -> Published | None:
    """A dump's date: a header line, then a date opening the body, then a dated caption."""
    for line in part.header_lines:
        found = find_date(line, "header line")
        if found:
            return found
    if part.paragraphs:
        found = find_date(part.paragraphs[0][:120], "dateline")
        if found:
            return found
    for caption in captions:
        found = find_date(caption, "caption")
        if found:
            return found
    return None


def _merge(parts: list[DumpArticle]) -> DumpArticle:
    paragraphs: list[str] = []
    for part in parts:
        if part is not parts[0] and part.title:
            paragraphs.append(part.title)
        paragraphs.extend(part.paragraphs)
    first = parts[0]
    return DumpArticle(
        title=first.title,
        paragraphs=tuple(paragraphs),
        captions=tuple(dict.fromkeys(c for p in parts for c in p.captions)),
        source=next((p.source for p in parts if p.source), None),
        header_lines=tuple(h for p in parts for h in p.header_lines),
    )


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _too_long(document: Document, position: int, length: int, options: Options) -> InputError:
    return InputError(
        document.origin,
        "too-long",
        f"article {position + 1} is {length:,} characters long, over the limit of "
        f"{options.max_article_chars:,} for one article (Options.max_article_chars): split "
        "the input into one file per article, or raise the limit",
        line=document.line,
    )


def _no_article(document: Document, why: str) -> InputError:
    return InputError(document.origin, "not-an-article", why, line=document.line)
