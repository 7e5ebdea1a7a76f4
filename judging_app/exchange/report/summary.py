"""The summary sheet: the contest, the rules in plain words, the counts and every warning."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from judging_app.domain.config import ContestConfig, Round
from judging_app.domain.numbers import total
from judging_app.exchange.report.data import ReportData, RoundInfo
from judging_app.exchange.report.layout import (
    TEXT,
    TITLE,
    Grid,
    Styles,
    row_height,
    setup_page,
    wrapped_lines,
)
from judging_app.exchange.report.texts import percent, places_phrase, t

LABEL_WIDTH = 16.0
CONTENT_WIDTH = 96.0
LABEL: dict[str, object] = {**TEXT, "bold": True, "bg_color": "#F2F2F2", "valign": "top"}
CONTENT: dict[str, object] = {**TEXT, "valign": "top"}
SECTION: dict[str, object] = {"font_size": 11, "bold": True, "font_color": "#1F4E79"}


def write_summary(
    book: Workbook,
    styles: Styles,
    data: ReportData,
    *,
    name: str,
    generated: str,
    sheets: dict[str, str],
) -> None:
    """``sheets``: the name of every other sheet → what it holds, in the workbook's order."""
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    grid.widths([LABEL_WIDTH, CONTENT_WIDTH])
    config = data.config
    grid.merged(0, 0, 1, config.name, {**TITLE, "font_size": 16})
    sheet.set_row(0, 30)
    grid.merged(1, 0, 1, t("summary.title"), {**TITLE, "font_size": 12})
    sheet.set_row(1, 22)
    rows: list[tuple[str | None, str]] = [
        (t("summary.generated"), generated),
        (
            t("summary.state"),
            t("note.provisional", rounds=", ".join(data.open_rounds))
            if data.open_rounds
            else t("summary.final_state"),
        ),
        (
            t("summary.counts"),
            t(
                "summary.counts_value",
                cases=len(data.cases),
                judges=len(data.judges),
                votes=data.vote_total,
            ),
        ),
        (t("summary.selected"), t("summary.selected_value", count=len(data.final.entries))),
        (None, t("summary.contents")),
        *sheets.items(),
        (None, t("summary.criteria")),
        *_criteria(config),
        (None, t("summary.rounds")),
        *[(r.name, _round_text(config, r, data.info(r.key))) for r in config.rounds],
        (None, t("summary.final")),
        (t("summary.final"), _final_text(config)),
        (t("summary.awards"), _awards_text(config)),
        (None, t("heading.warnings")),
        *[("", f"• {w}") for w in data.warnings],
        *([("", t("summary.warnings_none"))] if not data.warnings else []),
    ]
    row = 3
    for label, content in rows:
        if label is None:
            row += 1 if row > 3 else 0
            grid.text(row, 0, content, SECTION)
            sheet.set_row(row, 20)
        else:
            grid.text(row, 0, label, LABEL)
            grid.text(row, 1, content, CONTENT)
            lines = max(wrapped_lines(content, CONTENT_WIDTH), wrapped_lines(label, LABEL_WIDTH))
            sheet.set_row(row, row_height(lines))
        row += 1
    setup_page(sheet, contest=config.name, generated=generated, landscape=False)
    sheet.center_horizontally()


def _criteria(config: ContestConfig) -> list[tuple[str | None, str]]:
    rows: list[tuple[str | None, str]] = [
        (t("summary.criterion", name=c.name, max=c.max), c.description or "")
        for c in config.criteria
    ]
    rows.append(
        (t("col.total"), t("summary.criteria_total", total=total(c.max for c in config.criteria)))
    )
    return rows


def method_text(round_: Round) -> str:
    if round_.aggregate == "trimmed_mean":
        return t("rule.trimmed_mean", trim_min=round_.trim_min)
    return t(f"rule.{round_.aggregate}")


def advance_text(round_: Round) -> str:
    if round_.advance is None:
        return t("rule.no_advance")
    return t("rule.advance", advance=round_.advance)


def _round_text(config: ContestConfig, round_: Round, info: RoundInfo) -> str:
    criteria = config.round_criteria(round_.key)
    if info.state == "closed" and info.closed_at is not None:
        state = t(
            "state.closed", at=info.closed_at.strftime("%Y-%m-%d %H:%M UTC"), by=info.closed_by
        )
        if info.allow_missing:
            state += t("state.allow_missing")
    else:
        state = t("state.open")
    return t(
        "summary.round_value",
        criteria=", ".join(f"{c.name} {c.max}" for c in criteria),
        method=method_text(round_),
        advance=advance_text(round_),
        ties=t("summary.round_ties", criteria=" → ".join(c.name for c in criteria)),
        state=state,
    )


def tie_words(config: ContestConfig) -> str:
    words = []
    round_names = {r.key: r.name for r in config.rounds}
    criterion_names = {c.key: c.name for c in config.criteria}
    for word in config.final.tie_break:
        if word in ("expert", "votes"):
            words.append(t(f"rule.tie.{word}"))
        elif word in criterion_names:
            words.append(t("rule.tie.criterion", name=criterion_names[word]))
        else:
            words.append(t("rule.tie.round", name=round_names.get(word, word)))
    words.append(t("rule.tie.shared"))
    return " → ".join(words)


def _final_text(config: ContestConfig) -> str:
    rule = config.final
    return t(
        "summary.final_value",
        round=config.last_round.name,
        expert=percent(rule.expert_weight),
        vote=percent(rule.vote_weight),
        method=t(f"rule.{rule.vote_method}"),
        rounding=t("rule.rounding", places=places_phrase(rule.decimals)),
        ties=tie_words(config),
    )


def _awards_text(config: ContestConfig) -> str:
    lines = []
    first = 1
    for tier in config.awards:
        last = first + tier.count - 1
        span = (
            t("summary.span_one", first=first)
            if first == last
            else t("summary.span", first=first, last=last)
        )
        line = t("summary.award", name=tier.name, count=tier.count, span=span)
        if tier.min_score is not None:
            line += t("summary.award_min", min=tier.min_score)
        lines.append(line)
        first = last + 1
    return "\n".join(lines)
