"""Timing shared by the benchmarks: contenders interleaved, the same passes for each.

A fair comparison on a shared machine runs the contenders side by side: every pass times each
contender over the same items, in an order that rotates from pass to pass (so that none always
runs first, on a cold cache, or last, after the others warmed the CPU), and reports the minimum
(the steadiest estimate of the cost) and the median (what a run usually sees) over the passes.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Timing:
    """Seconds per item over the passes: the fastest pass and the median one."""

    min: float
    median: float
    passes: int

    def us(self) -> str:
        return f"{self.min * 1e6:.1f}/{self.median * 1e6:.1f} us"

    def ms(self) -> str:
        return f"{self.min * 1e3:.2f}/{self.median * 1e3:.2f} ms"


def interleaved(
    contenders: Mapping[str, Callable[[Item], object]],
    items: Sequence[Item],
    repeat: int = 5,
    warm_up: Sequence[Item] = (),
) -> dict[str, Timing]:
    """Time every contender over ``items`` in each of ``repeat`` passes, in rotating order.

    ``warm_up`` items run once per contender first (models loaded, caches as in steady use), so
    that the timed passes measure work, not start-up.
    """
    names = list(contenders)
    for name in names:
        for item in warm_up:
            contenders[name](item)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for pass_number in range(repeat):
        shift = pass_number % len(names)
        for name in names[shift:] + names[:shift]:
            function = contenders[name]
            start = time.perf_counter()
            for item in items:
                function(item)
            seconds[name].append((time.perf_counter() - start) / len(items))
    return {name: Timing(min(values), statistics.median(values), repeat) for name, values in seconds.items()}


def ratios_line(timings: Mapping[str, Timing], reference: str, unit: str = "us") -> str:
    """One line: each contender's min/median per item and its ratio to ``reference`` (by min)."""
    base = timings[reference].min
    cells = []
    for name, timing in timings.items():
        shown = timing.us() if unit == "us" else timing.ms()
        ratio = "" if name == reference else f" ({timing.min / base:.1f}x the time of {reference})"
        cells.append(f"{name} {shown}{ratio}")
    passes = next(iter(timings.values())).passes
    return f"min/median of {passes} interleaved passes: " + "; ".join(cells)
