"""Refusals that name the file, the row and the column, collected so that a file is refused whole.

An import checks every row first and writes nothing unless no problem was found; the first problem
becomes the error's message, the others are kept for the window's preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from judging_app.domain.messages import UserError, register, text

register(
    {
        "import.cell": (
            '{file} {row}행 "{column}" 열: {rule}',
            '{file}, row {row}, column "{column}": {rule}',
        ),
        "import.more": ("{first} (외 {more}건)", "{first} (and {more} more)"),
        "import.refused": ("{detail}", "{detail}"),
    }
)


class ImportRefused(UserError):
    """A file refused whole; ``problems`` lists every refusal, in row order."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        first = problems[0]
        detail = (
            first
            if len(problems) == 1
            else text("import.more", first=first, more=len(problems) - 1)
        )
        super().__init__("import.refused", detail=detail)


@dataclass
class Problems:
    path: Path
    found: list[str] = field(default_factory=list)

    def add(self, row: int, column: str, message_id: str, **params: object) -> None:
        self.found.append(
            text(
                "import.cell",
                file=self.path.name,
                row=row,
                column=column,
                rule=text(message_id, **params),
            )
        )

    def add_rule(self, row: int, column: str, rule: str) -> None:
        self.found.append(
            text("import.cell", file=self.path.name, row=row, column=column, rule=rule)
        )

    def raise_if_any(self) -> None:
        if self.found:
            raise ImportRefused(self.found)
