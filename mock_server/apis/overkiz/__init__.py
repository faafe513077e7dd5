"""Overkiz End-User API: sign-up, sessions, single-use tokens and password quality."""

from ...registry import ApiDescriptor, SpecMount
from .config import OverkizConfig
from .errors import render_error
from .names import API_NAME, BASE_PATH
from .seed import conformance_headers, conformance_values, fixtures, seed_state
from .state import OverkizState

API = ApiDescriptor(
    name=API_NAME,
    title="Overkiz End-User API",
    mounts=(SpecMount("overkiz-enduser.yaml", BASE_PATH),),
    handlers_package="mock_server.apis.overkiz.handlers",
    render_error=render_error,
    auth="POST /login (userId + userPassword) sets a JSESSIONID cookie (accounts: GET /_mock/fixtures/overkiz)",
    config_type=OverkizConfig,
    state_type=OverkizState,
    create_state=seed_state,
    fixtures=fixtures,
    conformance_headers=conformance_headers,
    conformance_values=conformance_values,
)
