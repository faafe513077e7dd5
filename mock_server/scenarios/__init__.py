"""Scenarios: named situations for the mock (seed records, behaviour rules, walk-through steps)."""
