"""The set-password page the token mail links to (by default): the mock's stand-in for the
page Retarus hosts. It shows whether the token can still be used and calls
``PUT /{USER}/password`` itself, so following the mail's link completes the real flow."""

from __future__ import annotations

from ...templates import templates_beside

_templates = templates_beside(__file__)


def form(address: str, token: str, put_url: str) -> str:
    return _templates.get_template("password_page.html").render(address=address, token=token, put_url=put_url, refused=None)


def refused(reason: str) -> str:
    return _templates.get_template("password_page.html").render(refused=reason)
