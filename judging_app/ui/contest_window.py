"""The contest window: the steps at a glance on the left, the selected step's page on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from judging_app.services.contest import Contest
from judging_app.ui.choosers import FileChooser
from judging_app.ui.help import HelpMenu
from judging_app.ui.icons import app_icon
from judging_app.ui.pages.audit_page import AuditPage
from judging_app.ui.pages.base import Page, PageContext
from judging_app.ui.pages.cases_page import CasesPage
from judging_app.ui.pages.final_page import FinalPage
from judging_app.ui.pages.judges_page import JudgesPage
from judging_app.ui.pages.report_page import ReportPage
from judging_app.ui.pages.round_page import RoundPage
from judging_app.ui.pages.setup_page import SetupPage
from judging_app.ui.pages.votes_page import VotesPage
from judging_app.ui.steps import StepsModel
from judging_app.ui.worker import Worker


class ContestWindow(QMainWindow):
    #: How often a window that others may change (a contest on a server, or a file open
    #: read-only while another program writes it) looks for their changes.
    POLL_MS = 3000

    home_requested = Signal()
    open_requested = Signal()
    language_requested = Signal(str)
    closed = Signal()

    def __init__(self, contest: Contest, chooser: FileChooser, language: str) -> None:
        super().__init__()
        self.setObjectName("contestWindow")
        self.setWindowIcon(app_icon())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.contest = contest
        self.resize(1280, 760)
        self.setMinimumSize(1024, 640)
        context = PageContext(contest, chooser)
        config = contest.config()
        self.setWindowTitle(f"{config.name} — {contest.path.name}")
        self.pages: dict[str, Page] = {
            "setup": SetupPage(context),
            "cases": CasesPage(context),
            "judges": JudgesPage(context),
            **{f"round:{r.key}": RoundPage(context, r.key) for r in config.rounds},
            "votes": VotesPage(context),
            "final": FinalPage(context),
            "report": ReportPage(context),
            "audit": AuditPage(context),
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
            page.changed.connect(self.contest_changed)
        self.steps = StepsModel(self)
        self.step_list = QListView()
        self.step_list.setObjectName("stepList")
        self.step_list.setModel(self.steps)
        self.step_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.step_list.setSpacing(2)
        self.step_list.setMinimumWidth(210)
        self.step_list.setMaximumWidth(300)
        self.step_list.selectionModel().selectionChanged.connect(self._step_selected)
        splitter = QSplitter()
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 1050])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.notices = QLabel()
        self.notices.setObjectName("noticeBanner")
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet(
            "background: #fff4ce; border-bottom: 1px solid #e0c060; padding: 6px;"
        )
        # Warnings from opening the file (a network or synced folder, opened read-only and why),
        # where this version's Contest reports them.
        lines = [f"⚠ {notice}" for notice in getattr(contest, "notices", ())]
        self.notices.setText("\n".join(lines))
        self.notices.setVisible(bool(lines))
        layout.addWidget(self.notices)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        path_label = QLabel(str(contest.path))
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(path_label)
        self._menus(language)
        self.refresh_steps()
        first = next(
            (i for i, s in enumerate(self.steps.steps()) if s.state == "active"),
            0,
        )
        self.show_step(self.steps.steps()[first].key)
        self._revision = contest.revision()
        self.poll = QTimer(self)
        self.poll.setInterval(self.POLL_MS)
        self.poll.timeout.connect(self.look_for_changes)
        if contest.on_server or contest.read_only:
            self.poll.start()

    def _menus(self, language: str) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        home = QAction(self.tr("&Home screen"), self)
        home.triggered.connect(self._go_home)
        open_other = QAction(self.tr("&Open another contest…"), self)
        open_other.setShortcut(QKeySequence.StandardKey.Open)
        open_other.triggered.connect(self.open_requested)
        close = QAction(self.tr("&Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addActions([home, open_other])
        file_menu.addSeparator()
        file_menu.addAction(close)
        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in (("ko", "한국어"), ("en", "English")):
            action = QAction(name, self, checkable=True, checked=code == language)
            action.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            group.addAction(action)
            language_menu.addAction(action)
        self.help_menu = HelpMenu(self, "secretariat")

    def _go_home(self) -> None:
        if not self.busy():
            self.home_requested.emit()  # the home screen shows first: the app never has no window
            self.close()

    # -- steps and pages ---------------------------------------------------------------------------

    def refresh_steps(self) -> None:
        config = self.contest.config()
        packages = {r.key: self.contest.package_status(r.key) for r in config.rounds}
        self.steps.update(config, self.contest.status(), len(self.contest.audit_log()), packages)

    def show_step(self, key: str) -> None:
        row = [s.key for s in self.steps.steps()].index(key)
        self.step_list.setCurrentIndex(self.steps.index(row))

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def _step_selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        page = self.pages[self.steps.steps()[indexes[0].row()].key]
        if page.dirty:
            page.refresh()
        self.stack.setCurrentWidget(page)

    def contest_changed(self) -> None:
        """An action changed the contest: every page reads it again when next shown."""
        for page in self.pages.values():
            page.dirty = True
        self.refresh_steps()
        self.current_page().refresh()
        self._revision = self.contest.revision()

    def look_for_changes(self) -> None:
        """Reload what is shown when another seat (or program) changed the contest."""
        if self.busy():
            return  # an action of this window runs: it reloads when it is done
        try:
            revision = self.contest.revision()
        except Exception:  # the server is out of reach for now: look again at the next tick
            self.statusBar().showMessage(self.tr("The contest cannot be read just now."), 5000)
            return
        if revision != self._revision:
            self.contest_changed()
            self.statusBar().showMessage(
                self.tr("Changed at another seat: shown as it is now."), 10000
            )

    # -- closing -----------------------------------------------------------------------------------

    def busy(self) -> bool:
        return any(worker.running for worker in self.findChildren(Worker))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():
            self.statusBar().showMessage(self.tr("Wait for the action to finish or cancel it."))
            event.ignore()
            return
        self.contest.close()
        event.accept()
        self.closed.emit()
