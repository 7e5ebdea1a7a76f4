"""Refusals that name the file, the row and the column, collected so that a file is refused whole.

An import checks every row first and writes nothing unless no problem was found; the first problem
becomes the error's message, the others are kept (``problems``) for the window's preview. The
wording of the location is the table reader's, so every refusal about a cell reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from judging_app.domain.messages import UserError, register, text
from judging_app.exchange.tables import LOCATION_EN, LOCATION_KO, Table, TableError

register({"import.cell": (LOCATION_KO + ": {rule}", LOCATION_EN + ": {rule}")})


@dataclass
class Problems:
    table: Table
    found: list[UserError] = field(default_factory=list)

    def add(self, row: int, column: str, message_id: str, **params: object) -> None:
        self.add_rule(row, column, text(message_id, **params))

    def add_rule(self, row: int, column: str, rule: str) -> None:
        self.found.append(self.table.error_at(row, column, "import.cell", rule=rule))

    def raise_if_any(self) -> None:
        if self.found:
            raise TableError(self.found)
