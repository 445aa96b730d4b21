"""The tense around a temporal expression, read from its sentence without a parser:
the nearest tense cue (``will``, ``is due to``, ``said``, any other ``-ed`` word) decides
whether a bare ``Friday`` or ``December`` points forward or back from the anchor."""

from __future__ import annotations

import bisect
import re
from functools import cache

from rashomon.extract.time_grammar import fold
from rashomon.extract.time_words import time_words

_WORD = re.compile(r"[^\W_]+")
_BREAK = re.compile(r"[.!?][\"'”’)]*\s+|\n")
_OPENERS = "\"'“‘(`"
_FAR = 1 << 30
# A participle after these is passive, its tense that of the auxiliary ("will be paid").
_PASSIVE = frozenset({"be", "being"})

# How much a cue says about the time of a date next to it: a listed cue ("will",
# "was") the most, a reporting verb ("said") less, any other -ed word the least.
LISTED, REPORTING, SUFFIX = 3, 2, 1


@cache
def _cues() -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """Cue phrases as word tuples (+1 future, -1 past) by first word, longest first."""
    w = time_words()
    by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrases, sign in (
        (w.future_cues, 1),
        (w.past_cues - w.future_cues, -1),
        (w.reporting_cues, -REPORTING),
    ):
        for phrase in phrases:
            words = tuple(_WORD.findall(phrase))
            by_first.setdefault(words[0], []).append((words, sign))
    return {k: tuple(sorted(v, key=lambda c: -len(c[0]))) for k, v in by_first.items()}


class Tense:
    """Sentence bounds and tense cues of one text, computed lazily and cached."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lower = fold(text)
        self._breaks: list[int] | None = None
        self._cues: dict[int, list[tuple[int, int, int, int]]] = {}
        self._seen: dict[tuple[int, int, int], int] = {}

    def at(self, start: int, end: int, *, weight: int = SUFFIX) -> int:
        """+1 if the cue nearest ``text[start:end]`` in its sentence points to the
        future, -1 to the past, 0 when the sentence has no cue; only cues of at least
        ``weight`` count (``LISTED``: not reporting verbs nor any -ed word)."""
        key = (start, end, weight)
        if key not in self._seen:
            self._seen[key] = self._nearest(start, end, weight)
        return self._seen[key]

    def _nearest(self, start: int, end: int, weight: int) -> int:
        breaks = self._sentence_breaks()
        index = bisect.bisect_right(breaks, start)
        low = breaks[index - 1] if index else 0
        after = bisect.bisect_left(breaks, end)
        high = breaks[after] if after < len(breaks) else len(self._text)
        if low not in self._cues:
            self._cues[low] = self._read_cues(low, high)
        best, sign = _FAR, 0
        for cue_start, cue_end, cue_sign, cue_weight in self._cues[low]:
            if cue_weight < weight:
                continue
            if cue_end <= start:
                distance = start - cue_end
            elif cue_start >= end and cue_weight != REPORTING:
                distance = cue_start - end  # "..., officials said" is attribution
            else:
                continue
            if distance < best:
                best, sign = distance, cue_sign
        return sign

    def _sentence_breaks(self) -> list[int]:
        if self._breaks is None:
            text = self._text
            breaks = []
            for m in _BREAK.finditer(text):
                if "\n" in m.group():
                    breaks.append(m.end())
                    continue
                before = text[max(0, m.start() - 2) : m.start()]
                following = text[m.end() : m.end() + 3].lstrip(_OPENERS)[:1]
                if (
                    len(before) == 2
                    and before.isalpha()
                    and before.islower()
                    and following.isupper()
                ):
                    breaks.append(m.end())
            self._breaks = breaks
        return self._breaks

    def _read_cues(self, low: int, high: int) -> list[tuple[int, int, int, int]]:
        w = time_words()
        cues = _cues()
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(self._lower, low, high)]
        tokens = [word for _, _, word in words]
        found = []
        for index, (start, end, token) in enumerate(words):
            passive = index > 0 and tokens[index - 1] in _PASSIVE
            for phrase, sign in () if passive else cues.get(token, ()):
                if tuple(tokens[index : index + len(phrase)]) == phrase:
                    weight = REPORTING if sign == -REPORTING else LISTED
                    last = words[index + len(phrase) - 1][1]
                    found.append((start, last, max(-1, min(1, sign)), weight))
                    break
            else:
                if (
                    not passive
                    and len(token) > 3
                    and token.endswith(w.past_suffix)
                    and token not in w.not_past
                ):
                    found.append((start, end, -1, SUFFIX))
        return found
