"""The control API's JSON bodies, checked as Connexion checks them, but a large one off the loop.

A state document (``PUT /_mock/state``) of every namespace runs to tens of megabytes, and
checking it against its schema takes seconds. Connexion does that on the event loop, where
every request of every namespace waits meanwhile; here a body above ``OFF_LOOP_BYTES`` is
parsed and checked in a worker thread instead, with the same rules and the same refusals.

The parsed body is kept for the handler (:func:`parsed_body`), so a large document is not
parsed a second time (on the loop) for it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, AsyncGenerator

from connexion.exceptions import BadRequestProblem
from connexion.lifecycle import ConnexionRequest
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator
from connexion.datastructures import MediaTypeDict
from starlette.types import Scope

OFF_LOOP_BYTES = 256 * 1024
"""Below this, parsing and checking take a millisecond or two: not worth a thread."""
_PARSED = "mock.parsed_json_body"


class OffLoopJSONBodyValidator(JSONRequestBodyValidator):
    """Connexion's JSON body validator; a large body is parsed and checked in a worker thread."""

    _checked = False

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Scope) -> Any:
        raw = b"".join([chunk async for chunk in stream])
        if len(raw) < OFF_LOOP_BYTES:
            body = self._decoded(raw)
        else:
            body = await asyncio.to_thread(self._decoded_and_checked, raw)
            self._checked = True
        scope.setdefault("state", {})[_PARSED] = body
        return body

    def _validate(self, body: Any) -> dict | None:
        return None if self._checked else super()._validate(body)

    def _decoded(self, raw: bytes) -> Any:
        """What Connexion's ``_parse`` makes of the bytes, refusals included."""
        text = raw.decode(self._encoding)
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadRequestProblem(detail=str(exc)) from None

    def _decoded_and_checked(self, raw: bytes) -> Any:
        body = self._decoded(raw)
        if not (body is None and self._nullable):
            super()._validate(body)
        return body


VALIDATORS = {"body": MediaTypeDict({**VALIDATOR_MAP["body"], "*/*json": OffLoopJSONBodyValidator})}
"""Connexion's ``validator_map`` for the control API: its own validators, but for JSON bodies."""


async def parsed_body(request: ConnexionRequest) -> Any:
    """The request's JSON body as the validator parsed (and checked) it; parsed here only if
    no validator ran (Connexion would have refused a bad body before the handler)."""
    state = request.scope.get("state", {})
    if _PARSED in state:
        return state[_PARSED]
    return await request.json()
