"""The case rows the window shows, and their Qt models (checked by qtmodeltester)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from judging_app.domain.messages import UserError
from judging_app.services.judge_views import (
    CaseStatus,
    case_row,
    case_rows,
    max_total,
    package_summary,
    tries_before_wait,
)
from judging_app.ui.judge.case_model import CaseFilter, CaseRowsModel
from tests.packages.conftest import open_judge, package


def test_each_case_has_a_state_and_a_running_total(issued, tmp_path):
    with open_judge(issued, "J3", tmp_path / "laptop") as session:
        session.sign_pledge("박철수")
        session.set_score("C1", "creativity", "30")
        for key, value in (("creativity", "28"), ("utility", "21"), ("impact", "21")):
            session.set_score("C2", key, value)
        session.declare_conflict("C3", "자문")
        rows = {r.case_id: r for r in case_rows(session)}
        assert {k: r.status for k, r in rows.items()} == {
            "C1": CaseStatus.PARTLY,
            "C2": CaseStatus.COMPLETE,
            "C3": CaseStatus.CONFLICT,
            "C4": CaseStatus.NOT_STARTED,
            "C5": CaseStatus.CONFLICT,
        }
        assert (rows["C1"].total, rows["C1"].missing) == (Decimal(30), ("utility", "impact"))
        assert rows["C2"].total == Decimal(70) and rows["C4"].total is None
        assert (rows["C3"].conflict, rows["C3"].automatic) == ("자문", False)
        assert rows["C5"].automatic and rows["C5"].missing == ()
        assert case_row(session, "C2") == rows["C2"]
        assert max_total(session) == Decimal(100)


def test_tries_before_the_wait_and_whose_package_a_file_is(issued, tmp_path):
    pin = package(issued, "J2")[1]
    with open_judge(issued, "J2", tmp_path / "laptop") as session:
        assert tries_before_wait(session) == 5
        session.lock()
        with pytest.raises(UserError):
            session.unlock("000000" if pin != "000000" else "111111")
        assert tries_before_wait(session) == 4
        working = session.working_path
    summary = package_summary(working)
    assert summary is not None
    assert (summary.judge_name, summary.round_name) == ("이영희", "서면심사")
    assert package_summary(tmp_path / "missing.jpkg") is None


def test_the_models_pass_the_model_tester(qtmodeltester, issued, tmp_path):
    with open_judge(issued, "J1", tmp_path / "laptop") as session:
        model = CaseRowsModel(session.criteria)
        qtmodeltester.check(model)
        model.set_rows(case_rows(session))
        qtmodeltester.check(model)
        assert model.headerData(3, Qt.Orientation.Horizontal) == "창의성 (40)"
        proxy = CaseFilter(model)
        proxy.set_filter("c2", frozenset(CaseStatus))
        assert proxy.rowCount() == 1
        session.sign_pledge("김민수")
        session.set_score("C1", "creativity", "30")
        model.update_row(case_row(session, "C1"))
        proxy.set_filter("", frozenset({CaseStatus.PARTLY}))
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["C1"]
        qtmodeltester.check(proxy)
