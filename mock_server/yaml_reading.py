"""YAML read with libyaml's parser when PyYAML was built with it (the wheels are), and the
data of a text already read once kept in a cache on disk.

The pure-Python parser took most of start-up reading the documents and scenarios (issue 15:
cold start); libyaml builds the same data about ten times faster. A text libyaml refuses is
read again by the pure parser, so an error names the problem and line exactly as before.

Even libyaml's reading of the documents cost a good part of start-up, on every start, for
texts that rarely change. So the data is also kept as ``marshal`` bytes in the user's cache
folder (``$XDG_CACHE_HOME/mock-server/yaml``, else ``~/.cache/mock-server/yaml``), named by a
hash of the text and of what reads it: a changed text is a new name, read and stored anew, and
an old entry is never trusted for a new text. ``marshal`` holds exactly the plain data YAML
builds (shared nodes stay shared) and, unlike ``pickle``, cannot run code when read. A cache
folder that cannot be read or written, or an entry that does not load, only means the text is
parsed as before; data ``marshal`` cannot hold (a YAML date) is simply not cached.

:func:`remembered` keeps other work on such data in the same folder the same way, named by a
hash of all of its input.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Callable

import yaml

from .atomic_file import write_atomically

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_READER = f"{yaml.__version__}/{_SAFE_LOADER.__name__}/marshal {marshal.version}/{sys.implementation.cache_tag}"
"""What turns a text into the cached bytes; part of an entry's name, so a new reader misses."""


def safe_load(text: str) -> Any:
    return remembered(_READER.encode(), text.encode("utf-8", "surrogatepass"), lambda: _parse(text))


def remembered(what: bytes, given: bytes, compute: Callable[[], Any]) -> Any:
    """``compute()``, or a fresh copy of what it returned at an earlier start: ``what`` names
    the work (with the versions of the code doing it), ``given`` is all of its input as bytes.
    Only for work whose result depends on nothing else."""
    entry = _cache_entry(what + b"\n" + given)
    cached = _read_cached(entry) if entry else _MISSING
    if cached is not _MISSING:
        return cached
    data = compute()
    if entry:
        _store(entry, data)
    return data


def _parse(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # raises with the pure parser's message, or reads what it accepts


_MISSING = object()
_KEPT_ENTRIES = 64
"""Each edit of a document leaves its old entry behind; the oldest beyond this many go."""


def cache_folder() -> Path | None:
    """None when there is no home to hold one."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:
        return None
    return Path(base) / "mock-server" / "yaml"


def _cache_entry(name: bytes) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"{hashlib.sha256(name).hexdigest()}.marshal"


def _read_cached(entry: Path) -> Any:
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return _MISSING


def _store(entry: Path, data: Any) -> None:
    try:
        payload = marshal.dumps(data)
    except ValueError:  # a YAML date or another type marshal does not hold
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(entry, payload)
        _prune(entry.parent)
    except OSError:
        pass  # read-only home, full disk: the next start parses again


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.marshal"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in entries[_KEPT_ENTRIES:]:
        stale.unlink(missing_ok=True)
