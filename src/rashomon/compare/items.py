"""The aligned items of a story and their class: what the outlets agree on, where they
conflict, what only one carries.

- statements: sentences joined to their best counterpart in each other outlet
  (``align``); a sentence with no counterpart anywhere is a unique statement.
- quotes: one speaker (the corpus entity, so ``Al-Yaqobi`` = ``Al-Yaqoubi``) saying the
  same thing (wording cosine ``quotes.same_statement``, or quotes in aligned sentences);
  the same words put in two different speakers' mouths (``quotes.same_words``). Conflict
  on ``medium`` (told Al-Iraqiya / the Iraqi News Agency) or ``speaker``. A quote nested
  in another of its article (``said ... denying that ...``) counts once.
- figures: counts of one kind (``figures.compared`` categories) in aligned sentences;
  conflict when two differ by more than ``figures.rounding`` and their ranges
  (``at least 7``) do not meet.
- events: the story's incidents (``coref``): one outlet's is unique; several outlets'
  conflict on the toll or the date; and events of one type in aligned sentences that one
  outlet asserts and another reports denied conflict on ``modality``.
- dates: the dates of aligned sentences, agreeing or not (``on 23 August`` / ``on
  Sunday``, resolved).
- places: each place, by who names it.

Each item keeps every outlet's article id and span.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..coref import dates_agree, names_match
from ..figures import amount
from ..lexicons import read_data, word_list
from ..records import Event, Quantity, Quote, TimeExpr
from ..resolve.names import name_key, same_name
from .align import Alignment, similarity, words_vector
from .material import Account, StoryMaterial
from .records import Account as Said
from .records import Conflict, Item, ItemKind, ItemStatus

_FACTUAL = frozenset({"asserted", "reported"})
# a statement's ``about`` is its first sentence cut to this many characters
ABOUT_CHARS = 90
# two quotes are the same words only when each has at least this many content words
# ("the attack" said by two speakers is not one statement)
MIN_WORDS = 4
_DETERMINERS = frozenset({"a", "an", "the", "some", "one", "two", "several", "many"})


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemSettings:
    same_statement: float
    same_words: float
    rounding: float
    compared: frozenset[str]


@cache
def item_settings() -> ItemSettings:
    raw = tomllib.loads(read_data("compare.toml"))
    return ItemSettings(
        same_statement=float(raw["quotes"]["same_statement"]),
        same_words=float(raw["quotes"]["same_words"]),
        rounding=float(raw["figures"]["rounding"]),
        compared=frozenset(word_list(raw["figures"]["compared"], "compare.toml: figures")),
    )


def items(material: StoryMaterial, alignment: Alignment) -> list[Item]:
    """Every aligned item of the story, conflicts first, then unique, then agreed."""
    found = [
        *_statements(material, alignment),
        *_quotes(material, alignment),
        *_figures(material, alignment),
        *_events(material, alignment),
        *_dates(material, alignment),
        *_places(material),
    ]
    order = {"conflicting": 0, "unique": 1, "agreed": 2}
    return sorted(found, key=lambda i: (order[i.status], i.kind, i.accounts[0].outlet))


# -- statements ------------------------------------------------------------------------


def _statements(material: StoryMaterial, alignment: Alignment) -> list[Item]:
    texts = {a.id: a.article.text for a in material.accounts}
    groups = _Groups(len(alignment.units))
    for index, counterparts in enumerate(alignment.counterparts):
        for c in counterparts:
            other = alignment.best[index][c.outlet][0]
            groups.join(index, other)
    out = []
    for members in groups.sets():
        units = [alignment.units[i] for i in members]
        outlets = {u.outlet for u in units}
        accounts = tuple(
            Said(
                outlet=u.outlet,
                article_id=u.article_id,
                start=u.start,
                end=u.end,
                text=texts[u.article_id][u.start : u.end],
            )
            for u in units
        )
        status: ItemStatus = "agreed" if len(outlets) > 1 else "unique"
        out.append(_item("statement", status, _about(accounts[0].text), accounts))
    return out


# -- quotes ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class _Said:
    account: Account
    quote: Quote
    speaker: str | None  # a corpus entity id or a folded name
    unit: int | None
    words: dict[str, float]


def _quotes(material: StoryMaterial, alignment: Alignment) -> list[Item]:
    settings = item_settings()
    said = [
        _Said(
            account=account,
            quote=quote,
            speaker=_speaker_key(account, quote),
            unit=_unit(alignment, account.id, quote.start, quote.end),
            words=words_vector([quote.text]),
        )
        for account in material.accounts
        for quote in _outermost(account.quotes)
    ]
    groups = _Groups(len(said))
    speaker_differs: set[int] = set()
    for i, a in enumerate(said):
        for j in range(i + 1, len(said)):
            b = said[j]
            if a.account.outlet == b.account.outlet:
                continue
            wording = similarity(a.words, b.words)
            if _same_speaker(a, b):
                in_step = (
                    a.unit is not None and b.unit is not None and alignment.aligned(a.unit, b.unit)
                )
                if wording >= settings.same_statement or in_step:
                    groups.join(i, j)
            elif wording >= settings.same_words and min(len(a.words), len(b.words)) >= MIN_WORDS:
                groups.join(i, j)
                if _named(a.quote.speaker) and _named(b.quote.speaker):
                    speaker_differs.update((i, j))
    out = []
    for members in groups.sets():
        group = [said[i] for i in members]
        outlets = {s.account.outlet for s in group}
        conflict: Conflict | None = None
        if any(i in speaker_differs for i in members):
            conflict = "speaker"
        elif _media_differ([s.quote for s in group]):
            conflict = "medium"
        accounts = tuple(
            Said(
                outlet=s.account.outlet,
                article_id=s.quote.article_id,
                start=s.quote.start,
                end=s.quote.end,
                text=s.quote.text,
                value=(s.quote.speaker or "?")
                + (f" (to {s.quote.medium.text})" if s.quote.medium else ""),
            )
            for s in group
        )
        status = _status(conflict is not None, len(outlets))
        speaker = group[0].quote.speaker or "unattributed"
        out.append(_item("quote", status, speaker, accounts, conflict))
    return out


def _named(speaker: str | None) -> bool:
    """A speaker named (``Nasr Brigades``, ``The Pentagon``), not described (``an armed
    group``, ``a list``, ``security sources``)."""
    if not speaker:
        return False
    first, *rest = speaker.split()
    return any(w[:1].isupper() for w in rest) or (
        first[:1].isupper() and first.casefold() not in _DETERMINERS
    )


def _same_speaker(a: _Said, b: _Said) -> bool:
    if a.speaker is not None and a.speaker == b.speaker:
        return True
    return bool(a.quote.speaker and b.quote.speaker and same_name(a.quote.speaker, b.quote.speaker))


def _outermost(quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes not nested in a longer quote of the same article."""
    return [
        q
        for q in quotes
        if not any(
            o is not q
            and o.start <= q.start
            and q.end <= o.end
            and (o.end - o.start) > (q.end - q.start)
            for o in quotes
        )
    ]


def _speaker_key(account: Account, quote: Quote) -> str | None:
    """The speaker's corpus entity (``E:<id>``): a mention of the article whose chain has
    the speaker's name, else the longest mention inside the attribution as written; the
    folded name when neither is linked."""
    if quote.speaker is None:
        return None
    ref = quote.speaker_ref
    named = [m for m in account.entity_mentions if m.name == quote.speaker]
    inside = sorted(
        (
            m
            for m in account.entity_mentions
            if ref is not None and m.start >= ref.start and m.end <= ref.end
        ),
        key=lambda m: m.start - m.end,
    )
    for mention in (*named, *inside):
        entity = account.entity_ids.get((mention.start, mention.end))
        if entity is not None:
            return f"E:{entity}"
    return name_key(quote.speaker)


def _media_differ(quotes: Iterable[Quote]) -> bool:
    media = [q.medium.text for q in quotes if q.medium is not None]
    return any(not names_match(a, b) for i, a in enumerate(media) for b in media[i + 1 :])


# -- figures ---------------------------------------------------------------------------


def _figures(material: StoryMaterial, alignment: Alignment) -> list[Item]:
    settings = item_settings()
    counted = [
        (account, quantity, _unit(alignment, account.id, quantity.start, quantity.end))
        for account in material.accounts
        for quantity in account.quantities
        if quantity.category in settings.compared
    ]
    groups = _Groups(len(counted))
    for i, (a, qa, ua) in enumerate(counted):
        for j in range(i + 1, len(counted)):
            b, qb, ub = counted[j]
            if a.outlet == b.outlet or qa.category != qb.category:
                continue
            if ua is not None and ub is not None and alignment.aligned(ua, ub):
                groups.join(i, j)
    out = []
    for members in groups.sets():
        group = [counted[i] for i in members]
        outlets = {a.outlet for a, _, _ in group}
        values = [q for _, q, _ in group]
        clash = any(
            not _figures_agree(x, y, settings.rounding)
            for n, x in enumerate(values)
            for y in values[n + 1 :]
            if x.article_id != y.article_id
        )
        accounts = tuple(
            Said(
                outlet=a.outlet,
                article_id=q.article_id,
                start=q.start,
                end=q.end,
                text=q.text,
                value=_figure_text(q),
            )
            for a, q, _ in group
        )
        status = _status(clash, len(outlets))
        about = " ".join(p for p in (values[0].category, values[0].counted) if p)
        out.append(_item("figure", status, about, accounts, "figure" if clash else None))
    return out


def _figures_agree(a: Quantity, b: Quantity, rounding: float) -> bool:
    low_a, high_a = (
        a.low if a.low is not None else a.value,
        a.high if a.high is not None else a.value,
    )
    low_b, high_b = (
        b.low if b.low is not None else b.value,
        b.high if b.high is not None else b.value,
    )
    if low_a is None or low_b is None or high_a is None or high_b is None:
        return False
    if low_a <= high_b and low_b <= high_a:
        return True
    if a.value is None or b.value is None:
        return False
    return abs(a.value - b.value) <= rounding * max(abs(a.value), abs(b.value))


def _figure_text(q: Quantity) -> str:
    value = amount(q.value, q.low)
    return f"{q.qualifier} {value}" if q.qualifier else value


# -- events ----------------------------------------------------------------------------


def _events(material: StoryMaterial, alignment: Alignment) -> list[Item]:
    settings = item_settings()
    by_incident: dict[str, list[tuple[Account, Event]]] = defaultdict(list)
    for account in material.accounts:
        for event in account.events:
            incident = account.incidents.get((event.start, event.end))
            if incident is not None:
                by_incident[incident].append((account, event))
    out = []
    for incident, reports in by_incident.items():
        outlets = {a.outlet for a, _ in reports}
        conflict: Conflict | None = None
        for what in ("fatalities", "injured"):
            figures = [
                (a.outlet, getattr(e, what)) for a, e in reports if getattr(e, what) is not None
            ]
            if any(
                x != y and min(v, w) < (1 - settings.rounding) * max(v, w)
                for x, v in figures
                for y, w in figures
            ):
                conflict = "figure"
        dates = [(a.outlet, e.date) for a, e in reports if e.date]
        if any(x != y and not dates_agree(v, w) for x, v in dates for y, w in dates):
            conflict = conflict or "date"
        accounts = tuple(dict.fromkeys(_event_account(a, e) for a, e in reports))
        status = _status(conflict is not None, len(outlets))
        first = reports[0][1]
        about = first.plover_type + (f" @ {first.location.text}" if first.location else "")
        out.append(_item("event", status, about, accounts, conflict, note=f"incident {incident}"))
    out.extend(_modality_conflicts(material, alignment))
    return out


def _modality_conflicts(material: StoryMaterial, alignment: Alignment) -> list[Item]:
    events = [
        (account, event, _unit(alignment, account.id, event.start, event.end))
        for account in material.accounts
        for event in account.events
    ]
    out = []
    seen: set[tuple[int, int]] = set()
    for i, (a, ea, ua) in enumerate(events):
        for j in range(i + 1, len(events)):
            b, eb, ub = events[j]
            if a.outlet == b.outlet or ea.plover_type != eb.plover_type or ua is None or ub is None:
                continue
            says = {ea.modality in _FACTUAL, eb.modality in _FACTUAL}
            denied = "denied" in (ea.modality, eb.modality)
            if (
                says == {True, False}
                and denied
                and alignment.aligned(ua, ub)
                and (ua, ub) not in seen
            ):
                seen.add((ua, ub))
                accounts = (_event_account(a, ea), _event_account(b, eb))
                out.append(_item("event", "conflicting", ea.plover_type, accounts, "modality"))
    return out


def _event_account(account: Account, event: Event) -> Said:
    value: str = event.modality
    if event.fatalities is not None:
        value += f", killed {event.fatalities}"
    if event.injured is not None:
        value += f", injured {event.injured}"
    if event.date:
        value += f", {event.date}"
    return Said(
        outlet=account.outlet,
        article_id=event.article_id,
        start=event.sentence.start,
        end=event.sentence.end,
        text=event.sentence.text,
        value=value,
    )


# -- dates and places ------------------------------------------------------------------


def _dates(material: StoryMaterial, alignment: Alignment) -> list[Item]:
    by_article = {a.id: a for a in material.accounts}
    out = []
    done: set[frozenset[int]] = set()
    for index, counterparts in enumerate(alignment.counterparts):
        for c in counterparts:
            other = alignment.best[index][c.outlet][0]
            pair = frozenset((index, other))
            if pair in done:
                continue
            done.add(pair)
            left = _dated(by_article, alignment, index)
            right = _dated(by_article, alignment, other)
            if len(left) != 1 or len(right) != 1:
                continue
            (la, lt), (ra, rt) = left[0], right[0]
            agree = dates_agree(lt.value or "", rt.value or "")
            accounts = tuple(
                Said(
                    outlet=acc.outlet,
                    article_id=t.article_id,
                    start=t.start,
                    end=t.end,
                    text=t.text,
                    value=t.value,
                )
                for acc, t in ((la, lt), (ra, rt))
            )
            status: ItemStatus = "agreed" if agree else "conflicting"
            out.append(_item("date", status, "date", accounts, None if agree else "date"))
    return out


def _dated(
    by_article: dict[str, Account], alignment: Alignment, index: int
) -> list[tuple[Account, TimeExpr]]:
    unit = alignment.units[index]
    account = by_article[unit.article_id]
    return [
        (account, t)
        for t in account.times
        if unit.start <= t.start
        and t.end <= unit.end
        and t.type == "DATE"
        and t.value
        and t.resolved
    ]


def _places(material: StoryMaterial) -> list[Item]:
    named: dict[str, list[Said]] = defaultdict(list)
    names: dict[str, str] = {}
    for account in material.accounts:
        for geocoded in account.places:
            place = geocoded.place
            key = str(place.geonames_id) if place.geonames_id else f"{place.name}|{place.country}"
            names.setdefault(key, place.name)
            named[key].append(
                Said(
                    outlet=account.outlet,
                    article_id=geocoded.article_id,
                    start=geocoded.start,
                    end=geocoded.end,
                    text=geocoded.text,
                    value=place.name,
                )
            )
    out = []
    for key, accounts in named.items():
        status: ItemStatus = "agreed" if len({a.outlet for a in accounts}) > 1 else "unique"
        out.append(_item("place", status, names[key], tuple(accounts)))
    return out


# -- helpers ---------------------------------------------------------------------------


def _status(conflict: bool, outlets: int) -> ItemStatus:
    if conflict:
        return "conflicting"
    return "agreed" if outlets > 1 else "unique"


def _unit(alignment: Alignment, article_id: str, start: int, end: int) -> int | None:
    unit = alignment.unit_at(article_id, start, end)
    return unit.index if unit is not None else None


def _about(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ABOUT_CHARS else text[: ABOUT_CHARS - 1].rstrip() + "…"


def _item(
    kind: ItemKind,
    status: ItemStatus,
    about: str,
    accounts: tuple[Said, ...],
    conflict: Conflict | None = None,
    note: str | None = None,
) -> Item:
    key = "|".join(f"{a.article_id}:{a.start}:{a.end}" for a in accounts)
    return Item(
        id=hashlib.sha256(f"{kind}|{key}".encode()).hexdigest()[:12],
        kind=kind,
        status=status,
        about=about,
        accounts=accounts,
        conflict=conflict,
        note=note,
    )


class _Groups:
    """Union-find over ``size`` items."""

    def __init__(self, size: int):
        self._parent = list(range(size))

    def find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self._parent[self.find(a)] = self.find(b)

    def sets(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self._parent)):
            out[self.find(i)].append(i)
        return list(out.values())
