"""``/users/me/...``: the real server checks the token, then puts the user token's user id in
place of ``me`` before it validates the request, so the mock does both before routing.

With a live user token the path names that user from then on (the document's ``userId``
stays 24 hex characters); a bad token is 403 ``InvalidToken`` as it is first on the real
server; with the master token or none, ``me`` stays and fails validation with the real
server's 400 ``InputValidationError``. The operation checks the caller again when it runs
(see access.py).
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from ....world import World
from .rights import identify_caller

ME_PATH = re.compile(r"^/users/me(?=/|$)")
RAW_ME_PATH = re.compile(rb"^/users/me(?=/|$)")


def resolve_me(world: World, scope: MutableMapping[str, Any]) -> None:
    if not ME_PATH.match(scope["path"]):
        return
    caller = identify_caller(world, scope)
    if caller.is_root:
        return
    scope["path"] = ME_PATH.sub(f"/users/{caller.user}", scope["path"])
    if scope.get("raw_path") is not None:
        scope["raw_path"] = RAW_ME_PATH.sub(f"/users/{caller.user}".encode(), scope["raw_path"])
