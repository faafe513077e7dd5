"""The strict profile (``schemathesis.toml``) narrowed to one document, plus the run's
known-good values.

The profile's ``[[operations]]`` sections name operations of several APIs; given whole to a
run of one document, Schemathesis warns "Unmatched filters: N filters matched no API
operations" on every run. Each run gets a copy holding only the sections that match an
operation of its own document (comments and all, cut at section headers).

Values the mock prepared for the run (``POST /_mock/conformance/{api}``) become Schemathesis
dictionaries bound to their parameters with probability :data:`KNOWN_GOOD_SHARE`: about half
of the cases use a real id or token and reach the success path, the other half stay
generated and probe the refusals. A value keyed ``METHOD /path binding`` is that operation's
own (a record only a destructive call may use up, say): it is bound in an ``[[operations]]``
section, which Schemathesis lets win over the shared ``[parameters]``, with probability
:data:`OWN_VALUES_SHARE`.
"""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from pathlib import Path

SECTION = "[[operations]]"
KNOWN_GOOD_SHARE = 0.5
OWN_VALUES_SHARE = 1.0
"""An operation's own values go into every positive case of it: they were prepared for that
operation alone, and some only work whole (a WebAuthn response signed over its challenge, a
code for a pending TOTP secret); its negative cases and its other parameters stay generated."""
OWN_VALUES_PHASES = ("examples", "coverage", "fuzzing")
"""Phases in which an operation with values of its own does not also take ids seen in earlier
responses (Schemathesis' extra data sources): those name the shared records, which such an
operation (a delete, say) would use up, and they would replace its own values."""


def narrowed(profile: Path, labels: set[str], values: dict[str, list[str | int]] | None = None) -> Path:
    """A temporary copy of ``profile`` without the operation sections none of ``labels``
    ("METHOD /path") match, with ``values`` bound to their parameters (those of an operation
    outside ``labels`` left out, as the sections are)."""
    head, *sections = profile.read_text(encoding="utf-8").split(SECTION)
    kept = [section for section in sections if _matches(tomllib.loads(SECTION + section)["operations"][0], labels)]
    own = {key: items for key, items in (values or {}).items() if key.rpartition(" ")[0] in ("", *labels)}
    text = head + "".join(SECTION + section for section in kept) + _bindings(own)
    tomllib.loads(text)  # a value that breaks the file fails here, naming the line
    handle = tempfile.NamedTemporaryFile("w", suffix=".toml", prefix="schemathesis-", delete=False, encoding="utf-8")
    with handle:
        handle.write(text)
    return Path(handle.name)


def _bindings(values: dict[str, list[str | int]]) -> str:
    """``[dictionaries.known-N]`` of each binding's values, ``[parameters]`` binding them for
    every operation and an ``[[operations]]`` section per operation with values of its own."""
    if not values:
        return ""
    lines = ["\n# Known-good values the mock prepared for this run"]
    for number, items in enumerate(values.values()):
        lines += [f"[dictionaries.known-{number}]", f"values = {json.dumps(items)}"]
    shared, by_operation = _split_keys(values)
    binding = "{} = {{ dictionary = \"known-{}\", probability = {} }}"
    if shared:
        lines.append("[parameters]")
        lines += [binding.format(json.dumps(key), number, KNOWN_GOOD_SHARE) for key, number in shared]
    for label, keys in by_operation.items():
        inline = ", ".join(binding.format(json.dumps(key), number, OWN_VALUES_SHARE) for key, number in keys)
        lines += ["[[operations]]", f"include-name = {json.dumps(label)}", f"parameters = {{ {inline} }}"]
        lines += [f"phases.{phase}.extra-data-sources.responses = false" for phase in OWN_VALUES_PHASES]
    return "\n".join(lines) + "\n"


def _split_keys(values: dict[str, list[str | int]]) -> tuple[list[tuple[str, int]], dict[str, list[tuple[str, int]]]]:
    """Binding keys (``path.userId``) apart from operation keys (``DELETE /users/{userId}
    path.userId``: that operation's own values, which win over the shared ones), each with
    the number of its dictionary."""
    shared: list[tuple[str, int]] = []
    by_operation: dict[str, list[tuple[str, int]]] = {}
    for number, key in enumerate(values):
        label, _, binding = key.rpartition(" ")
        if label:
            by_operation.setdefault(label, []).append((binding, number))
        else:
            shared.append((binding, number))
    return shared, by_operation


def _matches(section: dict, labels: set[str]) -> bool:
    if "include-name" in section:
        return section["include-name"] in labels
    if "include-name-regex" in section:
        return any(re.search(section["include-name-regex"], label) for label in labels)
    return True  # a filter of another kind: keep it, Schemathesis judges it
