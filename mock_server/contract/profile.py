"""The strict profile (``schemathesis.toml``) narrowed to one document, plus the run's
known-good values.

The profile's ``[[operations]]`` sections name operations of several APIs; given whole to a
run of one document, Schemathesis warns "Unmatched filters: N filters matched no API
operations" on every run. Each run gets a copy holding only the sections that match an
operation of its own document (comments and all, cut at section headers).

Values the mock prepared for the run (``POST /_mock/conformance/{api}``) become Schemathesis
dictionaries bound to their parameters with probability :data:`KNOWN_GOOD_SHARE`: about half
of the cases use a real id or token and reach the success path, the other half stay
generated and probe the refusals.
"""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from pathlib import Path

SECTION = "[[operations]]"
KNOWN_GOOD_SHARE = 0.5


def narrowed(profile: Path, labels: set[str], values: dict[str, list[str | int]] | None = None) -> Path:
    """A temporary copy of ``profile`` without the operation sections none of ``labels``
    ("METHOD /path") match, with ``values`` bound to their parameters."""
    head, *sections = profile.read_text(encoding="utf-8").split(SECTION)
    kept = [section for section in sections if _matches(tomllib.loads(SECTION + section)["operations"][0], labels)]
    text = head + "".join(SECTION + section for section in kept) + _bindings(values or {})
    tomllib.loads(text)  # a value that breaks the file fails here, naming the line
    handle = tempfile.NamedTemporaryFile("w", suffix=".toml", prefix="schemathesis-", delete=False, encoding="utf-8")
    with handle:
        handle.write(text)
    return Path(handle.name)


def _bindings(values: dict[str, list[str | int]]) -> str:
    """``[dictionaries.known-N]`` of each binding's values and ``[parameters]`` binding them."""
    if not values:
        return ""
    lines = ["\n# Known-good values the mock prepared for this run"]
    for number, items in enumerate(values.values()):
        lines += [f"[dictionaries.known-{number}]", f"values = {json.dumps(items)}"]
    lines.append("[parameters]")
    lines += [f"{json.dumps(key)} = {{ dictionary = \"known-{number}\", probability = {KNOWN_GOOD_SHARE} }}"
              for number, key in enumerate(values)]
    return "\n".join(lines) + "\n"


def _matches(section: dict, labels: set[str]) -> bool:
    if "include-name" in section:
        return section["include-name"] in labels
    if "include-name-regex" in section:
        return any(re.search(section["include-name-regex"], label) for label in labels)
    return True  # a filter of another kind: keep it, Schemathesis judges it
