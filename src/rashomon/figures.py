"""How a number found in the text is written back for people: whole numbers with
thousands separators, others with at most three decimals (a bond yield of 2.252% stays
2.252), never in scientific notation (``5,000,000``, not ``5e+06``)."""

from __future__ import annotations


def figure(value: float) -> str:
    """``5000000.0`` -> ``5,000,000``; ``2.5`` -> ``2.5``; ``2.2524`` -> ``2.252``."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def amount(value: float | None, low: float | None) -> str:
    """A number as read: its value, or for a vague amount with no value ("thousands")
    its low bound, ``≥2,000``."""
    if value is not None:
        return figure(value)
    return f"≥{figure(low)}" if low is not None else "?"
