"""Send Email API (SSMS and SHIFT forms): templated welcome, verification and password mails."""

from ...registry import ApiDescriptor, SpecMount
from .errors import render_error
from .conformance import conformance_values
from .seed import API_NAME, conformance_headers, fixtures, seed_state
from .config import SendEmailConfig
from .state import SendEmailState

API = ApiDescriptor(
    name=API_NAME,
    title="Send Email API (SSMS and SHIFT)",
    mounts=(
        SpecMount("send-email-ssms.yaml", "/digitanium/v4/mail"),
        SpecMount("send-email-shift.yaml", "/auth/realms"),
    ),
    handlers_package="mock_server.apis.send_email.handlers",
    render_error=render_error,
    auth="Bearer access token of a tenant user (GET /_mock/fixtures/send-email)",
    config_type=SendEmailConfig,
    state_type=SendEmailState,
    create_state=seed_state,
    fixtures=fixtures,
    conformance_headers=conformance_headers,
    conformance_values=conformance_values,
)
