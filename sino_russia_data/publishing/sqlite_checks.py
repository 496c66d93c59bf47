"""SQLite column definitions that mirror a model's constraints.

Each column gets its type (``REAL`` for numbers, ``TEXT`` otherwise), ``NOT NULL`` when the
model requires it, and ``CHECK`` constraints: the vocabulary as ``IN (...)``, ISO dates that
are real calendar dates, numbers stored as numbers, and the column's pattern where SQLite
can express it with ``GLOB`` (SQLite has no regular expressions): an alternation of
branches, each a sequence of literals and character classes of fixed length plus either
one run of one class (``[a-z0-9_]+``, ``excluded-[a-z0-9]+-\\d{3}``, ``(?:[A-Z]{3}|EU)``)
or runs of any character (non-blank text, ``[\\s\\S]*\\S[\\s\\S]*``; whitespace there is
ASCII whitespace). Other patterns (claim ids, ``;``-separated lists, URLs) have no exact
GLOB form; the validator checks them before any export, and :func:`pattern_check` returns
None for them.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from typing import Any

from ..registry import Field, Table

_ANY = "any"  # a run of any character: GLOB's '*'
_WHITESPACE = " \t\n\r\f\v"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    """A SQL string literal; control characters as ``char(n)`` so the schema stays legible."""
    pieces = re.split(r"([\x00-\x1f]+)", value)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(f"char({', '.join(str(ord(c)) for c in piece)})")
        elif piece or len(pieces) == 1:
            out.append("'" + piece.replace("'", "''") + "'")
    return " || ".join(out)


def _glob_class(items: list[tuple[Any, Any]]) -> str | None:
    """The GLOB character class (without brackets) of a regex class, or None."""
    out = ""
    negate = False
    for op, arg in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL and chr(arg) not in "]^-[*?":
            out += chr(arg)
        elif op is sre_constants.RANGE:
            out += f"{chr(arg[0])}-{chr(arg[1])}"
        elif op is sre_constants.CATEGORY and arg is sre_constants.CATEGORY_DIGIT:
            out += "0-9"
        elif op is sre_constants.CATEGORY and arg is sre_constants.CATEGORY_NOT_SPACE:
            if negate or out:
                return None
            negate, out = True, _WHITESPACE
        else:
            return None
    return ("^" + out) if negate else out


def _item(op: Any, arg: Any) -> tuple[str, int, int | None] | None:
    """One regex item as (GLOB class or literal, min, max repeats); None if inexpressible."""
    if op is sre_constants.LITERAL:
        char = chr(arg)
        return (f"[{char}]" if char in "*?[" else char), 1, 1
    if op is sre_constants.IN:
        cls = _glob_class(list(arg))
        return None if cls is None else (f"[{cls}]", 1, 1)
    if op is sre_constants.CATEGORY and arg is sre_constants.CATEGORY_DIGIT:
        return "[0-9]", 1, 1
    if op not in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        return None
    low, high, sub = arg
    if len(sub) != 1:
        return None
    if _is_any(sub[0]):
        return (_ANY, 0, None) if low == 0 and high is sre_constants.MAXREPEAT else None
    inner = _item(*sub[0])
    if inner is None or inner[1:] != (1, 1):
        return None
    return inner[0], int(low), None if high is sre_constants.MAXREPEAT else int(high)


def _is_any(node: tuple[Any, Any]) -> bool:
    """``[\\s\\S]``: a class holding every character."""
    op, arg = node
    if op is not sre_constants.IN:
        return False
    found = {a for o, a in arg if o is sre_constants.CATEGORY}
    return found == {sre_constants.CATEGORY_SPACE, sre_constants.CATEGORY_NOT_SPACE}


def _branch(column: str, nodes: list[tuple[Any, Any]]) -> str | None:
    """The SQL condition of one branch (a sequence of items), or None."""
    found = [_item(op, arg) for op, arg in nodes]
    if any(i is None for i in found):
        return None
    items = [i for i in found if i is not None]
    anys = [i for i, item in enumerate(items) if item[0] == _ANY]
    runs = [i for i, item in enumerate(items) if item[1] != item[2] and item[0] != _ANY]
    if len(runs) > 1 or (runs and anys):
        return None
    glob = "".join("*" if i in runs or i in anys else c * lo for i, (c, lo, _) in enumerate(items))
    conditions = [f"{column} GLOB {_literal(glob)}"]
    if runs:
        (run,) = runs
        before = sum(lo for _, lo, _ in items[:run])
        after = sum(lo for _, lo, _ in items[run + 1 :])
        cls, low, high = items[run]
        middle = f"substr({column}, {before + 1}, length({column}) - {before + after})"
        conditions.append(f"{middle} NOT GLOB {_literal('*[' + _negated(cls) + ']*')}")
        conditions.append(f"length({column}) >= {before + after + low}")
        if high is not None:
            conditions.append(f"length({column}) <= {before + after + high}")
    return " AND ".join(conditions)


def _negated(cls: str) -> str:
    inner = cls[1:-1]
    return inner[1:] if inner.startswith("^") else "^" + inner


def pattern_check(column: str, pattern: str) -> str | None:
    """A CHECK condition equivalent to ``pattern`` matching the whole cell, or None."""
    try:
        tree = list(sre_parse.parse(pattern))
    except re.error:
        return None
    if len(tree) == 1 and tree[0][0] is sre_constants.SUBPATTERN:
        tree = list(tree[0][1][-1])
    branches = [tree]
    if len(tree) == 1 and tree[0][0] is sre_constants.BRANCH:
        branches = [list(b) for b in tree[0][1][1]]
    conditions = [_branch(column, b) for b in branches]
    if any(c is None for c in conditions):
        return None
    return "(" + " OR ".join(f"({c})" for c in conditions) + ")"


def column_sql(field: Field) -> str:
    """``"name" TYPE [NOT NULL] [CHECK (...)]`` for one column."""
    name = quoted(field.name)
    parts = [name, "REAL" if field.type == "number" else "TEXT"]
    if field.required:
        parts.append("NOT NULL")
    checks = []
    if field.type == "number":
        checks.append(f"typeof({name}) IN ('real', 'integer', 'null')")
    elif field.type == "date":
        checks.append(f"{name} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'")
        checks.append(f"date({name}, '+0 days') = {name}")  # a real calendar date
    if field.enum is not None:
        checks.append(f"{name} IN ({', '.join(_literal(v) for v in field.enum)})")
    elif field.full_pattern is not None:
        condition = pattern_check(name, field.full_pattern)
        if condition is not None:
            checks.append(condition)
    parts += [f"CHECK ({c})" for c in checks]
    return " ".join(parts)


def text_columns(table: Table) -> list[str]:
    """The free-text columns full-text search covers: strings with no vocabulary, not a
    key, whose pattern (if any) admits words separated by a space."""
    keys = {table.id_column, *([] if table.name == "sources" else ["source_id"])}
    return [
        f.name
        for f in table.fields
        if f.type == "string"
        and f.enum is None
        and not f.unique
        and f.name not in keys
        and (f.full_pattern is None or re.fullmatch(f.full_pattern, "a b") is not None)
    ]
