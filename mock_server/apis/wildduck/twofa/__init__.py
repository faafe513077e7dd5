"""Two-factor authentication (lib/api/2fa/*.js)."""
