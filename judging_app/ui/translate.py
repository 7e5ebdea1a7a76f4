"""Marking texts for Qt Linguist where ``self.tr`` cannot be used (tables, module constants)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; translate it later with
    ``QCoreApplication.translate(context, text)``. (PySide6's own is typed as returning object.)"""
    return text
