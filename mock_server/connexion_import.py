"""Connexion imported without the libraries it imports at its top but a server never calls.

``connexion.apps.abstract`` imports Starlette's test client (and through httpx its command
line: click, rich, pygments), ``connexion.json_schema`` imports requests (for documents
fetched by URL), ``connexion.security`` httpx (for OAuth token introspection over HTTP) and
``connexion.spec`` Jinja (for documents written as templates), and its Swagger UI layer
Starlette's Jinja templates (made per document at start-up, used by the first ``/ui/`` page
served): about 0.25 s of every start (issue 15: cold start) for code paths this server never
takes at start-up. While Connexion's package is being imported, those modules are stand-ins
that import the real library on first use, so code that does use them (a test calling
``app.test_client()``, the first ``/ui/`` page) gets the real objects, only later. Once
Connexion is in, the stand-ins leave ``sys.modules``: any other ``import httpx`` is the
ordinary import.

:func:`install` hooks the first ``import connexion`` of the process, wherever it happens,
and costs nothing until then (the pytest plugin, which never imports Connexion, stays light).
"""

from __future__ import annotations

import types
from typing import Any

from .lazy_module import LazyModule, on_first_import

DEFERRED = ("httpx", "requests", "jinja2")
"""Imported as a whole (``import httpx``) by Connexion and used only inside functions."""

TEST_CLIENT = "starlette.testclient"
"""Imported by name (``from starlette.testclient import TestClient``): the name is a stand-in."""

TEMPLATING = "starlette.templating"
"""Imported by name (``from starlette.templating import Jinja2Templates``): the name is a
stand-in whose objects build the real one on first use."""


def install() -> None:
    on_first_import("connexion", _stand_ins)


def _stand_ins() -> dict[str, types.ModuleType]:
    stand_ins: dict[str, types.ModuleType] = {name: LazyModule(name) for name in DEFERRED}
    stand_ins[TEST_CLIENT] = LazyModule(TEST_CLIENT)
    stand_ins[TEST_CLIENT].TestClient = _test_client  # type: ignore[attr-defined]
    stand_ins[TEMPLATING] = LazyModule(TEMPLATING)
    stand_ins[TEMPLATING].Jinja2Templates = _TemplatesOnFirstUse  # type: ignore[attr-defined]
    return stand_ins


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
