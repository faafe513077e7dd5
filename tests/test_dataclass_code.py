"""Dataclass methods compiled at an earlier start (issue 15: cold start) are the very code
``dataclasses`` compiles itself, and a start with nothing kept compiles as before."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from mock_server import dataclass_code
from mock_server.dataclass_code import dataclass_code_kept


@pytest.fixture(autouse=True)
def fresh_process(tmp_path, monkeypatch):
    """A cache folder of its own, and the table read anew as by a new process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for table in (dataclass_code._table, dataclass_code._used):
        table.cache_clear()
    yield
    for table in (dataclass_code._table, dataclass_code._used):
        table.cache_clear()


def _classes() -> tuple[type, type]:
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: "list[str]" = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(order=True)
    class Record:
        name: str
        size: int = 0

    return Point, Record


def _methods(cls: type) -> dict[str, Any]:
    return {name: value.__code__ for name, value in vars(cls).items() if hasattr(value, "__code__")}


def test_kept_code_is_dataclasses_own_and_a_second_start_compiles_nothing(monkeypatch):
    plain = _classes()
    with dataclass_code_kept():
        first = _classes()
    assert not hasattr(dataclasses, "exec")
    dataclass_code._table.cache_clear()
    dataclass_code._used.cache_clear()
    compiled = []
    monkeypatch.setattr(dataclass_code, "compile", lambda *args, **kwargs: compiled.append(args), raising=False)
    with dataclass_code_kept():
        second = _classes()
    assert compiled == []
    for own, kept_now, kept_before in zip(plain, first, second):
        assert _methods(own) == _methods(kept_now) == _methods(kept_before)
        assert own.__init__.__annotations__ == kept_before.__init__.__annotations__
    point, record = second
    assert repr(point(1)).endswith("Point(x=1, y=[])")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point(1).x = 2
    assert record("a", 1) < record("b") and point(1) == point(1) and hash(point(1, ())) == hash(point(1, ()))


def test_a_cache_that_cannot_be_written_still_compiles(tmp_path):
    (tmp_path / "mock-server").write_text("a file where the folder would go")
    with dataclass_code_kept():
        point, _record = _classes()
    assert point(3).x == 3
