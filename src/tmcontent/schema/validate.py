"""Checking article JSON against the shipped schema, naming the field path of the first problem.

The runtime has no JSON Schema library (``jsonschema`` is a test extra), so this module reads
``article.schema.json`` itself: it knows the keywords that schema uses (``type``, ``const``,
``enum``, ``pattern``, ``minimum``/``maximum``, ``required``, ``properties``,
``additionalProperties``, ``items``, ``$ref`` into ``$defs``, ``oneOf``) and refuses a schema
that uses any other, so the two cannot drift apart silently. The schema is compiled once into
one small check per node: 145 µs an article against 290 µs for walking the schema dict on
every call (examples/listing-ru.html's articles read 3,000 times, best of 3, on the shared
2-core machine under load). It accepts what ``jsonschema``
accepts (the tests compare them), except non-finite numbers (``NaN``), which it refuses.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from tmcontent.errors import SchemaError
from tmcontent.schema import article_schema

#: Keywords that only annotate (no effect on what is valid).
ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "$defs"})
#: Keywords this checker applies.
KEYWORDS = frozenset({"type", "const", "enum", "pattern", "minimum", "maximum", "required", "properties", "additionalProperties", "items", "$ref", "oneOf"})
TYPE_NAMES = {"string": "a string", "null": "null", "array": "a list", "object": "an object", "integer": "an integer", "number": "a number", "boolean": "true or false"}
#: Longest rendering of a wrong value in a message (the message stays one short line).
SHOWN_CHARS = 60

Problem = tuple[str, str]  # (field path, what is wrong)
#: Inside the checks: the steps from the node checked to the problem, innermost first, and what is wrong.
_Found = tuple[list[str | int], str]
Check = Callable[[Any], "_Found | None"]
NULL_BRANCH = {"type": "null"}


def check_article(data: Any) -> None:
    """Raise :class:`SchemaError` naming the first field of ``data`` the article schema refuses."""
    found = problem(data)
    if found is not None:
        path, detail = found
        raise SchemaError(detail, path=path)


def problem(data: Any, schema: dict[str, Any] | None = None) -> Problem | None:
    """The first problem of ``data`` under ``schema`` (default: the article schema), or None."""
    check = _article_check() if schema is None else compile_schema(schema)
    found = check(data)
    if found is None:
        return None
    steps, detail = found
    return _path(reversed(steps)), detail


def compile_schema(schema: dict[str, Any]) -> Check:
    """One check function for ``schema`` (refused if it uses a keyword this module does not apply)."""
    _check_keywords(schema)
    return _Compiler(schema).compile(schema)


@lru_cache(maxsize=1)
def _article_check() -> Check:
    return compile_schema(article_schema())


def _check_keywords(schema: Any) -> None:
    if isinstance(schema, list):
        for item in schema:
            _check_keywords(item)
    elif isinstance(schema, dict):
        unknown = set(schema) - KEYWORDS - ANNOTATIONS
        if unknown:
            raise ValueError(f"article schema uses keywords this checker does not apply: {sorted(unknown)}")
        for key in ("properties", "$defs"):
            for sub in schema.get(key, {}).values():
                _check_keywords(sub)
        for key in ("items", "additionalProperties", "oneOf"):
            if key in schema:
                _check_keywords(schema[key])


def _path(steps: Any) -> str:
    path = ""
    for step in steps:
        path += f"[{step}]" if isinstance(step, int) else (f".{step}" if path else step)
    return path


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: dict[str, Any]) -> Check:
        if "$ref" in schema:
            return self._ref(schema["$ref"])
        if "oneOf" in schema:
            return self._one_of([self.compile(branch) for branch in schema["oneOf"]], schema["oneOf"])
        checks = [check for check in (_type_check(schema), _value_check(schema), self._object_check(schema), self._items_check(schema)) if check]
        if len(checks) == 1:
            return checks[0]

        def check_all(value: Any) -> _Found | None:
            for check in checks:
                found = check(value)
                if found:
                    return found
            return None

        return check_all

    def _ref(self, ref: str) -> Check:
        if ref not in self.refs:
            target: list[Check] = []
            self.refs[ref] = lambda value: target[0](value)  # a reference may be recursive
            target.append(self.compile(_resolve(ref, self.root)))
        return self.refs[ref]

    def _one_of(self, checks: list[Check], branches: list[dict[str, Any]]) -> Check:
        if len(branches) == 2 and NULL_BRANCH in branches:  # "X or null", as the schema writes optional parts
            other = checks[1 - branches.index(NULL_BRANCH)]

            def or_null(value: Any) -> _Found | None:
                found = other(value)
                if value is None:
                    return None if found else ([], "null matches more than one of its forms")
                return found

            return or_null

        def one_of(value: Any) -> _Found | None:
            results = [check(value) for check in checks]
            matched = sum(1 for result in results if result is None)
            if matched == 1:
                return None
            return [], f"{_show(value)} matches {'more than one' if matched else 'none'} of its forms"

        return one_of

    def _object_check(self, schema: dict[str, Any]) -> Check | None:
        if not {"required", "properties", "additionalProperties"} & set(schema):
            return None
        required = tuple(schema.get("required", ()))
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = self.compile(extra) if isinstance(extra, dict) else None

        def check_object(value: Any) -> _Found | None:
            if not isinstance(value, dict):
                return None
            for name in required:
                if name not in value:
                    return [], f"missing field {name!r}"
            if extra is False:
                unknown = next((name for name in value if name not in properties), None)
                if unknown is not None:
                    return [], f"unknown field {_show(unknown)}"
            return _first((name, properties.get(name) or extra_check, item) for name, item in value.items())

        return check_object

    def _items_check(self, schema: dict[str, Any]) -> Check | None:
        if "items" not in schema:
            return None
        item_check = self.compile(schema["items"])

        def check_items(value: Any) -> _Found | None:
            if not isinstance(value, list):
                return None
            return _first((index, item_check, item) for index, item in enumerate(value))

        return check_items


def _first(parts: Iterable[tuple[str | int, Check | None, Any]]) -> _Found | None:
    """The first problem among the parts of a value (step, its check, its value), its step added."""
    for step, check, value in parts:
        found = check(value) if check else None
        if found:
            found[0].append(step)
            return found
    return None


def _type_check(schema: dict[str, Any]) -> Check | None:
    if "type" not in schema:
        return None
    expected = schema["type"]
    names = [expected] if isinstance(expected, str) else list(expected)
    tests = [TYPE_TESTS[name] for name in names]
    described = " or ".join(TYPE_NAMES.get(name, name) for name in names)

    def check_type(value: Any) -> _Found | None:
        if any(test(value) for test in tests):
            return None
        return [], f"expected {described}, got {_show(value)}"

    return check_type


def _value_check(schema: dict[str, Any]) -> Check | None:
    """``const``, ``enum``, ``pattern``, ``minimum``/``maximum`` and finiteness of numbers."""
    const = schema.get("const", _MISSING)
    enum = schema.get("enum")
    pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
    low, high = schema.get("minimum"), schema.get("maximum")

    def check_value(value: Any) -> _Found | None:
        if isinstance(value, float) and not math.isfinite(value):
            return [], f"expected a finite number, got {_show(value)}"
        if const is not _MISSING and not _same(value, const):
            return [], f"expected {_show(const)}, got {_show(value)}"
        if enum is not None and not any(_same(value, option) for option in enum):
            return [], f"{_show(value)} is not one of {', '.join(str(option) for option in enum)}"
        if pattern is not None and isinstance(value, str) and not pattern.search(value):
            return [], f"{_show(value)} does not match {pattern.pattern}"
        if _is_number(value):
            if low is not None and value < low:
                return [], f"{_show(value)} is less than {low}"
            if high is not None and value > high:
                return [], f"{_show(value)} is more than {high}"
        return None

    return check_value


_MISSING = object()


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"article schema: only local references are supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    result: dict[str, Any] = node
    return result


def _is_integer(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "string": lambda value: isinstance(value, str),
    "null": lambda value: value is None,
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
    "boolean": lambda value: isinstance(value, bool),
    "integer": _is_integer,
    "number": _is_number,
}


def _same(value: Any, expected: Any) -> bool:
    """JSON equality: ``1`` is not ``true`` and ``"1"`` is not ``1``."""
    return type(value) is type(expected) and value == expected


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=True, default=repr)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."
