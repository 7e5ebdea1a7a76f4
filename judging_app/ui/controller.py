"""Which window is open: the home screen or one contest window, and the language they speak."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from judging_app.services.contest import Contest
from judging_app.services.demo import create_demo_contest
from judging_app.services.progress import Progress
from judging_app.store.address import ContestAddress
from judging_app.ui.alerts import show_error
from judging_app.ui.choosers import FileChooser
from judging_app.ui.contest_window import ContestWindow
from judging_app.ui.home import HomeWindow
from judging_app.ui.i18n import install_language
from judging_app.ui.preferences import Preferences
from judging_app.ui.progress_dialog import run_in_background


class AppController(QObject):
    """Opens and closes the windows; the windows ask it through signals."""

    def __init__(self, preferences: Preferences, chooser: FileChooser, demo_dir: Path) -> None:
        super().__init__()
        self.preferences = preferences
        self.chooser = chooser
        self.demo_dir = demo_dir
        self.home: HomeWindow | None = None
        self.window: ContestWindow | None = None
        self.open_package: Callable[[Path | None, QWidget | None], object] | None = None
        """Opens a judge package in the judge's window (ui/judge); set by the app."""

    def current(self) -> QWidget | None:
        return self.window or self.home

    # -- the home screen ---------------------------------------------------------------------------

    def show_home(self) -> HomeWindow:
        if self.home is None:
            home = HomeWindow(self.preferences)
            home.new_requested.connect(self.new_contest)
            home.open_requested.connect(self.open_dialog)
            home.demo_requested.connect(self.open_demo)
            home.recent_requested.connect(self.open_contest)
            home.package_requested.connect(self._package_requested)
            home.language_requested.connect(self.set_language)
            home.destroyed.connect(lambda: self._home_gone(home))
            self.home = home
        self.home.refresh_recent()
        self.home.show()
        self.home.raise_()
        return self.home

    def _package_requested(self, path: object) -> None:
        if self.open_package is None:
            return
        if self.open_package(path if isinstance(path, Path) else None, self.home) is not None:
            self._close_home()

    def _home_gone(self, home: HomeWindow) -> None:
        if self.home is home:
            self.home = None

    def _close_home(self) -> None:
        if self.home is not None:
            self.home.close()
            self.home = None

    # -- opening a contest -------------------------------------------------------------------------

    def _parent(self) -> QWidget:
        parent = self.current()
        return parent if parent is not None else self.show_home()

    def open_dialog(self) -> None:
        path = self.chooser.open_database(self._parent())
        if path is not None:
            self.open_contest(path)

    def new_contest(self) -> None:
        parent = self._parent()
        config = self.chooser.open_config(parent)
        if config is None:
            return
        database = self.chooser.save_database(parent, config.with_suffix(".jdb").name)
        if database is None:
            return
        try:
            Contest.create(database, config).close()
        except Exception as error:
            show_error(parent, self.tr("New contest"), error)
            return
        self.open_contest(database)

    def open_demo(self) -> None:
        """Write the demo afresh into the data folder, set it up, and open it."""
        directory = self.demo_dir
        shown = None if self.window is None else self.window.contest.path
        if isinstance(shown, Path) and shown.parent == directory and self.window is not None:
            if self.window.busy():
                return
            self.show_home()  # the demo's database is about to be replaced: close its window
            self.window.close()

        def job(progress: Progress) -> object:
            return create_demo_contest(directory, progress)

        def made(database: object) -> None:
            assert isinstance(database, Path)
            self.open_contest(database)

        run_in_background(self._parent(), self.tr("Setting up the demo contest…"), job, made)

    def open_contest(self, path: ContestAddress) -> ContestWindow | None:
        """Open a contest database in the contest window (replacing the one open)."""
        parent = self._parent()
        if self.window is not None and self.window.busy():
            return None
        try:
            contest = Contest.open(path)
        except Exception as error:
            show_error(parent, self.tr("Open a contest"), error)
            return None
        if isinstance(path, Path):  # a server's URL is not a recent file
            self.preferences.add_recent(path)
        old, self.window = self.window, self._make_window(contest)
        self.window.show()  # before the old windows close, so that the app never has none
        if old is not None:
            old.close()
        self._close_home()
        return self.window

    def _make_window(self, contest: Contest) -> ContestWindow:
        window = ContestWindow(contest, self.chooser, self.preferences.language)
        window.home_requested.connect(self.show_home)
        window.open_requested.connect(self.open_dialog)
        window.language_requested.connect(self.set_language)
        window.closed.connect(lambda: self._window_gone(window))
        return window

    def _window_gone(self, window: ContestWindow) -> None:
        if self.window is window:
            self.window = None

    # -- language ----------------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Switch the language and rebuild the open window in it."""
        if language == self.preferences.language:
            return
        self.preferences.language = language
        install_language(language)
        if self.window is not None:
            page = self.window.current_page()
            key = next(k for k, p in self.window.pages.items() if p is page)
            window = self.open_contest(self.window.contest.path)
            if window is not None:
                window.show_step(key)
        elif self.home is not None:
            old, self.home = self.home, None
            self.show_home()
            old.close()
