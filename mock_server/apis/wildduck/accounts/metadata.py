"""``metaData`` / ``internalData``: an object, or a JSON string of one (the real server's
``metaDataSchema``), stored as the object. The string form is what clients written against
the real server's form-encoded API send."""

from __future__ import annotations

import json
from typing import Any

from ....errors import ApiError, Reason
from ..errors import INPUT_VALIDATION, invalid_input

MAX_JSON_LENGTH = 1024 * 1024


def read(field: str, value: Any) -> dict[str, Any]:
    """The object given, or the object the JSON string holds; 400 as the real server otherwise."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        invalid_input(field, f'"{field}" contains an invalid value')
    try:
        parsed = json.loads(value)
    except ValueError:
        invalid_input(field, f'"{field}" contains an invalid value')
    if len(value.strip()) > MAX_JSON_LENGTH:
        invalid_input(field, f'"value" length must be less than or equal to {MAX_JSON_LENGTH} characters long')
    if not isinstance(parsed, dict):
        invalid_input(field, '"value" must be of type object')
    return parsed


def read_fields(body: dict[str, Any]) -> dict[str, Any]:
    """The body with ``metaData`` and ``internalData`` read into objects; both are checked
    and reported together, as Joi (``abortEarly: false``) does."""
    read_body, problems = dict(body), {}
    for name in ("metaData", "internalData"):
        if name in body:
            try:
                read_body[name] = read(name, body[name])
            except ApiError as error:
                problems.update(error.details or {})
    if problems:
        raise ApiError(400, ". ".join(problems.values()), code=INPUT_VALIDATION, details=problems, reason=Reason.VALIDATION)
    return read_body
