"""``/termsOfUse/{gatewayId}/accept|decline/{token}``: one token answers once, either way."""

from __future__ import annotations

from ....world import current_world
from .. import accounts


def accept(gateway_id: str, token: str) -> dict[str, bool]:
    accounts.answer_terms_of_use(current_world(), gateway_id, token, accept=True)
    return {"TermsOfUseValidated": True}


def decline(gateway_id: str, token: str) -> dict[str, bool]:
    accounts.answer_terms_of_use(current_world(), gateway_id, token, accept=False)
    return {"TermsOfUseDeclined": True}
