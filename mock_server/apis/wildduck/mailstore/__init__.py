"""The mail half of WildDuck: mailboxes, messages, search, filters, autoreply, archive,
delivery, and the change journal that ``/users/{user}/updates`` streams.

Plain dataclasses (``records``) and synchronous operations taking the WildDuck ``Context``
(its ``state.mail`` is the :class:`~.store.MailStore`); handlers stay thin on top.

- ``mailboxes``: default special-use set (named in the user's language), create, rename, delete
- ``messages``: store with growing UIDs, flags, moves, expiry; ``paging`` pages the ordered index
- ``mime`` reads RFC 822 sources; ``compose``, ``fakemail``, ``attachments`` write them
- ``listing`` (a mailbox page), ``search``, ``bulk`` (search and update), ``views``, ``archive``,
  ``filters``, ``autoreply``, ``quota``, ``seeding``; ``upkeep`` applies due expiries and purges before an operation
- ``delivery`` files inbound mail; ``inbound`` is the platform hook that sends what it produces
- ``journal`` records changes; ``feed`` hands them to open streams; ``stream`` writes the SSE
"""
