"""Shared by the "stays linear" tests: the time ratio of an operation at two input sizes.

No absolute timings: each test runs its operation at a size and four times that size in one
process and asserts the ratio stays well below the 16 that quadratic cost would give.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: Input grows 4x between the two runs; linear cost gives ~4, quadratic ~16.
GROWTH = 4
#: Asserted bound on the ratio: twice linear, half of quadratic (room for a noisy shared machine).
MAX_RATIO = 8.0


def best_time(operation: Callable[[], object], runs: int = 5) -> float:
    """The shortest of ``runs`` wall-clock timings of ``operation`` (the least disturbed)."""
    best = float("inf")
    collecting = gc.isenabled()
    gc.disable()  # a collection landing in one run only is noise, not the operation's cost
    try:
        for _ in range(runs):
            start = time.perf_counter()
            operation()
            best = min(best, time.perf_counter() - start)
    finally:
        if collecting:
            gc.enable()
    return best


def growth_ratio(make: Callable[[int], object], run: Callable[[object], object], size: int) -> float:
    """Time of ``run(make(GROWTH * size))`` over time of ``run(make(size))``."""
    small, large = make(size), make(GROWTH * size)
    run(small)  # warm caches (compiled patterns, loaded tables) before timing
    return best_time(lambda: run(large)) / max(best_time(lambda: run(small)), 1e-6)
