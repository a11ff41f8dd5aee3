"""Timing shared by the benchmarks: best of several passes, seconds per item."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def seconds_per_item(function: Callable[[Item], object], items: Sequence[Item], repeat: int = 3) -> float:
    """The fastest of ``repeat`` passes over ``items``, divided by their number."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, (time.perf_counter() - start) / len(items))
    return best
