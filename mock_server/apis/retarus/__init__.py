"""Retarus Email Continuity API: failover flags, users and password tokens of customers."""

from ...registry import ApiDescriptor, SpecMount
from .config import API_NAME, BASE_PATH, RetarusConfig
from .errors import render_error
from .seed import conformance_headers, conformance_values, fixtures, seed_state
from .state import RetarusState

API = ApiDescriptor(
    name=API_NAME,
    title="Retarus Email Continuity API v2",
    mounts=(SpecMount("retarus-email-continuity.yaml", BASE_PATH),),
    handlers_package="mock_server.apis.retarus.handlers",
    render_error=render_error,
    auth="HTTP Basic with a configured API credential (GET /_mock/fixtures/retarus)",
    config_type=RetarusConfig,
    state_type=RetarusState,
    create_state=seed_state,
    fixtures=fixtures,
    conformance_headers=conformance_headers,
    conformance_values=conformance_values,
)
