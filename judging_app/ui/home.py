"""The home screen: a new contest, an existing one, the demo, and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import language
from judging_app.ui.help import GuideDialog, guide_file
from judging_app.ui.icons import app_icon
from judging_app.ui.judge.drops import dropped_package
from judging_app.ui.judge.entry import is_package, package_button, recent_label
from judging_app.ui.preferences import Preferences
from judging_app.version import app_version

PATH_ROLE = Qt.ItemDataRole.UserRole + 3


class HomeWindow(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)
    package_requested = Signal(object)
    """A judge package to open (a Path), or None to choose one."""
    language_requested = Signal(str)

    def __init__(self, preferences: Preferences) -> None:
        super().__init__()
        self.setObjectName("homeWindow")
        self.setWindowIcon(app_icon())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAcceptDrops(True)  # a judge package dropped on the window opens it
        self.setWindowTitle(self.tr("Contest judging"))
        self.resize(820, 560)
        self._preferences = preferences
        title = QLabel(self.tr("Contest judging"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            self.tr(
                "Run a contest of improvement cases: cases and judges, each round's scores, "
                "the citizens' votes, the final ranking and the report."
            )
        )
        subtitle.setWordWrap(True)
        self.new_button = self._button("newContest", self.tr("New contest from a configuration…"))
        self.open_button = self._button("openContest", self.tr("Open a contest…"))
        self.demo_button = self._button("openDemo", self.tr("Try the demo contest"))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.package_button = package_button()
        self.package_button.setMinimumHeight(44)
        self.package_button.clicked.connect(lambda: self.package_requested.emit(None))
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        self.recent.itemActivated.connect(self._recent_chosen)
        self.language = QComboBox()
        self.language.setObjectName("languageBox")
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if preferences.language == "ko" else 1)
        self.language.activated.connect(
            lambda i: self.language_requested.emit(self.language.itemData(i))
        )
        actions = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.package_button)
        actions.addStretch(1)
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(self.tr("Language")))
        language_row.addWidget(self.language, 1)
        actions.addLayout(language_row)
        recent = QVBoxLayout()
        recent.addWidget(QLabel(self.tr("Recent contests")))
        recent.addWidget(self.recent, 1)
        columns = QHBoxLayout()
        columns.addLayout(actions, 2)
        columns.addLayout(recent, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addLayout(columns, 1)
        footer = QHBoxLayout()
        self.guide_button = QPushButton(self.tr("User guide"))
        self.guide_button.setObjectName("guideButton")
        self.guide_button.setFlat(True)
        self.guide_button.clicked.connect(self.show_guide)
        footer.addWidget(self.guide_button)
        footer.addStretch(1)
        footer.addWidget(QLabel(f"judging-app {app_version()}"))
        layout.addLayout(footer)
        self.refresh_recent()

    def show_guide(self) -> GuideDialog:
        """The secretariat's guide (the home screen is theirs; a judge's window has its own)."""
        self.guide = GuideDialog(guide_file("secretariat", language()), self)
        self.guide.show()
        return self.guide

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(44)
        return button

    def refresh_recent(self) -> None:
        self.recent.clear()
        for path in self._preferences.recent_files():
            item = QListWidgetItem(recent_label(path) or f"{path.name}\n{path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setText(f"{path.name}\n{self.tr('(missing)')} {path.parent}")
            self.recent.addItem(item)
        if not self._preferences.recent_files():
            item = QListWidgetItem(self.tr("No contest opened yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _recent_chosen(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path and is_package(Path(path)):
            self.package_requested.emit(Path(path))
        elif path:
            self.recent_requested.emit(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_package(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_package(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.package_requested.emit(path)
