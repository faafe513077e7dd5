"""The parsed-YAML cache (issue 15: cold start) never serves stale or broken data and never
stops a start: a changed text is read anew, a damaged entry or an unwritable folder means the
text is parsed as before."""

from __future__ import annotations

import pytest

from mock_server.yaml_reading import cache_folder, remembered, safe_load


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_second_read_comes_from_the_cache_and_equals_the_first():
    text = "openapi: 3.0.3\npaths:\n  /a: {get: {operationId: a}}\nshared: &s [1, 2]\nagain: *s\n"
    first = safe_load(text)
    assert len(list(cache_folder().glob("*.marshal"))) == 1
    second = safe_load(text)
    assert second == first
    assert second["again"] is second["shared"]  # an alias stays one object, as YAML built it
    second["paths"]["/a"]["get"]["operationId"] = "changed"
    assert safe_load(text)["paths"]["/a"]["get"]["operationId"] == "a"  # every read is a fresh copy


def test_a_changed_text_is_read_anew():
    assert safe_load("title: one\n") == {"title": "one"}
    assert safe_load("title: two\n") == {"title": "two"}
    assert safe_load("title: one\n") == {"title": "one"}


def test_a_damaged_entry_is_parsed_again():
    safe_load("title: one\n")
    (entry,) = cache_folder().glob("*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert safe_load("title: one\n") == {"title": "one"}


def test_a_cache_that_cannot_be_written_still_reads(cache_home):
    """A file where the folder would go: as unwritable as a read-only home, even for root."""
    cache_home.write_text("a file where the folder would go")
    assert safe_load("title: one\n") == {"title": "one"}
    assert safe_load("title: one\n") == {"title": "one"}


def test_data_marshal_cannot_hold_is_read_but_not_cached():
    assert str(safe_load("when: 2026-12-01\n")["when"]) == "2026-12-01"
    assert not cache_folder().exists() or not list(cache_folder().glob("*.marshal"))


def test_a_syntax_error_still_names_its_line():
    with pytest.raises(Exception, match="line 2"):
        safe_load("a: 1\nb: [unclosed\n")


def test_remembered_work_is_done_once_per_input_and_read_back_as_a_fresh_copy():
    calls = []

    def work(given: bytes):
        calls.append(given)
        shared = [given.decode()]
        return {"a": shared, "b": shared}

    first = remembered(b"test work 1", b"one", lambda: work(b"one"))
    again = remembered(b"test work 1", b"one", lambda: work(b"one"))
    other = remembered(b"test work 1", b"two", lambda: work(b"two"))
    renamed = remembered(b"test work 2", b"one", lambda: work(b"one"))
    assert calls == [b"one", b"two", b"one"]
    assert again == first == renamed and other == {"a": ["two"], "b": ["two"]}
    assert again is not first and again["a"] is again["b"]
