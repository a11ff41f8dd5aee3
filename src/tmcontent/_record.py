"""Value classes without :mod:`dataclasses`: equality and ``repr`` over ``__slots__``.

The PO engine's classes (:class:`~tmcontent.catalog.pofile.Entry`, ``Catalog``,
:class:`~tmcontent.catalog.stats.Stats`) are plain slotted classes, as polib's and Babel's are:
importing :mod:`dataclasses` (which imports :mod:`inspect`, :mod:`ast`, :mod:`dis`, ...) took
14-20 ms, a tenth of ``tmcontent catalog stats`` on a 5,000-entry catalog as a process
(``python -X importtime``; benchmarks/bench_start.py). The article model keeps its dataclasses.
"""

from __future__ import annotations


class Record:
    """Compared and shown by the values of its ``__slots__``, but those named in ``_hidden`` (a
    dataclass's ``field(compare=False, repr=False)``); mutable, hence unhashable."""

    __slots__ = ()
    _hidden: tuple[str, ...] = ()

    def _shown(self) -> list[tuple[str, object]]:
        names: tuple[str, ...] = self.__slots__
        return [(name, getattr(self, name)) for name in names if name not in self._hidden]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._shown() == other._shown()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={value!r}' for name, value in self._shown())})"
