"""Text views of what linking across articles found: stories, incidents, entities.
Every line that states a fact ends with its provenance ``[article_id:start-end]``."""

from __future__ import annotations

from collections import Counter

from .cluster.records import Story
from .connect import StoryProfile
from .coref import Incident, Tally
from .records import Entity, EntityProfile
from .render import event_line


def story_line(story: Story) -> str:
    span = _span(story)
    sources = ", ".join(story.sources) or "?"
    accounts = f"{len(story.article_ids)} articles"
    if story.copies:
        accounts += f" (+{len(story.copies)} copies)"
    return f"{story.story_id[:16]}  {span}  {accounts}  [{sources}]  {story.title}"


def _span(story: Story) -> str:
    if story.first is None or story.last is None:
        return "----------"
    if story.first == story.last:
        return story.first.isoformat()
    return f"{story.first.isoformat()}..{story.last.isoformat()}"


def story_view(profile: StoryProfile, titles: dict[str, str | None]) -> str:
    story = profile.story
    lines = [
        f"story {story.story_id}: {story.title}",
        f"dates: {_span(story)}",
        f"sources: {', '.join(story.sources) or '?'}",
        f"key entities: {', '.join(story.entities) or '-'}",
        "articles:",
    ]
    lines += [f"  {a}  {titles.get(a) or '(no title)'}" for a in story.article_ids]
    lines += [f"  {a}  (copy)" for a in story.copies]
    lines.append(f"incidents: {len(profile.incidents)}")
    for incident in profile.incidents:
        lines.append(incident_view(incident))
    return "\n".join(lines)


def incident_view(incident: Incident) -> str:
    head = [f"  incident {incident.id}", incident.date or "----------", incident.plover_type]
    if incident.place:
        head.append(f"@ {incident.place}")
    head.append(f"{len(incident.reports)} reports from {', '.join(incident.sources)}")
    lines = ["  ".join(head)]
    for what, tally in (("killed", incident.fatalities), ("injured", incident.injured)):
        if tally is not None:
            lines.append(f"    {what}: {tally_text(tally)}")
    for report in incident.reports:
        lines.append(f"    - {event_line(report.event, source=report.source or '?')}")
    return "\n".join(lines)


def tally_text(tally: Tally) -> str:
    """``low 5 / best 7 / high 9: 7 (Meridian Post [id:1-2]), 9 (...)``"""
    figures = ", ".join(
        f"{f.value} ({f.source or '?'} [{f.article_id}:{f.ref.start}-{f.ref.end}])"
        for f in tally.figures
    )
    if tally.low == tally.high:
        return f"{tally.best}: {figures}"
    return f"low {tally.low} / best {tally.best} / high {tally.high}: {figures}"


def entity_line(entity: Entity) -> str:
    aliases = f"  aka {'; '.join(entity.aliases[:6])}" if entity.aliases else ""
    sources = len(entity.sources)
    return (
        f"{entity.id:>5}  {entity.label:<6}  {entity.name}  "
        f"({entity.mentions} mentions, {entity.articles} articles, {sources} sources){aliases}"
    )


def entity_view(profile: EntityProfile) -> str:
    entity = profile.entity
    lines = [f"entity {entity.id}: {entity.name} ({entity.label})"]
    lines.append(f"aliases: {'; '.join(entity.aliases) or '-'}")
    per_source = Counter(source or "?" for source, _ in profile.mentions)
    lines.append("mentions per source: " + ", ".join(f"{s} {n}" for s, n in per_source.items()))
    lines.append("mentions:")
    for source, mention in profile.mentions:
        how = "" if mention.how == "name" else f" ({mention.how})"
        lines.append(
            f"  {source or '?'}: “{mention.text}”{how} "
            f"[{mention.article_id}:{mention.start}-{mention.end}]"
        )
    lines.append(f"events: {len(profile.events)}")
    lines += [f"  {event_line(event)}" for event in profile.events]
    return "\n".join(lines)
