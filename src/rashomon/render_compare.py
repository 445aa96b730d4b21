"""Views of a story comparison: plain text for the terminal, Markdown, and a standalone
HTML page (outlets side by side). Every fact shown ends with its provenance
``[article_id:start-end]``; the HTML escapes all article text (it is untrusted input)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from html import escape

from .compare.records import Account, Comparison, Item, OutletFraming
from .compare.story import FLAGS, flag_rules, informational

FORMATS = ("text", "json", "md", "html")
# how many items of each class the text and Markdown views list before "... and N more"
SHOWN = {"conflicting": 50, "unique": 40, "agreed": 25}


def render(comparison: Comparison, fmt: str, texts: Mapping[str, str]) -> str:
    """``comparison`` as ``fmt`` (text, json, md, html); ``texts`` are the articles' texts
    by id (the HTML view shows them with the flagged sentences marked)."""
    if fmt == "json":
        return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "md":
        return _report(comparison, _md)
    if fmt == "html":
        return html_page(comparison, texts)
    return _report(comparison, _text)


def _where(account: Account) -> str:
    return f"[{account.article_id}:{account.start}-{account.end}]"


def _clip(text: str, size: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _account_line(account: Account) -> str:
    value = f" = {account.value}" if account.value else ""
    return f"{account.outlet}{value}: “{_clip(account.text)}” {_where(account)}"


def _item_head(item: Item) -> str:
    what = f"{item.kind} {item.status}"
    if item.conflict:
        what += f" on {item.conflict}"
    return f"{what}: {item.about}"


def _text(section: str, lines: Iterable[tuple[int, str]]) -> list[str]:
    return [section.upper(), *(("  " * depth) + line for depth, line in lines), ""]


def _md(section: str, lines: Iterable[tuple[int, str]]) -> list[str]:
    out = [f"## {section}", ""]
    out += [("  " * depth) + "- " + line.replace("|", "\\|") for depth, line in lines]
    return [*out, ""]


Section = Callable[[str, Iterable[tuple[int, str]]], list[str]]


def _report(comparison: Comparison, section: Section) -> str:
    counts = comparison.counts()
    head = [
        f"story {comparison.story_id}: {comparison.title}",
        f"outlets: {', '.join(comparison.outlets)}",
        f"items: {counts['agreed']} agreed, {counts['conflicting']} conflicting, "
        f"{counts['unique']} unique",
        "",
    ]
    out = head if section is _text else [f"# {head[0]}", "", *(f"{h}  " for h in head[1:3]), ""]
    by_status: dict[str, list[Item]] = defaultdict(list)
    for item in comparison.items:
        by_status[item.status].append(item)
    for status, title in (
        ("conflicting", "Where they conflict"),
        ("unique", "What only one outlet carries"),
        ("agreed", "What they agree on"),
    ):
        chosen = by_status[status]
        if status == "unique":
            chosen = sorted(chosen, key=lambda i: (i.accounts[0].outlet, i.kind))
        lines: list[tuple[int, str]] = []
        for item in chosen[: SHOWN[status]]:
            lines.append((0, _item_head(item)))
            lines += [(1, _account_line(a)) for a in item.accounts[:6]]
            if len(item.accounts) > 6:
                lines.append((1, f"... and {len(item.accounts) - 6} more accounts"))
        if len(chosen) > SHOWN[status]:
            lines.append((0, f"... and {len(chosen) - SHOWN[status]} more (all in --format json)"))
        out += section(title, lines or [(0, "none")])
    for framing in comparison.framing:
        lines = [*_framing_lines(framing), *_flag_lines(comparison, framing.outlet)]
        out += section(f"How {framing.outlet} tells it", lines)
    return "\n".join(out).rstrip() + "\n"


def _framing_lines(framing: OutletFraming) -> list[tuple[int, str]]:
    lines = [
        (
            0,
            f"own voice {framing.own_voice:.0%} of {framing.sentences} sentences, "
            f"attributed {framing.attributed:.0%}",
        )
    ]
    if framing.terms:
        terms = ", ".join(f"{t.term} ({t.z:+.1f})" for t in framing.terms)
        lines.append((0, f"distinctive terms: {terms}"))
    for use in framing.names[:8]:
        names = "; ".join(f"{name} ×{count}" for name, count in use.names[:6])
        lines.append((0, f"calls {use.entity}: {names}"))
    for voice in framing.voices[:6]:
        refs = " ".join(f"[{r.article_id}:{r.start}-{r.end}]" for r in voice.refs[:2])
        lines.append(
            (0, f"voice {voice.speaker}: {voice.quotes} quotes, {voice.share:.0%} of text {refs}")
        )
    for tone in framing.tone:
        lines.append(
            (
                0,
                f"tone toward {tone.entity}: {tone.label} "
                f"({tone.score:+.2f} over {tone.sentences} sentences)",
            )
        )
    return lines


def _flag_lines(comparison: Comparison, outlet: str) -> list[tuple[int, str]]:
    """How many of the outlet's sentences carry each flag, the informational ones (content
    selected that may sway the reader about an actor) on a line of their own."""
    sentences = [s for s in comparison.sentences if s.outlet == outlet]
    counts = Counter(flag for s in sentences for flag in s.flags)
    if not counts:
        return []
    chosen = flag_rules().informational
    swaying = sum(informational(s.flags) for s in sentences)
    shown = ", ".join(f"{counts[f]} {f}" for f in FLAGS if f in counts and f not in chosen)
    lines = [(0, f"sentences flagged: {shown or 'none'} (of {len(sentences)})")]
    detail = ", ".join(f"{counts[f]} {f}" for f in chosen if f in counts)
    lines.append((0, f"may sway the reader about an actor: {swaying} ({detail or 'none'})"))
    return lines


# -- HTML ------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
.cols{display:flex;gap:1rem;align-items:flex-start}
.col{flex:1;min-width:0;border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem}
.s-unique{background:#fff3c4}.s-conflict{background:#ffd6d6}.s-framed{border-bottom:2px dotted #7a3}
.s-background,.s-negative,.s-quoted{box-shadow:inset 0 -2px 0 #b5523b}
.item{margin:.4rem 0}.conflicting{color:#a00}.unique{color:#865}.agreed{color:#264}
.where{color:#777;font-size:.8em}
"""


def html_page(comparison: Comparison, texts: Mapping[str, str]) -> str:
    """A standalone page: counts, the outlets' texts side by side with flagged sentences
    marked (unique, conflict, framed; background, negative, quoted underlined), then
    every item with its accounts."""
    e = escape
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for article_id in comparison.article_ids:
        sentences = [s for s in comparison.sentences if s.article_id == article_id]
        if not sentences:
            continue
        text = texts.get(article_id, "")
        parts = []
        for s in sentences:
            classes = " ".join(f"s-{f}" for f in s.flags)
            parts.append(
                f'<span class="{classes}" id="s-{e(article_id)}-{s.start}" '
                f'title="{e(", ".join(s.flags) or "aligned")}">{e(text[s.start : s.end])}</span>'
            )
        by_outlet[sentences[0].outlet].append(
            f'<article><p class="where">{e(article_id)}</p><p>{" ".join(parts)}</p></article>'
        )
    columns = "".join(
        f'<div class="col"><h2>{e(outlet)}</h2>{"".join(body)}</div>'
        for outlet, body in sorted(by_outlet.items())
    )
    items = "".join(
        f'<div class="item {e(item.status)}"><b>{e(_item_head(item))}</b><ul>'
        + "".join(
            f"<li>{e(a.outlet)}{': ' + e(a.value) if a.value else ''} — “{e(_clip(a.text))}” "
            f'<a class="where" href="#s-{e(a.article_id)}-{_sentence_start(comparison, a)}">'
            f"{e(_where(a))}</a></li>"
            for a in item.accounts
        )
        + "</ul></div>"
        for item in comparison.items
    )
    counts = comparison.counts()
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{e(comparison.title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{e(comparison.title)}</h1>"
        f"<p>{e(', '.join(comparison.outlets))}: {counts['agreed']} agreed, "
        f"{counts['conflicting']} conflicting, {counts['unique']} unique</p>"
        f'<div class="cols">{columns}</div><h2>Items</h2>{items}</body></html>\n'
    )


def _sentence_start(comparison: Comparison, account: Account) -> int:
    for s in comparison.sentences:
        if s.article_id == account.article_id and s.start <= account.start < s.end:
            return s.start
    return account.start
