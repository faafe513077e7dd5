"""Domain names as the real server compares them (``tools.normalizeDomain``): trimmed, lower
case, and a punycode (``xn--``) name turned into Unicode."""

from __future__ import annotations

import unicodedata


def normalize_domain(domain: str) -> str:
    domain = (domain or "").strip().lower()
    if domain.startswith("xn--"):
        try:
            domain = unicodedata.normalize("NFC", domain.encode("ascii").decode("idna")).lower().strip()
        except UnicodeError:
            pass
    return domain
