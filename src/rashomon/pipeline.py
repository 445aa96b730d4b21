"""The article stages, registered by name with what each needs and adds.

After the NLP model has parsed an article, named stages fill the fields of its
``Annotation``: ``quantities``, ``times``, ``quotes``, ``events`` (built-ins, registered
below with the same ``register`` a plugin would use). ``assemble`` checks a list of
stage names before anything runs: every name known, every need met by an earlier stage.

    stage        needs                      adds
    quantities   (parse)                    quantities
    times        (text, publication date)   times
    quotes       (parse)                    quotes
    events       quantities, times          events
    places       (mentions)                 places
    entities     (mentions; places if run)  entity_mentions
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .errors import OptionsError
from .extract.events import find_events
from .extract.quantities import find_quantities
from .extract.quotes import find_quotes
from .extract.times import find_times
from .geocode import geocode
from .records import Annotation, Article
from .resolve.chains import link_mentions
from .resolve.countries import country_of, known_place, named_country, named_place
from .resolve.labels import corrected_labels

FIELDS = frozenset({"quantities", "times", "quotes", "events", "entity_mentions", "places"})

StageRun = Callable[[Article, Any, Annotation], tuple[Any, ...]]


@dataclass(frozen=True, kw_only=True, slots=True)
class Stage:
    """A named step over one parsed article: reads the annotation's ``needs`` fields,
    returns the records for its ``adds`` field."""

    name: str
    needs: frozenset[str]
    adds: str
    run: StageRun


_REGISTRY: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    """Make a stage available by name (a plugin calls this too)."""
    if stage.adds not in FIELDS:
        raise OptionsError(
            f"stage {stage.name!r} adds {stage.adds!r}, which is not an annotation field "
            f"({', '.join(sorted(FIELDS))})"
        )
    _REGISTRY[stage.name] = stage
    return stage


def registered() -> tuple[str, ...]:
    _register_builtins()
    return tuple(_REGISTRY)


def assemble(names: Iterable[str]) -> tuple[Stage, ...]:
    """The stages named, in order, after checking each one's needs are met before it."""
    _register_builtins()
    stages: list[Stage] = []
    filled: set[str] = set()
    for name in names:
        stage = _REGISTRY.get(name)
        if stage is None:
            raise OptionsError(
                f"unknown stage {name!r}; known stages: {', '.join(sorted(_REGISTRY))}"
            )
        missing = stage.needs - filled
        if missing:
            raise OptionsError(
                f"stage {name!r} needs {', '.join(sorted(missing))} from an earlier stage; "
                "list the stage(s) that add it before it"
            )
        stages.append(stage)
        filled.add(stage.adds)
    return tuple(stages)


def run_stages(stages: Iterable[Stage], article: Article, doc: Any, base: Annotation) -> Annotation:
    """Fill ``base`` with each stage's records, in order."""
    annotation = base
    for stage in stages:
        records = stage.run(article, doc, annotation)
        # the field is named at run time; register() checked it is an annotation field
        annotation = replace(annotation, **{stage.adds: records})  # type: ignore[arg-type]
    return annotation


# -- built-in stages ----------------------------------------------------------------------


def _quantities(article: Article, doc: Any, annotation: Annotation) -> tuple[Any, ...]:
    return find_quantities(doc, article_id=article.id)


def _times(article: Article, doc: Any, annotation: Annotation) -> tuple[Any, ...]:
    anchor: date | None = article.published.date if article.published else None
    if article.published is not None and article.published.precision != "day":
        anchor = None  # a month or a year cannot anchor "on Tuesday"
    return find_times(article.text, anchor, article_id=article.id)


def _quotes(article: Article, doc: Any, annotation: Annotation) -> tuple[Any, ...]:
    return find_quotes(doc, article_id=article.id)


def _events(article: Article, doc: Any, annotation: Annotation) -> tuple[Any, ...]:
    return find_events(
        doc,
        article_id=article.id,
        quantities=annotation.quantities,
        times=annotation.times,
        is_place=named_place,
        is_country=named_country,
    )


def _places(article: Article, doc: Any, annotation: Annotation) -> tuple[Any, ...]:
    # the rule layer's labels: "the town of Tefahta" is a place even when tagged ORG
    labels = corrected_labels(annotation.mentions, article.text, article.source, known_place)
    mentions = [
        replace(m, label=label) for m, label in zip(annotation.mentions, labels, strict=True)
    ]
    return geocode(article.text, mentions, article_id=article.id)


def _entities(article: Article, doc: Any, annotation: Annotation) -> tuple[Any, ...]:
    return link_mentions(
        article.text,
        annotation.mentions,
        article_id=article.id,
        source=article.source,
        country_of=country_of,
        places=annotation.places,
        known_place=known_place,
    )


def _register_builtins() -> None:
    if _REGISTRY.keys() >= {"quantities", "times", "quotes", "events", "places", "entities"}:
        return
    register(Stage(name="places", needs=frozenset(), adds="places", run=_places))
    register(Stage(name="entities", needs=frozenset(), adds="entity_mentions", run=_entities))
    register(Stage(name="quantities", needs=frozenset(), adds="quantities", run=_quantities))
    register(Stage(name="times", needs=frozenset(), adds="times", run=_times))
    register(Stage(name="quotes", needs=frozenset(), adds="quotes", run=_quotes))
    register(
        Stage(
            name="events",
            needs=frozenset({"quantities", "times"}),
            adds="events",
            run=_events,
        )
    )
