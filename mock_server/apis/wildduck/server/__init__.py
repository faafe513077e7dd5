"""The server-wide routes: ``lib/api/settings.js`` (``settings``), ``health.js`` and
``acme.js`` (``handlers``)."""
