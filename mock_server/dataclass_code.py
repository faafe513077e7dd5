"""The methods ``@dataclass`` writes, compiled once and kept on disk (issue 15: cold start).

For every class, ``dataclasses`` writes the source of its ``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__``... and compiles it with ``exec``: about 450
compilations on every start of ``mock-server``, a tenth of its start-up, of the very same
texts each time. While :func:`dataclass_code_kept` is active, the ``exec`` the ``dataclasses``
module calls takes the code object for a text from a table kept as ``marshal`` bytes (as a
``.pyc`` file keeps code) in the user's cache folder, and compiles a text it has not seen as
before. The code is what ``exec`` itself would compile: the same text, file name
``<string>``, no ``__future__`` flag of the caller (``dataclasses`` has none), the same
optimisation level; the table's file is named by the Python version. A file that cannot be
read or written only means the texts are compiled as before.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

from .atomic_file import write_atomically
from .yaml_reading import cache_folder

_KEPT_TEXTS = 4000
"""A table grown past this many texts (old versions of changed classes) keeps only the texts
the last start used."""


@contextmanager
def dataclass_code_kept() -> Iterator[None]:
    table, used = _table(), _used()
    known = len(table)

    def exec_(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
        if type(source) is str:
            code = table.get(source)
            if code is None:
                code = table[source] = compile(source, "<string>", "exec", dont_inherit=True)
            used[source] = code
            source = code
        builtins.exec(source, globals, locals)

    dataclasses.exec = exec_  # type: ignore[attr-defined]  # found before the builtin
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
        if len(table) > known:
            _store(used if len(table) > _KEPT_TEXTS else table)


@cache
def _table() -> dict[str, CodeType]:
    """The texts and their code, read once per process."""
    path = _path()
    try:
        table = marshal.loads(path.read_bytes()) if path else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


@cache
def _used() -> dict[str, CodeType]:
    return {}


def _path() -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    version = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-o{sys.flags.optimize}"
    return folder.parent / "code" / f"dataclasses-{version}.marshal"


def _store(table: dict[str, CodeType]) -> None:
    path = _path()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, marshal.dumps(table))
    except (OSError, ValueError):
        pass  # read-only home, full disk: the next start compiles again
