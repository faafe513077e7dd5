"""The address index knows which of its views hold a ``*`` (resolution skips the wildcard
candidates when none does); whatever adds and removes it sees, that set must be exactly the
wildcard keys of ``by_view``."""

from __future__ import annotations

import random

from mock_server.apis.wildduck.addresses.lookup import ViewIndex


def test_wildcard_views_follow_by_view() -> None:
    draw = random.Random(15)
    views = ["a@x", "*@x", "a*@x", "*a@x", "b@*", "b@x", "*@y"]
    index = ViewIndex()
    index.rebuild([("*@x", "r0", None), ("a@x", "r1", "u1")])
    for _ in range(5000):
        view, record = draw.choice(views), f"r{draw.randrange(6)}"
        if draw.random() < 0.5:
            index.add(view, record, draw.choice([None, "u1"]))
        else:
            index.remove(view, record, draw.choice([None, "u1"]))
        assert index.wildcard_views == {key for key in index.by_view if "*" in key}
    index.rebuild([("a@x", "r1", None)])
    assert index.wildcard_views == set()
