"""Handlers of the Overkiz End-User API: thin, parse -> domain operation -> response."""
