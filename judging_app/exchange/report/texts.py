"""The report's words, Korean and English, in the shared message catalogue (ids ``report.*``)."""

from __future__ import annotations

from decimal import Decimal

from judging_app.domain.messages import language, register, text

_MESSAGES: dict[str, tuple[str, str]] = {
    # sheet names (at most 31 characters, none of []:*?/\)
    "sheet.summary": ("요약", "Summary"),
    "sheet.final": ("최종 순위", "Final ranking"),
    "sheet.judges": ("심사위원 분석", "Judges"),
    "sheet.charts": ("차트", "Charts"),
    "sheet.votes": ("국민투표", "Votes"),
    "sheet.score_sheets": ("개인별 평가표", "Score sheets"),
    "sheet.audit": ("감사 기록", "Audit log"),
    # page header and footer
    "page.footer": ("&P / &N 쪽", "Page &P of &N"),
    "page.generated": ("작성 {at}", "produced {at}"),
    # columns
    "col.rank": ("순위", "Rank"),
    "col.award": ("시상", "Award"),
    "col.case_id": ("사례 번호", "Case"),
    "col.title": ("사례명", "Title"),
    "col.organization": ("기관", "Organisation"),
    "col.panel": ("패널", "Panel"),
    "col.expert": ("전문가 점수", "Expert score"),
    "col.votes": ("득표수", "Votes"),
    "col.vote_points": ("투표 환산 점수", "Vote points"),
    "col.final": ("최종 점수", "Final score"),
    "col.score": ("단계 점수", "Round score"),
    "col.judge_count": ("심사위원 수", "Judges"),
    "col.advances": ("진출", "Advances"),
    "col.mean_of": ("{name} 평균", "{name} mean"),
    "col.round": ("심사 단계", "Round"),
    "col.judge_id": ("심사위원", "Judge"),
    "col.name": ("성명", "Name"),
    "col.affiliation": ("소속", "Affiliation"),
    "col.cases_scored": ("평가 건수", "Cases scored"),
    "col.mean_total": ("총점 평균", "Mean total"),
    "col.spread": ("표준편차", "Spread (SD)"),
    "col.offset": ("패널 대비 편차", "Offset from panel"),
    "col.leaning": ("경향", "Leaning"),
    "col.finalist": ("최종 대상", "Finalist"),
    "col.source": ("출처 파일", "Source file"),
    "col.number": ("번호", "No."),
    "col.at": ("일시 (UTC)", "Time (UTC)"),
    "col.actor": ("수행자", "By"),
    "col.action": ("작업", "Action"),
    "col.details": ("내용", "Details"),
    "col.total": ("합계", "Total"),
    "col.comment": ("의견", "Comment"),
    "col.criterion": ("{name}\n({max}점)", "{name}\n({max})"),
    "col.expert_part": ("전문가 반영분", "Expert part"),
    "col.vote_part": ("투표 반영분", "Vote part"),
    "col.label": ("항목", "Item"),
    "col.content": ("내용", "Content"),
    # marks in cells
    "mark.advances": ("진출", "yes"),
    "mark.excluded": ("제외", "excl."),
    "mark.automatic": ("제척", "excl."),
    "mark.declared": ("회피", "recused"),
    "mark.missing": ("누락", "missing"),
    "mark.lenient": ("후한 편", "lenient"),
    "mark.harsh": ("엄격한 편", "harsh"),
    "mark.even": ("보통", "even"),
    "mark.counted": ("반영", "counted"),
    "mark.not_counted": ("미반영", "not counted"),
    "mark.no_vote_row": ("0표 (결과 없음)", "none: 0"),
    "mark.yes": ("예", "yes"),
    "mark.no": ("아니요", "no"),
    # notes under titles
    "note.final": (
        "최종 점수 = 전문가 점수 × {expert}% + 투표 환산 점수 × {vote}% · {places} 반올림 · "
        "음영: 시상 등급",
        "final score = expert score × {expert}% + vote points × {vote}% · rounded half up to "
        "{places} · shading: award tiers",
    ),
    "note.round": (
        "{method} · {advance} · 괄호 ( ) 안의 총점은 절사평균에서 빠진 최고·최저점, "
        "제외는 이해충돌(제척·회피)로 평가하지 않은 심사위원",
        "{method} · {advance} · totals in ( ) were dropped by the trimmed mean; "
        "excl. = the judge is excluded from the case (conflict of interest)",
    ),
    "note.provisional": (
        "잠정 결과: {rounds} 마감 전",
        "provisional: {rounds} not closed yet",
    ),
    "note.round_open": (
        "진행 중: 진출 표시는 지금 마감할 경우의 결과",
        "open: 'advances' shows who would go on if the round were closed now",
    ),
    "note.no_final": (
        "아직 최종 순위가 없습니다: {round} 점수가 없습니다",
        "no final ranking yet: {round} has no scores",
    ),
    "summary.state": ("결과 상태", "State"),
    "summary.final_state": ("확정 (모든 단계 마감)", "final (every round closed)"),
    "note.cutoff": ("빨간 선 위의 사례가 다음 단계로 진출", "cases above the red line advance"),
    "note.judges": (
        "패널 대비 편차: 같은 사례를 평가한 심사위원 평균과 비교한 총점 차이의 평균 (+ 후하게, "
        "− 엄격하게) · 최대 총점의 5%를 넘으면 경향 표시",
        "offset: mean difference between the judge's total and the mean of all judges on the "
        "same case (+ lenient, − harsh) · leaning shown beyond 5% of the maximum total",
    ),
    "note.votes": (
        "투표 환산 방법: {method} · 최종 대상이 아닌 사례의 득표는 보관하되 반영하지 않음",
        "vote points: {method} · votes for cases outside the final field are kept but not counted",
    ),
    "note.audit": (
        "변경 불가(추가 전용) 기록 · 일시는 협정 세계시(UTC)",
        "append-only record · times in UTC",
    ),
    "note.places": ("소수점 {places} 자리까지", "{places} decimals"),
    "note.whole": ("정수로", "whole numbers"),
    "heading.warnings": ("확인 사항", "Warnings"),
    "heading.charts_data": ("차트 자료", "Chart data"),
    # charts
    "chart.final": (
        "최종 점수 구성 (전문가 {expert}% + 국민투표 {vote}%)",
        "Final score: expert part ({expert}%) + vote part ({vote}%)",
    ),
    "chart.distribution": (
        "{round} 점수 분포 (순위순, 진한 막대: 진출)",
        "{round}: scores in rank order (dark: advance)",
    ),
    "chart.ranked": ("{round} 점수 (순위순)", "{round}: scores in rank order"),
    "chart.leniency": (
        "{round} 심사위원별 관대도 (패널 대비 총점 편차, 점)",
        "{round}: judge leniency (offset of totals from the panel, points)",
    ),
    "chart.points": ("점수", "points"),
    # per-judge score sheets
    "sheet_page.title": ("개인별 평가표", "Individual score sheet"),
    "sheet_page.judge": ("심사위원", "Judge"),
    "sheet_page.round": ("심사 단계", "Round"),
    "sheet_page.affiliation": ("소속", "Affiliation"),
    "sheet_page.count": ("평가 건수", "Cases"),
    "sheet_page.count_scored": ("{scored}건", "{scored} scored"),
    "sheet_page.count_value": (
        "{scored}건 (제외 {excluded}건)",
        "{scored} scored, {excluded} excluded",
    ),
    "sheet_page.panel": ("{round} ({panel} 패널)", "{round} (panel {panel})"),
    "sheet_page.digest": ("전자 제출 확인 코드", "Return digest"),
    "sheet_page.digest_note": (
        "전자 제출본 {revision}차 · {at} 병합",
        "electronic return, revision {revision}, merged {at}",
    ),
    "sheet_page.paper": ("종이 평가표", "paper score sheet"),
    "sheet_page.paper_note": (
        "전자 제출본 없음 · 점수는 종이 평가표에서 옮겨 적음",
        "no electronic return: scores transcribed from paper",
    ),
    "sheet_page.transcribed_after": (
        "전자 제출 이후 옮겨 적은 점수가 있음 (확인 코드는 전자 제출본의 것)",
        "some scores were transcribed after the electronic return (the digest is the return's)",
    ),
    "sheet_page.pledge": (
        "위 평가 내용이 본인의 평가와 같음을 확인합니다.",
        "I confirm that the scores above are my own.",
    ),
    "sheet_page.date": ("20      년        월        일", "Date:"),
    "sheet_page.signature": ("심사위원  {name}", "Judge: {name}"),
    "sheet_page.sign_here": ("(서명)", "(signature)"),
    "sheet_page.automatic": ("제척 (소속 기관)", "excluded (own organisation)"),
    "sheet_page.declared": ("회피 신청", "declared conflict"),
    # summary
    "summary.title": ("심사 결과 보고서", "Judging report"),
    "summary.generated": ("작성 일시", "Produced"),
    "summary.overview": ("개요", "Overview"),
    "summary.counts": ("규모", "Size"),
    "summary.counts_value": (
        "사례 {cases}건 · 심사위원 {judges}명 · 국민투표 {votes:,}표",
        "{cases} cases · {judges} judges · {votes:,} votes",
    ),
    "summary.selected": ("최종 선정", "Final field"),
    "summary.selected_value": ("{count}건", "{count} cases"),
    "summary.criteria": ("평가항목", "Criteria"),
    "summary.criterion": ("{name} ({max}점)", "{name} (max {max})"),
    "summary.criteria_total": ("{total}점", "{total} points"),
    "summary.rounds": ("심사 단계", "Rounds"),
    "summary.round_value": (
        "평가항목: {criteria}\n집계: {method}\n{advance}\n동점: {ties}\n상태: {state}",
        "criteria: {criteria}\naggregate: {method}\n{advance}\nties: {ties}\nstate: {state}",
    ),
    "summary.round_ties": (
        "단계 점수가 같으면 평가항목 평균이 높은 순 ({criteria}), 그래도 같으면 공동 순위",
        "equal round scores: higher criterion mean first ({criteria}), then a shared rank",
    ),
    "summary.final": ("최종 점수", "Final score"),
    "summary.final_value": (
        "최종 점수 = 전문가 점수({round}) × {expert}% + 국민투표 환산 점수 × {vote}%\n"
        "투표 환산: {method}\n반올림: {rounding}\n동점: {ties}",
        "final score = expert score ({round}) × {expert}% + vote points × {vote}%\n"
        "vote points: {method}\nrounding: {rounding}\nties: {ties}",
    ),
    "summary.awards": ("시상", "Awards"),
    "summary.award": ("{name} {count}건 ({span})", "{name}: {count} ({span})"),
    "summary.award_min": (", 최종 점수 {min} 이상", ", final score at least {min}"),
    "summary.span_one": ("{first}위", "rank {first}"),
    "summary.span": ("{first}~{last}위", "ranks {first}–{last}"),
    "summary.warnings_none": ("없음", "none"),
    "summary.contents": ("보고서 구성", "Contents"),
    "summary.contents.final": (
        "순위, 시상, 전문가 점수, 득표수, 투표 환산 점수, 최종 점수",
        "rank, award, expert score, votes, vote points, final score",
    ),
    "summary.contents.round": (
        "단계 순위, 심사위원별 총점, 평가항목 평균, 진출 여부",
        "round ranking, every judge's total, criterion means, who advances",
    ),
    "summary.contents.judges": (
        "심사위원별 평가 건수, 총점 평균·표준편차, 패널 대비 편차",
        "per judge and round: cases scored, mean and spread of totals, offset from the panel",
    ),
    "summary.contents.charts": (
        "최종 점수 구성, 단계별 점수 분포, 심사위원 관대도",
        "final score parts, each round's scores, judge leniency",
    ),
    "summary.contents.votes": ("사례별 득표수와 반영 여부", "votes per case and whether counted"),
    "summary.contents.score_sheets": (
        "심사위원·단계별 1쪽: 점수, 의견, 전자 제출 확인 코드, 서명란",
        "one page per judge and round: scores, comments, return digest, signature line",
    ),
    "summary.contents.audit": (
        "대회 자료를 바꾼 모든 작업의 기록",
        "every action that changed the contest",
    ),
    "state.open": ("진행 중", "open"),
    "state.closed": ("마감 {at} ({by})", "closed {at} by {by}"),
    "state.allow_missing": (
        " · 누락 점수를 허용하고 마감",
        " · closed with missing scores allowed",
    ),
    # rules in words
    "rule.mean": ("심사위원 총점의 산술평균", "mean of the judges' totals"),
    "rule.trimmed_mean": (
        "절사평균 (심사위원 {trim_min}명 이상이면 최고점·최저점을 하나씩 빼고 평균)",
        "trimmed mean (with {trim_min} or more judges, the highest and lowest totals are dropped)",
    ),
    "rule.zscore": (
        "표준점수(T점수): 심사위원별로 총점을 표준화한 z의 평균으로 50 + 10 × z",
        "T-score: each judge's totals standardised; 50 + 10 × the mean z",
    ),
    "rule.advance": (
        "상위 {advance}건 진출 (경계 동점은 모두 진출)",
        "the top {advance} advance (cases tied at the cut-off all advance)",
    ),
    "rule.no_advance": ("모든 사례의 순위를 정함", "every case is ranked"),
    "rule.proportional_to_max": (
        "득표수 ÷ 최다 득표수 × 100 (최다 득표 사례 100점)",
        "100 × votes ÷ the most votes (the most voted case gets 100)",
    ),
    "rule.share": (
        "득표수 ÷ 최종 대상 득표 합계 × 100 (득표율)",
        "100 × votes ÷ all finalists' votes (the share)",
    ),
    "rule.rounding": (
        "전문가 점수와 투표 환산 점수를 {places} 반올림(사사오입)한 뒤 가중 합산하고, "
        "최종 점수도 같은 방식으로 반올림",
        "the expert score and the vote points are rounded half up to {places} before they are "
        "weighted; the final score is rounded the same way",
    ),
    "rule.tie.expert": ("전문가 점수가 높은 순", "higher expert score"),
    "rule.tie.votes": ("득표수가 많은 순", "more votes"),
    "rule.tie.round": ("{name} 점수가 높은 순", "higher {name} score"),
    "rule.tie.criterion": (
        "최종 단계 {name} 평균이 높은 순",
        "higher {name} mean in the last round",
    ),
    "rule.tie.shared": ("그래도 같으면 공동 순위", "then a shared rank"),
    # audit log: actions and the names in their details (others are shown as they are)
    "action.init": ("대회 생성", "contest created"),
    "action.import-cases": ("사례 가져오기", "cases imported"),
    "action.import-judges": ("심사위원 가져오기", "judges imported"),
    "action.import-scores": ("점수 가져오기", "scores imported"),
    "action.import-votes": ("투표 결과 가져오기", "votes imported"),
    "action.import-package": ("평가 패키지 병합", "judge package merged"),
    "action.issue-packages": ("평가 패키지 발급", "judge packages issued"),
    "action.advance": ("단계 마감", "round closed"),
    "action.config": ("설정 변경", "configuration changed"),
    "action.report": ("보고서 작성", "report written"),
    "detail.file": ("파일", "file"),
    "detail.sha256": ("SHA-256", "SHA-256"),
    "detail.rows": ("행 수", "rows"),
    "detail.round": ("심사 단계", "round"),
    "detail.transcribed": ("종이 평가표 전사", "transcribed"),
    "detail.advancing": ("진출", "advancing"),
    "detail.allow_missing": ("누락 허용", "missing allowed"),
    "detail.missing": ("누락 점수", "missing scores"),
    "detail.config": ("설정 파일", "config file"),
    "detail.judge": ("심사위원", "judge"),
    "detail.revision": ("제출본 차수", "revision"),
    "detail.digest": ("확인 코드", "digest"),
    "detail.key_fingerprint": ("키 지문", "key fingerprint"),
    "detail.fingerprint": ("키 지문", "key fingerprint"),
    "detail.package": ("패키지", "package"),
    "detail.packages": ("발급 패키지", "packages"),
    "detail.replaces": ("대체한 제출본", "replaces"),
    "detail.scores": ("점수 수", "scores"),
    "detail.conflicts": ("이해충돌 신고", "conflicts declared"),
    "detail.directory": ("저장 폴더", "folder"),
}

register({f"report.{key}": value for key, value in _MESSAGES.items()})

_ORDINALS_KO = ("", "첫째", "둘째", "셋째", "넷째")


def t(key: str, **params: object) -> str:
    """A report text in the catalogue's language."""
    return text(f"report.{key}", **params)


def t_or(key: str, default: str) -> str:
    """A report text if the catalogue has one for ``key``, else ``default``."""
    try:
        return t(key)
    except KeyError:
        return default


def places_phrase(decimals: int) -> str:
    """'소수점 둘째 자리까지' / '2 decimals'; whole numbers for 0."""
    if decimals == 0:
        return t("note.whole")
    if language() == "ko":
        return t("note.places", places=_ORDINALS_KO[decimals])
    return t("note.places", places=decimals)


def percent(weight: Decimal) -> str:
    """A weight such as Decimal('0.6') as '60' (no trailing zeros)."""
    value = (weight * 100).normalize()
    return f"{value:f}"
