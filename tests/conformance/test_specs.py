"""Schemathesis, in-process, over every document in specs/: the mock honours its contracts.

Every mounted document gets a per-operation test (examples, coverage and fuzzing phases,
positive and negative data, every check, strict statuses from schemathesis.toml) and a
stateful test that follows the documents' OpenAPI links. New documents are picked up here
without editing this file.
"""

from __future__ import annotations

import re

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from mock_server.app import MockServer, build_app
from mock_server.contract import stateful_roots  # noqa: F401  (stateful scenarios start at POST /users too)
from mock_server.registry import ApiDescriptor, SpecMount, mounts_in_routing_order
from mock_server.settings import Settings
from mock_server.specs import load_document, operations

SEED = 20261122


def _fresh_app() -> MockServer:
    return build_app(Settings(seed=SEED, max_namespaces=1000))


def _headers(api: ApiDescriptor, app: MockServer) -> dict[str, str]:
    if api.conformance_headers is None:
        return {}
    return api.conformance_headers(app.runtime.worlds.get("default"))


def _slug(api: ApiDescriptor, mount: SpecMount) -> str:
    return re.sub(r"\W+", "_", f"{api.name}_{mount.file.removesuffix('.yaml')}")


def _credentials_for(case, headers: dict[str, str]) -> dict[str, str]:
    """The API's credentials, unless the case's headers were generated to be invalid.

    A negative case may drop or garble the security header (``Authorization``) on purpose;
    adding the credentials back would turn it into a valid request that the negative-data
    check then reports as accepted.
    """
    meta = case.meta
    header_info = meta.components.get(ParameterLocation.HEADER) if meta is not None else None
    if header_info is not None and header_info.mode.is_negative:
        return {}
    return headers


def _operation_test(api: ApiDescriptor, mount: SpecMount):
    app = _fresh_app()
    schema = schemathesis.openapi.from_asgi(f"{mount.base_path}/openapi.json", app)
    headers = _headers(api, app)

    @schema.parametrize()
    def test(case):
        case.call_and_validate(headers=_credentials_for(case, headers))

    return test


def _stateful_test(api: ApiDescriptor, mount: SpecMount):
    app = _fresh_app()
    schema = schemathesis.openapi.from_asgi(f"{mount.base_path}/openapi.json", app)
    headers = _headers(api, app)

    class Machine(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            app.runtime.worlds.reset_all()

        def get_call_kwargs(self, case):
            return {"headers": _credentials_for(case, headers)}

    return Machine.TestCase


def _has_links(mount: SpecMount) -> bool:
    return any(
        response.get("links")
        for _path, _method, operation in operations(load_document(mount.file))
        for response in (operation.get("responses") or {}).values()
    )


for _api, _mount in mounts_in_routing_order():
    globals()[f"test_{_slug(_api, _mount)}"] = _operation_test(_api, _mount)
    if _has_links(_mount):  # a document without links has no sequences to follow
        globals()[f"TestStateful_{_slug(_api, _mount)}"] = _stateful_test(_api, _mount)
