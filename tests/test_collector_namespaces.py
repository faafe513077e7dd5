"""``serve`` sets seeded namespaces aside from full collections, and gives them back to the
collector after enough drops, so cycles in dropped namespaces are still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from mock_server import collector
from mock_server.settings import Settings
from mock_server.world import Worlds


@pytest.fixture
def namespaces_aside() -> Iterator[None]:
    collector.keep_namespaces_aside(drops_before_unfreeze=2)
    try:
        yield
    finally:
        collector._namespace_policy = None
        gc.unfreeze()


def test_without_serve_the_collector_is_left_alone() -> None:
    frozen = gc.get_freeze_count()
    Worlds(Settings(seed=1)).get("alice")
    assert gc.get_freeze_count() == frozen


def test_a_new_namespace_is_frozen_and_enough_drops_unfreeze(namespaces_aside: None) -> None:
    worlds = Worlds(Settings(seed=1))
    world = worlds.get("alice")
    assert gc.get_freeze_count() > 0
    assert not any(obj is world for obj in gc.get_objects())  # frozen objects are not in any generation
    worlds.reset("alice")
    assert gc.get_freeze_count() > 0  # one drop: still frozen
    worlds.get("bob")
    worlds.reset_all()
    assert gc.get_freeze_count() == 0  # two drops: every object back to the collector


def test_a_cycle_left_in_a_dropped_namespace_is_collected_after_the_unfreeze(namespaces_aside: None) -> None:
    worlds = Worlds(Settings(seed=1))
    world = worlds.get("alice")

    class Node:
        pass

    marker = Node()
    world.replace_state("cycle", marker)
    marker.back = world  # type: ignore[attr-defined]  # a request tied the namespace into a cycle
    collector.namespaces_seeded()  # the marker is frozen too now
    left = weakref.ref(marker)
    del world, marker
    worlds.reset("alice")
    worlds.reset("bob")  # nothing to drop: does not count
    gc.collect()
    assert left() is not None  # frozen: no collection sees the cycle
    worlds.get("carol")
    worlds.reset("carol")
    gc.collect()
    assert left() is None
