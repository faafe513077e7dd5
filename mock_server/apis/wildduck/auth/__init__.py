"""Authentication (lib/api/auth.js): password and application-password checks, the auth log, rate limits."""
