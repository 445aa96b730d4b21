"""The ``rashomon`` command: parses options, calls the library, prints. Nothing here
computes anything the Python API does not offer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from . import __version__, render, render_compare, render_links
from .analyze import AnalyzeReport
from .corpus import Corpus
from .errors import InputError, RashomonError
from .export import COLUMNS, FORMATS
from .options import MiB, Options
from .store import FactQuery, SearchHit, SearchWhat

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default="rashomon.db",
    show_default=True,
    envvar="RASHOMON_DB",
    show_envvar=True,
    help="The corpus database file (created if missing).",
)


def _open(db: Path, options: Options | None = None) -> Corpus:
    try:
        return Corpus(db, options)
    except RashomonError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rashomon")
def main() -> None:
    """Rashomon: one event, many accounts. Turns news articles from many outlets into a
    stored, queryable corpus."""


class _Bar:
    """Progress on a terminal; one line per problem either way."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar: Any = None

    def start(self, total_sources: int) -> None:
        if self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total_sources, unit="file", file=sys.stderr)

    def advance(self, origin: str) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def problem(self, error: InputError) -> None:
        message = f"error: {error}"
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--model",
    default=None,
    help="spaCy model name or folder [default: first installed English model].",
)
@click.option(
    "--batch-size",
    type=int,
    default=Options().batch_size,
    show_default=True,
    help="Articles per NLP batch.",
)
@click.option(
    "--max-file-mb",
    type=float,
    default=Options().max_file_bytes / MiB,
    show_default=True,
    help="Refuse a text/HTML file (or JSONL line) larger than this.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar [default: on a terminal]."
)
def analyze(
    paths: tuple[str, ...],
    db: Path,
    model: str | None,
    batch_size: int,
    max_file_mb: float,
    progress: bool | None,
) -> None:
    """Read, clean, annotate and store articles from files, folders or - (stdin).

    Plain text, HTML, JSONL (one article per line) and .gz of each. Bad inputs are
    reported one line each; the run goes on and exits with status 1 if any failed.
    """
    try:
        options = Options(model=model, batch_size=batch_size, max_file_bytes=int(max_file_mb * MiB))
    except RashomonError as exc:
        raise click.UsageError(str(exc)) from exc
    bar = _Bar(sys.stderr.isatty() if progress is None else progress)
    with _open(db, options) as corpus:
        try:
            report = corpus.analyze(list(paths), progress=bar)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            bar.close()
    click.echo(format_report(report, db))
    if report.errors:
        sys.exit(1)


def format_report(report: AnalyzeReport, db: Path) -> str:
    lines = [
        f"stored: {report.documents} documents, {report.articles} articles, "
        f"{report.mentions} mentions, {report.quotes} quotes, {report.events} events",
        f"skipped: {report.duplicate_documents} duplicate documents, "
        f"{report.duplicate_articles} duplicate articles",
    ]
    if report.not_annotated:
        langs = ", ".join(f"{n} {lang}" for lang, n in sorted(report.not_annotated.items()))
        lines.append(f"not annotated (not English): {langs}")
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(report.errors_by_reason.items()))
    lines.append(f"errors: {len(report.errors)}" + (f" ({reasons})" if reasons else ""))
    c = report.corpus
    lines.append(
        f"corpus {db}: {c.documents} documents, {c.articles} articles, {c.sources} sources, "
        f"{c.mentions} mentions, {c.quotes} quotes, {c.events} events"
    )
    return "\n".join(lines)


@main.command()
@db_option
@click.option("--source", default=None, help="Only articles from this outlet.")
@click.option("--limit", type=int, default=None, help="At most this many.")
def articles(db: Path, source: str | None, limit: int | None) -> None:
    """List stored articles: id, date, outlet, title."""
    with _open(db) as corpus:
        for article in corpus.articles(source=source, limit=limit):
            published = article.published.date.isoformat() if article.published else "----------"
            source = article.source or "?"
            click.echo(f"{article.id}  {published}  {source:<24}  {article.title or '(no title)'}")


@main.command()
@click.argument("article_id")
@db_option
def show(article_id: str, db: Path) -> None:
    """Show one article: metadata, captions, the text with entities, numbers, dates, event
    triggers and quotes marked, then its quotes and events."""
    with _open(db) as corpus:
        try:
            article = corpus.article(article_id)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        facts = corpus.annotation(article.id)
        click.echo(render.article_view(article, facts, corpus.origins(article.id)))


def _query(
    source: str | None,
    since: str | None,
    until: str | None,
    equals: dict[str, str | None],
    contains: dict[str, str | None],
) -> FactQuery:
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                date.fromisoformat(value if len(value) == 10 else f"{value}-01-01"[:10])
            except ValueError as exc:
                raise click.BadParameter(
                    f"{value!r} is not a date like 2024-11-12", param_hint=name
                ) from exc
    return FactQuery(
        source=source,
        since=since,
        until=until,
        equals=tuple((k, v) for k, v in equals.items() if v),
        contains=tuple((k, v) for k, v in contains.items() if v),
    )


def fact_filters(function: F) -> F:
    """--source, --since, --until: the options every fact listing shares."""
    for option in (
        click.option("--until", default=None, help="Up to this date (YYYY-MM-DD)."),
        click.option("--since", default=None, help="From this date (YYYY-MM-DD)."),
        click.option("--source", default=None, help="Only from this outlet."),
        db_option,
    ):
        function = option(function)
    return function


@main.command()
@fact_filters
@click.option("--speaker", default=None, help="Speaker name contains this.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]), default=None)
def quotes(
    db: Path,
    source: str | None,
    since: str | None,
    until: str | None,
    speaker: str | None,
    kind: str | None,
) -> None:
    """List quotes: speaker (resolved, and as written), cue, medium, text, and span."""
    query = _query(source, since, until, {"kind": kind}, {"speaker": speaker})
    with _open(db) as corpus:
        sources = {key: outlet for key, (outlet, _) in corpus.outlets().items()}
        for quote in corpus.quotes(query):
            click.echo(render.quote_line(quote, source=sources.get(quote.article_id) or "?"))


@main.command()
@fact_filters
@click.option("--actor", default=None, help="Actor contains this.")
@click.option("--type", "event_type", default=None, help="PLOVER type (ASSAULT, PROTEST, ...).")
@click.option(
    "--modality",
    type=click.Choice(["asserted", "denied", "hypothetical", "conditional", "threatened"]),
    default=None,
    help="Only events the text presents this way [default: all].",
)
def events(
    db: Path,
    source: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    event_type: str | None,
    modality: str | None,
) -> None:
    """List events: date, type/mode, modality, actor -> target, place, toll, trigger span.
    Dates filter on the event's own date when the text gives one, else the article's."""
    query = _query(
        source,
        since,
        until,
        {"plover_type": event_type.upper() if event_type else None, "modality": modality},
        {"actor": actor},
    )
    with _open(db) as corpus:
        sources = {key: outlet for key, (outlet, _) in corpus.outlets().items()}
        for event in corpus.events(query):
            click.echo(render.event_line(event, source=sources.get(event.article_id) or "?"))


@main.command()
@fact_filters
@click.option("--category", default=None, help="killed, injured, displaced, troops, money, ...")
def numbers(
    db: Path, source: str | None, since: str | None, until: str | None, category: str | None
) -> None:
    """List numbers with what they count: value [low..high], counted noun (category)."""
    query = _query(source, since, until, {"category": category}, {})
    with _open(db) as corpus:
        sources = {key: outlet for key, (outlet, _) in corpus.outlets().items()}
        for quantity in corpus.quantities(query):
            click.echo(render.number_line(quantity, source=sources.get(quantity.article_id) or "?"))


@main.command()
@db_option
def stories(db: Path) -> None:
    """List stories, largest first: id, dates, articles (and copies), outlets, title."""
    with _open(db) as corpus:
        for story in corpus.stories():
            click.echo(render_links.story_line(story))


@main.command()
@click.argument("story_id")
@db_option
def story(story_id: str, db: Path) -> None:
    """Show one story (id or unique id prefix): its articles, key entities, and its
    incidents, each with every outlet's account and conflicting figures side by side."""
    with _open(db) as corpus:
        try:
            profile = corpus.story(story_id)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        titles = {a.id: a.title for a in corpus.articles()}
        click.echo(render_links.story_view(profile, titles))


@main.command(name="compare")
@click.argument("story_id")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(render_compare.FORMATS),
    default="text",
    show_default=True,
    help="text: side-by-side report; json: every item, its class, outlets and spans; "
    "md: Markdown; html: a standalone page with the outlets' texts side by side.",
)
def compare_command(story_id: str, db: Path, fmt: str) -> None:
    """Compare one story (id or unique id prefix) outlet by outlet: what they agree on,
    where they conflict (figures, dates, medium, speaker, modality), what only one
    carries, and how each frames it (names, distinctive terms, voices, tone, own voice)."""
    with _open(db) as corpus:
        try:
            comparison = corpus.compare(story_id)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        texts = {key: corpus.article(key).text for key in comparison.article_ids}
        click.echo(render_compare.render(comparison, fmt, texts), nl=False)


@main.command()
@db_option
@click.option("--label", default=None, help="Only this type: PERSON, ORG, GPE, NORP, LOC, FAC.")
@click.option("--limit", type=int, default=None, help="At most this many.")
def entities(db: Path, label: str | None, limit: int | None) -> None:
    """List entities linked across articles, most mentioned first, with their aliases."""
    with _open(db) as corpus:
        for entity in corpus.entities(label=label, limit=limit):
            click.echo(render_links.entity_line(entity))


@main.command()
@click.argument("name")
@db_option
def entity(name: str, db: Path) -> None:
    """Show the entity called NAME (any spelling, or its id): aliases, mentions per
    outlet with their spans, and the events it takes part in."""
    with _open(db) as corpus:
        try:
            profiles = corpus.entity(name)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo("\n\n".join(render_links.entity_view(p) for p in profiles))


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Listen on an address beyond this machine (there is no authentication).",
)
def serve(db: Path, host: str, port: int, allow_remote: bool) -> None:
    """Serve the corpus: a web UI (stories side by side, articles, entities, events,
    search) and a REST API under /api (OpenAPI schema at /api/openapi.json)."""
    import uvicorn

    from .api import check_host, create_app

    try:
        check_host(host, allow_remote=allow_remote)
        app = create_app(db)
    except RashomonError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command()
@click.argument("query")
@db_option
@click.option(
    "--what",
    type=click.Choice(["all", "articles", "quotes"]),
    default="all",
    show_default=True,
    help="Articles (title, text, outlet), quotes (text, speaker), or both.",
)
@click.option("--source", default=None, help="Only from this outlet.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many."
)
def search(query: str, db: Path, what: SearchWhat, source: str | None, limit: int) -> None:
    """Full-text search, best match first. QUERY is words (all must occur), "a phrase"
    in double quotes, or a prefix like drone*. One line per hit: kind, outlet, date,
    [article_id:start-end] (the first match in the text, or the quote), and an excerpt
    with the matches in [[ ]]. No hits: "no matches" on stderr, exit status 0."""
    with _open(db) as corpus:
        try:
            hits = corpus.search(query, what=what, source=source, limit=limit)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
    if not hits:
        click.echo("no matches", err=True)
    for hit in hits:
        click.echo(_hit_line(hit))


def _hit_line(hit: SearchHit) -> str:
    published = hit.published.isoformat() if hit.published else "----------"
    span = f":{hit.start}-{hit.end}" if hit.start is not None else ""
    said = f"{hit.speaker}: " if hit.speaker else ""
    excerpt = " ".join(hit.marked("[[", "]]").split())
    where = f"[{hit.article_id}{span}]"
    return f"{hit.kind:<7}  {hit.source or '?':<24}  {published}  {where}  {said}{excerpt}"


@main.command(name="export")
@db_option
@click.option("--what", type=click.Choice(list(COLUMNS)), default="articles", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write [default: stdout].",
)
def export_command(db: Path, what: str, fmt: str, output: Path | None) -> None:
    """Export articles, mentions, facts, stories or entities as JSONL, CSV or Parquet;
    events also as an ACLED-style CSV (asserted events of ACLED types, with provenance
    columns). Every fact row carries article_id, start, end; events carry their
    incident, story, actor and target entity ids and geocoded place."""
    with _open(db) as corpus:
        out: IO[bytes] = output.open("wb") if output else sys.stdout.buffer
        try:
            count = corpus.export(what, fmt, out)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            if output:
                out.close()
            else:
                out.flush()
    if output:
        click.echo(f"wrote {count} {what} to {output}", err=True)
