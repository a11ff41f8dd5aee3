"""Checking article JSON against the shipped schema, naming the field path of the first problem.

The runtime has no JSON Schema library (``jsonschema`` is a test extra), so this module reads
``article.schema.json`` itself: it knows the keywords that schema uses (``type``, ``const``,
``enum``, ``pattern``, ``minimum``/``maximum``, ``required``, ``properties``,
``additionalProperties``, ``items``, ``$ref`` into ``$defs``, ``oneOf``) and refuses a schema
that uses any other, so the two cannot drift apart silently. It accepts what ``jsonschema``
accepts (the tests compare them), except non-finite numbers (``NaN``), which it refuses.
"""

from __future__ import annotations

import json
import math
import re
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


def check_article(data: Any) -> None:
    """Raise :class:`SchemaError` naming the first field of ``data`` the article schema refuses."""
    found = problem(data)
    if found is not None:
        path, detail = found
        raise SchemaError(detail, path=path)


def problem(data: Any, schema: dict[str, Any] | None = None) -> Problem | None:
    """The first problem of ``data`` under ``schema`` (default: the article schema), or None."""
    root = _root() if schema is None else schema
    return _problem(data, root, "", root)


@lru_cache(maxsize=1)
def _root() -> dict[str, Any]:
    schema = article_schema()
    _check_keywords(schema)
    return schema


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


def _problem(value: Any, schema: dict[str, Any], path: str, root: dict[str, Any]) -> Problem | None:
    if "$ref" in schema:
        return _problem(value, _resolve(schema["$ref"], root), path, root)
    if "oneOf" in schema:
        return _one_of(value, schema["oneOf"], path, root)
    if "type" in schema and not _has_type(value, schema["type"]):
        return path, f"expected {_type_names(schema['type'])}, got {_show(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return path, f"expected a finite number, got {_show(value)}"
    if "const" in schema and not _same(value, schema["const"]):
        return path, f"expected {_show(schema['const'])}, got {_show(value)}"
    if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
        return path, f"{_show(value)} is not one of {', '.join(str(option) for option in schema['enum'])}"
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        return path, f"{_show(value)} does not match {schema['pattern']}"
    if _is_number(value):
        return _range(value, schema, path)
    if isinstance(value, dict):
        return _object(value, schema, path, root)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found = _problem(item, schema["items"], f"{path}[{index}]", root)
            if found:
                return found
    return None


def _one_of(value: Any, branches: list[dict[str, Any]], path: str, root: dict[str, Any]) -> Problem | None:
    results = [_problem(value, branch, path, root) for branch in branches]
    matched = sum(1 for result in results if result is None)
    if matched == 1:
        return None
    if matched > 1:
        return path, f"{_show(value)} matches more than one of its forms"
    informative = [result for branch, result in zip(branches, results, strict=True) if branch.get("type") != "null"]
    return informative[0] if len(informative) == 1 and informative[0] else (path, f"{_show(value)} matches none of its forms")


def _range(value: float, schema: dict[str, Any], path: str) -> Problem | None:
    if "minimum" in schema and value < schema["minimum"]:
        return path, f"{_show(value)} is less than {schema['minimum']}"
    if "maximum" in schema and value > schema["maximum"]:
        return path, f"{_show(value)} is more than {schema['maximum']}"
    return None


def _object(value: dict[Any, Any], schema: dict[str, Any], path: str, root: dict[str, Any]) -> Problem | None:
    for name in schema.get("required", ()):
        if name not in value:
            return path, f"missing field {name!r}"
    properties: dict[str, Any] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        where = f"{path}.{name}" if path else str(name)
        if name in properties:
            found = _problem(item, properties[name], where, root)
        elif extra is False:
            found = (path, f"unknown field {_show(name)}")
        elif isinstance(extra, dict):
            found = _problem(item, extra, where, root)
        else:
            found = None
        if found:
            return found
    return None


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"article schema: only local references are supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    result: dict[str, Any] = node
    return result


def _has_type(value: Any, expected: str | list[str]) -> bool:
    names = [expected] if isinstance(expected, str) else expected
    return any(_is_type(value, name) for name in names)


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())
    checks: dict[str, Any] = {"string": str, "array": list, "object": dict, "boolean": bool}
    if name == "null":
        return value is None
    if name == "number":
        return _is_number(value)
    return isinstance(value, checks[name])


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _same(value: Any, expected: Any) -> bool:
    """JSON equality: ``1`` is not ``true`` and ``"1"`` is not ``1``."""
    return type(value) is type(expected) and value == expected


def _type_names(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(TYPE_NAMES.get(name, name) for name in names)


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=True, default=repr)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."
