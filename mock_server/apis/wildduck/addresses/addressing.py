"""How the real server spells and compares addresses and usernames.

An address is stored in lower case with its domain in Unicode (internationalized addresses
such as ``андрис@уайлддак.орг`` are allowed); two addresses are the same mailbox when they
match ignoring case and the dots in the local part ("first.last" is "firstlast").
"""

from __future__ import annotations

import unicodedata


def normalize_address(address: str) -> str:
    local, _, domain = address.strip().rpartition("@")
    return f"{unicodedata.normalize('NFC', local).lower()}@{_unicode_domain(domain)}"


def normalize_domain(domain: str) -> str:
    """A domain as stored: lower case, in Unicode (the real server's ``normalizeDomain``)."""
    return _unicode_domain(domain.strip())


def addrview(address: str) -> str:
    local, _, domain = normalize_address(address).rpartition("@")
    return f"{local.replace('.', '')}@{domain}"


def unameview(username: str) -> str:
    """The real server's ``uview``: lower case, dots removed before any ``@`` only."""
    local, at, domain = username.partition("@")
    return f"{local.replace('.', '')}{at}{domain}".lower()


def _unicode_domain(domain: str) -> str:
    domain = domain.lower()
    try:
        return domain.encode("ascii").decode("idna") if "xn--" in domain else domain
    except UnicodeError:
        return domain

