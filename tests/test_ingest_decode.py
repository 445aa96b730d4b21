"""Legacy encodings are detected among plausible news encodings, never DOS code pages."""

from __future__ import annotations

import pytest

from rashomon.errors import InputError
from rashomon.ingest.decode import decode

SAMPLES = [
    ("Le président a déclaré que la réunion aurait lieu à Genève, près du lac.", "latin-1"),
    ("José Peña dijo “sí” a la propuesta — una crème brûlée política.", "cp1252"),
    ("Президент заявил, что переговоры продолжатся в Москве на следующей неделе.", "cp1251"),
    ("Ο πρωθυπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν στην Αθήνα.", "cp1253"),
    ("قال الرئيس إن المحادثات ستستمر في القاهرة الأسبوع المقبل", "cp1256"),
]


@pytest.mark.parametrize(("text", "encoding"), SAMPLES, ids=[e for _, e in SAMPLES])
def test_decode_legacy_encodings_round_trip(text: str, encoding: str) -> None:
    decoded, name = decode(text.encode(encoding), "sample.txt")
    assert decoded == text
    assert name.replace("_", "-") != "cp775"


def test_decode_utf8_with_broken_bytes_is_refused_with_offset() -> None:
    data = "“Talks resume on Monday,” the minister said. ".encode() * 3 + b"\xff\xfe broken"
    with pytest.raises(InputError) as caught:
        decode(data, "mixed.txt")
    assert caught.value.reason == "encoding"
    assert "offset" in str(caught.value) and str(caught.value).startswith("mixed.txt: ")
