"""Give the memory an import batch freed back to the system (issue 11 item 3).

An enriched import frees most of what each batch allocated, but glibc's
malloc keeps freed blocks of its heaps for reuse, and with each batch's
texts, pickled worker results and JSON of varied sizes the heaps fragment:
the import's resident set grew by about 8 KB a file although tracemalloc
saw no Python object kept. `malloc_trim(0)` after each batch returns the
free pages of every heap; measured over 2,000 enriched files, the resident
set from the 1,000th file on stayed within 6 MB instead of growing by 26.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    """glibc, or None where there is no `malloc_trim` (musl, macOS, Windows)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release_freed_memory() -> None:
    """Return the allocator's free pages to the system; nothing where the allocator cannot."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
