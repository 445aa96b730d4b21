"""The comparison stage on BASIL: the same event told by Fox News, The New York Times and
HuffPost, with expert bias spans (Fan et al., EMNLP 2019).

    python benchmarks/basil.py ../shared/datasets/dev/basil [--db FILE] [--folds 5]

The articles go through the production path: written as a JSONL feed, analyzed into a
corpus database (cleaning, annotation, extraction, entity linking, story clustering),
then each story is compared with ``Corpus.compare``. Printed:

- story B-cubed P/R/F1 of the stories against the triplets;
- informational bias, sentence level: a gold sentence is positive when an ``inf`` span
  overlaps it; a sentence is predicted positive when the comparison gives it one of the
  informational flags (``flags.informational`` of ``data/compare.toml``: background,
  negative, quoted) and none of the flags of a record of fact (``flags.factual``:
  figures). P/R/F1 of the positive class, beside the flag-everything baseline and any
  flag at all (unique, conflict, framed too); then the same for each flag alone;
- the cross-validated estimate: for each of ``--folds`` random halvings of the
  triplets, the flags that count, the negative-tone bar and whether a figure in the
  sentence rules it out are chosen on one half and scored on the other (both ways); the
  mean and range of the held-out F1;
- quote speakers: over BASIL spans with ``quote: yes`` and a named speaker that a
  predicted quote overlaps, the share whose predicted speaker is that person;
- tone: each outlet's tone label toward each ``main_entities`` entity (from the
  comparison's framing; ``neu`` when the outlet's framing has no tone for it) against
  ``author_feeling_<entity>``: macro-F1 over pos/neg/neu beside the all-``neu`` majority
  baseline.

The last line is the informational-bias sentence F1 with the shipped settings.
The corpus database is kept (``--db``, default in the system temp folder, keyed by the
data's hash) so that a second run only compares; delete it after changing a stage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import rashomon
from cluster_metrics import b_cubed
from code_version import code_digest
from rashomon.compare.framing import sentence_tone
from rashomon.compare.story import FLAGS, flag_rules, informational
from rashomon.coref import names_match
from rashomon.resolve.names import fold

_SPACES = re.compile(r"\s+")


@dataclass(kw_only=True, slots=True)
class Doc:
    id: str
    triplet: str
    source: str
    text: str
    title: str
    url: str
    published: str
    main_entities: list[str]
    sentences: list[tuple[int, int]]
    inf: list[tuple[int, int]]
    quotes: list[tuple[int, int, str]]
    feelings: dict[str, str]


@dataclass(kw_only=True, slots=True)
class SentenceCase:
    """One gold sentence with what the system says of the sentence(s) it maps to."""

    triplet: str
    gold: bool
    flags: set[str] = field(default_factory=set)
    # the lowest sentence tone of the system sentences it maps to (in a story of two or
    # more outlets: a story one outlet tells has no flags)
    low: float = 1.0


def load(folder: Path) -> tuple[list[Doc], str]:
    path = folder / "docs.jsonl"
    if not path.exists():
        sys.exit(f"{path}: not found; pass the basil dataset folder")
    data = path.read_bytes()
    docs = []
    for line in data.decode("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        spans = [s for s in row["bias_spans"] if not s.get("in_title")]
        feelings = {
            key.removeprefix("author_feeling_").replace("_", " "): value
            for key, value in row["article_annotations"].items()
            if key.startswith("author_feeling_") and key != "author_feeling_main_event"
        }
        docs.append(
            Doc(
                id=row["id"],
                triplet=row["triplet"],
                source=row["source"],
                text=row["text"],
                title=row["title"],
                url=row["url"],
                published=row["published"],
                main_entities=list(row["main_entities"]),
                sentences=[tuple(s) for s in row["sentences"]],  # type: ignore[misc]
                inf=[(s["start"], s["end"]) for s in spans if s["bias"] == "inf"],
                quotes=[
                    (s["start"], s["end"], s["speaker"].replace("_", " "))
                    for s in spans
                    if s["quote"] == "yes" and s["speaker"] and not s["speaker"].startswith("other")
                ],
                feelings=feelings,
            )
        )
    return docs, hashlib.sha256(data).hexdigest()[:16]


def build(docs: Sequence[Doc], db: Path) -> None:
    """Analyze the docs into ``db`` through the production path (a JSONL feed)."""
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "basil.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for doc in docs:
                record = {
                    "text": doc.text,
                    "title": doc.title,
                    "source": doc.source,
                    "published": doc.published,
                    "url": doc.url,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        with rashomon.open(db) as corpus:
            report = corpus.analyze([feed])
        print(f"analyzed {report.articles} articles into {db} ({len(report.errors)} errors)")


def locate(text: str, doc: Doc) -> list[tuple[int, int] | None]:
    """Where each gold sentence of ``doc`` sits in the stored text (cleaning may have
    changed spacing): found by its first words, from where the last one ended."""
    out: list[tuple[int, int] | None] = []
    cursor = 0
    folded = text
    for start, end in doc.sentences:
        sentence = doc.text[start:end].strip()
        probe = sentence[:40]
        at = folded.find(probe, cursor)
        if at < 0:
            at = folded.find(probe[:20], cursor) if len(probe) >= 20 else -1
        if at < 0:
            out.append(None)
            continue
        out.append((at, at + len(sentence)))
        cursor = at + 1
    return out


def to_stored(
    doc: Doc, located: list[tuple[int, int] | None], start: int, end: int
) -> tuple[int, int] | None:
    """A gold span (offsets into ``doc.text``) in stored-text offsets, through the
    sentence that holds it."""
    for (s, e), where in zip(doc.sentences, located, strict=True):
        if where is not None and s <= start < e:
            shift = where[0] - (s + (len(doc.text[s:e]) - len(doc.text[s:e].lstrip())))
            return start + shift, end + shift
    return None


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    docs, digest = load(args.folder)
    # keyed by the data and the code: a changed extractor must not read the old facts
    db = args.db or Path(tempfile.gettempdir()) / f"rashomon_basil_{digest}_{code_digest()}.db"
    if not db.exists():
        started = time.perf_counter()
        build(docs, db)
        print(f"built in {time.perf_counter() - started:.0f} s")
    by_url = {d.url: d for d in docs}
    cases: list[SentenceCase] = []
    speakers: list[bool] = []
    person_speakers: list[bool] = []
    tones: list[tuple[str, str]] = []
    tone_scores: list[tuple[str, str, float | None]] = []  # triplet, gold, score
    predicted_story: dict[str, str] = {}
    with rashomon.open(db) as corpus:
        stored = {a.id: a for a in corpus.articles()}
        doc_of = {key: by_url[a.url] for key, a in stored.items() if a.url in by_url}
        started = time.perf_counter()
        timings = []
        for story in corpus.stories():
            for key in (*story.article_ids, *story.copies):
                if key in doc_of:
                    predicted_story[doc_of[key].id] = story.story_id
            t0 = time.perf_counter()
            comparison = corpus.compare(story.story_id)
            timings.append(time.perf_counter() - t0)
            material = corpus._connector.material(story.story_id)
            quotes_by_article: dict[str, list[Any]] = defaultdict(list)
            mentions_by_article: dict[str, list[Any]] = defaultdict(list)
            for account in material.accounts:
                quotes_by_article[account.id].extend(account.quotes)
                mentions_by_article[account.id].extend(account.entity_mentions)
            for key in story.article_ids:
                doc = doc_of.get(key)
                if doc is None:
                    continue
                text = stored[key].text
                located = locate(text, doc)
                units = [s for s in comparison.sentences if s.article_id == key]
                for (s, e), where in zip(doc.sentences, located, strict=True):
                    gold = any(a < e and s < b for a, b in doc.inf)
                    case = SentenceCase(triplet=doc.triplet, gold=gold)
                    if where is not None:
                        for unit in units:
                            if unit.start < where[1] and where[0] < unit.end:
                                case.flags.update(unit.flags)
                                if len(comparison.outlets) > 1:  # flags need two outlets
                                    piece = text[unit.start : unit.end]
                                    case.low = min(case.low, sentence_tone(piece))
                    cases.append(case)
                for start, end, speaker in doc.quotes:
                    span = to_stored(doc, located, start, end)
                    if span is None:
                        continue
                    hits = [
                        q for q in quotes_by_article[key] if q.start < span[1] and span[0] < q.end
                    ]
                    if hits:
                        said = max(hits, key=lambda q: min(q.end, span[1]) - max(q.start, span[0]))
                        right = bool(said.speaker) and _same_person(said.speaker, speaker)
                        speakers.append(right)
                        if _named_person(speaker, mentions_by_article[key]):
                            person_speakers.append(right)
                tone_of = {
                    t.entity: t
                    for f in comparison.framing
                    if f.outlet == stored[key].source
                    for t in f.tone
                }
                for entity, gold_label in doc.feelings.items():
                    tone = next(
                        (t for name, t in tone_of.items() if _same_person(name, entity)), None
                    )
                    tones.append((gold_label, tone.label if tone else "neu"))
                    tone_scores.append((doc.triplet, gold_label, tone.score if tone else None))
        elapsed = time.perf_counter() - started
    gold_story = {d.id: d.triplet for d in docs}
    keys = [d.id for d in docs if d.id in predicted_story]
    prf = b_cubed({k: gold_story[k] for k in keys}, {k: predicted_story[k] for k in keys})
    print(
        f"stories: B-cubed P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f} "
        f"over {len(keys)} of {len(docs)} articles"
    )
    print(f"compare: {len(timings)} stories in {elapsed:.1f} s (slowest {max(timings):.2f} s)")
    _report_flags(cases)
    _cross_validate(cases, args.folds)
    matched = len(speakers)
    gold_quotes = sum(len(d.quotes) for d in docs)
    print(
        f"quote speakers: {sum(speakers)}/{matched} right = {sum(speakers) / max(1, matched):.3f} "
        f"({matched} of {gold_quotes} named-speaker quote spans overlapped by a predicted quote); "
        f"where the gold speaker is a person the article names: {sum(person_speakers)}/"
        f"{len(person_speakers)} = {sum(person_speakers) / max(1, len(person_speakers)):.3f}"
    )
    macro = _macro_f1(tones)
    majority = _macro_f1([(g, "neu") for g, _ in tones])
    print(
        f"tone: macro-F1 {macro:.3f} vs majority (all neu) {majority:.3f} over {len(tones)} "
        f"outlet-entity pairs; gold {dict(Counter(g for g, _ in tones))}, "
        f"predicted {dict(Counter(p for _, p in tones))}"
    )
    _cross_validate_tone(tone_scores, args.folds)
    print(f"informational-bias sentence F1 {_prf(cases, lambda c: informational(c.flags))[2]:.3f}")


def _same_person(predicted: str, gold: str) -> bool:
    """The predicted name is the gold one: the same name, or its last word (accents
    folded; BASIL cuts some names at a non-ASCII letter: ``Felipe Calder``) begins a word
    of the predicted name."""
    if names_match(predicted, gold):
        return True
    last = fold(gold.split()[-1])
    return any(fold(w.strip(".,")).startswith(last) for w in predicted.split())


def _named_person(gold: str, mentions: Iterable[Any]) -> bool:
    """Is the gold speaker a person the article names (not a group: ``Democratic
    lawmakers``, ``the NAACP``)?"""
    last = fold(gold.split()[-1])
    return any(
        m.label == "PERSON" and any(fold(w).startswith(last) for w in m.name.split())
        for m in mentions
    )


def _prf(cases: Iterable[SentenceCase], rule: Any) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for c in cases:
        guess = rule(c)
        tp += guess and c.gold
        fp += guess and not c.gold
        fn += (not guess) and c.gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _report_flags(cases: Sequence[SentenceCase]) -> None:
    positives = sum(c.gold for c in cases)
    print(
        f"sentences: {len(cases)}, {positives} with an informational span "
        f"({positives / len(cases):.1%})"
    )
    p, r, f = _prf(cases, lambda c: True)
    print(f"  flag everything: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = _prf(cases, lambda c: bool(c.flags))
    print(f"  any flag (any of {', '.join(FLAGS)}): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = _prf(cases, lambda c: informational(c.flags))
    shipped = ", ".join(flag_rules().informational)
    factual = ", ".join(flag_rules().factual)
    print(
        f"  shipped informational flags (any of {shipped}, none of {factual}): "
        f"P {p:.3f} R {r:.3f} F1 {f:.3f}"
    )
    for flag in FLAGS:
        p, r, f = _prf(cases, lambda c, flag=flag: flag in c.flags)
        share = sum(flag in c.flags for c in cases) / len(cases)
        print(f"  {flag} alone: P {p:.3f} R {r:.3f} F1 {f:.3f} (flags {share:.1%})")


def _rules() -> dict[str, Any]:
    """The settings the cross-validation chooses among: which flags count (any subset of
    unique, conflict, framed, background, quoted), the negative-tone bar (or no negative
    flag) and whether a ``figures`` flag rules a sentence out."""
    counted = ("unique", "conflict", "framed", "background", "quoted")
    rules: dict[str, Any] = {}
    for size in range(len(counted) + 1):
        for chosen in combinations(counted, size):
            for bar in (None, 0.05, 0.2, 0.4):
                if not chosen and bar is None:
                    continue
                for factual in (frozenset(), frozenset({"figures"})):
                    name = "+".join(chosen) + (f" negative {bar}" if bar is not None else "")
                    name += "".join(f" -{f}" for f in sorted(factual))
                    rules[name] = lambda c, f=frozenset(chosen), b=bar, x=factual: (
                        (bool(c.flags & f) or (b is not None and c.low <= -b)) and not c.flags & x
                    )
    return rules


def _cross_validate(cases: Sequence[SentenceCase], folds: int) -> None:
    triplets = sorted({c.triplet for c in cases})
    rules = _rules()
    scores = []
    chosen: Counter[str] = Counter()
    for split in range(folds):
        rng = random.Random(split)
        shuffled = triplets[:]
        rng.shuffle(shuffled)
        half = set(shuffled[: len(shuffled) // 2])
        parts = (
            [c for c in cases if c.triplet in half],
            [c for c in cases if c.triplet not in half],
        )
        for train, test in (parts, parts[::-1]):
            name = max(rules, key=lambda n: _prf(train, rules[n])[2])
            chosen[name] += 1
            scores.append(_prf(test, rules[name])[2])
    rules = flag_rules()
    shipped = "+".join(f for f in rules.informational if f != "negative")
    if "negative" in rules.informational:
        shipped += f" negative {rules.negative_tone}"
    shipped += "".join(f" -{f}" for f in sorted(rules.factual))
    print(
        f"  cross-validated over triplet halves ({folds} splits x 2): held-out F1 mean "
        f"{statistics.mean(scores):.3f} (range {min(scores):.3f}-{max(scores):.3f}); "
        f"chosen: {', '.join(f'{n} x{k}' for n, k in chosen.most_common(3))}; shipped: {shipped}"
    )


def _cross_validate_tone(scores: Sequence[tuple[str, str, float | None]], folds: int) -> None:
    """The tone thresholds chosen on one half of the triplets, scored on the other."""
    grid = [
        (p, n) for p in (0.1, 0.2, 0.3, 0.4, 0.5, 0.7) for n in (0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
    ]

    def macro(rows: Sequence[tuple[str, str, float | None]], pos: float, neg: float) -> float:
        def label(x: float | None) -> str:
            return "neu" if x is None else "pos" if x >= pos else "neg" if x <= -neg else "neu"

        return _macro_f1([(gold, label(x)) for _, gold, x in rows])

    triplets = sorted({t for t, _, _ in scores})
    held = []
    for split in range(folds):
        shuffled = triplets[:]
        random.Random(split).shuffle(shuffled)
        half = set(shuffled[: len(shuffled) // 2])
        parts = ([r for r in scores if r[0] in half], [r for r in scores if r[0] not in half])
        for train, test in (parts, parts[::-1]):
            best = max(grid, key=lambda g: macro(train, *g))
            held.append(macro(test, *best) - macro(test, 9.0, 9.0))
    print(
        f"  tone cross-validated over triplet halves ({folds} splits x 2): held-out lead over "
        f"the majority baseline {statistics.mean(held):+.3f} "
        f"(range {min(held):+.3f} to {max(held):+.3f})"
    )


def _macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    scores = []
    for label in ("pos", "neg", "neu"):
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


if __name__ == "__main__":
    main()
