"""Every knowledge file under rashomon/data parses, and every entry is usable."""

from __future__ import annotations

import re

from rashomon.lexicons import (
    binary_signatures,
    cleaning,
    feed_fields,
    legacy_encodings,
    stopwords,
)


def test_lexicons_cleaning_entries_parse() -> None:
    lex = cleaning()
    for group in (lex.trailer_labels, lex.caption_credits, lex.noise_lines, lex.published_labels):
        assert group and all(entry == entry.strip() and entry for entry in group)
    assert all(prefix.endswith(":") for prefix in lex.caption_prefixes)
    assert lex.byline_prefixes and lex.copyright_marks and lex.weekdays
    assert set(lex.months.values()) == set(range(1, 13))
    assert all(re.fullmatch(r"[a-z]+", name) for name in lex.months)


def test_lexicons_binary_signatures_are_hex_with_names() -> None:
    rows = binary_signatures()
    assert len(rows) >= 10
    for signature, name in rows:
        assert 2 <= len(signature) <= 16 and name


def test_lexicons_stopwords_cover_english_and_others() -> None:
    words = stopwords()
    assert {"en", "de", "fr", "es"} <= set(words)
    assert all(len(vocabulary) >= 20 for vocabulary in words.values())
    assert "the" in words["en"]


def test_lexicons_feed_fields_name_each_field() -> None:
    names = feed_fields()
    assert names.text[0] == "text" and names.html[0] == "html"
    for field in (names.title, names.url, names.source, names.published):
        assert field and all(isinstance(n, str) and n for n in field)


def test_lexicons_legacy_encodings_are_known_codecs() -> None:
    names = legacy_encodings()
    assert names[0] == "cp1252"
    assert len(set(names)) == len(names) >= 10
