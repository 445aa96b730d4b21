"""The ``rashomon`` command: parses options, calls the library, prints. Nothing here
computes anything the Python API does not offer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, render, render_compare, render_links
from .analyze import AnalyzeReport, Done
from .cli_types import AtLeast, PartialDate, Vocabulary, number_categories, plover_types
from .corpus import Corpus
from .errors import InputError, RashomonError, StoreWriteError
from .export import COLUMNS, FORMATS
from .options import MiB, Options
from .output import printable, printable_json, replace_file
from .resolve.lexicon import LABELS
from .store import FactQuery, SearchHit, SearchWhat, StoreCounts, StoreMode

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default="rashomon.db",
    show_default=True,
    envvar="RASHOMON_DB",
    show_envvar=True,
    help="The corpus database file (created by the commands that store articles; the "
    "others only read it).",
)


def _open(db: Path, options: Options | None = None, mode: StoreMode = "write") -> Corpus:
    """The corpus in ``db``; a command that only reads opens it with ``mode="read"``, so a
    mistyped --db is an error rather than a new empty file."""
    try:
        return Corpus(db, options, mode=mode)
    except RashomonError as exc:
        raise click.ClickException(str(exc)) from exc


def echo(text: str) -> None:
    """Print ``text`` (article titles, text, names: untrusted) without the escape
    sequences and control characters a terminal would act on."""
    click.echo(printable(text))


LIMIT = AtLeast(1, "limit")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rashomon")
def main() -> None:
    """Rashomon: one event, many accounts. Turns news articles from many outlets into a
    stored, queryable corpus."""


class _Bar:
    """Progress on a terminal: files read and articles stored (exact counts), with the
    share of the input's bytes read and the time left estimated from it (a file may hold
    one article or thousands); one line per problem either way."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar: Any = None
        self.files = 0

    def start(self, files: int, input_bytes: int) -> None:
        if self.enabled:
            from tqdm import tqdm

            self.files = files
            estimate = " {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}]"
            self.bar = tqdm(
                total=input_bytes or None,  # unknown for stdin: counts and time only
                file=sys.stderr,
                desc=self._counts(Done()),
                bar_format="{desc}" + (estimate if input_bytes else " [{elapsed}]"),
            )

    def advance(self, done: Done) -> None:
        if self.bar is not None:
            self.bar.set_description_str(self._counts(done), refresh=False)
            self.bar.update(done.input_bytes - self.bar.n)

    def _counts(self, done: Done) -> str:
        return f"{done.files}/{self.files} files, {done.articles} articles stored"

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
    type=AtLeast(1, "batch size"),
    default=Options().batch_size,
    show_default=True,
    help="Articles per NLP batch.",
)
@click.option(
    "--max-file-mb",
    type=AtLeast(0.001, "max file size", real=True, unit=" MB"),
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
        except StoreWriteError as exc:  # disk full or failing: what was stored, then why
            if exc.stored is not None:
                click.echo(format_stored(exc.stored, "stored before the failure"))
            raise click.ClickException(str(exc)) from exc
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
@click.option("--limit", type=LIMIT, default=None, help="At most this many.")
def articles(db: Path, source: str | None, limit: int | None) -> None:
    """List stored articles: id, date, outlet, title."""
    with _open(db, mode="read") as corpus:
        for article in corpus.articles(source=source, limit=limit):
            published = article.published.date.isoformat() if article.published else "----------"
            source = article.source or "?"
            echo(f"{article.id}  {published}  {source:<24}  {article.title or '(no title)'}")


@main.command()
@click.argument("article_id")
@db_option
def show(article_id: str, db: Path) -> None:
    """Show one article: metadata, captions, the text with entities, numbers, dates, event
    triggers and quotes marked, then its quotes and events."""
    with _open(db, mode="read") as corpus:
        try:
            article = corpus.article(article_id)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        facts = corpus.annotation(article.id)
        echo(render.article_view(article, facts, corpus.origins(article.id)))


def _query(
    source: str | None,
    since: str | None,
    until: str | None,
    equals: dict[str, str | None],
    contains: dict[str, str | None],
) -> FactQuery:
    if since and until and since > until:
        raise click.BadParameter(
            f"{since} is later than --until {until}: no date is in both; swap them",
            param_hint="'--since'",
        )
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
        click.option(
            "--until",
            type=PartialDate(end=True),
            default=None,
            help="Up to this date (YYYY-MM-DD), or to the end of YYYY-MM or YYYY.",
        ),
        click.option(
            "--since",
            type=PartialDate(),
            default=None,
            help="From this date (YYYY-MM-DD), or from the start of YYYY-MM or YYYY.",
        ),
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
    with _open(db, mode="read") as corpus:
        sources = {key: outlet for key, (outlet, _) in corpus.outlets().items()}
        for quote in corpus.quotes(query):
            echo(render.quote_line(quote, source=sources.get(quote.article_id) or "?"))


@main.command()
@fact_filters
@click.option("--actor", default=None, help="Actor contains this.")
@click.option(
    "--type",
    "event_type",
    type=Vocabulary("a PLOVER event type", plover_types),
    default=None,
    help="PLOVER type (ASSAULT, PROTEST, ...).",
)
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
    with _open(db, mode="read") as corpus:
        sources = {key: outlet for key, (outlet, _) in corpus.outlets().items()}
        for event in corpus.events(query):
            echo(render.event_line(event, source=sources.get(event.article_id) or "?"))


@main.command()
@fact_filters
@click.option(
    "--category",
    type=Vocabulary("a number category", number_categories),
    default=None,
    help="killed, injured, displaced, troops, money, ...",
)
def numbers(
    db: Path, source: str | None, since: str | None, until: str | None, category: str | None
) -> None:
    """List numbers with what they count: value [low..high], counted noun (category)."""
    query = _query(source, since, until, {"category": category}, {})
    with _open(db, mode="read") as corpus:
        sources = {key: outlet for key, (outlet, _) in corpus.outlets().items()}
        for quantity in corpus.quantities(query):
            echo(render.number_line(quantity, source=sources.get(quantity.article_id) or "?"))


@main.command()
@db_option
def stories(db: Path) -> None:
    """List stories, largest first: id, dates, articles (and copies), outlets, title."""
    with _open(db, mode="read") as corpus:
        for story in corpus.stories():
            echo(render_links.story_line(story))


@main.command()
@click.argument("story_id")
@db_option
def story(story_id: str, db: Path) -> None:
    """Show one story (id or unique id prefix): its articles, key entities, and its
    incidents, each with every outlet's account and conflicting figures side by side."""
    with _open(db, mode="read") as corpus:
        try:
            profile = corpus.story(story_id)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        titles = {a.id: a.title for a in corpus.articles()}
        echo(render_links.story_view(profile, titles))


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
    with _open(db, mode="read") as corpus:
        try:
            comparison = corpus.compare(story_id)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        texts = {key: corpus.article(key).text for key in comparison.article_ids}
        shown = render_compare.render(comparison, fmt, texts)
        click.echo(printable_json(shown) if fmt == "json" else printable(shown), nl=False)


@main.command()
@db_option
@click.option(
    "--label",
    type=Vocabulary("an entity type", lambda: LABELS),
    default=None,
    help="Only this type: PERSON, ORG, GPE, NORP, LOC, FAC.",
)
@click.option("--limit", type=LIMIT, default=None, help="At most this many.")
def entities(db: Path, label: str | None, limit: int | None) -> None:
    """List entities linked across articles, most mentioned first, with their aliases."""
    with _open(db, mode="read") as corpus:
        for entity in corpus.entities(label=label, limit=limit):
            echo(render_links.entity_line(entity))


@main.command()
@click.argument("name")
@db_option
def entity(name: str, db: Path) -> None:
    """Show the entity called NAME (any spelling, or its id): aliases, mentions per
    outlet with their spans, and the events it takes part in."""
    with _open(db, mode="read") as corpus:
        try:
            profiles = corpus.entity(name)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
        echo("\n\n".join(render_links.entity_view(p) for p in profiles))


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
@click.option("--limit", type=LIMIT, default=20, show_default=True, help="At most this many.")
def search(query: str, db: Path, what: SearchWhat, source: str | None, limit: int) -> None:
    """Full-text search, best match first. QUERY is words (all must occur), "a phrase"
    in double quotes, or a prefix like drone*. One line per hit: kind, outlet, date,
    [article_id:start-end] (the first match in the text, or the quote), and an excerpt
    with the matches in [[ ]]. No hits: "no matches" on stderr, exit status 0."""
    with _open(db, mode="read") as corpus:
        try:
            hits = corpus.search(query, what=what, source=source, limit=limit)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
    if not hits:
        click.echo("no matches", err=True)
    for hit in hits:
        echo(_hit_line(hit))


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
    help="File to write [default: stdout]. It is written beside, then renamed into place "
    "when complete: a failed export leaves any previous file as it was.",
)
@click.option(
    "--raw",
    is_flag=True,
    help="CSV cells exactly as stored. Without it, a text cell that starts with = + - @, "
    "a tab or a carriage return gets a leading ' so that a spreadsheet shows it rather "
    "than running it as a formula; numbers, negative ones included, stay numbers.",
)
def export_command(db: Path, what: str, fmt: str, output: Path | None, raw: bool) -> None:
    """Export articles, mentions, facts, stories or entities as JSONL, CSV or Parquet;
    events also as an ACLED-style CSV (asserted events of ACLED types, with provenance
    columns). Every fact row carries article_id, start, end; events carry their
    incident, story, actor and target entity ids and geocoded place."""
    with _open(db, mode="read") as corpus:
        try:
            if output:
                with replace_file(output) as out:
                    count = corpus.export(what, fmt, out, raw=raw)
            else:
                count = corpus.export(what, fmt, sys.stdout.buffer, raw=raw)
                sys.stdout.buffer.flush()
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
    if output:
        click.echo(f"wrote {count} {what} to {output}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    help="Folder to write the Parquet tables to (any filesystem Spark writes): a new one, or"
    " the folder of a batch that was stopped, which is started over.",
)
@click.option(
    "--engine", type=click.Choice(["spark"]), default="spark", show_default=True, help="Engine."
)
@click.option(
    "--master",
    default=None,
    help="Spark master URL [default: spark-submit's, or local[*]].",
)
@click.option("--model", default=None, help="spaCy model name or folder (on every executor).")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=Options().batch_size,
    show_default=True,
    help="Articles per NLP batch.",
)
def batch(
    inputs: tuple[str, ...],
    out: str,
    engine: str,
    master: str | None,
    model: str | None,
    batch_size: int,
) -> None:
    """Analyze INPUTS (files or folders on any filesystem Spark reads: text, HTML, JSONL,
    .gz of each) on a Spark cluster and write one Parquet table per kind of record under
    --out: documents, articles, article_copies, sentences, mentions, quotes, quantities,
    times, events, entity_mentions, places, entities, stories, story_members, errors.
    `rashomon load` brings the output into a corpus database."""
    try:
        from .batch.spark import run_batch
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise click.ClickException(
            f"the spark engine needs pyspark ({exc}); pip install 'rashomon[spark]'"
        ) from exc
    try:
        options = Options(model=model, batch_size=batch_size)
        report = run_batch(list(inputs), out, options, master=master)
    except RashomonError as exc:
        raise click.ClickException(str(exc)) from exc
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if report.error_count > len(report.errors):
        click.echo(
            f"error: ... and {report.error_count - len(report.errors)} more (see {out}/errors)",
            err=True,
        )
    click.echo(
        f"wrote {out}: {report.documents} documents, {report.articles} articles"
        f" (+{report.copies} copies), {report.stories} stories, {report.entities} entities,"
        f" {report.error_count} errors"
    )
    if report.error_count:
        sys.exit(1)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
def load(folder: Path, db: Path) -> None:
    """Store a `rashomon batch` output (FOLDER, on this machine) in the corpus database and
    link it into entities, stories and incidents, as `analyze` would have. Documents
    already stored are skipped."""
    from .batch import load as load_batch

    with _open(db) as corpus:
        try:
            report = load_batch(folder, corpus.store)
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(
        f"loaded {folder}: {report.documents} documents, {report.articles} articles"
        f" (+{report.copies} copies); {report.skipped} documents already stored"
    )


def format_stored(counts: StoreCounts, what: str) -> str:
    return (
        f"{what}: {counts.documents} documents, {counts.articles} articles, "
        f"{counts.mentions} mentions, {counts.quotes} quotes, {counts.events} events"
    )


@main.command()
@db_option
@click.option(
    "--model",
    default=None,
    help="spaCy model to annotate old articles again with [default: as analyze].",
)
def upgrade(db: Path, model: str | None) -> None:
    """Bring a corpus written by an older Rashomon up to date: upgrade its schema, then
    annotate again and link (entities, stories, incidents) the articles stored before.
    Commands that only read refuse an older corpus until this is run; `analyze` does the
    same before its new inputs. Every stored article is kept."""
    if not db.exists():
        raise click.ClickException(
            f"no corpus at {db}; run `rashomon analyze FILES --db {db}` first, or check the path"
        )
    with _open(db, Options(model=model)) as corpus:
        try:
            report = corpus.upgrade()
        except RashomonError as exc:
            raise click.ClickException(str(exc)) from exc
    if report.from_version == report.to_version and not report.linked:
        click.echo(f"{db} is up to date (schema {report.to_version})")
        return
    click.echo(
        f"upgraded {db}: schema {report.from_version} -> {report.to_version}; "
        f"{report.annotated_again} articles annotated again, {report.linked} linked"
    )
