"""Story clustering: which articles, from which outlets, report the same happening.

``features.story_features`` turns a stored article and its annotation into
``StoryFeatures``; ``stories.StoryIndex`` assigns each to a story as it arrives
(``add``), clustering again the few stories near it (merges and moves), splits what no
longer coheres (``refine``) and is rebuilt from stored assignments (``restore``), and
hands out the ``records`` (``Assignment``, ``Story``); ``signals`` scores two articles
or stories against each other (cosines, dates from ``timeline``, lead person, cast),
on the IDF-free ``vectors``; ``minhash`` finds syndicated copies; ``similarity`` holds
the weights and the threshold (``data/cluster.toml``).
"""

from .features import StoryFeatures, story_features
from .records import Assignment, Story
from .similarity import Similarity, similarity_params
from .stories import StoryIndex

__all__ = [
    "Assignment",
    "Similarity",
    "Story",
    "StoryFeatures",
    "StoryIndex",
    "similarity_params",
    "story_features",
]
