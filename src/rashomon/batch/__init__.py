"""Batch mode beyond one machine: ``rashomon batch --engine spark`` runs the analyze
pipeline on a Spark cluster and writes Parquet tables; ``rashomon load`` brings such an
output into the embedded store.

    articles.py  the per-article pipeline inside a partition (read, clean, annotate)
    groups.py    the keys that split story clustering and entity linking into
                 independent groups, and the work done in one group
    tables.py    the output tables and their columns
    spark.py     the Spark job
    load.py      a batch output into the embedded store

Spark is an optional dependency (``pip install 'rashomon[spark]'``, and Java 17).
"""

from .load import LoadReport, load

__all__ = ["LoadReport", "load"]
