"""Connexion's security check asks, on every request, whether the document's info function
takes ``required_scopes`` and ``request``: two ``inspect.signature`` calls per request (a tenth
of a Retarus read). The answer is a property of the function, which never changes, so it is
remembered. This replaces Connexion's static method for the whole process (its own path
included, where the answer is the same)."""

from __future__ import annotations

import functools

from connexion.security import AbstractSecurityHandler

_FUNCTIONS_REMEMBERED = 256
"""Info functions come from the documents: a handful. The bound only keeps memory finite."""


def remember_info_function_signatures() -> None:
    accepts = AbstractSecurityHandler.__dict__["_accepts_kwarg"].__func__
    if not hasattr(accepts, "cache_info"):
        AbstractSecurityHandler._accepts_kwarg = staticmethod(functools.lru_cache(maxsize=_FUNCTIONS_REMEMBERED)(accepts))
