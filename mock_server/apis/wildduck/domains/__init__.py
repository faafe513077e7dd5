"""Domain-wide records: ``lib/api/domainaliases.js`` (``aliases``), ``dkim.js``
(``dkim_keys``, and ``dkim_signing`` for the mail WildDuck sends), ``certs.js``
(``certificates``) and ``domainaccess.js`` (``access_lists``, consulted by delivery).
``store`` holds the records; ``handlers/`` serves the routes, one module per real file."""
