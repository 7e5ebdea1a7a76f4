"""The audit log sheet: every action that changed the contest, oldest first."""

from __future__ import annotations

from collections.abc import Mapping

from xlsxwriter.workbook import Workbook

from judging_app.exchange.report.data import AuditLine, ReportData
from judging_app.exchange.report.layout import (
    CENTRE,
    NOTE,
    TEXT,
    TITLE,
    Grid,
    Styles,
    fit,
    row_height,
    setup_page,
    wrapped_lines,
)
from judging_app.exchange.report.texts import t, t_or

HEADER_ROW = 3
DETAILS_WIDTH = 72.0


def action_text(action: str) -> str:
    label = t_or(f"action.{action}", action)
    return action if label == action else f"{label}\n({action})"


DETAIL_ORDER = ("round", "judge", "file", "config", "rows", "transcribed", "advancing", "missing")


def details_text(line: AuditLine, round_names: dict[str, str]) -> str:
    """The details as "name: value" lines: the usual names first, the SHA-256 last; a list of
    records (the packages issued) one record a line."""
    return "\n".join(
        f"{t_or(f'detail.{key}', key)}: {_shown(key, line.details[key], round_names)}"
        for key in _ordered(line.details)
    )


def _ordered(details: Mapping[str, object]) -> list[str]:
    order = {key: i for i, key in enumerate(DETAIL_ORDER)}
    return sorted(details, key=lambda k: (k == "sha256", order.get(k, len(order)), k))


def _shown(key: str, value: object, round_names: dict[str, str]) -> str:
    if isinstance(value, bool):
        return t("mark.yes") if value else t("mark.no")
    if value is None:
        return "—"
    if isinstance(value, Mapping):
        return ", ".join(
            f"{t_or(f'detail.{k}', k)}: {_shown(k, value[k], round_names)}" for k in _ordered(value)
        )
    if isinstance(value, list | tuple):
        if any(isinstance(item, Mapping) for item in value):
            return "".join(f"\n  · {_shown(key, item, round_names)}" for item in value)
        return ", ".join(_shown(key, item, round_names) for item in value)
    if key == "round" and isinstance(value, str) and value in round_names:
        return f"{round_names[value]} ({value})"
    if isinstance(value, int):
        return f"{value:,}" if key != "revision" else str(value)
    return str(value)


def write_audit(
    book: Workbook, styles: Styles, data: ReportData, *, name: str, generated: str
) -> None:
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    round_names = {r.key: r.name for r in data.config.rounds}
    headings = [t(f"col.{c}") for c in ("number", "at", "actor", "action", "details")]
    actions = [action_text(line.action) for line in data.audit]
    details = [details_text(line, round_names) for line in data.audit]
    widths = [
        fit([headings[0], *(str(line.number) for line in data.audit)], 6, 8),
        fit([headings[1], "2000-01-01 00:00:00"], 12, 20),
        fit([headings[2], *(line.actor for line in data.audit)], 8, 16),
        fit([headings[3], *actions], 12, 20),
        fit([headings[4], *details], 30, DETAILS_WIDTH),
    ]
    grid.widths(widths)
    grid.text(0, 0, name, TITLE)
    sheet.set_row(0, 24)
    grid.text(1, 0, t("note.audit"), NOTE)
    grid.header(HEADER_ROW, headings)
    for index, line in enumerate(data.audit):
        row = HEADER_ROW + 1 + index
        grid.number(row, 0, line.number, None, CENTRE)
        grid.text(row, 1, line.at.strftime("%Y-%m-%d %H:%M:%S"), CENTRE)
        grid.text(row, 2, line.actor, CENTRE)
        grid.text(row, 3, actions[index], CENTRE)
        grid.text(row, 4, details[index], {**TEXT, "font_size": 9})
        lines = max(
            wrapped_lines(details[index], widths[4] * 10 / 9),
            wrapped_lines(actions[index], widths[3]),
            wrapped_lines(line.actor, widths[2]),
        )
        sheet.set_row(row, row_height(lines, 9) if lines > 2 else row_height(2))
    setup_page(
        sheet,
        contest=data.config.name,
        generated=generated,
        landscape=False,
        repeat=(HEADER_ROW, HEADER_ROW),
        freeze=(HEADER_ROW + 1, 0),
    )
    sheet.center_horizontally()
