"""The mock served by a real uvicorn on a free loopback port, in a background thread of the
test process: the pytest plugin's default server, and the one the project's own tests use.

Tests talk to it with a plain HTTP client, exactly as a frontend or a CI job would.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from mock_server.app import MockServer, build_app
from mock_server.settings import Settings


class LiveServer:
    def __init__(self, settings: Settings) -> None:
        self.app: MockServer = build_app(settings)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", date_header=False, server_header=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "LiveServer":
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the mock server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> "LiveServer":
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()
