"""The state document of every namespace (``GET /_mock/state``, the state file), taken
without making the other clients wait.

Every request of every namespace is served on one event loop, and a namespace's records are
only consistent between two of its requests, so they must be read on the loop. Reading all
of them in one go takes about 10 ms per seeded namespace (half a second for 40), during which
no other request is answered. :func:`snapshot` reads one namespace at a time and lets waiting
requests run in between: each namespace in the document is as it was between two of its
requests, and the namespaces are those there were when the snapshot began (a namespace reset
or replaced meanwhile is taken as it was). Encoding the document to JSON, which by then shares
nothing with the live records, runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from .world import EXPORT_VERSION, Worlds


async def snapshot(worlds: Worlds) -> dict[str, Any]:
    """The state document, read namespace by namespace on the event loop."""
    namespaces: dict[str, Any] = {}
    for name, world in worlds.current():
        namespaces[name] = world.export()
        await asyncio.sleep(0)  # let the requests that came in meanwhile run
    return {"version": EXPORT_VERSION, "namespaces": namespaces}


def encode(document: dict[str, Any]) -> bytes:
    """Exactly ``json.dumps(document) + "\\n"`` (what the control API sends for a JSON body), but
    made namespace by namespace: the encoder holds the interpreter lock for a whole call, so
    in a worker thread it lets the event loop run between namespaces rather than only at the
    end of a document of many megabytes."""
    pieces = (f"{json.dumps(name)}: {json.dumps(world)}" for name, world in document["namespaces"].items())
    return f'{{"version": {json.dumps(document["version"])}, "namespaces": {{{", ".join(pieces)}}}}}\n'.encode()


async def exported(worlds: Worlds) -> tuple[bytes, int]:
    """The encoded state document of every namespace, and how many namespaces it holds."""
    document = await snapshot(worlds)
    return await asyncio.to_thread(encode, document), len(document["namespaces"])
