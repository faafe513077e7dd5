"""A stored file, as the real server keeps it in GridFS (``storage.files``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class StoredFile:
    id: str
    user: str
    filename: str
    content_type: str
    content: str
    """The bytes, base64 encoded (state is plain JSON-able data)."""
    size: int
    created: datetime
    cid: str | None = None
