"""Killing the judge's app loses nothing it has reported saved.

A child process enters scores as fast as it can and prints each one once ``set_score`` has
returned; the test kills it with SIGKILL after a random number of lines, several times over the
same working copy. Every score printed before the kill must be in the working copy afterwards
(the child may also have saved the next one, killed before it could print it), and the copy
must open and pass SQLite's integrity check.
"""

import os
import random
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from judging_app.services.judge_session import JudgeSession
from tests.helpers import query
from tests.packages.conftest import package

CHILD = """
import sys
from pathlib import Path
from judging_app.services.judge_session import JudgeSession

path, data_dir, pin, start = sys.argv[1:5]
session = JudgeSession.open(Path(path), data_dir=Path(data_dir))
session.unlock(pin)
keys = [(c.case_id, k.key, int(k.max)) for c in session.cases if c.excluded_reason is None
        for k in session.criteria]
step = int(start)
print("ready", flush=True)
while True:
    case_id, key, top = keys[step % len(keys)]
    value = step % (top + 1)
    session.set_score(case_id, key, value)
    print(step, case_id, key, value, flush=True)
    step += 1
"""


def write(step: int, keys: list[tuple[str, str, int]]) -> tuple[tuple[str, str], Decimal]:
    case_id, key, top = keys[step % len(keys)]
    return (case_id, key), Decimal(step % (top + 1))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_scores_reported_saved_survive_sigkill(issued, data_dir):
    path, pin = package(issued, "J1")
    with JudgeSession.open(path, data_dir=data_dir) as session:
        keys = [
            (c.case_id, k.key, int(k.max))
            for c in session.cases
            if c.excluded_reason is None
            for k in session.criteria
        ]
    rng = random.Random(5)
    expected: dict[tuple[str, str], Decimal] = {}
    step = 0
    for _ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(data_dir), pin, str(step)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        wanted = rng.randint(3, 40)
        lines = [child.stdout.readline() for _ in range(wanted)]
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines += child.stdout.readlines()  # printed (so saved) before the kill landed
        assert child.returncode == -signal.SIGKILL
        for line in lines:
            number, case_id, key, value = line.split()
            assert int(number) == step
            expected[(case_id, key)] = Decimal(value)
            step += 1
        with JudgeSession.open(path, data_dir=data_dir) as reopened:
            assert reopened.resumed
            found = {
                (c.case_id, k): v
                for c in reopened.cases
                for k, v in reopened.case(c.case_id).scores.items()
            }
            working = reopened.working_path
        next_key, next_value = write(step, keys)
        if found != expected:  # the child saved one more score and was killed before printing it
            assert found == {**expected, next_key: next_value}
            expected[next_key] = next_value
            step += 1
        assert query(working, "PRAGMA integrity_check") == [("ok",)]
