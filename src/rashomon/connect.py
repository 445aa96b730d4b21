"""Corpus-level linking after articles are stored: each new article's entity chains join
the corpus's entities, the article joins a story (or opens one, or is recognised as a
copy), and the incidents of every story it touched are worked out again.

Runs in one store transaction per batch. An article stored but not linked (a run stopped
in between, or a corpus written before linking existed and upgraded since) is linked by
the next run (``Connector.catch_up``); one whose stored annotation lacks some of today's
extraction stages (stored before they existed) is annotated again first, so it has its
entity mentions and places to link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .annotate import annotate, load_model
from .cluster.features import StoryFeatures, story_features
from .cluster.records import Assignment, Story
from .cluster.stories import StoryIndex
from .compare.material import Account, Background, StoryMaterial
from .coref import Incident, Report, incidents
from .errors import NotFoundError
from .options import Options
from .records import Annotation, Article, EntityProfile, Event, Geocoded, Place
from .resolve.linker import link_chains
from .resolve.names import fold
from .store import FactQuery, Store
from .store.links import LinkTables


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryProfile:
    """A story with its incidents (each holding every source's account)."""

    story: Story
    incidents: tuple[Incident, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkReport:
    articles: int
    stories: int
    duplicates: int
    annotated_again: int = 0


class Connector:
    """Links stored articles into entities, stories and incidents, keeping the story
    index in memory between batches. With ``options``, ``catch_up`` can annotate stored
    articles again (with the options' model and stages) before linking them."""

    def __init__(self, store: Store, options: Options | None = None):
        self.store = store
        self.options = options
        self._index: StoryIndex | None = None

    @property
    def index(self) -> StoryIndex:
        if self._index is None:
            self._index = StoryIndex.restore(
                (StoryFeatures.from_dict(features), Assignment.from_dict(assignment))
                for features, assignment in self.store.links.story_entries()
            )
        return self._index

    def link(self, pairs: Sequence[tuple[Article, Annotation]]) -> LinkReport:
        """Link articles just stored, with their annotations."""
        touched: set[str] = set()
        duplicates = 0
        with self.store.linking() as tables:
            outlets = outlet_keys(tuple(tables.outlet_names()))
            for article, annotation in pairs:
                linked = link_chains(annotation.entity_mentions, tables, outlets)
                tables.set_entity_ids(article.id, linked)
                features = story_features(article, annotation)
                assignment = self.index.add(features)
                tables.add_member(
                    features.to_dict(),
                    article_id=article.id,
                    story_id=assignment.story_id,
                    duplicate_of=assignment.duplicate_of,
                    score=assignment.score,
                )
                if assignment.merged:
                    tables.merge_stories(assignment.story_id, assignment.merged)
                    touched.difference_update(assignment.merged)
                for moved_id, story_id in assignment.moved:
                    touched.add(tables.move(moved_id, story_id))
                    touched.add(story_id)
                touched.add(assignment.story_id)
                duplicates += assignment.duplicate_of is not None
            for story_id in sorted(touched):
                self._incidents(tables, story_id)  # an emptied story's go too
        return LinkReport(articles=len(pairs), stories=len(touched), duplicates=duplicates)

    def catch_up(self) -> LinkReport:
        """Link the annotated articles left unlinked: by a stopped run, or stored before
        the schema had links. Those annotated without some of the options' stages are
        annotated again first (without options they are linked as they are)."""
        pending = self.store.links.unlinked_articles()
        if not pending:
            return LinkReport(articles=0, stories=0, duplicates=0)
        again = self._annotate_again(pending)
        pairs = [(self.store.article(key), self._annotation(key)) for key in pending]
        report = self.link(pairs)
        return LinkReport(
            articles=report.articles,
            stories=report.stories,
            duplicates=report.duplicates,
            annotated_again=again,
        )

    def _annotate_again(self, keys: Sequence[str]) -> int:
        """Annotate again, batch by batch (each stored as it is done), the articles whose
        stored annotation lacks some of the options' stages."""
        options = self.options
        if options is None:
            return 0
        wanted = frozenset(options.stages)
        stale = [key for key in keys if not wanted <= self.store.stages_run(key)]
        if not stale:
            return 0
        model, size = load_model(options.model), options.batch_size
        for start in range(0, len(stale), size):
            articles = [self.store.article(key) for key in stale[start : start + size]]
            self.store.replace_annotations(annotate(articles, model, options), options.stages)
        return len(stale)

    def _annotation(self, article_id: str) -> Annotation:
        query = FactQuery(article_id=article_id)
        return Annotation(
            article_id=article_id,
            model=self.store.model_of(article_id) or "",
            sentences=(),
            mentions=tuple(self.store.mentions(article_id=article_id)),
            times=tuple(self.store.facts("times", query)),
            events=tuple(self.store.facts("events", query)),
            entity_mentions=tuple(self.store.facts("entity_mentions", query)),
            places=tuple(self.store.facts("places", query)),
        )

    def incidents(self, story_id: str) -> tuple[Incident, ...]:
        """The story's incidents, each with every source's account."""
        return incidents(story_id, self._reports(self.store.links, story_id))

    def profile(self, key: str) -> StoryProfile:
        """A story by id or unique id prefix."""
        story = self.find_story(key)
        return StoryProfile(story=story, incidents=self.incidents(story.story_id))

    def material(self, key: str) -> StoryMaterial:
        """What comparing a story reads: each account (copies left out) with every fact
        stored for it, its entity and incident links, and the corpus's term frequencies."""
        story = self.find_story(key)
        links = self.store.links
        incidents = links.story_incidents(story.story_id)
        accounts = []
        for article_id in story.article_ids:
            query = FactQuery(article_id=article_id)
            accounts.append(
                Account(
                    article=self.store.article(article_id),
                    sentences=tuple(self.store.sentences(article_id)),
                    entity_mentions=tuple(self.store.facts("entity_mentions", query)),
                    quotes=tuple(self.store.facts("quotes", query)),
                    quantities=tuple(self.store.facts("quantities", query)),
                    times=tuple(self.store.facts("times", query)),
                    events=tuple(self.store.facts("events", query)),
                    places=tuple(self.store.facts("places", query)),
                    entity_ids=links.article_entity_ids(article_id),
                    incidents={
                        (start, end): incident
                        for (article, start, end), incident in incidents.items()
                        if article == article_id
                    },
                )
            )
        return StoryMaterial(
            story_id=story.story_id,
            title=story.title,
            accounts=tuple(accounts),
            background=Background(term_df=self.index.term_df, articles=self.index.originals),
        )

    def find_story(self, key: str) -> Story:
        """A story by id or unique id prefix; raises NotFoundError."""
        stories = self.index.stories
        matches = [key] if key in stories else [s for s in stories if s.startswith(key)]
        matches = [m for m in matches if stories[m].members]
        if len(matches) != 1:
            reason = "no story" if not matches else f"{len(matches)} stories"
            raise NotFoundError(
                f"{reason} with id {key!r} in {self.store.path}; list them with `rashomon stories`"
            )
        return self.index.story(matches[0])

    def entity_profiles(self, name: str) -> list[EntityProfile]:
        """Every entity called ``name``, with its mentions and events."""
        ids = self.store.links.find_entities(name)
        if not ids:
            raise NotFoundError(
                f"no entity called {name!r} in {self.store.path}; "
                "list them with `rashomon entities`"
            )
        return [
            EntityProfile(
                entity=entity,
                mentions=tuple(self.store.links.entity_mentions(entity.id)),
                events=tuple(self.store.links.entity_events(entity.id)),
            )
            for entity in self.store.links.entities(ids=ids)
        ]

    def _incidents(self, tables: LinkTables, story_id: str) -> None:
        found = incidents(story_id, self._reports(tables, story_id))
        tables.replace_incidents(
            story_id,
            (
                (r.event.article_id, r.event.start, r.event.end, incident.id)
                for incident in found
                for r in incident.reports
            ),
        )

    def _reports(self, tables: LinkTables, story_id: str) -> list[Report]:
        reports = []
        # copies are left out: a copy repeats its original's account, not a second source
        for article_id, source, published in tables.story_accounts(story_id):
            query = FactQuery(article_id=article_id)
            places = self.store.facts("places", query)
            for event in self.store.facts("events", query):
                where = _place_of(event, places)
                reports.append(
                    Report(
                        event=event,
                        source=source,
                        published=published,
                        place=where.name if where else None,
                        where=where,
                    )
                )
        return reports


@lru_cache(maxsize=8)
def outlet_keys(names: tuple[str, ...]) -> frozenset[str]:
    """The stored outlets' names as entity linking compares them (folded, no "the")."""
    return frozenset(fold(name).removeprefix("the ") for name in names)


def _place_of(event: Event, places: Iterable[Geocoded]) -> Place | None:
    """The geocoded place of the event's location, when known."""
    if event.location is None:
        return None
    for geocoded in places:
        if event.location.start <= geocoded.start and geocoded.end <= event.location.end:
            return geocoded.place
    return None
