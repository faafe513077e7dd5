"""What start-up compiles from text, compiled once and kept on disk (issue 15: cold start).

Two kinds of start-up work turn the same texts into the same code at every start of
``mock-server``, about a fifth of its start-up between them:

- ``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__``,
  ``__hash__``, ``__setattr__``... and compiles it with ``exec`` (about 450 texts);
- ``re`` parses and compiles every regular expression a module or a route defines (about 380:
  Starlette's routes, PyYAML's, the handlers' own) before handing its program to ``_sre``.

While :func:`compiled_once` is active, ``dataclasses``' ``exec`` takes the code object for a
text from a table, and ``re``'s compiler hands ``_sre`` the arguments it gave it for the same
pattern and flags before, skipping the parse; what is not in the table is compiled as before
and added. The table is kept as ``marshal`` bytes (as a ``.pyc`` file keeps code) in the
user's cache folder, named by the Python version, and written back when a start compiled a
good number of things it lacked. What comes out is what compiling gives:
dataclasses' code is compiled from the same text, with file name ``<string>`` and no
``__future__`` flag (``dataclasses`` has none), at the same optimisation level; a pattern is
``_sre``'s from the very arguments ``re`` computed. A file that cannot be read or written only
means everything is compiled as before.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import re._compiler
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

from .atomic_file import write_atomically
from .yaml_reading import cache_folder

_WORTH_WRITING = 32
"""The table is written back when a start compiled at least this many things it lacked: the
first start, a new Python, a larger change of the code. A handful of patterns (PyYAML's,
tokenize's, email's) are joined from sets, in another order at every start, and are compiled
each time rather than written every time."""
_KEPT_ENTRIES = 10_000
"""A table grown past this many entries (old versions of changed classes and patterns) keeps
only what the last start used."""


@contextmanager
def compiled_once() -> Iterator[None]:
    kept, used = _kept(), _used()
    known = len(kept)
    regex_compiler = re._compiler.compile
    recorder = _SreRecorder()

    def exec_(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
        if type(source) is str:
            code = kept.get(source)
            if code is None:
                code = kept[source] = compile(source, "<string>", "exec", dont_inherit=True)
            used[source] = code
            source = code
        builtins.exec(source, globals, locals)

    def compile_regex(pattern: Any, flags: int = 0) -> re.Pattern:
        if type(pattern) not in (str, bytes) or flags & re.DEBUG:
            return regex_compiler(pattern, flags)
        key = (pattern, int(flags))
        arguments = kept.get(key)
        if arguments is None:
            compiled = regex_compiler(pattern, flags)
            arguments = _plain(recorder.last)
            if _marshallable(arguments):
                kept[key] = used[key] = arguments
            return compiled
        used[key] = arguments
        return recorder.sre.compile(*arguments)

    dataclasses.exec = exec_  # type: ignore[attr-defined]  # found before the builtin
    re._compiler.compile, re._compiler._sre = compile_regex, recorder  # type: ignore[attr-defined]
    try:
        yield
    finally:
        re._compiler.compile, re._compiler._sre = regex_compiler, recorder.sre  # type: ignore[attr-defined]
        del dataclasses.exec  # type: ignore[attr-defined]
        if len(kept) - known >= _WORTH_WRITING:
            _store(used if len(kept) > _KEPT_ENTRIES else kept)


class _SreRecorder:
    """Stands for ``_sre`` in ``re``'s compiler: the same module, but it notes the arguments
    of each thread's last ``compile``."""

    def __init__(self) -> None:
        self.sre = re._compiler._sre  # type: ignore[attr-defined]
        self._calls = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sre, name)

    @property
    def last(self) -> tuple[Any, ...]:
        return self._calls.arguments

    def compile(self, *arguments: Any) -> re.Pattern:
        self._calls.arguments = arguments
        return self.sre.compile(*arguments)


def _plain(arguments: tuple[Any, ...]) -> tuple[Any, ...]:
    """``re``'s opcodes are named ``int`` subclasses, which ``marshal`` refuses; ``_sre`` reads
    them as the numbers they are."""
    def plain(value: Any) -> Any:
        if isinstance(value, int) and type(value) is not bool:
            return int(value)
        return [plain(item) for item in value] if type(value) is list else value

    return tuple(plain(argument) for argument in arguments)


def _marshallable(value: Any) -> bool:
    try:
        marshal.dumps(value)
    except ValueError:
        return False
    return True


@cache
def _kept() -> dict[Any, Any]:
    """Texts and their code, patterns and their program, read once per process."""
    path = _path()
    try:
        kept = marshal.loads(path.read_bytes()) if path else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}


@cache
def _used() -> dict[Any, Any]:
    return {}


def _path() -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    version = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-o{sys.flags.optimize}"
    return folder.parent / "code" / f"compiled-{version}.marshal"


def _store(kept: dict[Any, Any]) -> None:
    path = _path()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, marshal.dumps(kept))
    except (OSError, ValueError):
        pass  # read-only home, full disk: the next start compiles again
