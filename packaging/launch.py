"""The built app's entry point: the same `judging-app` command as the installed package."""

import sys

from judging_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
