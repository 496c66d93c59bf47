"""What the validator reports: one :class:`Problem` per failure, rendered for people.

A problem names the file and CSV line, the claim and column, what failed, and the
source the claim cites (source_id, author, title) with its quote, so a curator can fix
the row without opening pandera's own error dump.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    claim_id: str | None
    column: str | None
    message: str
    source: str | None = None
    quote: str | None = None

    def render(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        head = [where]
        if self.claim_id:
            head.append(f"claim {self.claim_id}")
        if self.column:
            head.append(f"[{self.column}]")
        lines = [" ".join(head) + f": {self.message}"]
        if self.source:
            lines.append(f"    cites: {self.source}")
        if self.quote:
            lines.append(f'    quote: "{self.quote}"')
        return "\n".join(lines)


def render_report(problems: Iterable[Problem]) -> str:
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or "", p.message))
    body = "\n".join(p.render() for p in ordered)
    files = len({p.file for p in ordered})
    s = "" if len(ordered) == 1 else "s"
    return f"{body}\n\n{len(ordered)} problem{s} in {files} file{'' if files == 1 else 's'}."


class DataValidationError(ValueError):
    """Raised by the loaders when the data does not validate; the message is the report."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(render_report(problems))
