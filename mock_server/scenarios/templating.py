"""Values in scenario steps: ``{{ vars.name }}`` placeholders and the filters steps need.

A string that is exactly one placeholder keeps the captured value's type (a number stays a
number in a JSON body); other strings are rendered as text.
"""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyotp
from jinja2 import Environment, StrictUndefined


def totp(secret: str) -> str:
    """The current code of a TOTP secret (base32), as an authenticator app would show it."""
    return pyotp.TOTP(secret).now()


def query_param(url: str, name: str) -> str:
    """One query parameter of a link (a token in a verification mail, say)."""
    return parse_qs(urlsplit(url).query)[name][0]


def regex(text: str, pattern: str) -> str:
    """The first group (or the whole match) of ``pattern`` in ``text``."""
    match = re.search(pattern, text)
    if match is None:
        raise ValueError(f"{pattern!r} not found in {text[:200]!r}")
    return match.group(1) if match.groups() else match.group(0)


def spaced(text: str, every: int = 4) -> str:
    """``abcdefgh`` -> ``abcd efgh``: how app passwords are shown and often typed."""
    return " ".join(text[i : i + every] for i in range(0, len(text), every))


def basic_auth(credentials: str) -> str:
    """``user:password`` -> the value of an ``Authorization: Basic`` header."""
    return "Basic " + base64.b64encode(credentials.encode()).decode()


_environment = Environment(undefined=StrictUndefined, autoescape=False)
_environment.filters.update(totp=totp, query_param=query_param, regex=regex, spaced=spaced, basic_auth=basic_auth)


def render(value: Any, variables: dict[str, Any]) -> Any:
    """``value`` with every placeholder in every string (keys included) filled in."""
    if isinstance(value, str):
        if "{{" not in value:
            return value
        if _is_single_placeholder(value):  # the expression's own value: "007" stays a string
            return _environment.compile_expression(value[2:-2].strip(), undefined_to_none=False)(vars=variables)
        return _environment.from_string(value).render(vars=variables)
    if isinstance(value, list):
        return [render(item, variables) for item in value]
    if isinstance(value, dict):
        return {render(key, variables): render(item, variables) for key, item in value.items()}
    return value


def _is_single_placeholder(text: str) -> bool:
    return text.startswith("{{") and text.endswith("}}") and text.count("{{") == 1
