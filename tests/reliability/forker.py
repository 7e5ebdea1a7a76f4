"""A helper process for the kill tests: it imports the app once, then forks a child per command.

Each line on stdin is a JSON list of command-line arguments. The helper forks; the child runs
``judging-app ARGS`` (output discarded) and exits with its code; the helper prints the child's pid
at once, then ``exit N`` (or ``signal N``) when the child has ended. The test kills the child with
SIGKILL at a moment it chooses: forking a warm process makes that moment fall inside the command's
own work rather than inside Python's start-up. POSIX only.
"""

from __future__ import annotations

import json
import os
import sys

from judging_app.cli import main


def serve() -> None:
    for line in sys.stdin:
        args = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            code = 3
            try:
                code = main(args)
            finally:
                os._exit(code)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            print(f"signal {os.WTERMSIG(status)}", flush=True)
        else:
            print(f"exit {os.WEXITSTATUS(status)}", flush=True)


if __name__ == "__main__":
    serve()
