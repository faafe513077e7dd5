"""Start-up kept clear of Python's cyclic garbage collector (issue 15: cold start).

Start-up (Connexion's import, the handler modules, the documents, Connexion's operations)
creates a few hundred thousand objects that live as long as the process. The collector,
triggered by every 700 new objects, scanned them again and again: about a fifth of start-up.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection while the block builds; then ``gc.freeze`` sets what it built aside, so
    that no later collection walks it again either: a full pass over start-up's objects
    stopped the event loop for ~200 ms with twenty namespaces in use, the longest wait a client
    saw at 32 connections (issue 15, p99). ``freeze`` is a list splice; what it keeps for good
    is start-up's own garbage cycles, once (about 8,000 objects, 1 MB: Connexion's discarded
    operations; collecting them first would cost ~70 ms of every start). Never per namespace: a namespace's cycles must stay
    collectable when it is reset or evicted; what requests create is collected as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
