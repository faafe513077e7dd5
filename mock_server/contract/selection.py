"""Which operations of a document a ``compare`` run covers (``--operation``, ``--operation-regex``).

An operation is named the way ``conform``'s ``--allow-unreached`` names it: ``METHOD /path``
exactly as the document writes it, or its operationId. A regex is searched in both, so
``--operation-regex '^submission\\.'`` takes a whole package of handlers and
``--operation-regex ' /users/\\{userId\\}/storage'`` every method on a path. Nothing given
means every operation. A name or regex that matches no operation is a usage error, so a typo
does not silently compare nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OperationSelection:
    names: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()

    @classmethod
    def parse(cls, names: Iterable[str], patterns: Iterable[str]) -> OperationSelection:
        """Raises ValueError naming the first regex that does not compile."""
        patterns = tuple(patterns)
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"--operation-regex {pattern!r}: {error}") from None
        return cls(tuple(name.strip() for name in names), patterns)

    @property
    def everything(self) -> bool:
        return not self.names and not self.patterns

    def selects(self, label: str, operation_id: str) -> bool:
        if self.everything:
            return True
        if label in self.names or (operation_id and operation_id in self.names):
            return True
        return any(re.search(pattern, label) or re.search(pattern, operation_id) for pattern in self.patterns)

    def unmatched(self, operations: Iterable[tuple[str, str]]) -> list[str]:
        """The names and regexes that select none of ``operations`` (label, operationId)."""
        known = list(operations)
        missing = [f"--operation {name!r}" for name in self.names
                   if not any(name in (label, operation_id) for label, operation_id in known)]
        missing += [f"--operation-regex {pattern!r}" for pattern in self.patterns
                    if not any(re.search(pattern, label) or re.search(pattern, operation_id) for label, operation_id in known)]
        return missing
