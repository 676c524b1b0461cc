"""One process-wide SQLite setting that lets two connections read on two cores at once.

SQLite counts every allocation it makes in global statistics behind one mutex
(``SQLITE_CONFIG_MEMSTATUS``, on by default). The system SQLite Python links is built
without lookaside memory, so a bulk read (``group_concat`` of a million values) allocates
for every value: two reading threads then take turns on that mutex and a parallel read
is no faster than one after the other. Parley never asks SQLite for those statistics;
they are turned off once, when this module is first imported — only when no SQLite
connection or allocation exists yet (``sqlite3_memory_used() == 0``), as SQLite requires
for ``sqlite3_shutdown``. Where the library cannot be reached (a build that does not
export its functions) nothing changes: reads are only slower.
"""

from __future__ import annotations

import ctypes
import threading

_SQLITE_CONFIG_MEMSTATUS = 9
_lock = threading.Lock()
_done = False


def quiet_memory_stats() -> bool:
    """Turn SQLite's memory statistics off (once); True when they are off now."""
    global _done
    with _lock:
        if not _done:
            _done = _turn_off()
        return _done


def _turn_off() -> bool:
    try:
        import _sqlite3

        library = ctypes.CDLL(_sqlite3.__file__)
        used = library.sqlite3_memory_used
        used.restype = ctypes.c_int64
        config = library.sqlite3_config
        if used() != 0:  # a connection is open: the settings cannot change now
            return False
        if library.sqlite3_shutdown() != 0:
            return False
        turned_off = config(_SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == 0
        return library.sqlite3_initialize() == 0 and turned_off
    except (AttributeError, ImportError, OSError):
        return False
