"""File storage for attachments (the real server's ``lib/api/storage.js``): files a client
uploads once and then names by id in a draft (``files``) or a submission."""
