"""The judge's window: PIN, then the pledge, then the cases to read and score, then submit.

Every entry goes to the working copy through :class:`JudgeSession` the moment it is made; the
window decides nothing about scores itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import UserError
from judging_app.services.judge_session import JudgeSession
from judging_app.services.judge_views import CaseStatus, case_rows
from judging_app.ui.alerts import show_error
from judging_app.ui.help import HelpMenu
from judging_app.ui.icons import app_icon
from judging_app.ui.judge.case_model import CaseRowsModel
from judging_app.ui.judge.chooser import JudgeChooser
from judging_app.ui.judge.digest_dialog import DigestDialog
from judging_app.ui.judge.drops import dropped_package
from judging_app.ui.judge.header import SessionHeader
from judging_app.ui.judge.menus import JudgeMenus
from judging_app.ui.judge.overview_page import OverviewPage
from judging_app.ui.judge.pin_dialog import PinDialog
from judging_app.ui.judge.pledge_page import PledgePage
from judging_app.ui.judge.review_dialog import ReviewDialog
from judging_app.ui.judge.scoring_page import ScoringPage
from judging_app.ui.judge.settings import JudgeSettings
from judging_app.ui.judge.style import WINDOW_FONT, larger


class JudgeWindow(QMainWindow):
    open_requested = Signal(object)
    """A package to open instead (a Path), or None to choose one."""
    language_requested = Signal(str)
    closed = Signal()

    def __init__(
        self,
        session: JudgeSession,
        settings: JudgeSettings,
        chooser: JudgeChooser,
        language: str,
    ) -> None:
        super().__init__()
        self.setObjectName("judgeWindow")
        self.setWindowIcon(app_icon())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAcceptDrops(True)
        self.setFont(larger(QApplication.font(), WINDOW_FONT))
        self.session = session
        self.chooser = chooser
        self._settings = settings
        self._ready = False
        self.keep_session = False
        """True when the window closes to be rebuilt (another language) on the same session."""
        meta = session.meta
        self.setWindowTitle(f"{meta.judge_name} — {meta.round_name} — {meta.contest_name}")
        self.resize(1280, 720)
        self.setMinimumSize(1024, 600)
        self.model = CaseRowsModel(session.criteria, self)
        self.header = SessionHeader(session)
        self.scoring = ScoringPage(session, self.model, settings)
        self.overview = OverviewPage(self.model)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("judgeTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.scoring, self.tr("Score the cases"))
        self.tabs.addTab(self.overview, self.tr("Overview of my scores"))
        self.pledge_page = PledgePage(session)
        self.locked_page = QLabel(self.tr("Unlock the package with your PIN to begin."))
        self.locked_page.setObjectName("lockedPage")
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        for page in (self.locked_page, self.pledge_page, self.tabs):
            self.stack.addWidget(page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.saved_label = QLabel(self.tr("Every entry is saved the moment you type it."))
        self.saved_label.setObjectName("savedLabel")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.menus = JudgeMenus(self, language)
        self.help_menu = HelpMenu(self, "judge")
        self._connect()
        self._restore_layout()
        self._show_stage()

    def _restore_layout(self) -> None:
        """Where the judge left the window and its panes last time."""
        if self._settings.geometry:
            self.restoreGeometry(self._settings.geometry)
        if self._settings.splitter:
            self.scoring.splitter.restoreState(self._settings.splitter)

    def _connect(self) -> None:
        self.header.submit_requested.connect(self.submit)
        self.header.amend_requested.connect(self.amend)
        self.header.save_requested.connect(self.save_return)
        self.pledge_page.signed.connect(self._show_stage)
        self.scoring.saved.connect(self._saved)
        self.scoring.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.overview.case_chosen.connect(self.show_case)

    # -- stages: locked, pledge, work --------------------------------------------------------------

    def ask_pin(self) -> PinDialog | None:
        """Ask for the PIN unless the session is unlocked already (the window closes on Cancel)."""
        if self.session.unlocked:
            return None
        dialog = PinDialog(self.session, self)
        dialog.accepted.connect(self._unlocked)
        dialog.rejected.connect(self.close)
        dialog.open()
        return dialog

    def _unlocked(self) -> None:
        self.activateWindow()  # the keyboard comes back from the dialog
        self._show_stage()

    def stage(self) -> str:
        if not self.session.unlocked:
            return "locked"
        return "pledge" if self.session.pledge() is None else "work"

    def _show_stage(self) -> None:
        stage = self.stage()
        working = stage == "work"
        self.menus.set_working(working)
        self.header.set_locked(not working)
        if stage == "locked":
            self.stack.setCurrentWidget(self.locked_page)
        elif stage == "pledge":
            self.stack.setCurrentWidget(self.pledge_page)
            self.pledge_page.name.setFocus()
        elif self.stack.currentWidget() is not self.tabs:
            self._start_work()

    def _start_work(self) -> None:
        rows = case_rows(self.session)
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.tabs)
        self._refresh_state()
        to_do = (CaseStatus.NOT_STARTED, CaseStatus.PARTLY)
        first = next((r for r in rows if r.status in to_do), rows[0] if rows else None)
        if first is not None:
            self.show_case(first.case_id)
            self.scoring.panel.focus_first()

    def show_case(self, case_id: str) -> None:
        """Go to ``case_id``, ready to type its first score."""
        self.tabs.setCurrentWidget(self.scoring)
        self.scoring.open_case(case_id)
        if self.model.case_row(case_id).conflict is None:
            self.scoring.panel.focus_first()

    def go(self, offset: int) -> None:
        if self.stage() == "work":
            self.tabs.setCurrentWidget(self.scoring)
            self.scoring.go(offset)

    def _saved(self, case_id: str) -> None:
        self.saved_label.setText(
            self.tr("Saved at %1").replace("%1", QTime.currentTime().toString("HH:mm:ss"))
        )
        ready, self._ready = self._ready, self.header.refresh()
        if self._ready and not ready:
            self.statusBar().showMessage(
                self.tr("Every case is scored: check the overview, then Submit…"), 30000
            )

    def _refresh_state(self) -> None:
        self._ready = self.header.refresh()
        self.menus.set_working(self.stage() == "work")
        self.scoring.set_editable(self.session.status != "submitted")

    # -- submit, save, amend ---------------------------------------------------------------------

    def submit(self) -> ReviewDialog:
        dialog = ReviewDialog(self.session, self.model, self)
        dialog.case_chosen.connect(self.show_case)
        dialog.accepted.connect(lambda: self._submitted(dialog))
        dialog.open()
        return dialog

    def _submitted(self, dialog: ReviewDialog) -> None:
        result = dialog.submitted
        assert result is not None
        self._refresh_state()
        done = DigestDialog(
            self.tr("Submitted"),
            self.tr(
                "Your scores are signed and submitted as revision %1. Now save a copy for the "
                "secretariat (on the USB stick they gave you)."
            ).replace("%1", str(result.revision)),
            result.short_digest,
            self,
            action=self.tr("Save a copy for the secretariat…"),
        )
        done.accepted.connect(self.save_return)
        done.open()

    def save_return(self) -> DigestDialog | None:
        path = self.chooser.save_return(self, self.session.suggested_return_name())
        if path is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.statusBar().showMessage(self.tr("Saving and checking the copy…"))
        try:
            saved = self.session.export_return(path)
        except Exception as error:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            show_error(self, self.tr("Save a copy for the secretariat"), error)
            return None
        QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(saved.path)), 30000)
        done = DigestDialog(
            self.tr("Saved for the secretariat"),
            self.tr(
                "Saved %1 in %2 (revision %3). It was read back and verified: hand it to the "
                "secretariat."
            )
            .replace("%1", saved.path.name)
            .replace("%2", str(saved.path.parent))
            .replace("%3", str(saved.revision)),
            saved.short_digest,
            self,
        )
        done.open()
        return done

    def amend(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("amendBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Amend"))
        box.setText(
            self.tr(
                "Reopen your scores to change them? Your next submission will be revision %1, "
                "and you will need to save a new copy for the secretariat."
            ).replace("%1", str(self.session.revision + 1))
        )
        reopen = box.addButton(self.tr("Reopen my scores"), QMessageBox.ButtonRole.AcceptRole)
        reopen.setObjectName("reopenButton")
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reopen)
        box.buttonClicked.connect(lambda button: self._amend() if button is reopen else None)
        box.open()
        return box

    def _amend(self) -> None:
        try:
            self.session.amend()
        except UserError as error:
            show_error(self, self.tr("Amend"), error)
            return
        self._refresh_state()
        self.statusBar().showMessage(self.tr("Your scores are open for changes again."), 15000)

    # -- files dropped, closing ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_package(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_package(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_requested.emit(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.geometry = self.saveGeometry()
        self._settings.splitter = self.scoring.splitter.saveState()
        if not self.keep_session:
            self.session.close()
        event.accept()
        self.closed.emit()
