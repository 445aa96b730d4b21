"""Plain-text views of records for the terminal: an article with its facts marked in
the text, and one line per quote, event or number. Functions return strings; the CLI
prints them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .figures import amount, figure
from .records import Annotation, Article, Event, Quantity, Quote, Ref, TimeExpr


@dataclass(frozen=True, kw_only=True, slots=True)
class _Mark:
    start: int
    end: int
    label: str
    rank: int  # lower wins when marks overlap


def article_view(article: Article, facts: Annotation, origins: Sequence[str]) -> str:
    """Metadata, captions, the text with facts marked, and the quotes and events listed."""
    published = "unknown"
    if article.published:
        p = article.published
        published = f"{p.date.isoformat()} ({p.precision}, from {p.evidence})"
    lines = [
        f"id:        {article.id}",
        f"title:     {article.title or '(none found)'}",
        f"source:    {article.source or '(unknown)'}",
        f"published: {published}",
        f"language:  {article.language}",
    ]
    if article.url:
        lines.append(f"url:       {article.url}")
    lines.extend(f"read from: {origin}" for origin in origins)
    if article.captions:
        lines.append("captions:")
        lines.extend(f"  - {caption}" for caption in article.captions)
    lines += [
        "",
        "marks: [entity|LABEL] [number|NUM category=value] [date|TIME value] "
        "[trigger|EVENT type] «quote»{Qn}",
        "",
        marked_text(article.text, facts),
    ]
    if facts.quotes:
        lines += ["", "quotes:"]
        for n, quote in enumerate(sorted(facts.quotes, key=lambda q: q.start), start=1):
            lines.append(f"  Q{n} {quote_line(quote, with_text=False)}")
    if facts.events:
        lines += ["", "events:"]
        lines.extend(f"  {event_line(e)}" for e in facts.events)
    return "\n".join(lines)


def marked_text(text: str, facts: Annotation) -> str:
    """``text`` with entities, numbers, dates and event triggers in brackets and quotes
    in «guillemets». Where marks overlap the more specific one is kept (event trigger,
    then date, then number, then entity)."""
    marks = [
        _Mark(start=e.start, end=e.end, label=f"EVENT {_type(e)}", rank=0) for e in facts.events
    ]
    marks += [
        _Mark(start=t.start, end=t.end, label=f"TIME {t.value or '?'}", rank=1) for t in facts.times
    ]
    marks += [
        _Mark(start=q.start, end=q.end, label=_number_label(q), rank=2) for q in facts.quantities
    ]
    marks += [_Mark(start=m.start, end=m.end, label=m.label, rank=3) for m in facts.mentions]
    kept: list[_Mark] = []
    for mark in sorted(marks, key=lambda m: (m.rank, m.start)):
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    kept.sort(key=lambda m: m.start)
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for n, quote in enumerate(sorted(facts.quotes, key=lambda q: q.start), start=1):
        start, end = (
            _outside(quote.start, kept, before=True),
            _outside(quote.end, kept, before=False),
        )
        opens.setdefault(start, []).append("«")
        closes.setdefault(end, []).append(f"»{{Q{n}}}")
    out: list[str] = []
    marks_at = {m.start: m for m in kept}
    position = 0
    while position <= len(text):
        out.extend(closes.get(position, []))
        out.extend(opens.get(position, []))
        here = marks_at.get(position)
        if here is not None:
            out.append(f"[{text[here.start : here.end]}|{here.label}]")
            position = here.end  # quote boundaries inside a mark were moved outside it
            continue
        if position < len(text):
            out.append(text[position])
        position += 1
    return "".join(out)


def _outside(offset: int, marks: list[_Mark], *, before: bool) -> int:
    for mark in marks:
        if mark.start < offset < mark.end:
            return mark.start if before else mark.end
    return offset


def _number_label(q: Quantity) -> str:
    value = amount(q.value, q.low)
    return f"NUM {q.category}={value}" if q.category else f"NUM {value}"


def _type(event: Event) -> str:
    kind = f"{event.plover_type}/{event.plover_mode}" if event.plover_mode else event.plover_type
    return kind if event.modality == "asserted" else f"{kind} {event.modality}"


def _ref(ref: Ref | None) -> str:
    return ref.text if ref else "?"


def quote_line(quote: Quote, *, with_text: bool = True, source: str | None = None) -> str:
    speaker = quote.speaker or "?"
    written = quote.speaker_ref.text if quote.speaker_ref else None
    if written and written != speaker:
        speaker += f" (as “{written}”)"
    extras = [f"cue: {quote.cue.text}"] if quote.cue else []
    if quote.medium:
        extras.append(f"to: {quote.medium.text}")
    where = f"[{quote.article_id}:{quote.start}-{quote.end}]"
    prefix = f"{source}  " if source else ""
    head = f"{prefix}{speaker}  {quote.kind}  {'; '.join(extras)}  {where}"
    return f"{head}\n    “{quote.text}”" if with_text else head


def event_line(event: Event, *, source: str | None = None) -> str:
    parts = [event.date or "----------", _type(event)]
    parts.append(f"{_ref(event.actor)} -> {_ref(event.target)}")
    if event.location:
        parts.append(f"@ {event.location.text}")
    if event.fatalities is not None:
        parts.append(f"killed={event.fatalities}")
    if event.injured is not None:
        parts.append(f"injured={event.injured}")
    if source:
        parts.append(f"({source})")
    parts.append(f"“{event.trigger}” [{event.article_id}:{event.start}-{event.end}]")
    return "  ".join(parts)


def number_line(quantity: Quantity, *, source: str | None = None) -> str:
    bounds = ""
    if quantity.low is not None or quantity.high is not None:
        low = figure(quantity.low) if quantity.low is not None else ""
        high = figure(quantity.high) if quantity.high is not None else ""
        bounds = f" [{low}..{high}]"
    what = " ".join(
        x for x in (quantity.counted, f"({quantity.category})" if quantity.category else "") if x
    )
    where = f"[{quantity.article_id}:{quantity.start}-{quantity.end}]"
    prefix = f"{source}  " if source else ""
    value = amount(quantity.value, quantity.low)
    return f"{prefix}{value}{bounds}  {what}  “{quantity.text}”  {where}"


def time_line(time: TimeExpr) -> str:
    status = "" if time.resolved else " (unresolved)"
    return f"{time.value or '?'}  {time.type}  “{time.text}”{status}"
