"""uvicorn's server with the two moments ``serve`` hooks into: listening on a known port
(``--port 0`` picks one, which only the bound socket knows), and stopped (the last request
answered, so a final state save misses nothing)."""

from __future__ import annotations

import socket
from typing import Awaitable, Callable

import uvicorn


class Host(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.on_listening: list[Callable[[int], None]] = []
        """Called with the bound port once the server accepts connections."""
        self.on_stopped: list[Callable[[], Awaitable[None]]] = []
        """Awaited after the last connection closed, still on the server's event loop."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            port = self.servers[0].sockets[0].getsockname()[1]
            for hook in self.on_listening:
                hook(port)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await super().shutdown(sockets)
        for hook in self.on_stopped:
            await hook()

