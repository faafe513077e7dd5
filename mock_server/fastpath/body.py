"""A JSON request body checked the way Connexion's JSONRequestBodyValidator checks it, with the
validator built once per operation and media type instead of per request.

Only the plain case is decided here: a non-empty UTF-8 JSON body that parses and validates.
Anything else (no body, a default body, another encoding, form or multipart data, invalid
JSON, a schema violation) returns False, and the request goes to Connexion unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from connexion.json_schema import Draft4RequestValidator
from connexion.validators import JSONRequestBodyValidator
from jsonschema import Draft4Validator


class JsonBodyCheck:
    def __init__(self, schema: dict[str, Any]) -> None:
        self._validator = Draft4RequestValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)

    def accepts(self, raw: bytes, encoding: str) -> bool:
        if encoding.lower() not in ("utf-8", "utf8") or not raw:
            return False
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            return False
        return body is not None and self._validator.is_valid(body)


def is_plain_json_validator(validator_class: type) -> bool:
    """Only Connexion's own JSON validator is mirrored; a custom one would need its own copy."""
    return validator_class is JSONRequestBodyValidator
