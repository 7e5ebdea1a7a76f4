"""The case itself, to read: title, organisation, category, summary and body, in a size of the
judge's choosing (Ctrl + / Ctrl -, remembered)."""

from __future__ import annotations

from collections import OrderedDict
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from judging_app.services.judge_views import CaseInfo
from judging_app.ui.judge.settings import LARGEST_TEXT, SMALLEST_TEXT, JudgeSettings

KEPT = 64
STYLE = """
h1 { font-size: 150%; margin-bottom: 4px; }
p.meta { color: #5f6368; margin-top: 0; }
p.summary { background: #f1f3f4; padding: 8px; }
p.conflict { color: #5f6368; font-style: italic; }
p { line-height: 150%; }
"""


def paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)


class CasePane(QTextBrowser):
    """Each case's text is a document of its own, laid out once and kept (:data:`KEPT` of
    them): moving between cases swaps documents instead of laying out the text again, and
    :meth:`prepare` lays out the next case before the judge gets there."""

    text_size_changed = Signal(int)

    def __init__(self, settings: JudgeSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePane")
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self._settings = settings
        self._documents: OrderedDict[str, QTextDocument] = OrderedDict()
        self._html = ""
        self._apply_size(settings.text_size)

    @property
    def text_size(self) -> int:
        return self.font().pointSize()

    def show_case(self, case: CaseInfo, labels: tuple[str, str, str], note: str = "") -> None:
        """``labels``: the translated words for organisation, category and summary; ``note``:
        a line shown above the summary (why the case needs no score)."""
        self._html = case_html(case, labels, note)
        document = self._document(self._html)
        if document is not self.document():
            self.setDocument(document)
        self.verticalScrollBar().setValue(0)

    def prepare(self, case: CaseInfo, labels: tuple[str, str, str], note: str = "") -> None:
        """Lay out a case's text now, so that showing it later costs nothing but painting."""
        document = self._document(case_html(case, labels, note))
        document.setTextWidth(self.viewport().width())
        document.size()

    def _document(self, html: str) -> QTextDocument:
        document = self._documents.get(html)
        if document is not None:
            self._documents.move_to_end(html)
            return document
        document = QTextDocument(self)
        document.setDefaultStyleSheet(STYLE)
        document.setDocumentMargin(16)
        document.setDefaultFont(self.font())
        document.setHtml(html)
        self._documents[html] = document
        while len(self._documents) > KEPT:
            _, oldest = self._documents.popitem(last=False)
            if oldest is not self.document():
                oldest.deleteLater()
        return document

    def zoom(self, steps: int) -> None:
        size = min(LARGEST_TEXT, max(SMALLEST_TEXT, self.text_size + steps))
        if size != self.text_size:
            self._apply_size(size)
            self._settings.text_size = size
            self.text_size_changed.emit(size)

    def _apply_size(self, size: int) -> None:
        font = QFont(self.font())
        font.setPointSize(size)
        self.setFont(font)
        for document in self._documents.values():
            document.setDefaultFont(font)
        self.document().setDefaultFont(font)


def case_html(case: CaseInfo, labels: tuple[str, str, str], note: str) -> str:
    organisation, category, summary = labels
    meta = (
        f"{escape(case.case_id)} · {escape(organisation)}: {escape(case.organization)}"
        f" · {escape(category)}: {escape(case.category)}"
    )
    html = [f"<h1>{escape(case.title)}</h1>", f"<p class='meta'>{meta}</p>"]
    if note:
        html.append(f"<p class='conflict'>{escape(note)}</p>")
    if case.summary.strip():
        html.append(f"<p class='summary'><b>{escape(summary)}</b><br>{escape(case.summary)}</p>")
    html.append(paragraphs(case.body))
    return "".join(html)
