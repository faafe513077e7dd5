"""Connexion imported without the libraries it imports at its top but a server never calls.

``connexion.apps.abstract`` imports Starlette's test client (and through httpx its command
line: click, rich, pygments), ``connexion.json_schema`` imports requests (for documents
fetched by URL), ``connexion.security`` httpx (for OAuth token introspection over HTTP) and
``connexion.spec`` Jinja (for documents written as templates), and its Swagger UI layer
Starlette's Jinja templates (made per document at start-up, used by the first ``/ui/`` page
served): about 0.25 s of every start
(issue 15: cold start) for code paths this server never takes. While Connexion's package is
being imported, those modules are stand-ins that import the real library on first use, so
code that does use them (a test calling ``app.test_client()``) gets the real objects, only
later. Once Connexion is in, the stand-ins leave ``sys.modules``: any other ``import httpx``
is the ordinary import.

:func:`install` hooks the first ``import connexion`` of the process, wherever it happens,
and costs nothing until then (the pytest plugin, which never imports Connexion, stays light).
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .lazy_module import LazyModule

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

DEFERRED = ("httpx", "requests", "jinja2")
"""Imported as a whole (``import httpx``) by Connexion and used only inside functions."""

TEST_CLIENT = "starlette.testclient"
"""Imported by name (``from starlette.testclient import TestClient``): the name is a stand-in."""

TEMPLATING = "starlette.templating"
"""Imported by name (``from starlette.templating import Jinja2Templates``): the name is a
stand-in whose objects build the real one on first use."""


def install() -> None:
    if "connexion" not in sys.modules and not any(isinstance(finder, _FirstImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _FirstImport())


class _FirstImport:
    """A meta path finder (``importlib.abc.MetaPathFinder``'s protocol; the ABC itself is a
    costly import) that finds nothing itself: it wraps the real loader of ``connexion`` once,
    then leaves."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: types.ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname != "connexion":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            run = spec.loader.exec_module

            def exec_module(module: types.ModuleType) -> None:
                with _stand_ins():
                    run(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


@contextmanager
def _stand_ins() -> Iterator[None]:
    stand_ins: dict[str, types.ModuleType] = {name: LazyModule(name) for name in DEFERRED if name not in sys.modules}
    if TEST_CLIENT not in sys.modules:
        test_client = LazyModule(TEST_CLIENT)
        test_client.TestClient = _test_client  # type: ignore[attr-defined]
        stand_ins[TEST_CLIENT] = test_client
    if TEMPLATING not in sys.modules:
        templating = LazyModule(TEMPLATING)
        templating.Jinja2Templates = _TemplatesOnFirstUse  # type: ignore[attr-defined]
        stand_ins[TEMPLATING] = templating
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _test_client(*args: Any, **kwargs: Any) -> Any:
    from starlette.testclient import TestClient

    return TestClient(*args, **kwargs)


class _TemplatesOnFirstUse:
    """Starlette's ``Jinja2Templates(*args, **kwargs)``, made (and Jinja imported) when the
    Swagger UI layer first renders a page with it; every attribute is the real object's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._arguments = (args, kwargs)
        self._templates: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # its own two, or a protocol's question (copy's __setstate__)
            raise AttributeError(name)
        if self._templates is None:
            from starlette.templating import Jinja2Templates

            args, kwargs = self._arguments
            self._templates = Jinja2Templates(*args, **kwargs)
        return getattr(self._templates, name)
