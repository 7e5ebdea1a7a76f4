"""The table models, checked by Qt's model tester without widgets."""

from decimal import Decimal

from judging_app.domain.config import Criterion
from judging_app.domain.messages import UserError
from judging_app.services import progress  # noqa: F401 (registers action.cancelled)
from judging_app.services.listing import CaseRow, GridJudge, RoundGrid
from judging_app.ui.columns import criterion_columns
from judging_app.ui.grid_model import GridModel
from judging_app.ui.import_preview import PROBLEM_COLUMNS
from judging_app.ui.table_model import SORT_ROLE, Column, RowTableModel, sorting_proxy


def test_row_table_model(qtmodeltester):
    model = RowTableModel(
        [
            Column("ID", lambda c: c.case_id),
            Column("Votes", lambda c: c.votes, numeric=True),
        ]
    )
    qtmodeltester.check(model)
    rows = [
        CaseRow("C02", "둘", "", "", {}, 1500),
        CaseRow("C01", "하나", "", "", {}, None),
        CaseRow("C03", "셋", "", "", {}, 20),
    ]
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() in {"1,500", "1500"}
    proxy = sorting_proxy(model)
    proxy.sort(1)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["C01", "C03", "C02"]
    assert proxy.index(0, 1).data(SORT_ROLE) == float("-inf")
    proxy.setFilterFixedString("c03")
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)


def test_config_and_problem_columns(qtmodeltester):
    model = RowTableModel(criterion_columns())
    model.set_rows([Criterion("creativity", "창의성", Decimal(40), Decimal(1), "새로움")])
    qtmodeltester.check(model)
    problems = RowTableModel(PROBLEM_COLUMNS)
    problems.set_rows([UserError("action.cancelled")])
    qtmodeltester.check(problems)


def test_grid_model(qtmodeltester):
    model = GridModel()
    qtmodeltester.check(model)
    grid = RoundGrid(
        "written",
        (GridJudge("J1", "김", "A"), GridJudge("J2", "이", "B")),
        (("C1", "하나", "A"), ("C2", "둘", "B")),
        {
            ("C1", "J1"): "scored",
            ("C1", "J2"): "other_panel",
            ("C2", "J1"): "other_panel",
            ("C2", "J2"): "missing",
        },
    )
    model.set_grid(grid)
    qtmodeltester.check(model)
    assert model.columnCount() == 5
    assert model.index(0, 3).data() == "✓"
    assert model.index(1, 4).data() == "missing"
    assert grid.missing == 1
