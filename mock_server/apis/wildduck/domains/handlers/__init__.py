"""The domain routes, one module per real source file: ``aliases`` (domainaliases.js),
``dkim``, ``certs``, ``access`` (domainaccess.js)."""
