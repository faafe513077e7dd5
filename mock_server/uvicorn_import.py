"""uvicorn imported without its command line, which a server started by ``mock-server serve``
never runs (``serve`` installs this; a library user's process, the pytest plugin's, is left
as it is).

``uvicorn/__init__.py`` imports ``uvicorn.main`` for ``uvicorn.run`` and ``uvicorn.main``
(the ``uvicorn`` command), and with it click and the reload and worker supervisors
(watchfiles, multiprocessing): two dozen modules on every start (issue 15: cold start), while
``serve`` only uses ``uvicorn.Config`` and ``uvicorn.Server``. While uvicorn's package is
being imported, ``uvicorn.main`` is a stand-in: its ``Server`` is the real class (it lives in
``uvicorn.server``), and ``run`` and ``main`` import the real command line when called
(``mock-server proxy`` calls ``uvicorn.run``).

:func:`websockets_on_first_upgrade` likewise leaves the WebSocket protocol's import (the
websockets library, another 17 modules) to the first upgrade request.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

from .lazy_module import LazyModule, on_first_import

COMMAND_LINE = "uvicorn.main"


def install() -> None:
    on_first_import("uvicorn", lambda: {COMMAND_LINE: _CommandLine(COMMAND_LINE)})


class _CommandLine(LazyModule):
    def __getattr__(self, attribute: str) -> Any:
        if attribute == "Server":
            from uvicorn.server import Server

            return Server
        return super().__getattr__(attribute)

    @staticmethod
    def run(*args: Any, **kwargs: Any) -> Any:
        return _real().run(*args, **kwargs)

    @staticmethod
    def main(*args: Any, **kwargs: Any) -> Any:
        return _real().main(*args, **kwargs)


def websockets_on_first_upgrade(**kwargs: Any) -> Any:
    """What uvicorn's ``ws="auto"`` builds for an upgrade request, imported by the first one
    rather than by ``Config.load`` at start-up. A protocol factory is what uvicorn calls it as;
    websockets itself comes with ``uvicorn[standard]``, which Connexion's extra requires."""
    from uvicorn.protocols.websockets.auto import AutoWebSocketsProtocol

    assert AutoWebSocketsProtocol is not None
    return AutoWebSocketsProtocol(**kwargs)


def _real() -> types.ModuleType:
    """The real ``uvicorn.main``. Importing it makes the package's ``main`` the module, so it
    is set back to the command, as uvicorn's own package leaves it."""
    command_line = sys.modules.get(COMMAND_LINE)
    if command_line is None:
        import uvicorn

        command_line = importlib.import_module(COMMAND_LINE)
        uvicorn.main = command_line.main  # type: ignore[attr-defined]
    return command_line
