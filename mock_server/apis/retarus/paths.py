"""Path values as the records know them.

``USER`` may arrive with ``@`` or ``%40`` (clients that quote the ``@`` and then have it
unquoted once, Schemathesis among them, send ``%40``); addresses compare without case.
The documents' patterns end in ``$``, which Python's validator also matches before one final
newline, so a value may carry one; it is not part of the name.
"""

from __future__ import annotations


def customer_number(raw: str) -> str:
    return raw.removesuffix("\n")


def address(raw: str) -> str:
    return raw.removesuffix("\n").replace("%40", "@").lower()
