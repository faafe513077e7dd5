"""The ``Prefer`` request header, compatible with Prism: ``code=``, ``example=``,
``dynamic=true``, plus ``delay=`` (milliseconds).

A preferred response is built from the operation's documented responses, without running
the handler or touching state; only documented status codes can be asked for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..clock import iso
from ..errors import ApiError, Reason
from ..operation_index import PathTemplate
from ..specs import load_document
from ..world import World
from .documents import resolve
from .dynamic import generate

MAX_DELAY_MS = 60_000


@dataclass(frozen=True)
class Preference:
    code: int | None = None
    example: str | None = None
    dynamic: bool = False
    delay_ms: int = 0

    @property
    def shapes_response(self) -> bool:
        return self.code is not None or self.example is not None or self.dynamic


@dataclass(frozen=True)
class PreferredResponse:
    status: int
    body: bytes
    media_type: str | None
    native_error: bool = False
    """An error status the document gives no example for: the API's own error shape answers."""


def parse_prefer(header: str) -> Preference:
    """Read the preferences this mock understands; anything else in the header is ignored."""
    values: dict[str, str] = {}
    for item in header.replace(";", ",").split(","):
        name, _, value = item.strip().partition("=")
        values[name.strip().lower()] = value.strip().strip('"')
    try:
        return Preference(
            code=int(values["code"]) if "code" in values else None,
            example=values.get("example") or None,
            dynamic=values.get("dynamic", "").lower() == "true",
            delay_ms=min(max(int(values.get("delay", "0")), 0), MAX_DELAY_MS),
        )
    except ValueError as exc:
        raise ApiError(400, f"Prefer header not understood: {header!r}", reason=Reason.MOCK) from exc


def preferred_response(preference: Preference, template: PathTemplate, method: str, world: World) -> PreferredResponse | None:
    """The documented response the client asked for (None: the method is not documented)."""
    document = load_document(template.mount.file)
    operation = template.operations.get(method)
    if operation is None:
        return None
    responses = {str(code): resolve(document, response) for code, response in (operation.get("responses") or {}).items()}
    status = _status(preference, responses, f"{method} {template.mount.base_path}{template.template}")
    response = responses[str(status)]
    content = response.get("content") or {}
    if not content:
        return PreferredResponse(status, b"", None)
    media_type = "application/json" if "application/json" in content else next(iter(content))
    media = content[media_type]
    if preference.example is not None:
        body = _named_example(document, media, preference.example, status)
    elif preference.dynamic:
        body = generate(document, media.get("schema", {}), world.random("prefer"), iso(world.now()))
    elif "example" in media or media.get("examples"):
        body = media["example"] if "example" in media else resolve(document, next(iter(media["examples"].values()))).get("value")
    elif status >= 400:
        return PreferredResponse(status, b"", None, native_error=True)
    else:
        body = generate(document, media.get("schema", {}), world.random("prefer"), iso(world.now()))
    encoded = json.dumps(body).encode() if "json" in media_type else str(body).encode()
    return PreferredResponse(status, encoded, media_type)


def _status(preference: Preference, responses: dict[str, Any], operation: str) -> int:
    documented = sorted(code for code in responses if code.isdigit())
    if preference.code is None:
        return int(next((code for code in documented if code.startswith("2")), documented[0]))
    if str(preference.code) not in documented:
        raise ApiError(
            400,
            f"Prefer code={preference.code} is not a documented status of {operation} (documented: {', '.join(documented)})",
            reason=Reason.MOCK,
        )
    return preference.code


def _named_example(document: dict[str, Any], media: dict[str, Any], name: str, status: int) -> Any:
    examples = media.get("examples") or {}
    if name not in examples:
        raise ApiError(
            400,
            f"Prefer example={name!r} is not an example of the {status} response (examples: {', '.join(examples) or 'none'})",
            reason=Reason.MOCK,
        )
    return resolve(document, examples[name]).get("value")
