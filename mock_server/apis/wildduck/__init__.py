"""WildDuck mail server HTTP API, accounts half: users, authentication, 2FA, application
passwords, addresses, quota. Mounted at the host root, as the real API is."""

from ...registry import ApiDescriptor, SpecMount
from .config import WildDuckConfig
from .context import API_NAME
from .errors import render_error
from .seed import conformance_headers, fixtures, seed_state
from .state import WildDuckState

API = ApiDescriptor(
    name=API_NAME,
    title="WildDuck mail server API",
    mounts=(SpecMount("wildduck.yaml", ""),),
    handlers_package="mock_server.apis.wildduck.handlers",
    render_error=render_error,
    auth="none by default; with MOCK_WILDDUCK_ACCESS_TOKEN set, that token as accessToken, X-Access-Token or Bearer",
    config_type=WildDuckConfig,
    state_type=WildDuckState,
    create_state=seed_state,
    fixtures=fixtures,
    conformance_headers=conformance_headers,
    json_indent=2,
)
