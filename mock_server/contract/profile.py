"""The strict profile (``schemathesis.toml``) narrowed to one document.

The profile's ``[[operations]]`` sections name operations of several APIs; given whole to a
run of one document, Schemathesis warns "Unmatched filters: N filters matched no API
operations" on every run. Each run gets a copy holding only the sections that match an
operation of its own document (comments and all, cut at section headers).
"""

from __future__ import annotations

import re
import tempfile
import tomllib
from pathlib import Path

SECTION = "[[operations]]"


def narrowed(profile: Path, labels: set[str]) -> Path:
    """A temporary copy of ``profile`` without the operation sections none of ``labels``
    ("METHOD /path") match."""
    head, *sections = profile.read_text(encoding="utf-8").split(SECTION)
    kept = [section for section in sections if _matches(tomllib.loads(SECTION + section)["operations"][0], labels)]
    handle = tempfile.NamedTemporaryFile("w", suffix=".toml", prefix="schemathesis-", delete=False, encoding="utf-8")
    with handle:
        handle.write(head + "".join(SECTION + section for section in kept))
    return Path(handle.name)


def _matches(section: dict, labels: set[str]) -> bool:
    if "include-name" in section:
        return section["include-name"] in labels
    if "include-name-regex" in section:
        return any(re.search(section["include-name-regex"], label) for label in labels)
    return True  # a filter of another kind: keep it, Schemathesis judges it
