"""Accounts (the real server's lib/api/users.js): users, their views and handlers."""
