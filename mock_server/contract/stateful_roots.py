"""Where Schemathesis' stateful phase may start a scenario: every create without path
parameters, whatever its dependency inference says.

Schemathesis (4.32) starts scenarios only at "root" operations it judges likely to succeed,
and its inference reads a body field whose name ends in ``Address`` as a reference to
another resource. WildDuck's ``POST /users`` has ``emptyAddress`` and ``addTagsToAddress``,
so it counted as needing resources nothing produces and never started a scenario: every
link chain of the document, all of which start there, went untested (0 links covered, on the
mock and on a real server alike). Importing this module corrects that for the process; the
``conform`` subprocess and the in-process conformance tests both import it.
"""

from __future__ import annotations

from typing import Any

from schemathesis.specs.openapi import stateful

_inferred = stateful.is_likely_root_transition


def is_likely_root_transition(operation: Any, node: Any, produced_anywhere: set[str]) -> bool:
    if operation.method == "post" and not operation.path_parameters:
        return True
    return _inferred(operation, node, produced_anywhere)


stateful.is_likely_root_transition = is_likely_root_transition
