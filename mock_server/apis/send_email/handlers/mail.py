"""``POST .../mail/test`` in its two URL forms; the tenant comes from the host or the path."""

from __future__ import annotations

import ipaddress
from typing import Any

from connexion import request

from ....links import request_origin
from ....world import current_world
from ..mailer import send_mail
from ..seed import API_NAME


def send_ssms(body: Any, token_info: dict[str, Any]) -> dict[str, Any]:
    """SSMS: ``https://{tenantId}.{hostname}/digitanium/v4/mail/test``."""
    world = current_world()
    tenant = tenant_from_host(request.headers.get("host", ""), world.settings.api(API_NAME).default_tenant)
    return send_mail(world, tenant, token_info["token"], body, request_origin)


def send_shift(tenant_id: str, body: Any, token_info: dict[str, Any]) -> dict[str, Any]:
    """SHIFT: ``https://{hostname}/auth/realms/{tenantId}/mail/test``."""
    return send_mail(current_world(), tenant_id, token_info["token"], body, request_origin)


def tenant_from_host(host: str, default: str) -> str:
    """The host's first label (``acme.localhost:8080`` -> ``acme``); the default tenant for a
    bare name or an IP address, which carry none."""
    name = host[1 : host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
    labels = name.split(".")
    if len(labels) < 2 or _is_ip(name):
        return default
    return labels[0].lower()


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
