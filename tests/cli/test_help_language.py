"""`judging-app --help` and each verb's help follow the system locale; `--version` the metadata."""

import subprocess
import sys
from importlib import metadata

import pytest

from judging_app.cli import build_parser, main

KOREAN = {"LANG": "ko_KR.UTF-8"}
ENGLISH = {"LANG": "en_US.UTF-8"}


def help_of(monkeypatch, capsys, env: dict[str, str], *args: str) -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_the_main_help_is_korean_in_a_korean_locale(monkeypatch, capsys):
    out = help_of(monkeypatch, capsys, KOREAN)
    assert out.startswith("사용법: judging-app [-h] [--version] COMMAND ...")
    assert "명령 없이 실행하면 창(시작 화면)이 열립니다." in out
    assert "이 도움말을 보이고 끝냅니다" in out
    assert "    rank          최종 순위 또는 한 라운드의 순위" in out
    assert "usage:" not in out


def test_the_main_help_is_english_in_an_english_locale(monkeypatch, capsys):
    out = help_of(monkeypatch, capsys, ENGLISH)
    assert out.startswith("usage: judging-app [-h] [--version] COMMAND ...")
    assert "Without a command, the window opens on the home screen." in out
    assert "    rank          the final ranking, or a round's" in out
    assert "commands:\n    demo " in out  # the verbs under their heading, no COMMAND line
    assert "사용법" not in out


def test_lc_all_and_lc_messages_come_before_lang(monkeypatch, capsys):
    out = help_of(monkeypatch, capsys, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "ko_KR.UTF-8"})
    assert out.startswith("사용법: ")
    out = help_of(monkeypatch, capsys, {"LANG": "ko_KR.UTF-8", "LC_ALL": "C.UTF-8"})
    assert out.startswith("usage: ")


def verbs() -> list[str]:
    action = next(a for a in build_parser()._actions if a.dest == "verb")
    return list(action.choices)


@pytest.mark.parametrize("verb", verbs())
def test_every_verb_has_help_in_both_languages(monkeypatch, capsys, verb):
    korean = help_of(monkeypatch, capsys, KOREAN, verb)
    english = help_of(monkeypatch, capsys, ENGLISH, verb)
    assert korean.startswith(f"사용법: judging-app {verb} ")
    assert english.startswith(f"usage: judging-app {verb} ")
    assert "옵션:" in korean and "options:" in english
    # The verb's description is its catalogue text, not the English one in both.
    korean_description = korean.split("\n\n")[1]
    english_description = english.split("\n\n")[1]
    assert korean_description != english_description
    assert any("\uac00" <= ch <= "\ud7a3" for ch in korean_description)


def test_an_option_is_described_in_korean(monkeypatch, capsys):
    out = help_of(monkeypatch, capsys, KOREAN, "rank")
    assert "  DB             대회 데이터베이스 (.jdb)" in out
    assert "  --round ROUND  이 라운드의 순위 (없으면 최종 순위)" in out
    assert "  --json         JSON으로 출력합니다" in out


def test_argparse_refusals_are_in_korean_too(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main(["rank"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "judging-app rank: 오류: 다음 인자가 필요합니다: DB"


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "judging_app.cli", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **env},
    )


def test_the_version_is_the_package_metadata(tmp_path):
    result = run_cli(ENGLISH, "--version")
    assert result.returncode == 0
    assert result.stdout == f"judging-app {metadata.version('judging-app')}\n"


def test_the_installed_command_speaks_the_locale():
    korean = run_cli(KOREAN, "demo", "--help")
    english = run_cli(ENGLISH, "demo", "--help")
    assert "완전한 데모 경진대회(설정, 사례, 심사위원, 점수, 투표)를 DIR에 씁니다" in korean.stdout
    assert "write a complete demo contest" in english.stdout
