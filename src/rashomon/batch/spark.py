"""``rashomon batch --engine spark``: the analyze pipeline over a Spark cluster.

    files (binaryFile, any filesystem Spark reads; folders walked)
      -> documents, spread over the cluster (a JSONL file holds many)
      -> per partition: clean, annotate (articles.py; the model once per worker)
      -> documents met twice kept once (the first in input order); articles met twice
         kept once, the others recorded as copies
      -> story groups and entity groups (groups.py) found by label propagation over
         shared keys, each group worked out on one executor with the production code
      -> one Parquet table per kind of record (tables.py)

Nothing the size of the corpus is brought to the driver: the driver holds the document
frequencies (one number per distinct term and entity key), the outlets' names, and the
counts it reports. The input order ``analyze`` reads in (arguments in order, folders
sorted) is kept as each document's ``seq``, so that groups are worked out in that order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..cluster.features import story_features
from ..connect import outlet_keys
from ..errors import InputError, OptionsError
from ..options import Options
from ..records import Annotation, Article
from ..store.rows import ROW_TYPES, to_row
from .articles import InputFile, Processed, process_documents, read_files
from .groups import (
    MAX_POSTING,
    ArticleChains,
    Frequencies,
    LinkedEntity,
    chain_keys,
    cluster_group,
    link_group,
    link_order,
    story_keys,
)
from .tables import DONE, STARTED, TABLES, article_row, document_row, values

N = TypeVar("N", bound=Hashable)

ENGINES = ("spark",)
PARTITIONS_PER_CORE = 4  # documents spread over this many partitions per core, for balance


@dataclass(frozen=True, kw_only=True, slots=True)
class BatchReport:
    """What one batch run wrote."""

    out: str
    documents: int
    articles: int
    copies: int
    stories: int
    entities: int
    errors: tuple[InputError, ...]
    error_count: int


def run_batch(
    inputs: Sequence[str],
    out: str,
    options: Options,
    *,
    master: str | None = None,
    shown_errors: int = 50,
) -> BatchReport:
    """Analyze ``inputs`` on Spark and write the tables under ``out``."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("rashomon batch").config("spark.ui.enabled", "false")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if not spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        # Spark SQL's default (200) is for large tables; ours are keys and labels
        spark.conf.set("spark.sql.shuffle.partitions", str(spark.sparkContext.defaultParallelism))
    try:
        return _Job(spark, options).run(inputs, out, shown_errors)
    finally:
        spark.stop()


class _Job:
    def __init__(self, spark: Any, options: Options):
        self.spark = spark
        self.sc = spark.sparkContext
        self.options = options
        # every shuffle into this many partitions (PySpark's default is the sum of the
        # inputs' partitions, which grows join after join)
        self.parts = self.sc.defaultParallelism

    def run(self, inputs: Sequence[str], out: str, shown_errors: int) -> BatchReport:
        self._claim(out)
        options = self.options
        # a JSONL file is one input record but many documents: spread them before the
        # costly stages, so that one big file does not run on one core
        processed = (
            self._files(inputs)
            .mapPartitions(lambda files: read_files(files, options))
            .repartition(self.sc.defaultParallelism * PARTITIONS_PER_CORE)
            .mapPartitions(lambda items: process_documents(items, options))
            .persist()
        )
        errors = processed.filter(lambda p: isinstance(p, InputError))
        documents = self._documents(processed.filter(lambda p: isinstance(p, Processed)))
        originals, copies = self._articles(documents)
        self._write(out, "errors", errors.map(_error_row))
        self._write(out, "documents", documents.map(lambda d: document_row(d[0].document, d[1])))
        self._write(out, "articles", originals.map(_article_row))
        self._write(out, "article_copies", copies)
        annotated = originals.filter(lambda o: o[3] is not None).persist()
        for table in ROW_TYPES:
            if table != "entity_mentions":
                self._write(out, table, annotated.flatMap(_facts(table)))
        stories, members = self._stories(annotated)
        self._write(out, "stories", stories)
        self._write(out, "story_members", members)
        entity_rows, mention_rows = self._entities(annotated)
        self._write(out, "entities", entity_rows)
        self._write(out, "entity_mentions", mention_rows)
        shown = tuple(errors.take(shown_errors))
        report = BatchReport(
            out=out,
            documents=documents.count(),
            articles=originals.count(),
            copies=copies.count(),
            stories=stories.count(),
            entities=entity_rows.count(),
            errors=shown,
            error_count=errors.count(),
        )
        _filesystem(self.spark, out).createNewFile(_path(self.spark, f"{out}/{DONE}"))
        return report

    def _claim(self, out: str) -> None:
        """Mark ``out`` as this batch's. A folder left by a run that was stopped (marked,
        not finished) is removed and written again; any other folder is refused."""
        fs = _filesystem(self.spark, out)
        if fs.exists(_path(self.spark, out)):
            if fs.exists(_path(self.spark, f"{out}/{DONE}")):
                raise OptionsError(
                    f"{out} already holds a finished batch; give --out a new folder"
                    " (a batch never overwrites one)"
                )
            if not fs.exists(_path(self.spark, f"{out}/{STARTED}")):
                raise OptionsError(
                    f"{out} already exists and is not a batch output; give --out a new folder"
                )
            print(
                f"{out}: removing the unfinished output of a batch that was stopped",
                file=sys.stderr,
            )
            fs.delete(_path(self.spark, out), True)
        fs.mkdirs(_path(self.spark, out))
        fs.createNewFile(_path(self.spark, f"{out}/{STARTED}"))

    # -- input ---------------------------------------------------------------------------

    def _files(self, inputs: Sequence[str]) -> Any:
        """(input position, path parts) order, origin, bytes of every file."""
        parts = []
        for number, path in enumerate(inputs):
            frame = (
                self.spark.read.format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(path)
                .select("path", "content")
            )
            parts.append(frame.rdd.map(lambda row, n=number: _input_file(n, row.path, row.content)))
        return self.sc.union(parts)

    def _documents(self, processed: Any) -> Any:
        """(Processed, seq): each document once (its first reading), numbered in input order."""
        return (
            processed.keyBy(lambda p: p.document.id)
            .reduceByKey(lambda a, b: a if a.order <= b.order else b, self.parts)
            .values()
            .sortBy(lambda p: p.order, numPartitions=self.parts)
            .zipWithIndex()
            .persist()
        )

    def _articles(self, documents: Any) -> tuple[Any, Any]:
        """Originals as (rank, seq, article, annotation | None, model stages), and copy
        rows: an article met in an earlier document, or earlier in the same one."""
        stages = ",".join(self.options.stages)

        def readings(item: tuple[Processed, int]) -> Iterator[tuple[str, Any]]:
            processed, seq = item
            by_id = {a.article_id: a for a in processed.annotations}
            for article in processed.articles:
                yield article.id, ((seq, article.position), article, by_id.get(article.id))

        grouped = (
            documents.flatMap(readings).groupByKey(self.parts).mapValues(sorted_readings).persist()
        )
        originals = (
            grouped.map(lambda kv: kv[1][0])
            .sortBy(lambda r: r[0], numPartitions=self.parts)
            .zipWithIndex()
            .map(lambda x: (x[1], x[0][0][0], x[0][1], x[0][2], stages))
            .persist()
        )
        copies = grouped.flatMap(
            lambda kv: (
                {
                    "article_id": article.id,
                    "document_id": article.document_id,
                    "position": article.position,
                }
                for _, article, _ in kv[1][1:]
            )
        ).persist()
        return originals, copies

    # -- stories -------------------------------------------------------------------------

    def _stories(self, annotated: Any) -> tuple[Any, Any]:
        features = annotated.map(lambda o: (o[0], story_features(o[2], o[3]))).persist()
        frequencies = self.sc.broadcast(_frequencies(features))
        keyed = features.flatMap(
            lambda rf: ((key, rf[0]) for key in story_keys(rf[1], frequencies.value))
        )
        labels = components(features.keys(), _star_edges(keyed))
        grouped = (
            features.join(labels, self.parts)
            .map(lambda kv: (kv[1][1], (kv[0], kv[1][0])))
            .groupByKey(self.parts)
        )
        clustered = grouped.map(lambda kv: cluster_group(kv[1], frequencies.value)).persist()
        stories = clustered.flatMap(lambda c: (s.to_dict() for s in c[1])).persist()
        members = clustered.flatMap(
            lambda c: (
                {"article_id": m.article_id, "story_id": m.story_id, "duplicate_of": m.duplicate_of}
                for m in c[0]
            )
        )
        return stories, members

    # -- entities ------------------------------------------------------------------------

    def _entities(self, annotated: Any) -> tuple[Any, Any]:
        sources = annotated.map(lambda o: o[2].source).filter(bool).distinct(self.parts).collect()
        outlets = self.sc.broadcast(outlet_keys(tuple(sorted(sources))))
        chains = annotated.flatMap(_chains).persist()  # (chain node, ArticleChains of one)
        edges = chains.flatMap(
            lambda c: ((c[0], f"key:{key}") for key in chain_keys(c[1].mentions[0]))
        )
        labels = components(chains.keys(), edges)
        by_group = (
            chains.join(labels, self.parts)
            .map(lambda kv: ((kv[1][1], kv[1][0].position), kv[1][0]))
            .groupByKey(self.parts)
            .map(lambda kv: (kv[0][0], _merged(list(kv[1]))))
            .groupByKey(self.parts)
        )
        linked = by_group.map(lambda kv: (kv[0], link_group(kv[1], outlets.value))).persist()
        numbered = (
            linked.flatMap(lambda g: ((g[0], entity) for entity in g[1][1]))
            .sortBy(lambda ge: ge[1].first, numPartitions=self.parts)
            .zipWithIndex()
            .map(lambda x: ((x[0][0], x[0][1].local_id), (x[1] + 1, x[0][1])))
            .persist()
        )
        ids = numbered.mapValues(lambda v: v[0])
        chain_ids = (
            linked.flatMap(lambda g: (((g[0], local), key) for key, local in g[1][0].items()))
            .join(ids, self.parts)
            .map(lambda kv: (kv[1][0], kv[1][1]))
        )
        mentions = (
            annotated.flatMap(
                lambda o: (((m.article_id, m.name), to_row(m)) for m in o[3].entity_mentions)
            )
            .leftOuterJoin(chain_ids, self.parts)
            .map(lambda kv: {**kv[1][0], "entity_id": kv[1][1]})
            .persist()
        )
        counts = (
            mentions.filter(lambda m: m["entity_id"] is not None)
            .map(lambda m: (m["entity_id"], (1, {m["article_id"]})))
            .reduceByKey(lambda a, b: (a[0] + b[0], a[1] | b[1]), self.parts)
            .mapValues(lambda v: (v[0], len(v[1])))
        )
        entities = (
            numbered.values()
            .leftOuterJoin(counts, self.parts)
            .map(lambda kv: _entity_row(kv[0], kv[1][0], kv[1][1]))
            .persist()
        )
        return entities, mentions

    # -- output --------------------------------------------------------------------------

    def _write(self, out: str, table: str, rows: Any) -> None:
        from pyspark.sql import types as T

        kinds = {
            "string": T.StringType(),
            "int64": T.LongType(),
            "double": T.DoubleType(),
            "bool": T.BooleanType(),
            "list<string>": T.ArrayType(T.StringType()),
        }
        schema = T.StructType(
            [T.StructField(name, kinds[kind], True) for name, kind in TABLES[table].items()]
        )
        frame = self.spark.createDataFrame(rows.map(lambda row: values(table, row)), schema)
        frame.write.mode("errorifexists").parquet(f"{out.rstrip('/')}/{table}")


def components(nodes: Any, edges: Any) -> Any:
    """Connected components: (node, label) for every node of ``nodes``, one label per
    component (its smallest node id as a string); ``edges`` may name nodes not in
    ``nodes`` (keys). Label propagation with pointer jumping (each round a node takes
    the smallest label of its neighbours, then its label's label), so the rounds grow
    with the logarithm of a component's diameter, not the diameter. The rounds run in
    Spark SQL (the JVM, no Python worker) and each round's labels are checkpointed, so
    the plan does not grow."""
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.getActiveSession()
    if spark is None:  # pragma: no cover - run_batch made one
        raise RuntimeError("components() needs an active SparkSession")
    parts = nodes.context.defaultParallelism
    ids = nodes.map(lambda n: (str(n), n))
    edge = spark.createDataFrame(
        edges.map(lambda e: (str(e[0]), str(e[1]))), "src string, dst string"
    )
    both = edge.union(edge.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
    both = both.distinct().localCheckpoint()
    named = spark.createDataFrame(ids.map(lambda kv: (kv[0],)), "node string")
    labels = (
        named.union(both.select(F.col("src").alias("node")))
        .distinct()
        .select("node", F.col("node").alias("label"))
        .localCheckpoint()
    )
    while True:
        proposed = both.join(labels, both.src == labels.node).select(
            both.dst.alias("node"), labels.label
        )
        step = labels.union(proposed).groupBy("node").agg(F.min("label").alias("label"))
        up = step.alias("up")
        jumped = (
            step.alias("own")
            .join(up, F.col("own.label") == F.col("up.node"), "left")
            .select(
                F.col("own.node").alias("node"),
                F.least(
                    F.col("own.label"), F.coalesce(F.col("up.label"), F.col("own.label"))
                ).alias("label"),
            )
            .localCheckpoint()
        )
        old = labels.select("node", F.col("label").alias("old"))
        changed = jumped.join(old, "node").where(F.col("label") != F.col("old")).count()
        labels = jumped
        if not changed:
            break
    found = labels.rdd.map(lambda row: (row.node, row.label))
    return ids.join(found, parts).map(lambda kv: kv[1])


def _star_edges(keyed: Any) -> Any:
    """Articles sharing a key joined through the first of them (keys held by more than
    ``MAX_POSTING`` articles are not followed)."""

    def star(members: Iterable[int]) -> Iterator[tuple[int, int]]:
        ordered = sorted(members)
        if len(ordered) > MAX_POSTING:
            return
        yield from ((ordered[0], other) for other in ordered[1:])

    return keyed.groupByKey(keyed.context.defaultParallelism).flatMap(lambda kv: star(kv[1]))


def _frequencies(features: Any) -> Frequencies:
    parts = features.context.defaultParallelism
    originals = features.count()
    terms = (
        features.flatMap(lambda rf: ((term, 1) for term, _ in rf[1].terms))
        .reduceByKey(lambda a, b: a + b, parts)
        .collectAsMap()
    )
    entities = (
        features.flatMap(lambda rf: ((key, 1) for key in rf[1].entities))
        .reduceByKey(lambda a, b: a + b, parts)
        .collectAsMap()
    )
    return Frequencies(articles=originals, terms=dict(terms), entities=dict(entities))


def sorted_readings(readings: Iterable[Any]) -> list[Any]:
    return sorted(readings, key=lambda r: r[0])


def _input_file(number: int, uri: str, content: bytearray) -> InputFile:
    path = uri.removeprefix("file://").removeprefix("file:")
    return InputFile(order=(number, tuple(path.split("/"))), origin=path, data=bytes(content))


def _path(spark: Any, path: str) -> Any:
    return spark.sparkContext._jvm.org.apache.hadoop.fs.Path(path)


def _filesystem(spark: Any, path: str) -> Any:
    """The Hadoop filesystem ``path`` is on (local, HDFS, S3, ...)."""
    return _path(spark, path).getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def _error_row(error: InputError) -> dict[str, Any]:
    return {
        "origin": error.origin,
        "line": error.line,
        "reason": error.reason,
        "message": error.message,
    }


def _article_row(original: tuple[int, int, Article, Annotation | None, str]) -> dict[str, Any]:
    _, seq, article, annotation, stages = original
    return article_row(
        article,
        annotation.model if annotation else None,
        stages if annotation else None,
        seq,
    )


def _facts(table: str) -> Callable[[Any], Iterator[dict[str, Any]]]:
    def rows(original: tuple[int, int, Article, Annotation, str]) -> Iterator[dict[str, Any]]:
        return (to_row(record) for record in getattr(original[3], table))

    return rows


def _chains(original: tuple[int, int, Article, Annotation, str]) -> Iterator[tuple[str, Any]]:
    rank, _, article, annotation, _ = original
    order = link_order(annotation.entity_mentions)
    names: dict[str, list[Any]] = {}
    for mention in annotation.entity_mentions:
        names.setdefault(mention.name, []).append(mention)
    for name, mentions in names.items():
        yield (
            f"chain:{rank}:{name}",
            ArticleChains(
                position=rank,
                article_id=article.id,
                mentions=tuple(mentions),
                ranks=((name, order[name]),),
            ),
        )


def _merged(chains: list[ArticleChains]) -> ArticleChains:
    """One article's chains of one group, in the article's mention order."""
    mentions = sorted((m for c in chains for m in c.mentions), key=lambda m: m.start)
    return ArticleChains(
        position=chains[0].position,
        article_id=chains[0].article_id,
        mentions=tuple(mentions),
        ranks=tuple(r for c in chains for r in c.ranks),
    )


def _entity_row(
    entity_id: int, entity: LinkedEntity, counts: tuple[int, int] | None
) -> dict[str, Any]:
    mentions, articles = counts or (0, 0)
    return {
        "entity_id": entity_id,
        "name": _fullest(entity.names),
        "label": entity.label,
        "names": list(entity.names),
        "mentions": mentions,
        "articles": articles,
    }


def _fullest(names: Sequence[str]) -> str:
    """The entity's name as the store keeps it: the first, replaced by any longer one."""
    best = names[0]
    for name in names[1:]:
        if len(name) > len(best):
            best = name
    return best
