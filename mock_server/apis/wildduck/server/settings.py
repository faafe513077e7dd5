"""``/settings``: the real server's setting keys (``lib/settings-handler.js``), their
defaults (``lib/consts.js`` and the default configuration), and values stored over them.

Only known keys can be set (the route refuses others), so every stored key is a known one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..context import Context
from ..errors import invalid_input

_DAY_MS = 24 * 3600 * 1000
_SAFE_INTEGER = 2**53 - 1
"""Joi's ``number()`` refuses what JavaScript can not count exactly."""
_GIB = 1024 * 1024 * 1024


@dataclass(frozen=True)
class SettingKey:
    key: str
    name: str
    description: str
    type: str
    default: Any


KEYS: tuple[SettingKey, ...] = (
    SettingKey("const:archive:time", "Archive time", "Time in ms after deleted messages will be purged", "duration", 25 * _DAY_MS),
    SettingKey("const:max:storage", "Disk quota", "Maximum allowed storage size in bytes", "size", _GIB),
    SettingKey("const:max:recipients", "Max daily recipients", "Daily maximum recipients count", "number", 2000),
    SettingKey("const:max:mailboxes", "Max mailboxes", "Maximum amount of mailboxes for a user", "number", 1500),
    SettingKey("const:max:rcpt_to", "Max message recipients", "Maximum recipients count for a single email", "number", 400),
    SettingKey("const:max:forwards", "Max forwards", "Daily maximum forward count", "number", 2000),
    SettingKey("const:authlog:time", "Auth log time", "Time in ms after authentication log entries will be purged", "duration", 30 * _DAY_MS),
    SettingKey("const:autoreply:interval", "Autoreply interval", "Delay between autoreplies for the same sender", "duration", 4 * 3600 * 1000),
    SettingKey("const:asp:limit", "ASP limit", "How many application passwords users can register", "number", 50),
    SettingKey("const:max:imap:download", "Max IMAP download", "Maximum default daily IMAP download size", "size", 10 * _GIB),
    SettingKey("const:max:pop3:download", "Max POP3 download", "Maximum default daily POP3 download size", "size", 10 * _GIB),
    SettingKey("const:max:imap:upload", "Max IMAP upload", "Maximum default daily IMAP upload size", "size", 10 * _GIB),
    SettingKey("const:max:filters", "Max filters", "Maximum number of filters for an account", "number", 400),
    SettingKey("const:sender:defer_times", "Deferred email delay",
               'Comma separated list of times between deferred delivery attempts. Eg. "5m, 15m, 20m, 1h, 1h, 1h"', "string",
               "5m, 7m, 8m, 25m, 75m, 2h, 4h, 4h, 4h, 4h, 4h, 4h, 4h, 4h, 4h, 4h, 4h"),
    SettingKey("const:max:bulk_batch_size", "Max bulk batch write size",
               "The maximum number of entries that are collected and then written in one insert query", "number", 150),
    SettingKey("const:domaincache:enabled", "Domain cache enabled status",
               "A true/false boolean value indicating whether domains are stored in a separate cache. Only these domains are allowed for inbound emails",
               "boolean", False),
)
BY_KEY = {entry.key: entry for entry in KEYS}
_NUMERIC_TEXT = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")
"""Text Joi converts to a number (no ``Infinity``, hex or ``1_000``)."""
_DEFER_TIMES = re.compile(r"^\d+\s*[a-z]*(\s*,\s*\d+\s*[a-z]*)*$")


def store(ctx: Context, key: str, value: Any) -> None:
    ctx.state.settings[key] = value


def value_of(ctx: Context, key: str) -> Any:
    """The stored value, else the key's default; None for an unknown key."""
    if key in ctx.state.settings:
        return ctx.state.settings[key]
    entry = BY_KEY.get(key)
    return entry.default if entry else None


def listing(ctx: Context, filter_text: str | None) -> list[dict[str, Any]]:
    """Stored keys whose name contains ``filter_text`` (any case), then every known key not
    stored, filter or not (the real ``SettingsHandler.list`` filters only stored rows),
    sorted by key."""
    wanted = (filter_text or "").lower()
    rows = []
    for entry in KEYS:
        stored = entry.key in ctx.state.settings
        if stored and wanted not in entry.key.lower():
            continue
        rows.append({"key": entry.key, "value": value_of(ctx, entry.key), "name": entry.name, "description": entry.description,
                     "default": entry.default, "type": entry.type, "custom": stored})
    return sorted(rows, key=lambda row: row["key"])


def converted(entry: SettingKey, value: Any) -> Any:
    """``value`` as the key's Joi rule converts it: numbers from numeric text, booleans from
    ``true``/``false``, the defer times as trimmed text; 400 ``InputValidationError`` otherwise."""
    if entry.type == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        invalid_input("value", '"value" must be a boolean')
    if entry.type == "string":
        if not isinstance(value, str):
            invalid_input("value", '"value" must be a string')
        value = value.strip()
        if value and not _DEFER_TIMES.fullmatch(value):
            invalid_input("value", f'"value" with value "{value}" fails to match the required pattern: /{_DEFER_TIMES.pattern}/')
        return value
    number = _number(value)
    if number is None:
        invalid_input("value", '"value" must be a number')
    if abs(number) > _SAFE_INTEGER:
        invalid_input("value", '"value" must be a safe number')
    return number


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and _NUMERIC_TEXT.fullmatch(value):
        number = float(value)
        return int(number) if number.is_integer() else number
    return None
