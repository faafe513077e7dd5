"""Modules imported on first use, for libraries that only some requests need (issue 15: cold
start: every library imported at the top of a handler module was paid by every start).

``x509 = lazy("cryptography.x509")`` at a module's top reads like the import it replaces and
costs nothing; the first use of an attribute (``x509.load_pem_x509_certificate``) imports the
real module, through the ordinary import system and its lock, and every use answers from it.

:func:`on_first_import` does the same for what a third-party package imports at its top: while
the package itself is being imported, some of its imports find stand-ins in ``sys.modules``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec


def lazy(name: str) -> Any:
    """The module ``name``, imported when an attribute of it is first used."""
    return LazyModule(name)


class LazyModule(types.ModuleType):
    """Stands for the module of the same name. It may also stand in ``sys.modules`` for a
    while (see :func:`on_first_import`); it steps out before importing the real one. The
    import system's own questions (``__path__``, asked by every ``from x import y``) are
    answered "none" rather than by importing."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)


def on_first_import(package: str, stand_ins: Callable[[], dict[str, types.ModuleType]]) -> None:
    """When ``package`` is first imported in this process, wherever that happens, the modules
    ``stand_ins()`` returns (by name) sit in ``sys.modules`` while its top runs, and leave
    after: any later import of one of them is the ordinary import. Costs nothing until then."""
    if package not in sys.modules and not any(
        isinstance(finder, _FirstImport) and finder.package == package for finder in sys.meta_path
    ):
        sys.meta_path.insert(0, _FirstImport(package, stand_ins))


class _FirstImport:
    """A meta path finder (``importlib.abc.MetaPathFinder``'s protocol; the ABC itself is a
    costly import) that finds nothing itself: it wraps the real loader of its package once,
    then leaves."""

    def __init__(self, package: str, stand_ins: Callable[[], dict[str, types.ModuleType]]) -> None:
        self.package = package
        self._stand_ins = stand_ins

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: types.ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname != self.package:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            run = spec.loader.exec_module

            def exec_module(module: types.ModuleType) -> None:
                with _standing_in(self._stand_ins()):
                    run(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


@contextmanager
def _standing_in(stand_ins: dict[str, types.ModuleType]) -> Iterator[None]:
    stand_ins = {name: module for name, module in stand_ins.items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
