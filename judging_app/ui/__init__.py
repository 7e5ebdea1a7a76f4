"""The secretariat's window (PySide6) over the Contest service."""
