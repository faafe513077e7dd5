"""The mails that carry single-use tokens, one function per token-issuing action.

Each mail names the call that uses the token (method and URL on the server the request came
to), so a developer can follow the link by hand and a test can take the token from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from ...clock import iso
from ...links import in_namespace
from ...templates import templates_beside
from ...world import World
from .names import API_NAME, BASE_PATH
from .state import Account, SingleUseToken

_templates = templates_beside(__file__)


@dataclass(frozen=True)
class Action:
    label: str
    method: str
    url: str


def send_account_validation(world: World, origin: str, account: Account, token: SingleUseToken) -> None:
    url = f"{origin}{BASE_PATH}/enduser/{quote(account.user_id, safe='@')}/validation/{token.value}"
    _send(world, account, account.end_user.email, "Validate your account",
          "Please confirm your account and your e-mail address.", [Action("Validate my account", "POST", url)], token)


def send_email_validation(world: World, origin: str, account: Account, token: SingleUseToken) -> None:
    url = f"{origin}{BASE_PATH}/enduser/email/validation/{token.value}"
    _send(world, account, token.subject, "Confirm your e-mail address",
          f"Please confirm that {token.subject} belongs to you (sign in as {account.user_id} first).",
          [Action("Confirm this address", "POST", url)], token)


def send_terms_of_use(world: World, origin: str, account: Account, token: SingleUseToken) -> None:
    base = f"{origin}{BASE_PATH}/termsOfUse/{quote(token.subject)}"
    _send(world, account, account.end_user.email, f"Terms of use of your gateway {token.subject}",
          f"Please accept or decline the terms of use of gateway {token.subject}.",
          [Action("Accept", "POST", f"{base}/accept/{token.value}"), Action("Decline", "POST", f"{base}/decline/{token.value}")],
          token)


def send_password_reset(world: World, origin: str, account: Account, token: SingleUseToken) -> None:
    url = f"{origin}{BASE_PATH}/accountManagement/resetPassword?{urlencode({'token': token.value})}"
    _send(world, account, account.end_user.email, "Reset your password",
          "Someone asked to reset your password. Choose a new one here:", [Action("Reset my password", "GET", url)], token)


def _send(world: World, account: Account, to: str, subject: str, intro: str, actions: list[Action], token: SingleUseToken) -> None:
    config = world.settings.api(API_NAME)
    actions = [Action(action.label, action.method, in_namespace(world, action.url)) for action in actions]
    context = {
        "name": account.end_user.display_name,
        "intro": intro,
        "actions": actions,
        "token": token.value,
        "expires": iso(token.expires, millis=False),
        "brand": config.brand,
    }
    world.send_mail(
        API_NAME,
        sender=(config.brand, config.mail_from),
        to=[(account.end_user.display_name, to)],
        subject=f"{config.brand}: {subject}",
        text=_templates.get_template("mail.txt").render(context),
        html=_templates.get_template("mail.html").render(context),
        headers={"X-Overkiz-Token-Kind": token.kind},
    )
