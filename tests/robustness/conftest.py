"""Fixtures of the robustness tests: the corpus of bad stores, windows that record errors."""

from __future__ import annotations


