"""``GET /doc``: the HTML documentation, generated from the OpenAPI document itself (once,
on first use), so it can never disagree with what the mock enforces."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...specs import load_document, operations
from .names import BASE_PATH

if TYPE_CHECKING:
    from jinja2 import Environment
    from markdown_it import MarkdownIt

SPEC_FILE = "overkiz-enduser.yaml"


@cache
def _templates() -> Environment:
    """Built with the page, not at start-up (Jinja is ~30 ms to import)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"]))
    templates.filters["markdown"] = lambda text: Markup(_markdown().render(text or ""))
    return templates


@cache
def _markdown() -> MarkdownIt:
    """The document's descriptions are CommonMark (as OpenAPI says); raw HTML in them stays
    text. Built with the page, not at start-up (markdown-it is ~25 ms to import)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


@cache
def render_doc() -> str:
    document = load_document(SPEC_FILE)
    tags: dict[str, dict[str, Any]] = {
        tag["name"]: {"name": tag["name"], "description": tag.get("description", ""), "operations": []}
        for tag in document.get("tags", [])
    }
    for path, method, operation in operations(document):
        for tag in operation.get("tags", ["Other"]):
            tags.setdefault(tag, {"name": tag, "description": "", "operations": []})["operations"].append(
                _operation(document, path, method, operation)
            )
    return _templates().get_template("doc.html").render(
        title=document["info"]["title"],
        version=document["info"]["version"],
        description=document["info"].get("description", ""),
        base_path=BASE_PATH,
        tags=[tag for tag in tags.values() if tag["operations"]],
    )


def _operation(document: dict[str, Any], path: str, method: str, operation: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": operation["operationId"],
        "method": method,
        "path": path,
        "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "deprecated": operation.get("deprecated", False),
        "scope": "Authenticated session" if operation.get("security", document.get("security")) else "Public",
        "parameters": [
            {
                "where": parameter["in"],
                "name": parameter["name"],
                "required": parameter.get("required", False),
                "type": _resolve(document, parameter.get("schema", {})).get("type", ""),
                "description": parameter.get("description", ""),
            }
            for parameter in (_resolve(document, item) for item in operation.get("parameters", []))
        ],
        "body": _body(document, operation.get("requestBody")),
        "responses": [
            {"status": status, "description": _resolve(document, response).get("description", "")}
            for status, response in sorted(operation.get("responses", {}).items())
        ],
    }


def _body(document: dict[str, Any], request_body: dict[str, Any] | None) -> dict[str, str] | None:
    if not request_body:
        return None
    media_type, content = next(iter(_resolve(document, request_body)["content"].items()))
    example = content.get("example") or _resolve(document, content.get("schema", {})).get("example")
    return {"media_type": media_type, "example": json.dumps(example, indent=2) if example is not None else ""}


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/components/...``) to what it names."""
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node
