"""Credentials for a backend that is not the mock, per security scheme of the API's documents.

For each scheme a value comes from ``--auth SCHEME=VALUE`` or from the environment variable
``CONFORM_<API>_<SCHEME>`` (upper case, every other character an underscore), and becomes the
header the scheme names:

- http bearer: ``Authorization: Bearer VALUE``
- http basic: VALUE is ``user:password``, sent as ``Authorization: Basic ...``
- apiKey in a header: that header; apiKey in a cookie: ``Cookie: NAME=VALUE``

An apiKey that only travels in the query cannot be added to every generated request; give
the backend's header form with ``--header`` instead.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .targets import TargetError


def env_name(api: str, scheme: str) -> str:
    return "CONFORM_" + re.sub(r"[^A-Z0-9]", "_", f"{api}_{scheme}".upper())


def security_schemes(documents: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    schemes: dict[str, dict[str, Any]] = {}
    for document in documents:
        schemes.update((document.get("components") or {}).get("securitySchemes") or {})
    return schemes


def auth_headers(
    api: str,
    schemes: Mapping[str, dict[str, Any]],
    given: Iterable[str] = (),
    environ: Mapping[str, str] = os.environ,
) -> dict[str, str]:
    """Headers for every scheme that has a value, from ``given`` (SCHEME=VALUE) or ``environ``."""
    values = {scheme: environ[env_name(api, scheme)] for scheme in schemes if env_name(api, scheme) in environ}
    for item in given:
        scheme, separator, value = item.partition("=")
        if not separator or scheme not in schemes:
            raise TargetError(f"--auth {item!r}: expected SCHEME=VALUE with SCHEME one of {sorted(schemes) or 'none'}")
        values[scheme] = value
    headers: dict[str, str] = {}
    for scheme, value in values.items():
        name, header_value = _header_for(scheme, schemes[scheme], value)
        headers[name] = f"{headers[name]}; {header_value}" if name == "Cookie" and name in headers else header_value
    return headers


def _header_for(scheme: str, definition: dict[str, Any], value: str) -> tuple[str, str]:
    kind = definition.get("type")
    if kind == "http" and definition.get("scheme", "").lower() == "bearer":
        return "Authorization", f"Bearer {value}"
    if kind == "http" and definition.get("scheme", "").lower() == "basic":
        return "Authorization", "Basic " + base64.b64encode(value.encode()).decode()
    if kind == "apiKey" and definition.get("in") == "header":
        return definition["name"], value
    if kind == "apiKey" and definition.get("in") == "cookie":
        return "Cookie", f"{definition['name']}={value}"
    raise TargetError(f"security scheme {scheme!r} ({kind}, {definition.get('in') or definition.get('scheme')}) "
                      "cannot be sent on every request; pass the header with --header NAME:VALUE")


def parse_header(item: str) -> tuple[str, str]:
    name, separator, value = item.partition(":")
    if not separator or not name.strip():
        raise TargetError(f"--header {item!r}: expected NAME:VALUE")
    return name.strip(), value.strip()
