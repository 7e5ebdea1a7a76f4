"""The command line: a thin argparse layer over the services (DESIGN.md "Command line").

Every verb exits 0 on success. A refusal prints one line on stderr naming the file, row and column
(or the config key) and exits 1; an unexpected error prints one line pointing at the log file, where
the traceback goes, and exits 2.
"""

from __future__ import annotations

import argparse
import errno
import json
import locale
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from judging_app.cli_help import Parser, VersionAction, help_text
from judging_app.domain.double_entry import Dispute
from judging_app.domain.messages import (
    UserError,
    language_for_locale,
    register,
    set_language,
    text,
)
from judging_app.exchange.digest import short_digest
from judging_app.services import safekeeping
from judging_app.services.contest import Contest, FinalRanking, RoundRanking
from judging_app.services.double_entry import SheetProgress, kind_text, state_text
from judging_app.services.package_returns import PackageImportResult
from judging_app.services.packages import short_fingerprint
from judging_app.services.paths import log_file
from judging_app.store.address import ContestAddress

if TYPE_CHECKING:
    from judging_app.services.verification import Verification


def _number(value: Decimal | None) -> float | None:
    """A rounded decimal as a JSON number (its shortest float repr is the decimal itself)."""
    return None if value is None else float(value)


def final_json(ranking: FinalRanking) -> dict[str, object]:
    return {
        "contest": ranking.name,
        "ranking": [
            {
                "rank": e.rank,
                "case_id": e.case_id,
                "title": ranking.cases[e.case_id].title,
                "expert": _number(e.expert),
                "votes": e.votes,
                "vote_points": _number(e.vote_points),
                "final": _number(e.final),
                "award": e.award,
            }
            for e in ranking.result.entries
        ],
        "warnings": list(ranking.result.warnings),
    }


def round_json(ranking: RoundRanking) -> dict[str, object]:
    return {
        "round": ranking.round_key,
        "ranking": [
            {
                "rank": c.rank,
                "case_id": c.case_id,
                "title": ranking.cases[c.case_id].title,
                "score": _number(c.score),
                "judges": c.judges,
                "advances": c.advances,
            }
            for c in ranking.result.cases
        ],
        "warnings": list(ranking.result.warnings),
    }


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


# -- verbs -----------------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> None:
    contest = Contest.create(safekeeping.address(args.db), Path(args.config))
    contest.close()
    _warn([str(notice) for notice in contest.notices])
    print(f"created {contest.path}")
    if contest.on_server:
        print(text("server.backups", database=contest.path.name))


def _lock_wait() -> float:
    """Seconds a command waits for another command writing the same contest (default 20)."""
    try:
        return max(0.0, float(os.environ.get("JUDGING_APP_LOCK_WAIT", "20")))
    except ValueError:
        return 20.0


def _with_contest(
    args: argparse.Namespace, action: Callable[[Contest], None], *, write: bool = True
) -> None:
    """Run ``action`` on the contest: a writing verb holds the writer lock (waiting for another
    command to finish); a reading verb opens read-only. Warnings from opening go to stderr."""
    contest = Contest.open(safekeeping.address(args.db), read_only=not write, wait=_lock_wait())
    contest.on_wait = lambda notice: _warn([notice])
    _warn([str(notice) for notice in contest.notices])
    try:
        action(contest)
    finally:
        contest.close()


def cmd_import_cases(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        result = contest.import_cases(Path(args.file))
        print(f"{result.file}: {result.rows} rows, {result.added} added, {result.changed} changed")

    _with_contest(args, run)


def cmd_import_judges(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        result = contest.import_judges(Path(args.file))
        print(f"{result.file}: {result.rows} rows, {result.added} added, {result.changed} changed")

    _with_contest(args, run)


def cmd_import_scores(args: argparse.Namespace) -> None:
    if args.entry:
        _with_contest(args, lambda contest: _import_sheet_entries(contest, args))
        return

    def run(contest: Contest) -> None:
        for result in contest.import_scores([Path(f) for f in args.files], args.round):
            if isinstance(result, PackageImportResult):
                _print_package(result)
            else:
                print(
                    f"{result.file}: {result.rows} rows, "
                    f"{result.added} scores added, {result.changed} replaced"
                )

    _with_contest(args, run)


def _import_sheet_entries(contest: Contest, args: argparse.Namespace) -> None:
    """Score tables typed in from paper as the first or second entry (blind double entry)."""
    files = [Path(f) for f in args.files]
    for result in contest.import_sheet_entries(files, args.round, args.entry, by=args.by):
        print(
            f"{result.file}: {result.entry} entry, {result.values} values of {result.judges} "
            f"judges ({result.changed} changed); {result.scores.added} scores added, "
            f"{result.scores.changed} replaced"
        )
    _print_disputes(contest.compare_sheets(args.round).disputes)


def _print_disputes(disputes: Sequence[Dispute]) -> None:
    if disputes:
        print(f"{len(disputes)} disagreements between the entries (settle with resolve):")
    for d in disputes:
        partner = f" ↔ {d.partner}" if d.partner else ""
        print(
            f"  {d.judge_id} {d.case_id} {d.criterion}: first {_value(d.first)}, second "
            f"{_value(d.second)}  [{kind_text(d.kind)}{partner}]"
        )


def _value(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.normalize():f}"


def cmd_resolve(args: argparse.Namespace) -> None:
    value = None if args.value.strip().lower() in ("none", "") else _decimal(args.value)

    def run(contest: Contest) -> None:
        place = (args.judge, args.case, args.criterion)
        result = contest.resolve_sheet(args.round, place, value, by=args.by)
        d = result.dispute
        print(
            f"settled {d.judge_id} {d.case_id} {d.criterion} ({kind_text(d.kind)}: first "
            f"{_value(d.first)}, second {_value(d.second)}) as {_value(value)}, by {result.by}"
        )
        _print_disputes(contest.compare_sheets(args.round).disputes)

    _with_contest(args, run)


def cmd_sheets(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        count = contest.write_blank_sheets(args.round, Path(args.out))
        print(f"wrote {count} blank score sheets of round {args.round} to {args.out}")

    _with_contest(args, run, write=False)


def _decimal(value: str) -> Decimal:
    try:
        number = Decimal(value.strip())
    except ArithmeticError:
        number = Decimal("NaN")
    if not number.is_finite():
        raise UserError("cli.bad_value", value=value)
    return number


def _print_package(result: PackageImportResult) -> None:
    replaces = (
        f" (replaces revision {result.replaced_revision})" if result.replaced_revision else ""
    )
    conflicts = f", conflicts declared: {', '.join(result.conflicts)}" if result.conflicts else ""
    print(
        f"{result.file}: package of {result.judge_id} {result.judge_name}, round "
        f"{result.round_key}, revision {result.revision}{replaces}, digest "
        f"{short_digest(result.digest)}: {result.scores} scores, {result.added} added, "
        f"{result.changed} replaced{conflicts}"
    )


def cmd_issue_packages(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        result = contest.issue_packages(args.round, Path(args.out))
        print(f"issued {len(result.packages)} packages for round {result.round_key}:")
        for package in result.packages:
            print(
                f"  {package.judge_id} {package.name} (panel {package.panel}, {package.cases} "
                f"cases): {package.file.name}, key {short_fingerprint(package.fingerprint)}"
            )
        _warn(
            [
                text(
                    "packages.rotated_notice",
                    judge=p.judge_id,
                    at=f"{p.replaced_at:%Y-%m-%d %H:%M} UTC",
                )
                for p in result.rotated
            ]
        )
        print(f"PIN list: {result.pin_csv} and {result.pin_slips} (slips to cut out)")
        _warn([text("packages.pin_list_notice")])

    _with_contest(args, run)


def cmd_import_votes(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        result = contest.import_votes(Path(args.file))
        print(f"{result.file}: {result.rows} rows, {result.added} added, {result.changed} changed")

    _with_contest(args, run)


def cmd_status(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        status = contest.status()
        if args.json:
            _print_json(status.as_json())
            return
        print(f"{status.name}: {status.cases} cases, {status.judges} judges, {status.votes} votes")
        for round_ in status.rounds:
            print(
                f"\n[{round_.key}] {round_.name}: {round_.state}, "
                f"{round_.cases} cases, {round_.missing} scores missing"
            )
            if round_.unassigned:
                print(f"  cases without a judging panel: {', '.join(round_.unassigned)}")
            for judge in round_.judges:
                line = f"  {judge.judge_id} {judge.name} ({judge.panel}): "
                line += f"{judge.complete}/{judge.assigned}"
                if judge.missing:
                    line += f"  missing: {', '.join(judge.missing)}"
                print(line)
            _print_sheets(round_.sheets)
            _print_disputes(round_.disputes)

    _with_contest(args, run, write=False)


def _print_sheets(sheets: Sequence[SheetProgress]) -> None:
    if sheets:
        print("  paper sheets (cases entered once, twice, agreed, in dispute):")
    for s in sheets:
        print(
            f"    {s.judge_id}: {state_text(s.state)}, {s.once} once, {s.twice} twice, "
            f"{s.agreed} agreed, {s.in_dispute} in dispute (of {s.cases})"
        )


def cmd_advance(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        result = contest.advance(args.round, allow_missing=args.allow_missing)
        _warn(result.warnings)
        print(
            f"closed {result.round_key}: {len(result.advancing)} advance: "
            + ", ".join(result.advancing)
        )

    _with_contest(args, run)


def cmd_rank(args: argparse.Namespace) -> None:
    def run(contest: Contest) -> None:
        if args.round:
            ranking = contest.round_ranking(args.round)
            if args.json:
                _print_json(round_json(ranking))
            else:
                _print_round(ranking)
        else:
            final = contest.final_ranking(every_round=False)
            if args.json:
                _print_json(final_json(final))
            else:
                _print_final(final)

    _with_contest(args, run, write=False)


def _print_round(ranking: RoundRanking) -> None:
    for case in ranking.result.cases:
        mark = "→" if case.advances else " "
        rank = "-" if case.rank is None else str(case.rank)
        score = "-" if case.score is None else str(case.score)
        print(
            f"{rank:>4} {mark} {case.case_id:<6} {score:>7}  ({case.judges})  "
            f"{ranking.cases[case.case_id].title}"
        )
    _warn(ranking.result.warnings)


def _print_final(ranking: FinalRanking) -> None:
    print(ranking.name)
    for entry in ranking.result.entries:
        print(
            f"{entry.rank:>4}  {entry.case_id:<6} {entry.final!s:>7} = "
            f"{entry.expert!s:>6} × {ranking.config.final.expert_weight} + "
            f"{entry.vote_points!s:>6} × {ranking.config.final.vote_weight} "
            f"({entry.votes:,})  {entry.award or '':<4} {ranking.cases[entry.case_id].title}"
        )
    _warn(ranking.result.warnings)


def cmd_report(args: argparse.Namespace) -> None:
    from judging_app.services.reporting import export_report  # XlsxWriter only when reporting

    def run(contest: Contest) -> None:
        path = export_report(contest, Path(args.out))
        print(f"wrote {path}")

    _with_contest(args, run)


def cmd_backups(args: argparse.Namespace) -> None:
    db = safekeeping.address(args.db)
    found = safekeeping.list_backups(db)
    if not found:
        print(f"{args.db}: no backups yet in {Path(args.db).parent / 'backups'}")
    for backup in found:
        taken = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{taken}  {backup.reason:<20} {backup.size:>12,}  {backup.name}")


def cmd_restore(args: argparse.Namespace) -> None:
    db = safekeeping.address(args.db)
    result = safekeeping.restore(db, safekeeping.find_backup(db, args.backup), wait=_lock_wait())
    saved = f"; the file as it was is kept as {result.saved}" if result.saved else ""
    print(f"restored {args.db} from {result.restored.name}{saved}")


def cmd_copy(args: argparse.Namespace) -> int:
    from judging_app.services.copying import copy_contest

    result = copy_contest(safekeeping.address(args.source), safekeeping.address(args.target))
    print(
        text(
            "cli.copied",
            source=result.source,
            target=result.target,
            rows=f"{sum(result.rows.values()):,}",
            tables=len(result.rows),
        )
    )
    return _print_checks(result.verification)


def _print_checks(verification: Verification) -> int:
    marks = {"ok": "ok  ", "failed": "FAIL", "none": "--  "}
    for check in verification.checks:
        print(f"{marks[check.status]}  {check.line}")
    return 0 if verification.ok else 1


def cmd_verify(args: argparse.Namespace) -> int:
    from judging_app.services.verification import verify_contest

    report = Path(args.report) if args.report else None
    return _print_checks(verify_contest(safekeeping.address(args.db), report=report))


def cmd_demo(args: argparse.Namespace) -> None:
    from judging_app.services.demo import write_demo_contest

    files = write_demo_contest(Path(args.dir))
    print(f"wrote the demo contest into {files.directory}")


def cmd_open(args: argparse.Namespace) -> int:
    """The window: on FILE (a contest database, or a judge package in the judge's window), on a
    fresh demo contest (--demo), or the home screen (neither: what a desktop menu entry runs)."""
    path = None if args.file is None else safekeeping.address(args.file)
    return _window(path, demo=args.demo)


def _window(path: ContestAddress | None = None, *, demo: bool = False) -> int:
    from judging_app.ui.app import run  # Qt is loaded only for the window

    return run(open_path=path, demo=demo)


register(
    {
        "cli.bad_value": ("값 {value}은(는) 숫자가 아닙니다", "the value {value} is not a number"),
        "cli.help.entry": (
            "종이 평가표 이중 입력: 이 점수표를 1차(first) 또는 2차(second) 입력으로 넣습니다",
            "paper sheets typed in twice: the tables are the first or the second entry",
        ),
        "cli.help.entry.by": (
            "입력한 사람 (기본: 로그인 사용자)",
            "who typed the entry (default: the user's login)",
        ),
        "cli.help.sheets": (
            "심사위원별 빈 종이 평가표 (인쇄용 PDF 또는 xlsx)",
            "print-ready blank score sheets, one per judge (PDF or xlsx)",
        ),
        "cli.help.sheets.out": ("평가표 파일 (.pdf 또는 .xlsx)", "the sheets file (.pdf or .xlsx)"),
        "cli.help.resolve": (
            "두 입력의 불일치를 종이 평가표를 다시 보고 해결",
            "settle a disagreement between the two entries from a third look at the paper",
        ),
        "cli.help.resolve.judge": ("심사위원 ID", "the judge's id"),
        "cli.help.resolve.case": ("사례 ID", "the case's id"),
        "cli.help.resolve.criterion": ("평가항목 키", "the criterion's key"),
        "cli.help.resolve.value": (
            "종이에 적힌 값 (값이 없으면 none)",
            "the value on the paper (none: no value there)",
        ),
        "cli.help.resolve.by": (
            "종이를 확인한 사람 (기본: 로그인 사용자)",
            "who looked at the paper (default: the user's login)",
        ),
        "cli.help.copy": (
            "대회 전체(이력과 감사 기록 포함)를 파일과 서버 사이에 복사하고 verify처럼 확인",
            "copy a whole contest, with its history and audit log, between a file and a server "
            "(either way), then check it as verify does",
        ),
        "cli.help.copy.source": (
            "복사할 대회 (.jdb 파일 또는 postgresql:// URL)",
            "the contest to copy (a .jdb file or a postgresql:// URL)",
        ),
        "cli.help.copy.target": (
            "새 대회 데이터베이스 (없는 파일 또는 빈 서버 데이터베이스)",
            "the new contest database (a file that does not exist, or an empty database on a "
            "server)",
        ),
        "cli.copied": (
            "{source} → {target}: {tables}개 테이블의 행 {rows}개를 복사했습니다. 확인:",
            "{source} → {target}: {rows} rows of {tables} tables copied; checked:",
        ),
    }
)


def build_parser() -> argparse.ArgumentParser:
    """The verbs and their options; every help text is a catalogue id (cli_help.py), so that
    ``--help`` speaks the system locale's language."""
    parser = Parser(
        prog="judging-app", description=help_text("cli.description"), epilog=text("cli.epilog")
    )
    parser.add_argument("--version", action=VersionAction)
    verbs = parser.add_subparsers(dest="verb", title=text("cli.verbs"), metavar="COMMAND")

    def verb(
        name: str, handler: Callable[[argparse.Namespace], int | None], help_id: str
    ) -> argparse.ArgumentParser:
        sub = verbs.add_parser(name, help=help_text(help_id), description=help_text(help_id))
        sub.set_defaults(handler=handler)
        return sub

    def db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("db", metavar="DB", help=text("cli.help.db"))
        return sub

    verb("demo", cmd_demo, "cli.help.demo").add_argument(
        "dir", metavar="DIR", help=text("cli.help.demo.dir")
    )
    sub = verb("open", cmd_open, "cli.help.open")
    sub.add_argument("file", nargs="?", metavar="FILE", help=text("cli.help.open.file"))
    sub.add_argument("--demo", action="store_true", help=text("cli.help.open.demo"))
    sub = db(verb("init", cmd_init, "cli.help.init"))
    sub.add_argument("--config", required=True, help=text("cli.help.init.config"))
    for name, handler in (
        ("import-cases", cmd_import_cases),
        ("import-judges", cmd_import_judges),
        ("import-votes", cmd_import_votes),
    ):
        sub = db(verb(name, handler, f"cli.help.{name}"))
        sub.add_argument("file", metavar="FILE", help=text("cli.help.table"))
    sub = db(verb("issue-packages", cmd_issue_packages, "cli.help.issue-packages"))
    sub.add_argument("--round", required=True, help=text("cli.help.round"))
    sub.add_argument("--out", required=True, help=text("cli.help.issue-packages.out"))
    sub = db(verb("import-scores", cmd_import_scores, "cli.help.import-scores"))
    sub.add_argument("files", nargs="+", metavar="FILE", help=text("cli.help.import-scores.files"))
    sub.add_argument("--round", help=text("cli.help.import-scores.round"))
    sub.add_argument("--entry", choices=("first", "second"), help=text("cli.help.entry"))
    sub.add_argument("--by", help=text("cli.help.entry.by"))
    sub = db(verb("sheets", cmd_sheets, "cli.help.sheets"))
    sub.add_argument("--round", required=True, help=text("cli.help.round"))
    sub.add_argument("--out", required=True, help=text("cli.help.sheets.out"))
    sub = db(verb("resolve", cmd_resolve, "cli.help.resolve"))
    sub.add_argument("--round", required=True, help=text("cli.help.round"))
    sub.add_argument("--judge", required=True, help=text("cli.help.resolve.judge"))
    sub.add_argument("--case", required=True, help=text("cli.help.resolve.case"))
    sub.add_argument("--criterion", required=True, help=text("cli.help.resolve.criterion"))
    sub.add_argument("--value", required=True, help=text("cli.help.resolve.value"))
    sub.add_argument("--by", help=text("cli.help.resolve.by"))
    sub = db(verb("status", cmd_status, "cli.help.status"))
    sub.add_argument("--json", action="store_true", help=text("cli.help.json"))
    sub = db(verb("advance", cmd_advance, "cli.help.advance"))
    sub.add_argument("--round", required=True, help=text("cli.help.round"))
    sub.add_argument(
        "--allow-missing", action="store_true", help=text("cli.help.advance.allow-missing")
    )
    sub = db(verb("rank", cmd_rank, "cli.help.rank"))
    sub.add_argument("--round", help=text("cli.help.rank.round"))
    sub.add_argument("--json", action="store_true", help=text("cli.help.json"))
    sub = db(verb("report", cmd_report, "cli.help.report"))
    sub.add_argument("--out", required=True, help=text("cli.help.report.out"))
    db(verb("backups", cmd_backups, "cli.help.backups"))
    sub = db(verb("restore", cmd_restore, "cli.help.restore"))
    sub.add_argument("backup", metavar="BACKUP", help=text("cli.help.restore.backup"))
    sub = db(verb("verify", cmd_verify, "cli.help.verify"))
    sub.add_argument("--report", help=text("cli.help.verify.report"))
    sub = verb("copy", cmd_copy, "cli.help.copy")
    sub.add_argument("source", metavar="SRC", help=text("cli.help.copy.source"))
    sub.add_argument("target", metavar="DST", help=text("cli.help.copy.target"))
    return parser


def _choose_language() -> None:
    name = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    if not name:
        name = locale.getlocale()[0]
    set_language(language_for_locale(name))


def main(argv: Sequence[str] | None = None) -> int:
    _choose_language()
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        return _window()  # no verb: the home screen
    try:
        code = args.handler(args)
    except UserError as error:
        print(f"judging-app {args.verb}: {error}{_restore_hint(error, args)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        full = _disk_full(error)
        if full is None:
            return _unexpected(args)
        where = f"{Path(full.filename).name}: " if full.filename else ""
        print(f"judging-app {args.verb}: {where}{text('cli.disk_full')}", file=sys.stderr)
        return 1
    return code if isinstance(code, int) else 0


def _unexpected(args: argparse.Namespace) -> int:
    """Write the traceback of the error being handled to the log file; say where, in one line."""
    path = log_file()
    with path.open("a", encoding="utf-8") as log:
        log.write(f"{datetime.now(UTC).isoformat()} judging-app {args.verb} failed\n")
        log.write(traceback.format_exc())
    print(f"judging-app {args.verb}: unexpected error; details in {path}", file=sys.stderr)
    return 2


#: errno values of a full disk, a file size limit and an exceeded quota.
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}

register(
    {
        "cli.disk_full": (
            "디스크가 가득 찼거나 파일 크기 제한에 걸려 쓰지 못했습니다",
            "could not be written: the disk is full or a file size limit was reached",
        ),
        "cli.restore_hint": (
            "; 복원하려면: judging-app restore {db} {backup}",
            "; to bring it back: judging-app restore {db} {backup}",
        ),
    }
)


def _disk_full(error: BaseException) -> OSError | None:
    """The full-disk error behind ``error`` (itself, or what a library wrapped), if any."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in _DISK_FULL:
            return seen
        wrapped = [a for a in getattr(seen, "args", ()) if isinstance(a, OSError)]
        seen = wrapped[0] if wrapped else seen.__cause__ or seen.__context__
    return None


def _restore_hint(error: UserError, args: argparse.Namespace) -> str:
    backup = error.backup if isinstance(error, safekeeping.DamagedDatabase) else None
    if backup is None or not hasattr(args, "db"):
        return ""
    return text("cli.restore_hint", db=args.db, backup=backup.name)


if __name__ == "__main__":
    sys.exit(main())
