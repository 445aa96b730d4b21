"""The store's side of corpus-level linking: entity spellings (``EntityIndex`` for
``rashomon.resolve.linker``), story membership and story features, incidents. Every
method runs inside the caller's transaction (``Store.linking``)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ..records import Entity, EntityMention, Event
from ..resolve.linker import KnownName, name_keys
from ..resolve.names import same_name
from . import like
from .rows import from_row


class LinkTables:
    def __init__(self, db: sqlite3.Connection):
        self._db = db

    # -- entities (the EntityIndex protocol) -----------------------------------------

    def by_key(self, key: str) -> list[KnownName]:
        rows = self._db.execute(
            "SELECT n.entity_id, n.name, e.label FROM entity_names n"
            " JOIN entities e ON e.id = n.entity_id WHERE n.key = ?",
            (key,),
        )
        return [KnownName(entity_id=r[0], name=r[1], label=r[2]) for r in rows]

    def by_last_key(self, key: str) -> list[KnownName]:
        rows = self._db.execute(
            "SELECT n.entity_id, n.name, e.label FROM entity_names n"
            " JOIN entities e ON e.id = n.entity_id WHERE n.last_key = ? AND n.words > 1",
            (key,),
        )
        return [KnownName(entity_id=r[0], name=r[1], label=r[2]) for r in rows]

    def new_entity(self, name: str, label: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO entities (name, label, key) VALUES (?, ?, ?)",
            (name, label, name_keys(name).key),
        )
        return int(cursor.lastrowid or 0)

    def add_name(self, entity_id: int, name: str) -> None:
        keys = name_keys(name)
        self._db.execute(
            "INSERT OR IGNORE INTO entity_names VALUES (?, ?, ?, ?, ?)",
            (entity_id, name, keys.key, keys.last_key, keys.words),
        )
        # the entity is known by its fullest spelling
        self._db.execute(
            "UPDATE entities SET name = ? WHERE id = ? AND length(name) < length(?)",
            (name, entity_id, name),
        )

    def set_entity_ids(self, article_id: str, linked: dict[str, int]) -> None:
        self._db.executemany(
            "UPDATE entity_mentions SET entity_id = ? WHERE article_id = ? AND name = ?",
            [(entity_id, article_id, name) for name, entity_id in linked.items()],
        )

    # -- stories -------------------------------------------------------------------------

    def unlinked_articles(self) -> list[str]:
        """Annotated articles not yet placed in a story (a run stopped in between)."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
            " WHERE a.model IS NOT NULL AND m.article_id IS NULL ORDER BY a.rowid"
        )
        return [r[0] for r in rows]

    def story_entries(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """Stored features and assignments in order of arrival."""
        rows = self._db.execute(
            "SELECT f.features, m.article_id, m.story_id, m.duplicate_of, m.score"
            " FROM story_members m JOIN story_features f ON f.article_id = m.article_id"
            " ORDER BY m.position"
        )
        for row in rows:
            yield (
                json.loads(row[0]),
                {
                    "article_id": row[1],
                    "story_id": row[2],
                    "duplicate_of": row[3],
                    "score": row[4],
                },
            )

    def add_member(
        self,
        features: dict[str, Any],
        *,
        article_id: str,
        story_id: str,
        duplicate_of: str | None,
        score: float,
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO story_features VALUES (?, ?)",
            (article_id, json.dumps(features, ensure_ascii=False)),
        )
        position = self._db.execute(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM story_members"
        ).fetchone()[0]
        self._db.execute(
            "INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?, ?)",
            (article_id, story_id, duplicate_of, score, position),
        )

    def merge_stories(self, into: str, merged: Iterable[str]) -> None:
        for old in merged:
            self._db.execute(
                "UPDATE story_members SET story_id = ? WHERE story_id = ?", (into, old)
            )
            self._db.execute("UPDATE incidents SET story_id = ? WHERE story_id = ?", (into, old))

    def move(self, article_id: str, story_id: str) -> str:
        """Put a stored article in another story; the story it left."""
        row = self._db.execute(
            "SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)
        ).fetchone()
        self._db.execute(
            "UPDATE story_members SET story_id = ? WHERE article_id = ?", (story_id, article_id)
        )
        return str(row[0]) if row else story_id

    def story_accounts(self, story_id: str) -> list[tuple[str, str | None, str | None]]:
        """The story's articles that are not copies, in order of arrival, each with its
        outlet and ISO publication date."""
        rows = self._db.execute(
            "SELECT m.article_id, a.source, a.published FROM story_members m"
            " JOIN articles a ON a.id = m.article_id"
            " WHERE m.story_id = ? AND m.duplicate_of IS NULL ORDER BY m.position",
            (story_id,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def outlet_names(self) -> list[str]:
        """Every outlet named in the corpus."""
        rows = self._db.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL")
        return [r[0] for r in rows]

    # -- incidents -----------------------------------------------------------------------

    def replace_incidents(self, story_id: str, rows: Iterable[tuple[str, int, int, str]]) -> None:
        """The story's incidents anew: (article_id, start, end, incident_id) per event."""
        self._db.execute("DELETE FROM incidents WHERE story_id = ?", (story_id,))
        self._db.executemany(
            "INSERT OR REPLACE INTO incidents VALUES (?, ?, ?, ?, ?)",
            [(a, s, e, i, story_id) for a, s, e, i in rows],
        )

    # -- reading -------------------------------------------------------------------------

    def entities(
        self,
        *,
        label: str | None = None,
        ids: Iterable[int] | None = None,
        limit: int | None = None,
    ) -> list[Entity]:
        """Entities by number of mentions, most first."""
        clauses: list[str] = []
        params: list[Any] = []
        if label:
            clauses.append("e.label = ?")
            params.append(label.upper())
        if ids is not None:
            chosen = list(ids)
            clauses.append(f"e.id IN ({','.join('?' * len(chosen))})")
            params.extend(chosen)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            "SELECT e.id, e.name, e.label, count(m.article_id) AS n,"
            " count(DISTINCT m.article_id), group_concat(DISTINCT a.source),"
            " group_concat(DISTINCT m.text), group_concat(DISTINCT m.name)"
            " FROM entities e JOIN entity_mentions m ON m.entity_id = e.id"
            f" JOIN articles a ON a.id = m.article_id {where}"
            " GROUP BY e.id ORDER BY n DESC, e.name"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = self._db.execute(sql, params).fetchall()
        usual = self._usual_names([row[0] for row in rows])
        out = []
        for row in rows:
            name = usual.get(row[0], row[1])
            names = {*(row[6] or "").split(","), *(row[7] or "").split(",")} - {"", name}
            out.append(
                Entity(
                    id=row[0],
                    name=name,
                    label=row[2],
                    aliases=tuple(sorted(names)),
                    mentions=row[3],
                    articles=row[4],
                    sources=tuple(sorted((row[5] or "").split(","))) if row[5] else (),
                )
            )
        return out

    def _usual_names(self, ids: list[int]) -> dict[int, str]:
        """Each entity's name as most articles spell it (a full name before a short one,
        case aside)."""
        counts: dict[int, Counter[str]] = {}
        spelled: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self._db.execute(
                "SELECT entity_id, name, count(DISTINCT article_id) FROM entity_mentions"
                f" WHERE entity_id IN ({','.join('?' * len(chunk))}) GROUP BY entity_id, name",
                chunk,
            )
            for entity_id, name, articles in rows:
                counts.setdefault(entity_id, Counter())[name.casefold()] += articles
                spelled.setdefault(name.casefold(), name)
        return {
            entity_id: spelled[max(c, key=lambda n: (len(n.split()) > 1, c[n], len(n), n))]
            for entity_id, c in counts.items()
        }

    def find_entities(self, name: str) -> list[int]:
        """Entities called ``name``: by id, by any spelling (transliteration-insensitive),
        else by a spelling containing it."""
        if name.isdigit():
            return (
                [int(name)]
                if self._db.execute("SELECT 1 FROM entities WHERE id = ?", (int(name),)).fetchone()
                else []
            )
        keys = name_keys(name)
        found = {k.entity_id for k in self.by_key(keys.key) if same_name(k.name, name)}
        if not found:
            rows = self._db.execute(
                "SELECT DISTINCT entity_id FROM entity_mentions WHERE text = ? COLLATE NOCASE"
                " AND entity_id IS NOT NULL",
                (name,),
            )
            found = {r[0] for r in rows}
        if not found:
            rows = self._db.execute(
                f"SELECT DISTINCT entity_id FROM entity_names WHERE name {like.LIKE}",
                (like.containing(name),),
            )
            found = {r[0] for r in rows}
        return sorted(found)

    def entity_mentions(self, entity_id: int) -> list[tuple[str | None, EntityMention]]:
        rows = self._db.execute(
            "SELECT a.source, m.* FROM entity_mentions m JOIN articles a ON a.id = m.article_id"
            " WHERE m.entity_id = ? ORDER BY a.published, m.article_id, m.start",
            (entity_id,),
        )
        return [(row[0], from_row(EntityMention, dict(row))) for row in rows]

    def entity_events(self, entity_id: int) -> list[Event]:
        rows = self._db.execute(
            "SELECT DISTINCT e.* FROM events e JOIN entity_mentions m"
            " ON m.article_id = e.article_id AND m.entity_id = ?"
            ' AND ((m.start >= e.actor_start AND m."end" <= e.actor_end)'
            ' OR (m.start >= e.target_start AND m."end" <= e.target_end)'
            ' OR (m.start >= e.location_start AND m."end" <= e.location_end))'
            " ORDER BY e.date, e.article_id, e.start",
            (entity_id,),
        )
        return [from_row(Event, dict(row)) for row in rows]

    def article_entity_ids(self, article_id: str) -> dict[tuple[int, int], int]:
        """(start, end) -> corpus entity id of each linked mention of one article."""
        rows = self._db.execute(
            'SELECT start, "end", entity_id FROM entity_mentions'
            " WHERE article_id = ? AND entity_id IS NOT NULL",
            (article_id,),
        )
        return {(r[0], r[1]): r[2] for r in rows}

    def story_incidents(self, story_id: str) -> dict[tuple[str, int, int], str]:
        """(article_id, start, end) of each event of a story -> its incident id."""
        rows = self._db.execute(
            'SELECT article_id, start, "end", incident_id FROM incidents WHERE story_id = ?',
            (story_id,),
        )
        return {(r[0], r[1], r[2]): r[3] for r in rows}

    def entity_ids(self) -> dict[tuple[str, int, int], dict[str, Any]]:
        rows = self._db.execute('SELECT article_id, start, "end", entity_id FROM entity_mentions')
        return {(r[0], r[1], r[2]): {"entity_id": r[3]} for r in rows}

    def event_links(self) -> dict[tuple[str, int, int], dict[str, Any]]:
        """Per event (article_id, start, end): its incident and story, the entities of its
        actor and target, and the geocoded place of its location."""
        inside = 'm.article_id = e.article_id AND m.start >= e.{0}_start AND m."end" <= e.{0}_end'
        rows = self._db.execute(
            'SELECT e.article_id, e.start, e."end", i.incident_id, i.story_id,'
            " (SELECT m.entity_id FROM entity_mentions m WHERE "
            + inside.format("actor")
            + ' ORDER BY m."end" - m.start DESC LIMIT 1),'
            " (SELECT m.entity_id FROM entity_mentions m WHERE "
            + inside.format("target")
            + ' ORDER BY m."end" - m.start DESC LIMIT 1),'
            " (SELECT m.rowid FROM places m WHERE "
            + inside.format("location")
            + ' ORDER BY m."end" - m.start DESC LIMIT 1)'
            " FROM events e LEFT JOIN incidents i"
            ' ON i.article_id = e.article_id AND i.start = e.start AND i."end" = e."end"'
        )
        out: dict[tuple[str, int, int], dict[str, Any]] = {}
        place_rows: dict[int, tuple[str, int, int]] = {}
        for row in rows:
            key = (row[0], row[1], row[2])
            out[key] = {
                "incident_id": row[3],
                "story_id": row[4],
                "actor_entity_id": row[5],
                "target_entity_id": row[6],
            }
            if row[7] is not None:
                place_rows[row[7]] = key
        for column in PLACE_COLUMNS:
            for links in out.values():
                links[column] = None
        if place_rows:
            marks = ",".join("?" * len(place_rows))
            names = ", ".join(PLACE_COLUMNS)
            for row in self._db.execute(
                f"SELECT rowid, {names} FROM places WHERE rowid IN ({marks})", list(place_rows)
            ):
                out[place_rows[row[0]]].update(zip(PLACE_COLUMNS, row[1:], strict=True))
        return out


PLACE_COLUMNS = (
    "place_name",
    "place_lat",
    "place_lon",
    "place_country",
    "place_country_name",
    "place_admin1",
    "place_precision",
)
