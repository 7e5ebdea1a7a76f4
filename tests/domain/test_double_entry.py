"""Comparing the two entries of a paper sheet: each kind of disagreement, and resolutions."""

from decimal import Decimal

from judging_app.domain.double_entry import Settlement, compare_sheet

CASES = ("C1", "C2", "C3")
CRITERIA = ("a", "b")


def _values(rows: dict[str, tuple[int | None, int | None]]) -> dict[tuple[str, str], Decimal]:
    return {
        (case, criterion): Decimal(value)
        for case, values in rows.items()
        for criterion, value in zip(CRITERIA, values, strict=True)
        if value is not None
    }


FIRST = _values({"C1": (10, 20), "C2": (11, 21), "C3": (12, 22)})


def _kinds(second: dict, resolutions=None) -> list[tuple]:
    sheet = compare_sheet("J1", CASES, CRITERIA, FIRST, _values(second), resolutions)
    return [(d.case_id, d.criterion, d.kind, d.first, d.second, d.partner) for d in sheet.disputes]


def test_agreeing_entries_give_every_case_its_scores():
    sheet = compare_sheet("J1", CASES, CRITERIA, FIRST, dict(FIRST))
    assert sheet.state == "agreed" and sheet.disputes == ()
    assert sheet.agreed["C2"] == {"a": Decimal(11), "b": Decimal(21)}
    assert (sheet.once, sheet.twice) == ((), CASES)


def test_a_sheet_typed_once_is_not_compared_yet():
    sheet = compare_sheet("J1", CASES, CRITERIA, FIRST, {})
    assert (sheet.state, sheet.once, sheet.disputes, sheet.agreed) == (
        "entered_once",
        CASES,
        (),
        {},
    )


def test_a_blank_value_in_one_entry_is_a_missing_value():
    assert _kinds({"C1": (10, 20), "C2": (11, None), "C3": (12, 22)}) == [
        ("C2", "b", "missing_value", 21, None, None)
    ]


def test_a_difference_in_one_value_is_a_digit_slip_not_a_swap():
    assert _kinds({"C1": (10, 20), "C2": (11, 12), "C3": (12, 22)}) == [
        ("C2", "b", "digit_slip", 21, 12, None)
    ]


def test_two_rows_exchanged_are_named_swapped_with_their_partner():
    assert _kinds({"C1": (12, 22), "C2": (11, 21), "C3": (10, 20)}) == [
        ("C1", "a", "swapped_rows", 10, 12, "C3"),
        ("C1", "b", "swapped_rows", 20, 22, "C3"),
        ("C3", "a", "swapped_rows", 12, 10, "C1"),
        ("C3", "b", "swapped_rows", 22, 20, "C1"),
    ]


def test_a_case_both_entries_leave_partly_blank_is_incomplete():
    first = _values({"C1": (10, None)})
    sheet = compare_sheet("J1", CASES, CRITERIA, first, dict(first))
    assert [(d.case_id, d.criterion, d.kind) for d in sheet.disputes] == [("C1", "b", "incomplete")]
    settled = compare_sheet(
        "J1", CASES, CRITERIA, first, dict(first), {("C1", "b"): Settlement(Decimal(5), None, None)}
    )
    assert settled.disputes == () and settled.agreed == {"C1": {"a": 10, "b": 5}}


def test_a_resolution_holds_only_while_the_entries_read_what_was_in_dispute():
    second = {"C1": (10, 20), "C2": (11, 12), "C3": (12, 22)}
    resolution = {("C2", "b"): Settlement(Decimal(21), Decimal(21), Decimal(12))}
    sheet = compare_sheet("J1", CASES, CRITERIA, FIRST, _values(second), resolution)
    assert sheet.disputes == () and sheet.agreed["C2"] == {"a": 11, "b": 21}
    retyped = {"C1": (10, 20), "C2": (11, 13), "C3": (12, 22)}
    assert _kinds(retyped, resolution) == [("C2", "b", "digit_slip", 21, 13, None)]


def test_values_for_a_case_not_on_the_sheet_are_extra_rows_until_settled_as_none():
    second = {**{c: v for c, v in zip(CASES, ((10, 20), (11, 21), (12, 22)), strict=True)}}
    extra = {**_values(second), ("C9", "a"): Decimal(3)}
    sheet = compare_sheet("J1", CASES, CRITERIA, FIRST, extra)
    assert [(d.case_id, d.kind, d.first, d.second) for d in sheet.disputes] == [
        ("C9", "extra_row", None, 3)
    ]
    settled = compare_sheet(
        "J1", CASES, CRITERIA, FIRST, extra, {("C9", "a"): Settlement(None, None, Decimal(3))}
    )
    assert settled.disputes == () and set(settled.agreed) == set(CASES)
