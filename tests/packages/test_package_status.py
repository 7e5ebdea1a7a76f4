"""Contest.package_status: who holds a current package of a round, who returned it, who not."""

from __future__ import annotations

import pytest

from judging_app.domain.messages import UserError
from judging_app.services.contest import Contest
from tests.packages.conftest import issue, return_copy


def status(db, round_key="written"):
    contest = Contest.open(db)
    try:
        return contest.package_status(round_key)
    finally:
        contest.close()


def merge(db, *paths):
    contest = Contest.open(db)
    try:
        contest.import_scores(list(paths))
    finally:
        contest.close()


def test_nothing_issued_yet(db):
    found = status(db)
    assert (found.round_key, found.closed) == ("written", False)
    assert found.issued == found.returned == found.missing == ()


def test_issued_then_returned_one_by_one(db, issued, data_dir, tmp_path):
    assert status(db).issued == ("J1", "J2", "J3")
    assert status(db).missing == ("J1", "J2", "J3")
    merge(db, return_copy(issued, "J2", data_dir, tmp_path / "returns"))
    found = status(db)
    assert found.returned == ("J2",)
    assert found.missing == ("J1", "J3")


def test_a_reissued_package_is_missing_again_until_its_own_return(db, issued, data_dir, tmp_path):
    merge(db, return_copy(issued, "J1", data_dir, tmp_path / "returns"))
    assert status(db).returned == ("J1",)
    issue(db, tmp_path / "again")  # revokes every earlier package of the round
    found = status(db)
    assert found.issued == ("J1", "J2", "J3")
    assert found.returned == ()
    assert found.missing == ("J1", "J2", "J3")


def test_a_closed_round_says_so_and_an_unknown_round_is_refused(db, issued, tmp_path):
    contest = Contest.open(db)
    try:
        contest.advance("written", allow_missing=True)
        assert contest.package_status("written").closed
        with pytest.raises(UserError):
            contest.package_status("nope")
    finally:
        contest.close()
