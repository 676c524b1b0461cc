"""Parley's desktop app (PySide6). Reads stores only through :mod:`db`."""

__version__ = "0.1.0"
