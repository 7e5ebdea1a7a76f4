"""The Help menu of both windows: the user guide for the window's reader, in the window's language,
shown in a dialog that works offline, and About with the version.

The guides are Markdown files shipped in ``judging_app/resources/guides/`` (copied there from
``docs/`` with the screenshots they show, by ``make guides``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
    QPixmap,
    QTextCursor,
    QTextDocument,
    QTextFragment,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import language
from judging_app.ui.icons import app_icon
from judging_app.version import app_version

GUIDES = Path(__file__).resolve().parent.parent / "resources" / "guides"
READERS = ("secretariat", "judge")
# The widest a screenshot is shown in the guide, in pixels (it is scaled down to this).
IMAGE_WIDTH = 760


def guide_file(reader: str, language_code: str) -> Path:
    if reader not in READERS:
        raise ValueError(f"unknown reader: {reader}")
    return GUIDES / f"guide-{reader}.{language_code}.md"


class GuideDialog(QDialog):
    """The guide as formatted text, its screenshots fitted to the width, its links followed."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowIcon(app_icon())
        self.resize(940, 760)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        fit_images(self.browser.document(), IMAGE_WIDTH)
        title = self.browser.document().firstBlock().text()
        self.setWindowTitle(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


def image_fragments(document: QTextDocument) -> list[QTextFragment]:
    """The document's images, each a fragment whose format is a QTextImageFormat."""
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isImageFormat():
                found.append(fragment)
            iterator += 1
        block = block.next()
    return found


def fit_images(document: QTextDocument, width: int) -> None:
    """Give every image its size: its own, or scaled down to ``width`` with its proportions."""
    for fragment in image_fragments(document):
        image_format = fragment.charFormat().toImageFormat()
        image = document.resource(
            QTextDocument.ResourceType.ImageResource, QUrl(image_format.name())
        )
        if isinstance(image, QImage | QPixmap) and image.width() > 0:
            shown = min(width, image.width())
            image_format.setWidth(shown)
            image_format.setHeight(image.height() * shown / image.width())
            cursor = QTextCursor(document)
            cursor.setPosition(fragment.position())
            cursor.setPosition(
                fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
            )
            cursor.setCharFormat(image_format)


class HelpMenu(QObject):
    """Help ▸ User guide (F1) and Help ▸ About, added to ``window``'s menu bar."""

    def __init__(self, window: QMainWindow, reader: str) -> None:
        super().__init__(window)
        self._window = window
        self._reader = reader
        menu = window.menuBar().addMenu(self.tr("&Help"))
        self.guide = QAction(self.tr("&User guide"), window)
        self.guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide.triggered.connect(self.show_guide)
        self.about = QAction(self.tr("&About judging-app"), window)
        self.about.triggered.connect(self.show_about)
        menu.addAction(self.guide)
        menu.addSeparator()
        menu.addAction(self.about)
        self.dialog: QDialog | None = None

    def show_guide(self) -> GuideDialog:
        dialog = GuideDialog(guide_file(self._reader, language()), self._window)
        self.dialog = dialog
        dialog.show()
        return dialog

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About judging-app"))
        box.setIconPixmap(app_icon().pixmap(96, 96))
        box.setText(
            self.tr("<b>Contest judging</b> (judging-app) version %1").replace("%1", app_version())
        )
        box.setInformativeText(
            self.tr(
                "Runs a contest of improvement cases judged by expert panels: judges score "
                "offline in signed judge packages; the secretariat merges them, adds the "
                "citizens' votes, ranks the cases and exports the Excel report."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.dialog = box
        box.open()
        return box
