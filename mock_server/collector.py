"""Start-up and seeded namespaces kept clear of Python's cyclic garbage collector (issue 15).

Start-up (Connexion's import, the handler modules, the documents, Connexion's operations)
creates a few hundred thousand objects that live as long as the process. The collector,
triggered by every 700 new objects, scanned them again and again: about a fifth of start-up.
A seeded namespace adds about 1,500 tracked objects that live as long as the namespace; with
forty namespaces a full collection walked them for ~55 ms (a busy 2-core machine), once every
few thousand writes: the event loop, every client, waited that long.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


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


@dataclass
class _NamespacePolicy:
    drops_before_unfreeze: int
    dropped: int = 0


_namespace_policy: _NamespacePolicy | None = None


def keep_namespaces_aside(drops_before_unfreeze: int) -> None:
    """From now on, set each new namespace aside like start-up (``serve`` only: a test process
    keeps Python's collector as it is). A frozen object in a garbage cycle is never collected,
    so after ``drops_before_unfreeze`` namespaces were dropped (reset, evicted, replaced) every
    object goes back to the collector, which then collects what those namespaces left in
    cycles: a fresh namespace has none (its objects go by reference counting), only what
    requests tied into cycles since. Memory stays bounded; one full collection per that many
    drops instead of one every few thousand writes."""
    global _namespace_policy
    _namespace_policy = _NamespacePolicy(drops_before_unfreeze)


def namespaces_seeded() -> None:
    """New namespaces are in place: collect what is not set aside yet (the new namespace and
    recent requests' survivors, a few milliseconds; all of it after an unfreeze), then freeze
    what lives, so that no later collection walks it."""
    if _namespace_policy is not None:
        gc.collect()
        gc.freeze()


def namespaces_dropped(count: int) -> None:
    """``count`` namespaces were dropped; every so many drops, unfreeze (see :func:`keep_namespaces_aside`)."""
    policy = _namespace_policy
    if policy is None or not count:
        return
    policy.dropped += count
    if policy.dropped >= policy.drops_before_unfreeze:
        policy.dropped = 0
        gc.unfreeze()
