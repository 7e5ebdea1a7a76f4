"""The command line's own words, Korean and English: the help of every verb and option, and the
parser that shows them in the language of the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).

``cli.build_parser`` names each help text by its catalogue id; :func:`help_text` renders it (a text
that is not an id is shown as it is).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import NoReturn

from judging_app.domain.messages import register, text
from judging_app.version import app_version


def help_text(message_id: str) -> str:
    try:
        return text(message_id)
    except KeyError:
        return message_id


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, text("cli.usage") if prefix is None else prefix)

    def _format_action(self, action: argparse.Action) -> str:
        formatted = super()._format_action(action)
        if isinstance(action, argparse._SubParsersAction):  # the verbs, without a COMMAND line
            formatted = formatted.split("\n", 1)[1]
        return formatted


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, -h and error line follow the message catalogue's language
    (the verbs' parsers are of the same class)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = text("cli.positionals")
        self._optionals.title = text("cli.options")
        self.add_argument("-h", "--help", action="help", help=text("cli.help.help"))

    def error(self, message: str) -> NoReturn:
        for english, message_id in _ARGPARSE_ERRORS:
            message = message.replace(english, text(message_id))
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {text('cli.error')}: {message}\n")


#: argparse's own refusals (English in its source), said in the catalogue's language.
_ARGPARSE_ERRORS = (
    ("the following arguments are required: ", "cli.error.required"),
    ("unrecognized arguments: ", "cli.error.unrecognized"),
    ("invalid choice: ", "cli.error.choice"),
    ("(choose from ", "cli.error.choose_from"),
)


class VersionAction(argparse.Action):
    """``--version``: read from the package metadata only when asked (it costs an import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=text("cli.help.version"))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(f"judging-app {app_version()}")
        parser.exit()


register(
    {
        "cli.usage": ("사용법: ", "usage: "),
        "cli.positionals": ("인자", "positional arguments"),
        "cli.options": ("옵션", "options"),
        "cli.verbs": ("명령", "commands"),
        "cli.error": ("오류", "error"),
        "cli.error.required": (
            "다음 인자가 필요합니다: ",
            "the following arguments are required: ",
        ),
        "cli.error.unrecognized": ("알 수 없는 인자: ", "unrecognized arguments: "),
        "cli.error.choice": ("잘못된 값: ", "invalid choice: "),
        "cli.error.choose_from": ("(다음 중 하나: ", "(choose from "),
        "cli.help.help": ("이 도움말을 보이고 끝냅니다", "show this help and exit"),
        "cli.help.version": ("버전을 보이고 끝냅니다", "show the version and exit"),
        "cli.description": (
            "심사 관리: 전문가 심사위원단이 심사하는 개선 사례 경진대회를 운영합니다.\n"
            "명령 없이 실행하면 창(시작 화면)이 열립니다.",
            "Contest judging (심사 관리): run a contest of improvement cases judged by expert "
            "panels.\nWithout a command, the window opens on the home screen.",
        ),
        "cli.epilog": (
            "명령마다 도움말이 있습니다: judging-app 명령 --help (예: judging-app rank --help)",
            "Each command has its own help: judging-app COMMAND --help "
            "(e.g. judging-app rank --help)",
        ),
        "cli.help.demo": (
            "완전한 데모 경진대회(설정, 사례, 심사위원, 점수, 투표)를 DIR에 씁니다",
            "write a complete demo contest (config, cases, judges, scores, votes) into DIR",
        ),
        "cli.help.demo.dir": ("데모 파일을 쓸 폴더", "the folder to write the demo files into"),
        "cli.help.open": (
            "창을 엽니다: 대회 데이터베이스(.jdb), 심사위원 패키지(.jpkg), 또는 데모",
            "open the window on a contest database (.jdb), a judge package (.jpkg) or the demo",
        ),
        "cli.help.open.file": ("열 파일 (.jdb 또는 .jpkg)", "the file to open (.jdb or .jpkg)"),
        "cli.help.open.demo": (
            "데모 경진대회를 준비해서 엽니다",
            "set up the demo contest and open it",
        ),
        "cli.help.init": (
            "설정 파일(TOML)로 대회 데이터베이스를 만듭니다",
            "create a contest database from a configuration file (TOML)",
        ),
        "cli.help.db": ("대회 데이터베이스 (.jdb)", "the contest database (.jdb)"),
        "cli.help.init.config": ("대회 설정 파일 (TOML)", "the contest's configuration (TOML)"),
        "cli.help.import-cases": (
            "사례 표(xlsx 또는 csv)를 가져옵니다",
            "import the cases from an xlsx or csv table",
        ),
        "cli.help.import-judges": (
            "심사위원 표(xlsx 또는 csv)를 가져옵니다",
            "import the judges from an xlsx or csv table",
        ),
        "cli.help.import-votes": (
            "시민 투표 집계 표(xlsx 또는 csv)를 가져옵니다",
            "import the citizens' vote totals from an xlsx or csv table",
        ),
        "cli.help.table": ("가져올 표 (xlsx 또는 csv)", "the table to import (xlsx or csv)"),
        "cli.help.issue-packages": (
            "심사위원마다 심사 패키지(.jpkg) 하나와 PIN 목록을 만듭니다",
            "write one judge package (.jpkg) per judge of the round, and the PIN list",
        ),
        "cli.help.round": ("라운드 키 (예: written)", "the round's key (e.g. written)"),
        "cli.help.issue-packages.out": (
            "패키지를 쓸 폴더",
            "the folder to write the packages into",
        ),
        "cli.help.import-scores": (
            "돌려받은 심사 패키지와 점수 표를 가져옵니다",
            "import returned judge packages and score tables",
        ),
        "cli.help.import-scores.files": (
            "돌려받은 .jpkg 패키지 또는 점수 표 (여러 개 가능)",
            "returned .jpkg packages or score tables (one or more)",
        ),
        "cli.help.import-scores.round": (
            "점수 표의 라운드 (패키지는 라운드를 스스로 압니다)",
            "the round of the score tables (a package knows its round)",
        ),
        "cli.help.status": (
            "라운드별로 무엇이 빠졌는지 보입니다",
            "what is missing, round by round",
        ),
        "cli.help.json": ("JSON으로 출력합니다", "print JSON"),
        "cli.help.advance": (
            "라운드를 마감하고 상위 사례를 다음 라운드로 올립니다",
            "close a round and move its top cases on",
        ),
        "cli.help.advance.allow-missing": (
            "빠진 점수가 있어도 마감합니다 (감사 기록에 남습니다)",
            "close even with scores missing (the audit log records it)",
        ),
        "cli.help.rank": ("최종 순위 또는 한 라운드의 순위", "the final ranking, or a round's"),
        "cli.help.rank.round": (
            "이 라운드의 순위 (없으면 최종 순위)",
            "this round's ranking (without it: the final ranking)",
        ),
        "cli.help.report": ("엑셀 보고서를 씁니다", "export the Excel report"),
        "cli.help.report.out": ("보고서 파일 (.xlsx)", "the report file (.xlsx)"),
        "cli.help.backups": (
            "대회의 백업을 최신순으로 보입니다",
            "list the contest's backups, newest first",
        ),
        "cli.help.restore": (
            "백업을 되살립니다 (지금 파일도 백업됩니다)",
            "bring a backup back (the current file is backed up)",
        ),
        "cli.help.restore.backup": (
            "backups 명령이 보이는 이름 또는 경로",
            "a name that `backups` lists, or a path",
        ),
        "cli.help.verify": (
            "파일, 서명, 결과를 다시 확인합니다",
            "re-check the file, the signatures and the result",
        ),
        "cli.help.verify.report": (
            "기록된 SHA-256과 대조할 보고서 파일",
            "a report file to check against the recorded SHA-256",
        ),
    }
)
