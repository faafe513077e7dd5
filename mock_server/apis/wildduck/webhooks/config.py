"""Webhook delivery knobs. ``WildDuckConfig`` inherits them (``MOCK_WILDDUCK_<FIELD>``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class WebhookConfig:
    webhook_attempts: int = 5
    """Tries per delivery before it is given up (the real worker: 5)."""
    webhook_backoff_seconds: float = 2.0
    """Wait before the first retry; doubled for each further one (the real worker: 2 s)."""
    webhook_timeout_seconds: float = 10.0
    """How long one POST may take before it counts as failed."""
    webhook_queue_size: int = 1000
    """Deliveries that may wait at once (per server); past it new ones are dropped."""
