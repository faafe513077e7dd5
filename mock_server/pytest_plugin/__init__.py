"""The mock server inside any project's pytest run: see plugin.py (the ``pytest11`` entry
point) for the fixtures; the types below are for a test's annotations."""

from .namespace import MockNamespace
from .outbox import Mail, Outbox
from .clock import NamespaceClock
from .plugin import MockServerHandle

__all__ = ["Mail", "MockNamespace", "MockServerHandle", "NamespaceClock", "Outbox"]
