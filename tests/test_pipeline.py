"""Stages are assembled by name and checked before anything runs."""

from __future__ import annotations

import pytest

from rashomon.errors import OptionsError
from rashomon.options import DEFAULT_STAGES, Options
from rashomon.pipeline import Stage, assemble, register, registered


def test_pipeline_default_stages_assemble_in_order() -> None:
    stages = assemble(DEFAULT_STAGES)
    assert [s.name for s in stages] == list(DEFAULT_STAGES)
    assert set(registered()) >= set(DEFAULT_STAGES)


def test_pipeline_unknown_stage_is_refused_by_the_options() -> None:
    with pytest.raises(OptionsError, match="unknown stage 'sentiment'; known stages"):
        Options(stages=("quantities", "sentiment"))


def test_pipeline_unmet_need_names_the_missing_field() -> None:
    with pytest.raises(OptionsError, match="stage 'events' needs quantities, times"):
        assemble(["events"])
    with pytest.raises(OptionsError, match="needs times"):
        assemble(["quantities", "events", "times"])


def test_pipeline_register_checks_the_field_a_stage_adds() -> None:
    with pytest.raises(OptionsError, match="not an annotation field"):
        register(Stage(name="odd", needs=frozenset(), adds="sentiment", run=lambda a, d, n: ()))


def test_pipeline_no_stages_is_allowed() -> None:
    assert assemble([]) == ()
    assert Options(stages=()).stages == ()
