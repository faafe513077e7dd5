"""Application-specific passwords (lib/api/asps.js)."""
