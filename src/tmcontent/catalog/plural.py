"""The ``Plural-Forms`` header: parsed and evaluated safely, never through ``eval``.

``parse_plural_forms("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : ...);")`` gives a
:class:`PluralForms` (the count and an expression tree) or raises :class:`PluralFormsError`
saying what is wrong. The grammar is gettext's C subset, the one ``msgfmt`` and Python's
``gettext.c2py`` accept: the variable ``n``, decimal numbers, parentheses, ``!``, the binary
operators ``* / % + - < > <= >= == != && ||`` with C precedence, and ``?:``. A precedence-climbing
parser with a nesting bound reads it, so hostile headers (``__import__('os')``, thousands of
nested parentheses) are refused in time proportional to their length.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass

#: Python's gettext refuses longer expressions (``c2py``: "plural form expression is too long").
MAX_LENGTH = 1000
#: Nesting of parentheses and ``?:``. The most nested real rule (Arabic's six forms, a chain of
#: five ``?:`` inside one pair of parentheses) needs 6; Python's ``c2py`` stops at 20 levels of
#: parentheses in the code it generates, which can hold two for each level here.
MAX_DEPTH = 10
#: ``n`` values a rule is tried on: every rule in gettext's manual changes behaviour below 1000.
CHECKED_N = range(1000)

TOKEN_RE = re.compile(r"[ \t]*(?:(?P<number>[0-9]+)(?![0-9A-Za-z_])|(?P<n>n)(?![0-9A-Za-z_])|(?P<op>\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
HEADER_RE = re.compile(r"^\s*nplurals\s*=\s*(?P<nplurals>[^;]*?)\s*;\s*plural\s*=\s*(?P<plural>[^;]*?)\s*;?\s*$")
BINARY = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}

Node = int | str | tuple  # a number, "n", or (operator, operand...)


class PluralFormsError(ValueError):
    """A ``Plural-Forms`` value that is not ``nplurals=N; plural=EXPRESSION;``."""


@dataclass(frozen=True)
class PluralForms:
    nplurals: int
    expression: str
    tree: Node

    def __call__(self, n: int) -> int:
        return evaluate(self.tree, n)


def parse_plural_forms(value: str) -> PluralForms:
    """The header value parsed; :class:`PluralFormsError` with the reason otherwise."""
    match = HEADER_RE.match(value)
    if not match:
        raise PluralFormsError(f"Plural-Forms is not 'nplurals=N; plural=EXPRESSION;': {value[:60]!r}")
    count = match.group("nplurals")
    if not re.fullmatch(r"[0-9]{1,4}", count) or int(count) < 1:
        raise PluralFormsError(f"nplurals must be a whole number from 1, not {count[:20]!r}")
    expression = match.group("plural")
    tree = parse_expression(expression)
    try:  # what gettext.GNUTranslations does with it on loading the .mo; safe once our parser accepted it
        gettext.c2py(expression)
    except ValueError as error:
        raise PluralFormsError(f"plural expression that Python's gettext cannot load: {error}") from None
    forms = PluralForms(int(count), expression, tree)
    for n in CHECKED_N:
        try:
            form = forms(n)
        except ZeroDivisionError:
            raise PluralFormsError(f"plural expression divides by zero for n = {n}") from None
        if not 0 <= form < forms.nplurals:
            raise PluralFormsError(f"plural expression gives {form} for n = {n}, outside 0..{forms.nplurals - 1}")
    return forms


def parse_expression(text: str) -> Node:
    """The expression tree of a C plural expression; :class:`PluralFormsError` if it is not one."""
    if len(text) > MAX_LENGTH:
        raise PluralFormsError(f"plural expression longer than {MAX_LENGTH} characters")
    parser = _Parser(_tokens(text))
    tree = parser.conditional(0)
    if parser.peek() is not None:
        raise PluralFormsError(f"unexpected {parser.peek()!r} in plural expression")
    return tree


def _tokens(text: str) -> list[str]:
    tokens, position, end = [], 0, len(text.rstrip(" \t"))
    while position < end:
        match = TOKEN_RE.match(text, position)
        if not match:
            bad = text[position:].strip()[:20]
            raise PluralFormsError(f"invalid token {bad!r} in plural expression (only n, numbers and C operators)")
        tokens.append(match.group(match.lastgroup or "op"))
        position = match.end()
    return tokens


class _Parser:
    """Precedence climbing over the tokens; ``depth`` counts open parentheses and ``?:``."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> str | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise PluralFormsError("plural expression ends too early")
        self.index += 1
        return token

    def conditional(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise PluralFormsError(f"plural expression nested deeper than {MAX_DEPTH} levels")
        condition = self.binary(1, depth)
        if self.peek() != "?":
            return condition
        self.take()
        if_true = self.conditional(depth + 1)
        if self.take() != ":":
            raise PluralFormsError("'?' without its ':' in plural expression")
        return ("?", condition, if_true, self.conditional(depth + 1))

    def binary(self, level: int, depth: int) -> Node:
        left = self.unary(depth)
        while (token := self.peek()) in BINARY and BINARY[token] >= level:  # type: ignore[index]
            self.take()
            right = self.binary(BINARY[token] + 1, depth)  # type: ignore[index]
            left = (token, left, right)
        return left

    def unary(self, depth: int) -> Node:
        token = self.take()
        if token == "!":
            return ("!", self.unary(depth + 1) if depth < MAX_DEPTH else self._too_deep())
        if token == "(":
            inner = self.conditional(depth + 1)
            if self.take() != ")":
                raise PluralFormsError("unbalanced parenthesis in plural expression")
            return inner
        if token == "n":
            return "n"
        if token.isdigit():
            return int(token)
        raise PluralFormsError(f"unexpected {token!r} in plural expression")

    @staticmethod
    def _too_deep() -> Node:
        raise PluralFormsError(f"plural expression nested deeper than {MAX_DEPTH} levels")


def evaluate(tree: Node, n: int) -> int:
    """The value of ``tree`` for ``n`` (C semantics on non-negative numbers; ``ZeroDivisionError``)."""
    if isinstance(tree, int):
        return tree
    if isinstance(tree, str):
        return n
    operator, *operands = tree
    if operator == "?":
        return evaluate(operands[1] if evaluate(operands[0], n) else operands[2], n)
    if operator == "!":
        return int(not evaluate(operands[0], n))
    if operator == "&&":
        return int(bool(evaluate(operands[0], n)) and bool(evaluate(operands[1], n)))
    if operator == "||":
        return int(bool(evaluate(operands[0], n)) or bool(evaluate(operands[1], n)))
    left, right = evaluate(operands[0], n), evaluate(operands[1], n)
    return _ARITHMETIC[operator](left, right)


_ARITHMETIC = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a // b, "%": lambda a, b: a % b,
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b), "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b), "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
}
