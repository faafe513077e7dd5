"""``/audit``: a copy of one user's messages over a time range, exported as mbox (the real
``lib/api/audit.js``, ``lib/tasks/audit.js`` and ``lib/mbox-export.js``)."""
