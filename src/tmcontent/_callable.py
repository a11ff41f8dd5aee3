"""Packages that share their name with their entry function (``tmcontent.parse``,
``tmcontent.publish``): importing a subpackage binds the parent's attribute to the module, so the
module itself is made callable, forwarding to the function. ``tmcontent.parse(...)`` then works
whether the name was bound to the function (``from tmcontent import parse`` before any import of
the subpackage) or to the module, and ``import tmcontent`` needs to import neither.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


def callable_module(module_name: str, function: Callable[..., Any]) -> None:
    """Make the module ``module_name`` call ``function`` when it is called."""

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    CallableModule.__doc__ = function.__doc__
    sys.modules[module_name].__class__ = CallableModule
