"""Fixtures of the robustness tests: the corpus of bad stores, windows that record errors."""

from __future__ import annotations

import ctypes
import sys

# PySide6 6.12.0 (abi3 wheels) on CPython < 3.12 drops a reference to None on every
# void Qt call (and to True on every Signal.emit): after a few thousand calls the
# interpreter aborts ("none_dealloc"). tests/viewer/conftest.py does the same when the
# whole suite runs; this keeps `pytest tests/robustness` alone from aborting. On 3.12+
# those objects are immortal and nothing is done.
if sys.version_info < (3, 12):
    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
