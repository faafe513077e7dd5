"""WildDuck mail server HTTP API: users, authentication, 2FA, application passwords,
addresses, quota, and the mail (mailboxes, messages, filters, autoreply, archive, live
updates; see mailstore/). Mounted at the host root, as the real API is. Mail that any API
sends to a WildDuck user's address is delivered to them (``accept_mail``)."""

from ...registry import ApiDescriptor, SpecMount
from .access.routing import prepare
from .config import WildDuckConfig
from .context import API_NAME
from .errors import render_error
from .mailstore.inbound import accept_mail
from .conformance import conformance_values
from .seed import conformance_headers, fixtures, seed_state
from .state import WildDuckState

API = ApiDescriptor(
    name=API_NAME,
    title="WildDuck mail server API",
    mounts=(SpecMount("wildduck.yaml", ""),),
    handlers_package="mock_server.apis.wildduck",
    render_error=render_error,
    auth=("none by default; with MOCK_WILDDUCK_ACCESS_TOKEN set, that token as accessToken, X-Access-Token or"
          " Bearer; user tokens from POST /authenticate (token: true) the same ways"),
    config_type=WildDuckConfig,
    state_type=WildDuckState,
    create_state=seed_state,
    fixtures=fixtures,
    conformance_headers=conformance_headers,
    conformance_values=conformance_values,
    accept_mail=accept_mail,
    json_indent=2,
    json_ascii_only=False,
    rewrite_path=prepare,
)
