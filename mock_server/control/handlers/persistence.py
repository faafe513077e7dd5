"""``POST /_mock/state/save``: write the state file now (before a planned kill, a backup)."""

from __future__ import annotations

from typing import Any

from ...errors import ApiError, Reason
from ...runtime import current_runtime


async def save_state() -> dict[str, Any]:
    state_file = current_runtime().state_file
    if state_file is None:
        raise ApiError(
            409, "This server keeps no state file: start it with --state-file PATH (or MOCK_STATE_FILE)",
            reason=Reason.MOCK,
        )
    try:
        report = await state_file.save()
    except OSError as exc:
        raise ApiError(503, f"Cannot write the state file {state_file.path}: {exc}", reason=Reason.MOCK) from exc
    return {
        "path": report.path,
        "namespaces": report.namespaces,
        "bytes": report.bytes,
        "savedAt": report.saved_at.isoformat(),
    }
