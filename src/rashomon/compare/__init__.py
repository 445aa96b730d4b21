"""Story comparison: for one story, outlet by outlet, what the outlets agree on, where
they conflict, what only one carries, and how each frames it.

    material (material.py) -> align.py -> items.py -> framing.py -> story.py: Comparison
"""

from .material import Account, Background, StoryMaterial
from .records import AlignedSentence, Comparison, Item, OutletFraming
from .story import compare

__all__ = [
    "Account",
    "AlignedSentence",
    "Background",
    "Comparison",
    "Item",
    "OutletFraming",
    "StoryMaterial",
    "compare",
]
