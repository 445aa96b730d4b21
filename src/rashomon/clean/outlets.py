"""Who published an article, from the best evidence its input holds.

In order of trust (``clean_document`` applies it): a feed record's own field; the page's
site name (``og:site_name``); the outlet the page's domain belongs to (``data/outlets.tsv``);
a ``Source : X`` or copyright line in the text; the bare domain; and last, the text
itself: ``... told Asharq Al-Awsat that ...`` names the outlet that did the interview,
which is the outlet that wrote the article (``text_outlet``). A title fragment or a URL
path is never an outlet.

Known names are shown one way: ``Guardian``, ``theguardian.com`` and ``The Guardian``
are all ``The Guardian``; an outlet the table does not know keeps its own spelling.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ..lexicons import read_data, read_tsv, word_list

_KEY_DROP = re.compile(r"[\W_]+")
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.I)
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.I)
# a word of an outlet's name: capitalized, or an Arabic article joined to one (al-Awsat)
_NAME_WORD = r"(?:[A-Z0-9][\w'’.&-]*|(?:al|el|as|ash|ad|an|ar|at)-[\w'’-]+)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|(?:of|de|du|la|le|al|el)(?=\s+{_NAME_WORD})))*"
_POSSESSIVE = re.compile(r"['’]s$")
_MAX_NAME_WORDS = 6


@dataclass(frozen=True, kw_only=True, slots=True)
class Outlet:
    """One row of ``data/outlets.tsv``."""

    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class OutletTable:
    outlets: tuple[Outlet, ...]
    by_domain: Mapping[str, str]  # domain -> the outlet's name
    by_key: Mapping[str, str]  # ``outlet_key`` of a name or alias -> the outlet's name

    def for_host(self, host: str | None) -> str | None:
        """The outlet publishing on ``host`` (a subdomain counts), if the table knows it."""
        host = (host or "").casefold().removeprefix("www.")
        while host:
            if host in self.by_domain:
                return self.by_domain[host]
            _, _, host = host.partition(".")
            if "." not in host:
                return None
        return None

    def named(self, name: str) -> str | None:
        """The outlet called ``name`` (its name, an alias or its domain), if known."""
        key = outlet_key(name)
        if key in self.by_key:
            return self.by_key[key]
        return self.for_host(name) if _DOMAIN.match(name.strip()) else None


@dataclass(frozen=True, kw_only=True, slots=True)
class EvidenceLexicon:
    """What ``text_outlet`` reads (``[outlet_evidence]`` in ``data/cleaning.toml``)."""

    cues: tuple[str, ...]
    press_words: frozenset[str]
    medium_words: frozenset[str]
    medium_window: int
    citations: tuple[str, ...]
    reports: frozenset[str]


def outlet_key(name: str) -> str:
    """``name`` compared as outlets are: case-folded, no leading "the", letters and digits
    only (``The Guardian`` = ``guardian``, ``Al-Monitor`` = ``Al Monitor``), without accents."""
    folded = " ".join(name.casefold().split()).removeprefix("the ")
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    return _KEY_DROP.sub("", plain)


@cache
def outlet_table() -> OutletTable:
    outlets = []
    by_domain: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for number, row in enumerate(read_tsv("outlets.tsv"), start=1):
        name = row["name"].strip()
        domains = tuple(d.casefold() for d in row["domains"].split())
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        if not name or not domains or not all(_DOMAIN.match(d) for d in domains):
            raise ValueError(
                f"outlets.tsv: row {number} ({name!r}) needs a name and web domains "
                "(space separated, like theguardian.com); fix it in rashomon/data/"
            )
        outlets.append(Outlet(name=name, domains=domains, aliases=aliases))
        for domain in domains:
            by_domain.setdefault(domain, name)
        for alias in (name, *aliases):
            by_key.setdefault(outlet_key(alias), name)
    return OutletTable(outlets=tuple(outlets), by_domain=by_domain, by_key=by_key)


@cache
def evidence_lexicon() -> EvidenceLexicon:
    raw = tomllib.loads(read_data("cleaning.toml"))["outlet_evidence"]

    def words(key: str) -> tuple[str, ...]:
        return word_list(raw[key], f"cleaning.toml: outlet_evidence.{key}")

    return EvidenceLexicon(
        cues=tuple(sorted(words("cues"), key=len, reverse=True)),
        press_words=frozenset(words("press_words")),
        medium_words=frozenset(words("medium_words")),
        medium_window=int(raw["medium_window"]),
        citations=words("citations"),
        reports=frozenset(words("reports")),
    )


def host_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket) names no host
        return None
    return host.removeprefix("www.") or None


def outlet_name(value: str | None) -> str | None:
    """A site name or feed field as an outlet: the table's spelling when it knows the
    outlet (by name, alias or domain); None for a URL, a handle or a copyright line."""
    if value is None:
        return None
    value = " ".join(value.split()).strip(" |-–—:·")
    if not value or _URL.match(value) or value.startswith("@") or "©" in value:
        return None
    if value.casefold().startswith("copyright") or len(value) > 80:
        return None
    return outlet_table().named(value) or value


def feed_outlet(value: str | None) -> str | None:
    """A feed's source field: what the user declared, spaces normalized, in the table's
    spelling when the table knows the outlet; None when empty."""
    value = " ".join((value or "").split())
    if not value:
        return None
    return outlet_table().named(value) or value


def text_outlet(text: str) -> str | None:
    """The outlet a text names as the one a source spoke to (``X told Asharq Al-Awsat
    that``), when it names exactly one: a listed outlet, or a name holding a press word
    (``Levant Ledger``). A broadcaster the source spoke on (``told Al-Iraqiya News during
    a televised interview``) and an outlet the text cites (``according to X``) are third
    parties, not the writer."""
    lex = evidence_lexicon()
    table = outlet_table()
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in lex.cues)
    pattern = re.compile(rf"\b(?i:{cues})\s+(?:(?i:the)\s+)?(?P<name>{_NAME})")
    found: Counter[str] = Counter()
    cited = _cited_keys(text, lex)
    for match in pattern.finditer(text):
        name = _trimmed(match.group("name"))
        if not name:
            continue
        known = table.named(name)
        words = [w.casefold().strip(".,") for w in re.split(r"[\s-]+", name)]
        if known is None and not any(w in lex.press_words for w in words):
            continue
        after = re.split(r"[.;!?]", text[match.end() : match.end() + 200], maxsplit=1)[0]
        following = [w.casefold() for w in re.findall(r"\w+", after)[: lex.medium_window]]
        if any(w in lex.medium_words for w in (*words, *following)):
            continue
        shown = known or name
        if outlet_key(shown) in cited or outlet_key(name) in cited:
            continue
        found[shown] += 1
    return next(iter(found)) if len(found) == 1 else None


def _trimmed(name: str) -> str:
    """A captured name without a possessive and without words past the name's length."""
    words = name.split()[:_MAX_NAME_WORDS]
    while words and words[-1].casefold() in {"of", "de", "du", "la", "le", "al", "el"}:
        words.pop()
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]).rstrip(".,")
    return " ".join(w for w in words if w)


def _cited_keys(text: str, lex: EvidenceLexicon) -> frozenset[str]:
    """The names a text cites as sources: ``according to X``, ``X reported``."""
    keys = set()
    citations = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in lex.citations)
    for match in re.finditer(rf"\b(?i:{citations})\s+(?:(?i:the)\s+)?({_NAME})", text):
        keys.add(outlet_key(_trimmed(match.group(1))))
    reports = "|".join(sorted(lex.reports))
    for match in re.finditer(rf"({_NAME})\s+(?:{reports})\b", text):
        keys.add(outlet_key(_trimmed(match.group(1))))
    return frozenset(keys)
