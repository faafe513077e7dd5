"""Handlers of the Send Email API (both URL forms share one operation)."""
