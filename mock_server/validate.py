"""``mock-server validate``: every document is valid OpenAPI and every operation has a handler.

Connexion resolves handlers lazily, so a misspelt operationId would only show up as a 500 on
the first call; this check finds it before the server starts.
"""

from __future__ import annotations

from dataclasses import dataclass

import copy

from connexion.spec import Specification
from openapi_spec_validator import validate as validate_spec

from .registry import all_apis
from .resolver import import_handler
from .specs import SPECS_DIR, load_document, operations

SECURITY_FUNCTION_KEYS = ("x-bearerInfoFunc", "x-basicInfoFunc", "x-apikeyInfoFunc", "x-tokenInfoFunc")


@dataclass
class Problem:
    document: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.document}: {self.where}: {self.message}"


def find_problems() -> list[Problem]:
    problems: list[Problem] = []
    mounted = set()
    for api in all_apis():
        for mount in api.mounts:
            mounted.add(mount.file)
            problems += _check_document(mount.file, api.handlers_package)
    for path in sorted(SPECS_DIR.glob("*.yaml")):
        if path.name not in mounted:
            problems.append(Problem(path.name, "-", "no API mounts this document"))
    return problems


def _check_document(name: str, package: str) -> list[Problem]:
    try:
        document = load_document(name)
        validate_spec(document)
        Specification.from_dict(copy.deepcopy(document))  # Connexion's own check, skipped by serve (app.py)
    except Exception as exc:  # noqa: BLE001 - any failure to load or validate is the report
        return [Problem(name, "document", str(exc).splitlines()[0])]
    problems = []
    for path, method, operation in operations(document):
        operation_id = operation.get("operationId")
        try:
            import_handler(package, operation_id)
        except (ImportError, AttributeError, TypeError, ValueError) as exc:
            problems.append(Problem(name, f"{method} {path}", f"operationId {operation_id!r}: {exc}"))
    for scheme_name, scheme in (document.get("components", {}).get("securitySchemes") or {}).items():
        for key in SECURITY_FUNCTION_KEYS:
            if key in scheme:
                package_name, _, function = scheme[key].rpartition(".")
                try:
                    import_handler(package_name, function)
                except (ImportError, AttributeError, ValueError) as exc:
                    problems.append(Problem(name, f"securityScheme {scheme_name}", f"{key}: {exc}"))
    return problems
