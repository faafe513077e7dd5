"""What start-up compiled at an earlier start (issue 15: cold start) is exactly what compiling
gives: dataclasses' methods are the code ``dataclasses`` compiles itself, patterns are the ones
``re`` compiles; a start with nothing kept, or with a cache it cannot write, compiles as before."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from mock_server import compiled_once as module
from mock_server.compiled_once import compiled_once

PATTERNS = [
    (r"^/users/(?P<user>[^/]+)/addresses/(?P<address>[^/]+)$", 0),
    (r"[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0),
    (r"(?i)straße|ǅ", 0),
    (r"\bword\b \d+ (?#comment)", re.VERBOSE | re.ASCII),
    (rb"^\x00(?P<tag>[a-z]+)\xff", 0),
    (r"(a)|(?P<b>b)(?(1)c|d)", re.MULTILINE | re.DOTALL),
]


@pytest.fixture(autouse=True)
def fresh_process(tmp_path, monkeypatch):
    """A cache folder of its own, and the table read anew as by a new process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(module, "_WORTH_WRITING", 1)  # these tests compile a few things only
    _new_process()
    yield
    _new_process()


def _new_process() -> None:
    for table in (module._kept, module._used):
        table.cache_clear()
    re.purge()  # re's own cache of patterns, in front of the compiler


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


def _patterns() -> list[re.Pattern]:
    return [re.compile(pattern, flags) for pattern, flags in PATTERNS]


def test_kept_code_is_dataclasses_own_and_a_second_start_compiles_nothing(monkeypatch):
    plain = _classes()
    with compiled_once():
        first = _classes()
    assert not hasattr(dataclasses, "exec")
    _new_process()
    compiled = []
    monkeypatch.setattr(module, "compile", lambda *args, **kwargs: compiled.append(args), raising=False)
    with compiled_once():
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


def test_kept_patterns_are_re_s_own_and_a_second_start_parses_nothing(monkeypatch):
    plain = _patterns()
    _new_process()
    with compiled_once():
        first = _patterns()
    assert re._compiler.compile is module.re._compiler.compile and not isinstance(re._compiler._sre, module._SreRecorder)
    _new_process()
    parsed = []
    real_parse = re._parser.parse
    monkeypatch.setattr(re._parser, "parse", lambda *args: parsed.append(args) or real_parse(*args))
    with compiled_once():
        second = _patterns()
    assert parsed == []
    for own, kept_now, kept_before in zip(plain, first, second):
        assert own == kept_now == kept_before
        assert (own.pattern, own.flags, own.groups, own.groupindex) == (kept_before.pattern, kept_before.flags,
                                                                        kept_before.groups, kept_before.groupindex)
    assert second[0].fullmatch("/users/u1/addresses/a2").group("address") == "a2"
    assert second[1].search("ok\x07") and not second[1].search("ok")
    assert second[2].fullmatch("STRASSE") is None and second[2].fullmatch("Straße")
    assert second[4].match(b"\x00abc\xff").group("tag") == b"abc"


def test_a_cache_that_cannot_be_written_still_compiles(tmp_path):
    (tmp_path / "mock-server").write_text("a file where the folder would go")
    with compiled_once():
        point, _record = _classes()
        pattern = re.compile(r"(?P<x>\d+)")
    assert point(3).x == 3 and pattern.match("42").group("x") == "42"


def test_a_start_that_compiled_only_a_few_new_things_leaves_the_table_as_it_was(tmp_path, monkeypatch):
    """Patterns joined from sets come in another order at every start: they must not make
    every start rewrite the table."""
    monkeypatch.setattr(module, "_WORTH_WRITING", 32)
    with compiled_once():
        _classes()
    assert not list(tmp_path.glob("mock-server/code/*"))
