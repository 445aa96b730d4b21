"""Clean: a Document -> the Articles it holds, with title, outlet, date and captions
set apart from the body. Plain text goes through the dump splitter (``dump``); HTML
through trafilatura (``html``) and then the same line cleaning.

Every article gets a title: the feed's, the page's or the dump's headline without the
outlet around it, else its lede shortened (``titles``). The outlet comes from the best
evidence the input holds (``outlets``): feed field, declared site name, the outlet
of the domain, a ``Source :`` line, the domain, and last the text ("told X")."""

from __future__ import annotations

from ..errors import InputError
from ..options import Options
from ..records import Article, Document, Published, article_id
from .dump import DumpArticle, split_dump
from .html import extract_html
from .language import guess_language
from .outlets import feed_outlet, host_of, outlet_name, outlet_table, text_outlet
from .published import find_date, parse_published
from .titles import lede_title, without_outlet

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
    host = host_of(url)
    # an HTML page's own site name beats a copyright or wire line inside its text
    # a feed's own source field is the user's word: kept as given, in the table's spelling
    # when the table knows it
    declared = feed_outlet(fields.source) or outlet_name(site) or outlet_table().for_host(host)
    bodies = [
        _body(part, document, caption_set, (declared, host), (html_title or "") if n == 0 else None)
        for n, part in enumerate(parts)
    ]
    outlets = [
        declared or outlet_name(part.source) or host or text_outlet("\n\n".join(body))
        for part, body in zip(parts, bodies, strict=True)
    ]
    # a page dump is one site's page: an article of it that names no outlet is that
    # site's when its other articles name one and the same
    named = {o for o in outlets if o}
    articles = []
    for position, (part, body) in enumerate(zip(parts, bodies, strict=True)):
        captions = tuple(dict.fromkeys((*part.captions, *extra_captions)))
        text_out = "\n\n".join(body)
        if len(text_out) > options.max_article_chars:
            raise _too_long(document, position, len(text_out), options)
        source = outlets[position] or (next(iter(named)) if len(named) == 1 else None)
        given = (fields.title or html_title or part.title) if position == 0 else part.title
        if given:
            given = without_outlet(given, (source, host))
        title = given or lede_title(text_out)
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


def _body(
    part: DumpArticle,
    document: Document,
    captions: set[str],
    outlets: tuple[str | None, str | None],
    page_title: str | None,
) -> list[str]:
    """The part's body paragraphs: no caption, no headline the input carries (feed
    field, page metadata, dump; with or without the outlet around it), no section label
    before an HTML article's first line. ``page_title`` is given for the first part only,
    with the feed's title."""
    feed_title = document.fields.title if page_title is not None else None
    titles = (feed_title, page_title, part.title)
    headlines = {t.casefold() for t in titles if t}
    headlines |= {without_outlet(t, outlets).casefold() for t in titles if t}
    body = [p for p in part.paragraphs if p not in captions and p.casefold() not in headlines]
    if document.media_type == "text/html":
        body = _without_leading_labels(body)
    return body


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
