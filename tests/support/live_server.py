"""The project's tests use the pytest plugin's in-process server (kept importable here)."""

from mock_server.pytest_plugin.live_server import LiveServer

__all__ = ["LiveServer"]
