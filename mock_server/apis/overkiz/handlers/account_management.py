"""``/accountManagement/...``: the browser side of the password reset.

The mail's link opens the form (mock-only operations: the real service has its own web
pages for it); submitting it redirects to one of the two outcome pages the real API lists.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.responses import RedirectResponse

from ....errors import ApiError
from ....links import in_namespace, request_origin
from ....world import current_world
from .. import accounts, pages, tokens
from ..names import API_NAME, BASE_PATH

SUCCESS_PAGE = f"{BASE_PATH}/accountManagement/resetPasswordSuccess"
FAILURE_PAGE = f"{BASE_PATH}/accountManagement/resetPasswordFailure"


def reset_password_success() -> str:
    return pages.outcome(_brand(), success=True)


def reset_password_failure(error_message: str | None = None) -> str:
    return pages.outcome(_brand(), success=False, error_message=error_message)


def reset_password_form(token: str) -> str | RedirectResponse:
    world = current_world()
    if tokens.find(world, accounts.state_of(world), token, tokens.PASSWORD_RESET) is None:
        return _redirect_to_failure(tokens.INVALID_TOKEN)
    return pages.reset_form(_brand(), in_namespace(world, f"{BASE_PATH}/accountManagement/resetPassword"), token)


def submit_reset_password(body: dict[str, Any]) -> RedirectResponse:
    """A browser form: every outcome, refusals included, is a redirect to a page."""
    try:
        accounts.reset_password(current_world(), body["token"], body["password"])
    except ApiError as refused:
        return _redirect_to_failure(refused.message)
    return RedirectResponse(in_namespace(current_world(), request_origin() + SUCCESS_PAGE), status_code=303)


def _redirect_to_failure(message: str) -> RedirectResponse:
    """A Response, not a tuple: a body-less answer has no media type for Connexion to pick."""
    url = f"{request_origin()}{FAILURE_PAGE}?{urlencode({'errorMessage': message})}"
    return RedirectResponse(in_namespace(current_world(), url), status_code=303)


def _brand() -> str:
    return current_world().settings.api(API_NAME).brand
