"""What a blank score sheet shows, and its words (Korean and English, after the app's language)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from judging_app.domain.config import Criterion
from judging_app.domain.messages import register, text


@dataclass(frozen=True)
class SheetLine:
    number: int
    case_id: str
    title: str
    organization: str
    excluded: bool
    """The judge is excluded from the case (conflict of interest): struck through, not scored."""


@dataclass(frozen=True)
class BlankSheet:
    judge_id: str
    name: str
    affiliation: str
    panel: str
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True)
class SheetForms:
    contest: str
    round_key: str
    round_name: str
    criteria: tuple[Criterion, ...]
    sheets: tuple[BlankSheet, ...]

    @property
    def total_max(self) -> Decimal:
        return sum((c.max for c in self.criteria), Decimal(0))


register(
    {
        "forms.title": ("{round} 평가표", "{round} score sheet"),
        "forms.judge": ("심사위원", "Judge"),
        "forms.affiliation": ("소속", "Affiliation"),
        "forms.panel": ("분과", "Panel"),
        "forms.cases": ("심사 사례", "Cases"),
        "forms.cases_count": ("{count}건 (제척 {excluded}건)", "{count} (excluded: {excluded})"),
        "forms.number": ("번호", "No."),
        "forms.case": ("사례", "Case"),
        "forms.total": ("합계", "Total"),
        "forms.max": ("최고 {max}점", "max {max}"),
        "forms.step": ("{step}점 단위", "steps of {step}"),
        "forms.excluded": ("제척 (이해충돌)", "excluded (conflict of interest)"),
        "forms.rule.range": (
            "각 칸에는 0점부터 최고점까지, 칸에 적힌 단위로 점수를 적어 주십시오.",
            "Write each score from 0 to the maximum, in the steps shown in its box.",
        ),
        "forms.rule.all": (
            "한 사례는 모든 항목을 채우거나 모두 비워 두십시오.",
            "Score a case on every criterion or leave it blank.",
        ),
        "forms.rule.excluded": (
            "취소선이 그어진 사례는 이해충돌로 제척되어 채점하지 않습니다.",
            "Cases struck through are excluded (conflict of interest): do not score them.",
        ),
        "forms.pledge": ("위와 같이 평가합니다.", "I have scored the cases as above."),
        "forms.date": ("20   년     월     일", "Date:  ____ / ____ / ________"),
        "forms.signature": ("서명", "Signature"),
        "forms.footer": (
            "{round} · {judge} · {page}/{pages}쪽",
            "{round} · {judge} · page {page}/{pages}",
        ),
        "forms.continued": ("(계속)", "(continued)"),
    }
)


def number(value: Decimal) -> str:
    """A maximum or a step as printed: ``40``, ``0.5``."""
    return f"{value.normalize():f}"


def t(message_id: str, **params: object) -> str:
    return text(message_id, **params)
