"""The app's version as installed: the package metadata (which the built app ships), else the
source tree's ``judging_app.__version__``."""

from __future__ import annotations

from judging_app import __version__


def app_version() -> str:
    from importlib import metadata  # only when asked: it costs every command start-up time

    try:
        return metadata.version("judging-app")
    except metadata.PackageNotFoundError:  # a source tree that is not installed
        return __version__
