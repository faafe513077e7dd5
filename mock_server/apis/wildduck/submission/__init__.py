"""Writing and sending mail as a user (the real server's ``lib/api/submit.js`` and the
upload, draft submit, forward and outbound routes of ``lib/api/messages.js``).

- ``composer`` builds RFC 822 sources from the real JSON form (what nodemailer's
  MailComposer does on the real server); ``reference`` reads the message a reply or forward
  refers to; ``identity`` decides which From address a user may use; ``limits`` counts
  recipients per day; ``upload`` stores a message in a mailbox; ``submit`` sends one.
- Everything that leaves goes through ``..outbound``: the namespace's outbox, local delivery,
  and the queue of scheduled messages.
"""
