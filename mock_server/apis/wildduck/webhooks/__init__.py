"""``/webhooks``: registered URLs that the mock really calls when a matching event happens
(the real ``lib/api/webhooks.js``, ``lib/events.js`` and the ``webhooks.js`` worker)."""
