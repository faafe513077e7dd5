"""``GET /doc``: this API's documentation page."""

from ..doc_page import render_doc


def doc() -> str:
    return render_doc()
