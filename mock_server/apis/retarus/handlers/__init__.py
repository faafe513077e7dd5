"""Handlers of the Retarus Email Continuity API, one module per tag of the document."""
