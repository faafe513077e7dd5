"""Modules imported on first use, for libraries that only some requests need (issue 15: cold
start: every library imported at the top of a handler module was paid by every start).

``x509 = lazy("cryptography.x509")`` at a module's top reads like the import it replaces and
costs nothing; the first use of an attribute (``x509.load_pem_x509_certificate``) imports the
real module, through the ordinary import system and its lock, and every use answers from it.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


def lazy(name: str) -> Any:
    """The module ``name``, imported when an attribute of it is first used."""
    return LazyModule(name)


class LazyModule(types.ModuleType):
    """Stands for the module of the same name. It may also stand in ``sys.modules`` for a
    while (see :mod:`mock_server.connexion_import`); it steps out before importing the real
    one. The import system's own questions (``__path__``, asked by every ``from x import y``)
    are answered "none" rather than by importing."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)
