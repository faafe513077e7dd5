"""One package per mocked API; each exposes ``API: ApiDescriptor`` (see registry.py)."""
