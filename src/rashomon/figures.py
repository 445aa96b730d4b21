"""How a number found in the text is written back for people: whole numbers with
thousands separators, others with at most two decimals, never in scientific notation
(``5,000,000``, not ``5e+06``)."""

from __future__ import annotations


def figure(value: float) -> str:
    """``5000000.0`` -> ``5,000,000``; ``2.5`` -> ``2.5``; ``0.125`` -> ``0.13``."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
