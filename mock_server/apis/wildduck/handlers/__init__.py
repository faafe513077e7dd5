"""Handlers of the WildDuck API: parse the request, call one domain operation, shape the answer."""
