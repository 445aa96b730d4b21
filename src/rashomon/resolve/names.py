"""Spelling-insensitive comparison of names transliterated from Arabic, Persian and Hebrew.

``name_key`` gives a blocking key (consonant skeleton of each word, articles dropped) under
which every spelling of a name falls; ``same_name`` then decides conservatively, word by
word, whether two spellings are one name: same consonants in the same order and, at each
place, vowel groups of one class (``ou``/``o``/``u``, ``ae``/``ai``/``ei``...). The rules are
in ``data/transliteration.toml``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from rashomon.lexicons import read_data, word_list

_VOWELS = "aeiouy"
_GROUPS = re.compile(rf"[{_VOWELS}]+|[^{_VOWELS}]+")
_APOSTROPHES = re.compile(r"['’‘`ʿʾ]")
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, kw_only=True, slots=True)
class Transliteration:
    articles: frozenset[str]
    letters: dict[int, str]  # a str.translate table
    particles: dict[str, str]
    consonants: tuple[tuple[str, str], ...]
    vowel_classes: tuple[frozenset[str], ...]


@cache
def transliteration() -> Transliteration:
    raw = tomllib.loads(read_data("transliteration.toml"))
    consonants = sorted(raw["consonants"].items(), key=lambda item: -len(item[0]))
    classes = raw["vowels"]["classes"]
    return Transliteration(
        articles=frozenset(word_list(raw["articles"], "transliteration.toml: articles")),
        letters=_letters(raw["letters"]),
        particles={str(k): str(v) for k, v in raw["particles"].items()},
        consonants=tuple((str(k), str(v)) for k, v in consonants),
        vowel_classes=tuple(
            frozenset(word_list(c, "transliteration.toml: vowels.classes")) for c in classes
        ),
    )


def _letters(raw: dict[str, object]) -> dict[int, str]:
    table = {}
    for letter, written in raw.items():
        if len(letter) != 1 or not isinstance(written, str) or not written.isascii():
            raise ValueError(
                f"transliteration.toml: letters: {letter!r} = {written!r}; each entry maps "
                "one letter to the ASCII letters written for it"
            )
        table[ord(letter)] = written
    return table


def fold(text: str) -> str:
    """Case-folded, accent-free text with possessives and apostrophes gone; letters no
    accent-stripping takes apart (``ı``, ``ø``) are rewritten (``data/transliteration.toml``)."""
    text = _POSSESSIVE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", text.casefold().translate(transliteration().letters))


@lru_cache(maxsize=1 << 16)  # bounded: a long run meets a great many names
def words(text: str) -> tuple[str, ...]:
    """The comparable words of a name: folded, leading ``the`` and articles dropped,
    particles unified, consonant spellings rewritten, doubled letters collapsed."""
    rules = transliteration()
    tokens = [t for t in _NON_WORD.split(fold(text)) if t]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    kept = [t for t in tokens if t not in rules.articles] or tokens
    out = []
    for token in kept:
        token = rules.particles.get(token, token)
        for written, spoken in rules.consonants:
            token = token.replace(written, spoken)
        out.append(re.sub(r"(.)\1+", r"\1", token))
    return tuple(out)


def skeleton(word: str) -> str:
    """The word's first letter and its consonants: ``yaqubi`` -> ``ykb``."""
    if not word:
        return word
    return word[0] + "".join(ch for ch in word[1:] if ch not in _VOWELS)


def name_key(text: str, label: str = "") -> str:
    """A blocking key shared by every spelling of a name (``label`` is accepted for
    callers that key by type; the key itself does not depend on it)."""
    return " ".join(skeleton(w) for w in words(text))


def _vowels_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    return any(a in group and b in group for group in transliteration().vowel_classes)


def same_word(a: str, b: str) -> bool:
    """Two comparable words are one spelling of the same word."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    left, right = _GROUPS.findall(a), _GROUPS.findall(b)
    if len(left) != len(right):
        return False
    for x, y in zip(left, right, strict=True):
        x_vowel, y_vowel = x[0] in _VOWELS, y[0] in _VOWELS
        if x_vowel != y_vowel:
            return False
        if not (_vowels_agree(x, y) if x_vowel else x == y):
            return False
    return True


def same_name(a: str, b: str) -> bool:
    """Two names are spellings of one name: as many words, each the same word."""
    left, right = words(a), words(b)
    if not left or len(left) != len(right):
        return False
    return all(same_word(x, y) for x, y in zip(left, right, strict=True))


def is_short_form(short: str, full: str) -> bool:
    """``short`` names ``full`` by its last word(s) (``Al-Yaqoubi`` of ``Khalid
    Al-Yaqobi``). A first name alone is too weak to link, so it never is one."""
    part, whole = words(short), words(full)
    if not part or len(part) >= len(whole):
        return False
    tail = whole[-len(part) :]
    return all(same_word(x, y) for x, y in zip(part, tail, strict=True))


def is_part_of(part: str, whole: str) -> bool:
    """``part`` is ``whole`` with words left out, the last word kept: ``Erdoğan``,
    ``Tayyip Erdogan`` and ``Recep Erdoğan`` of ``Recep Tayyip Erdoğan``. A first name
    alone is too weak to link, so it never is one."""
    small, big = words(part), words(whole)
    if not small or len(small) >= len(big) or not same_word(small[-1], big[-1]):
        return False
    position = 0
    for word in small[:-1]:  # the other words, in order, before the last
        while position < len(big) - 1 and not same_word(word, big[position]):
            position += 1
        if position == len(big) - 1:
            return False
        position += 1
    return True


def drops_middle_names(short: str, full: str) -> bool:
    """``short`` is ``full`` without its middle names: ``Raad al-Khafaji`` of ``Raad
    Hussein al-Khafaji`` (first and last words the same, at least two words each)."""
    part, whole = words(short), words(full)
    if len(part) != 2 or len(whole) <= 2:
        return False
    return same_word(part[0], whole[0]) and same_word(part[-1], whole[-1])
