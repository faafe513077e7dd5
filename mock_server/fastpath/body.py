"""A JSON request body checked the way Connexion's JSONRequestBodyValidator checks it, with the
validator built once per operation and media type instead of per request.

Only the plain case is decided here: a non-empty UTF-8 JSON body that parses and validates.
Anything else (no body, a default body, another encoding, form or multipart data, invalid
JSON, a schema violation) is ``NOT_ADMITTED``, and the request goes to Connexion unchanged.
An admitted body is handed to the handler as parsed here, as Connexion would parse it again.
"""

from __future__ import annotations

import json
from typing import Any

from connexion.json_schema import Draft4RequestValidator
from connexion.validators import JSONRequestBodyValidator
from jsonschema import Draft4Validator

from .compiled_schema import SchemaCheck


NOT_ADMITTED = object()


class JsonBodyCheck:
    def __init__(self, schema: dict[str, Any]) -> None:
        self._check = SchemaCheck(schema, Draft4RequestValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER))

    def parsed(self, raw: bytes, encoding: str) -> Any:
        """The body's value when it is plainly valid, else ``NOT_ADMITTED``."""
        if encoding.lower() not in ("utf-8", "utf8") or not raw:
            return NOT_ADMITTED
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            return NOT_ADMITTED
        return body if body is not None and self._check.is_valid(body) else NOT_ADMITTED


def is_plain_json_validator(validator_class: type) -> bool:
    """Only Connexion's own JSON validator is mirrored; a custom one would need its own copy."""
    return validator_class is JSONRequestBodyValidator
